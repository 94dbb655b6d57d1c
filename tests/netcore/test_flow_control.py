"""Flow control: a consumer that falls behind holds the sender back instead of filling memory."""

from __future__ import annotations

import contextlib
import socket
import threading

import netcore
from netcore.stream import READ_BATCH, READ_MAX

from ..helpers import Recorder, wait_for

LIMIT = 1024 * 1024
ONE_BATCH = READ_BATCH + READ_MAX  # a batch stops once past READ_BATCH, after a read of up to READ_MAX


def _flood(port: int, total: int, done: threading.Event) -> None:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"f" * total)
    done.set()


def test_reading_pauses_while_the_consumer_lags_and_nothing_is_lost():
    events = Recorder()
    server = netcore.TcpServer(events, "127.0.0.1", 0, max_unconsumed=LIMIT, name="srv")
    server.start()
    try:
        port = server.wait_ready()[0].port
        total = 16 * LIMIT
        done = threading.Event()
        sender = threading.Thread(target=_flood, args=(port, total, done))
        sender.start()
        # nobody consumes: the server reads a little over the limit, then stops reading
        wait_for(lambda: server.reading_paused)
        received = sum(len(e.data) for e in events.of(netcore.DataReceived))
        assert LIMIT < received <= LIMIT + ONE_BATCH  # at most one read batch past the limit
        assert not done.is_set()  # TCP flow control holds the sender back
        # the consumer catches up, acknowledging as it goes: everything arrives
        acknowledged = 0

        def consume() -> bool:
            nonlocal acknowledged
            got = sum(len(e.data) for e in events.of(netcore.DataReceived))
            if got > acknowledged:
                server.consumed(got - acknowledged)
                acknowledged = got
            return got == total

        wait_for(consume, timeout=30)
        sender.join(10)
        assert done.is_set()
    finally:
        server.stop()


def test_without_a_limit_nothing_pauses():
    events = Recorder()
    server = netcore.TcpServer(events, "127.0.0.1", 0, name="srv")
    server.start()
    try:
        port = server.wait_ready()[0].port
        done = threading.Event()
        _flood(port, 8 * LIMIT, done)
        events.wait(lambda evs: sum(len(e.data) for e in evs if isinstance(e, netcore.DataReceived))
                    == 8 * LIMIT)
        assert not server.reading_paused
        server.consumed(123)  # harmless without a limit
    finally:
        server.stop()


def test_the_tcp_client_pauses_too():
    events = Recorder()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = netcore.TcpClient(events, "127.0.0.1", listener.getsockname()[1], max_unconsumed=LIMIT,
                               name="cli")
    client.start()
    conn = None
    try:
        client.wait_ready()
        conn, _ = listener.accept()
        conn.setblocking(False)
        block = b"c" * 65536

        def fill() -> bool:  # send whatever the kernel takes until the client stops reading
            with contextlib.suppress(BlockingIOError):
                conn.send(block)
            return client.reading_paused

        wait_for(fill, timeout=10, interval=0)
        got = sum(len(e.data) for e in events.of(netcore.DataReceived))
        assert got <= LIMIT + ONE_BATCH
        client.consumed(got)  # caught up: it reads again (and may soon pause again: the buffers are full)
        # more to read, in case it had drained the socket before pausing (blocks until it reads again)
        conn.setblocking(True)
        conn.settimeout(5)
        conn.sendall(b"more")
        wait_for(lambda: sum(len(e.data) for e in events.of(netcore.DataReceived)) > got)
    finally:
        client.stop()
        if conn is not None:
            conn.close()
        listener.close()
