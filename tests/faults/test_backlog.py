"""Case 5: a peer that does not read while the other side keeps sending.

Write flow control: ``max_buffered`` bounds what may wait for one connection;
``send()`` beyond it raises NetError "backlog_full" on the caller's thread (or
waits for room with ``wait=``), and WritingPaused/WritingResumed events come at
the high and low water marks.
"""

from __future__ import annotations

import selectors
import socket
import struct
import threading
import time

import pytest

from netcore import DataSent, Error, NetError, Peer, TcpClient, TcpServer, WritingPaused, WritingResumed
from tests.helpers import wait_for
from tests.netcore.support import errors, port_of, start, stopped

from .tools import MiB, assert_plain, processed, recv_exactly

BLOCK = 256 * 1024
MAX_BUFFERED = 2 * MiB
HIGH = MiB
LOW = 256 * 1024
MAX_BLOCKS = 200  # 50 MiB: far more than the kernel buffers (a few MiB) and the budget can hold
FLOW = {"max_buffered": MAX_BUFFERED, "write_high": HIGH, "write_low": LOW}


def block(index: int) -> bytes:
    """A 256 KiB block that says which one it is."""
    return struct.pack(">I", index) * (BLOCK // 4)


class Flood:
    """Numbered blocks sent by ``source`` to ``peer`` until ``send()`` refuses one; then accounted for."""

    def __init__(self, rec, source: str, peer: Peer) -> None:
        self.rec, self.source, self.peer = rec, source, peer
        self.sent = 0  # blocks send() accepted
        self.most_buffered = 0
        self.refusal: NetError | None = None

    def written(self) -> list[DataSent]:
        return [e for e in self.rec.of(DataSent, self.source) if e.peer == self.peer and e.size == BLOCK]

    def run(self, endpoint, send, buffered) -> None:
        """Send until the first refusal (bounded); ``buffered()`` reads the connection's write budget.

        Each block is handed to the I/O thread before the next is sent (the budget also counts
        blocks still on their way to it), so the refusal comes once the kernel's buffers are full
        and the endpoint's own queue holds ``max_buffered`` bytes.
        """
        while True:
            assert self.sent < MAX_BLOCKS, f"no backlog_full after {MAX_BLOCKS} blocks of {BLOCK} bytes"
            try:
                send(block(self.sent))
            except NetError as err:
                self.refusal = err
                break
            self.sent += 1
            processed(endpoint)
            self.most_buffered = max(self.most_buffered, buffered())
        assert MAX_BUFFERED - BLOCK < self.most_buffered <= MAX_BUFFERED  # it filled up, and no further

    def drain(self, sock: socket.socket, done=lambda: True, timeout: float = 10.0) -> bytes:
        """Read until every accepted block is reported sent and has arrived (and ``done()``)."""
        sock.setblocking(False)
        data = bytearray()
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(sock, selectors.EVENT_READ)
            while True:
                finished = done()  # read first: a block accepted after this is not counted yet
                written = len(self.written())
                if finished and written == self.sent and len(data) == written * BLOCK:
                    break
                remaining = deadline - time.monotonic()
                assert remaining > 0, f"read {len(data)} B; {written} of {self.sent} accepted blocks sent"
                if selector.select(min(remaining, 0.05)):
                    try:
                        while chunk := sock.recv(1 << 20):
                            data += chunk
                    except BlockingIOError:
                        pass
        sock.setblocking(True)
        return bytes(data)

    def check_refusal(self, label: str) -> None:
        err = self.refusal
        assert err is not None and err.code == "backlog_full"
        assert_plain(err.message)
        assert err.message.startswith(f"{label} is not reading fast enough")
        assert "This message was not sent" in err.message
        # memory stayed bounded: what was waiting when the block was refused
        assert MAX_BUFFERED - BLOCK < int(err.params["size"]) <= MAX_BUFFERED

    def check_data(self, data: bytes) -> None:
        """Everything accepted arrived, in order and whole; nothing refused did."""
        assert len(data) == self.sent * BLOCK
        indexes = [struct.unpack(">I", data[i:i + 4])[0] for i in range(0, len(data), BLOCK)]
        assert indexes == list(range(self.sent))
        assert all(data[i * BLOCK:(i + 1) * BLOCK] == block(n) for i, n in enumerate(indexes))

    def check_water_marks(self) -> None:
        """One pause above the high mark while nobody read, one resume at the low mark once drained."""
        paused = [e for e in self.rec.of(WritingPaused, self.source) if e.peer == self.peer]
        resumed = [e for e in self.rec.of(WritingResumed, self.source) if e.peer == self.peer]
        assert len(paused) == 1 and len(resumed) == 1
        assert paused[0].buffered > HIGH and resumed[0].buffered <= LOW
        assert paused[0].time <= resumed[0].time


def test_client_flooding_a_server_that_does_not_read(make, rec):
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
        client = make(TcpClient, "127.0.0.1", port, name="cli", **FLOW)
        start(client)
        conn, _ = listener.accept()
        with conn:
            flood = Flood(rec, "cli", Peer.ipv4("127.0.0.1", port))
            flood.run(client, client.send, lambda: client.budget.used(1))
            flood.check_refusal(f"127.0.0.1:{port}")
            rec.wait(lambda _: rec.of(WritingPaused, "cli"))

            # with wait=, send() holds the caller until there is room, instead of refusing
            waited: list[object] = []

            def send_when_there_is_room() -> None:
                try:
                    client.send(block(flood.sent), wait=10)
                except NetError as err:
                    waited.append(err)
                    return
                flood.sent += 1  # the refused block, sent again: now accepted
                waited.append("sent")

            waiter = threading.Thread(target=send_when_there_is_room)
            waiter.start()
            waiter.join(0.3)
            assert waiter.is_alive() and not waited  # nobody reads: no room yet
            data = flood.drain(conn, done=lambda: not waiter.is_alive())
            waiter.join(5)
            assert waited == ["sent"]
            flood.check_data(data)
            flood.check_water_marks()
            # usable both ways once the server reads again
            client.send(b"after the flood")
            assert recv_exactly(conn, 15) == b"after the flood"
            conn.sendall(b"welcome back")
            rec.wait(lambda _: rec.received("cli") == b"welcome back")
            assert client.running and not stopped(rec, "cli")
    assert not rec.of(Error, "cli")  # a refusal is the caller's exception, not an event


def test_server_flooding_a_client_that_does_not_read(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv", **FLOW)
    port = port_of(start(server))
    reader = make(TcpClient, "127.0.0.1", port, name="reader")
    (reader_local,) = start(reader)
    with socket.create_connection(("127.0.0.1", port), timeout=5) as slow:
        peer = Peer.ipv4(*slow.getsockname())
        rec.wait(lambda _: peer in server.peers())
        (slow_id,) = [conn for conn, p in server.connections() if p == peer]
        (reader_id,) = [conn for conn, p in server.connections() if p == reader_local]
        flood = Flood(rec, "srv", peer)
        flood.run(server, lambda data: server.send(data, slow_id), lambda: server.budget.used(slow_id))
        flood.check_refusal(f"127.0.0.1:{peer.port}")
        # a client that reads is not held up by the one that does not
        assert server.send(b"meanwhile", reader_local) == (reader_id,)
        rec.wait(lambda _: rec.received("reader") == b"meanwhile")
        wait_for(lambda: server.budget.used(reader_id) == 0)  # released just after the kernel took it
        # a broadcast skips the full one (reported in an Error event) and reaches the others; as large
        # as the whole budget, it cannot fit next to anything that still waits
        assert server.send(b"b" * MAX_BUFFERED) == (reader_id,)
        rec.wait(lambda _: len(rec.received("reader")) == 9 + MAX_BUFFERED)
        rec.wait(lambda _: errors(rec, "srv"))
        (skipped,) = errors(rec, "srv")
        assert (skipped.code, skipped.peer, skipped.conn) == ("backlog_full", peer, slow_id)
        assert not skipped.fatal
        assert_plain(skipped.message)

        flood.check_data(flood.drain(slow))
        flood.check_water_marks()
        server.send(b"after the flood", peer)
        assert recv_exactly(slow, 15) == b"after the flood"
        slow.sendall(b"thanks")
        rec.wait(lambda _: rec.received("srv") == b"thanks")
    assert [e.code for e in rec.of(Error, "srv")] == ["backlog_full"]
    assert server.running


@pytest.mark.parametrize("cls", [TcpServer, TcpClient])
@pytest.mark.parametrize("wait", [-1, float("inf"), "soon", True, 3601])
def test_a_bad_wait_is_refused_on_the_callers_thread(make, cls, wait):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    endpoint = server
    if cls is TcpClient:
        endpoint = make(TcpClient, "127.0.0.1", port, name="cli")
        start(endpoint)
    else:
        client = make(TcpClient, "127.0.0.1", port, name="cli")
        start(client)
        wait_for(server.peers)
    with pytest.raises(NetError) as info:
        endpoint.send(b"x", wait=wait)
    assert info.value.code == "bad_wait"

