"""Bulk TCP transfers over 127.0.0.1: nothing lost, nothing reordered, DataSent exact."""

from __future__ import annotations

import hashlib
import random
import socket

from netcore import DataReceived, DataSent, Error, Peer, TcpClient, TcpServer
from tests.helpers import wait_for

from .support import port_of, start

MB = 1024 * 1024


def _bytes_in(rec, source: str) -> int:
    return sum(len(e.data) for e in rec.of(DataReceived, source))


def test_fifty_megabytes_client_to_server(make, rec):
    total = 50 * MB
    chunk = MB
    rng = random.Random(20240501)
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    (local,) = start(client)

    expected = hashlib.sha256()
    for _ in range(total // chunk):
        block = rng.randbytes(chunk)
        expected.update(block)
        client.send(block)

    rec.wait(lambda _: _bytes_in(rec, "srv") >= total, timeout=60)
    got = hashlib.sha256()
    for event in rec.of(DataReceived, "srv"):
        assert event.peer == local
        got.update(event.data)
    assert _bytes_in(rec, "srv") == total
    assert got.hexdigest() == expected.hexdigest()
    rec.wait(lambda _: sum(e.size for e in rec.of(DataSent, "cli")) == total, timeout=10)
    assert [e.size for e in rec.of(DataSent, "cli")] == [chunk] * (total // chunk)
    assert not rec.of(Error)


def test_megabytes_server_to_client_with_exact_data_sent(make, rec):
    sizes = [3 * MB, 1, 2 * MB + 12345, 777, MB]
    rng = random.Random(7)
    blocks = [rng.randbytes(n) for n in sizes]
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    (local,) = start(client)
    rec.wait(lambda _: server.peers() == (local,))

    for block in blocks:
        server.send(block, peer=local)

    rec.wait(lambda _: _bytes_in(rec, "cli") >= sum(sizes), timeout=30)
    assert rec.received("cli") == b"".join(blocks)
    rec.wait(lambda _: len(rec.of(DataSent, "srv")) == len(sizes))
    sent = rec.of(DataSent, "srv")
    assert [e.size for e in sent] == sizes
    assert all(e.peer == local for e in sent)
    assert not rec.of(Error)


def test_slow_reader_makes_the_server_buffer_and_finish_later(make, rec):
    # A raw client that does not read at first: the kernel buffers fill up, so
    # the server must keep the rest, wait for EVENT_WRITE and finish the job.
    sizes = [4 * MB, 1, 2 * MB + 12345, 777, 2 * MB]
    total = sum(sizes)
    rng = random.Random(11)
    blocks = [rng.randbytes(n) for n in sizes]
    masks: list[str] = []  # what the selector is asked to wait for on the client's connection

    class SelectorSpy:  # a tracer (netcore's seam for socket calls) that keeps the selector calls
        def call(self, source, sock, func, args, result, errno, size):
            if sock == "sel" and func in ("register", "modify") and args.startswith("conn"):
                masks.append(args.split(", ", 1)[1])

        def flush(self, force=False):
            pass

    server = make(TcpServer, "127.0.0.1", 0, tracer=SelectorSpy(), name="srv")
    port = port_of(start(server))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as raw:
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
        raw.settimeout(10)
        raw.connect(("127.0.0.1", port))
        local = Peer.ipv4(*raw.getsockname())
        rec.wait(lambda _: server.peers() == (local,))
        for block in blocks:
            server.send(block, peer=local)
        wait_for(lambda: any("EVENT_WRITE" in m for m in masks))
        # not everything is in the kernel yet, so not every DataSent may have come
        assert sum(e.size for e in rec.of(DataSent, "srv")) < total

        digest = hashlib.sha256()
        got = 0
        for _ in range(total // 1024 + 1000):  # bounded: recv never returns less than 1 byte here
            if got >= total:
                break
            data = raw.recv(256 * 1024)
            assert data, "server closed early"
            digest.update(data)
            got += len(data)
        assert got == total
        assert digest.hexdigest() == hashlib.sha256(b"".join(blocks)).hexdigest()

        rec.wait(lambda _: len(rec.of(DataSent, "srv")) == len(sizes))
        assert [e.size for e in rec.of(DataSent, "srv")] == sizes
        wait_for(lambda: masks[-1] == "EVENT_READ")  # stops watching for writability
    assert not rec.of(Error)


def test_echo_server_returns_every_byte(make, rec):
    payload = random.Random(3).randbytes(2 * MB)
    server = make(TcpServer, "127.0.0.1", 0, echo=True, name="srv")
    port = port_of(start(server))
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    start(client)
    client.send(payload)
    rec.wait(lambda _: _bytes_in(rec, "cli") >= len(payload), timeout=30)
    assert rec.received("cli") == payload
    assert rec.received("srv") == payload
