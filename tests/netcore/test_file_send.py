"""Sending a file over real loopback: streamed over TCP with bounded memory, cut into paced datagrams
over UDP, cancelled mid-way, and a file that cannot be read said in plain words."""

from __future__ import annotations

import hashlib
import os
import random
import socket
import threading
import time

import pytest

from netcore import DataSent, Error, NetError, TcpClient, TcpServer, UdpClient, UdpServer
from netcore.file_sender import FileDone, FileProgress, FileSend

from .support import payloads, port_of, start

MB = 1024 * 1024


def _write(path, size: int, seed: int = 5) -> str:
    """A file of ``size`` random bytes; returns its SHA-256."""
    rng = random.Random(seed)
    digest = hashlib.sha256()
    with open(path, "wb") as out:
        left = size
        while left:
            block = rng.randbytes(min(MB, left))
            digest.update(block)
            out.write(block)
            left -= len(block)
    return digest.hexdigest()


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class _Sink:
    """A plain blocking receiver on its own thread that hashes what it reads and keeps none of it."""

    def __init__(self, slow: bool = False) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.digest = hashlib.sha256()
        self.received = 0
        self.slow = slow
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        conn, _ = self.listener.accept()
        conn.settimeout(0.05)
        with conn:
            while not self.stop.is_set():
                if self.slow:  # a reader far slower than the file: the sender must wait for it
                    time.sleep(0.01)
                try:
                    data = conn.recv(4096 if self.slow else 1 << 20)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not data:
                    return
                self.digest.update(data)
                self.received += len(data)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(2)
        self.listener.close()


def test_fifty_megabytes_over_tcp_arrive_whole_with_memory_bounded(make, rec, tmp_path):
    path = tmp_path / "big.bin"
    expected = _write(path, 50 * MB)
    sink = _Sink()
    try:
        client = make(TcpClient, "127.0.0.1", sink.port, name="cli")
        start(client)
        before = _rss()
        peak = [before]
        buffered = [0]
        job = FileSend(client, path).start()
        while not job.done.wait(0.005):  # watch the sender's memory and write buffer as it goes
            peak[0] = max(peak[0], _rss())
            conn = client._conn
            if conn is not None:
                buffered[0] = max(buffered[0], conn.out_size)
        assert job.reason == "done", job.error
        assert job.sent == 50 * MB and job.total == 50 * MB
        deadline = time.monotonic() + 10
        while sink.received < 50 * MB and time.monotonic() < deadline:
            time.sleep(0.005)
        assert sink.received == 50 * MB
        assert sink.digest.hexdigest() == expected
        # never read whole: what waits is the high-water mark and a chunk or so, not the file
        assert buffered[0] <= client.write_high + 2 * 64 * 1024, buffered[0]
        assert peak[0] - before < 24 * MB, f"resident size grew {(peak[0] - before) / MB:.1f} MB"
        done = rec.wait(lambda _: rec.of(FileDone, "cli"))[0]
        assert (done.reason, done.sent, done.total, done.path) == ("done", 50 * MB, 50 * MB, str(path))
        assert done.rate > 0 and done.messages == 800
        assert sum(e.size for e in rec.of(DataSent, "cli")) == 50 * MB
        progress = rec.of(FileProgress, "cli")
        assert progress and progress[0].total == 50 * MB
        assert len(progress) <= done.elapsed * 10 + 3  # coalesced: about ten a second
    finally:
        sink.close()


def test_udp_file_goes_in_datagrams_of_the_chosen_size_at_the_chosen_pace(make, rec, tmp_path):
    path = tmp_path / "small.bin"
    data = bytes(range(256)) * 41 + b"tail"  # 10,500 bytes: ten datagrams of 1,000 and one of 500
    path.write_bytes(data)
    server = make(UdpServer, "127.0.0.1", 0, name="usrv")
    port = port_of(start(server))
    client = make(UdpClient, "127.0.0.1", port, name="ucli")
    start(client)
    began = time.monotonic()
    job = FileSend(client, path, datagram_size=1000, rate=200).start()  # one every 5 ms
    assert job.wait(5) and job.reason == "done"
    took = time.monotonic() - began
    rec.wait(lambda _: len(payloads(rec, "usrv")) >= 11)
    got = payloads(rec, "usrv")
    assert [len(p) for p in got] == [1000] * 10 + [500]
    assert b"".join(got) == data
    assert took >= 10 * 0.005 - 0.002, f"eleven datagrams at 200/s took only {took * 1000:.1f} ms"
    assert (job.messages, job.sent) == (11, len(data))

    # unpaced, with a gap given instead, and the sizes at the limits
    job = FileSend(client, path, datagram_size=65507).start()
    assert job.wait(5) and job.messages == 1
    job = FileSend(client, path, datagram_size=4000, gap=0.0).start()
    assert job.wait(5) and job.messages == 3


def test_a_udp_server_sends_a_file_to_its_last_sender(make, rec, tmp_path):
    path = tmp_path / "reply.bin"
    path.write_bytes(b"0123456789" * 300)
    server = make(UdpServer, "127.0.0.1", 0, name="usrv")
    port = port_of(start(server))
    client = make(UdpClient, "127.0.0.1", port, name="ucli")
    start(client)
    client.send(b"hello")
    rec.wait(lambda _: server.last_sender is not None)
    job = FileSend(server, path, datagram_size=1024).start()
    assert job.wait(5) and job.reason == "done"
    rec.wait(lambda _: len(payloads(rec, "ucli")) >= 3)
    assert b"".join(payloads(rec, "ucli")) == b"0123456789" * 300


def test_cancel_mid_way_stops_reading_and_closes_the_file(make, rec, tmp_path):
    path = tmp_path / "big.bin"
    _write(path, 8 * MB)
    sink = _Sink(slow=True)
    try:
        client = make(TcpClient, "127.0.0.1", sink.port, name="cli")
        start(client)
        job = FileSend(client, path).start()
        rec.wait(lambda _: rec.of(FileProgress, "cli"))
        time.sleep(0.05)
        assert not job.done.is_set(), "a slow reader should hold the file back"
        asked = time.monotonic()
        job.stop()
        assert job.wait(1.0) and time.monotonic() - asked < 0.5
        assert job.reason == "stopped"
        assert job._file is None  # closed on the I/O thread
        queued = job.queued
        assert 0 < queued < 8 * MB
        time.sleep(0.03)
        assert job.queued == queued  # nothing more is read
        done = rec.wait(lambda _: rec.of(FileDone, "cli"))[0]
        assert done.reason == "stopped" and done.sent == queued
    finally:
        sink.close()


def test_a_file_that_cannot_be_read_is_said_plainly(make, rec, tmp_path):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    start(client)
    missing = tmp_path / "nope.bin"
    job = FileSend(client, missing).start()
    assert job.wait(2)
    assert job.reason == "error" and job.error is not None and job.error.code == "file_not_found"
    assert job.error.message == f"There is no file {missing}."
    done = rec.wait(lambda _: rec.of(FileDone, "cli"))[0]
    assert done.code == "file_not_found" and dict(done.params)["path"] == str(missing)
    assert [e.code for e in rec.of(Error, "cli")] == ["file_not_found"]

    job = FileSend(client, tmp_path).start()
    assert job.wait(2) and job.error is not None and job.error.code == "file_is_folder"

    if os.geteuid() != 0:  # root reads any file
        secret = tmp_path / "secret.bin"
        secret.write_bytes(b"x")
        secret.chmod(0)
        job = FileSend(client, secret).start()
        assert job.wait(2) and job.error is not None and job.error.code == "file_denied"
    assert client.running  # the endpoint goes on


def test_bad_file_arguments_are_refused(make, rec, tmp_path):
    server = make(UdpServer, "127.0.0.1", 0, name="usrv")
    port = port_of(start(server))
    client = make(UdpClient, "127.0.0.1", port, name="ucli")
    start(client)
    with pytest.raises(NetError) as bad:
        FileSend(client, "")
    assert bad.value.code == "bad_path"
    with pytest.raises(NetError) as bad:
        FileSend(client, tmp_path / "x", datagram_size=70000)
    assert bad.value.code == "bad_datagram_size" and "65,507" in bad.value.message
    with pytest.raises(NetError) as bad:
        FileSend(client, tmp_path / "x", rate=10, gap=0.1)
    assert bad.value.code == "bad_pace"
    with pytest.raises(NetError) as bad:
        FileSend(server, tmp_path / "x")  # nobody has sent to the server yet
    assert bad.value.code == "no_sender"


def test_a_client_that_connects_mid_way_does_not_get_the_file_from_the_middle(make, rec, tmp_path):
    path = tmp_path / "big.bin"
    expected = _write(path, 8 * MB)
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    first = socket.create_connection(("127.0.0.1", port))  # reads nothing yet: the send must wait
    try:
        rec.wait(lambda _: len(server.peers()) == 1)
        job = FileSend(server, path).start()  # to every client connected now
        rec.wait(lambda _: rec.of(FileProgress, "srv"))
        late = make(TcpClient, "127.0.0.1", port, name="late")
        start(late)
        rec.wait(lambda _: len(server.peers()) == 2)
        assert not job.done.is_set(), "the first client's full buffers should hold the file back"
        digest, got = hashlib.sha256(), 0
        first.settimeout(5)
        while got < 8 * MB:
            data = first.recv(1 << 20)
            assert data
            digest.update(data)
            got += len(data)
        assert digest.hexdigest() == expected
        assert job.wait(2) and job.reason == "done"
        time.sleep(0.02)
        assert rec.received("late") == b""
    finally:
        first.close()
