"""The socket-call trace (EventTracer → SocketCall): exact lines for real exchanges, summaries in a flood.

Every exchange here runs over loopback; the trace must be exactly the calls the
endpoint made, in order, as a beginner would write them in Python.
"""

from __future__ import annotations

import socket

from netcore import (
    DatagramsDropped,
    DatagramsReceived,
    EventTracer,
    OptionsApplied,
    SocketCall,
    TcpClient,
    TcpServer,
    UdpClient,
    UdpServer,
)
from netcore.limits import UDP_RCVBUF
from tests.helpers import wait_for
from tests.netcore.support import closed_port, start

EAGAIN = "BlockingIOError [Errno 11]"


def lines(rec, source: str) -> list[tuple[str, str]]:
    return [(e.call, e.result) for e in rec.of(SocketCall, source)]


def traced(rec, source: str, func: str) -> list[SocketCall]:
    return [e for e in rec.of(SocketCall, source) if e.func == func]


def test_a_tcp_server_start_accept_recv_send_close_is_traced_call_by_call(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv", tracer=EventTracer(rec))
    port = start(server)[0].port
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        client = raw.getsockname()
        raw.sendall(b"hello world!")
        rec.wait(lambda _: rec.received("srv") == b"hello world!")
        server.send(b"hi")
        assert raw.recv(10) == b"hi"
    rec.wait(lambda _: ("conn1.recv(16384)", "b''") in lines(rec, "srv"))
    server.stop()
    assert lines(rec, "srv") == [
        ("s = socket(AF_INET, SOCK_STREAM)", ""),
        ("s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)", ""),
        ("s.bind(('127.0.0.1', 0))", ""),
        ("s.listen(128)", ""),
        ("s.setblocking(False)", ""),
        ("sel.register(s, EVENT_READ)", ""),
        ("s.getsockname()", f"('127.0.0.1', {port})"),
        ("conn1, addr = s.accept()", repr(client)),
        ("conn1.setblocking(False)", ""),
        ("conn1.setsockopt(IPPROTO_TCP, TCP_NODELAY, 1)", ""),
        ("sel.register(conn1, EVENT_READ)", ""),
        ("s.accept()", EAGAIN),
        ("conn1.recv(16384)", "12 bytes"),
        ("conn1.send(b'hi')", "2"),
        ("conn1.recv(16384)", "b''"),
        ("sel.unregister(conn1)", ""),
        ("sel.unregister(s)", ""),
        ("s.close()", ""),
        ("conn1.close()", ""),
    ]
    events = rec.of(SocketCall, "srv")
    assert [(e.sock, e.func) for e in events[:2]] == [("s", "socket"), ("s", "setsockopt")]
    accept = events[7]
    assert (accept.sock, accept.func, accept.errno, accept.count) == ("s", "accept", None, 1)
    would_block = events[11]
    assert (would_block.func, would_block.errno) == ("accept", 11)
    assert [e.size for e in events if e.func in ("recv", "send")] == [12, 2, 0]


def test_a_udp_exchange_is_traced_on_both_sides(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv", tracer=EventTracer(rec))
    port = start(server)[0].port
    client = make(UdpClient, "127.0.0.1", port, name="cli", tracer=EventTracer(rec))
    local = start(client)[0].port
    client.send(b"hi")
    rec.wait(lambda _: rec.of(DatagramsReceived, "srv"))
    server.send(b"[ctime] hi")
    rec.wait(lambda _: rec.of(DatagramsReceived, "cli"))
    rec.wait(lambda _: traced(rec, "cli", "recvfrom")[-1:] and traced(rec, "cli", "recvfrom")[-1].errno)
    client.stop()
    server.stop()
    assert lines(rec, "srv") == [
        ("s = socket(AF_INET, SOCK_DGRAM)", ""),
        ("s.setsockopt(SOL_SOCKET, SO_RCVBUF, 4194304)", ""),
        ("s.bind(('127.0.0.1', 0))", ""),
        ("s.setblocking(False)", ""),
        ("sel.register(s, EVENT_READ)", ""),
        ("s.getsockname()", f"('127.0.0.1', {port})"),
        ("s.recvfrom(65536)", f"(2 bytes, ('127.0.0.1', {local}))"),
        ("s.recvfrom(65536)", EAGAIN),
        ("s.sendto(b'[ctime] hi', ('127.0.0.1', " + f"{local}))", "10"),
        ("s.close()", ""),
    ]
    assert UDP_RCVBUF == 4194304
    values = dict(rec.of(OptionsApplied, "cli")[0].values)  # what the kernel gave: Linux doubles it
    assert lines(rec, "cli") == [
        ("s = socket(AF_INET, SOCK_DGRAM)", ""),
        ("s.setsockopt(SOL_SOCKET, SO_RCVBUF, 4194304)", ""),
        ("s.connect(('127.0.0.1', " + f"{port}))", ""),
        ("s.setblocking(False)", ""),
        ("s.getsockname()", f"('127.0.0.1', {local})"),
        ("s.getsockopt(SOL_SOCKET, SO_RCVBUF)", values["SO_RCVBUF"]),
        ("s.getsockopt(SOL_SOCKET, SO_SNDBUF)", values["SO_SNDBUF"]),
        ("sel.register(s, EVENT_READ)", ""),
        ("s.send(b'hi')", "2"),
        ("s.recvfrom(65536)", f"(10 bytes, ('127.0.0.1', {port}))"),
        ("s.recvfrom(65536)", EAGAIN),
        ("s.close()", ""),
    ]


def test_a_refused_connection_shows_the_error_the_kernel_gave(make, rec):
    port = closed_port()
    client = make(TcpClient, "127.0.0.1", port, name="cli", tracer=EventTracer(rec))
    client.start()
    wait_for(lambda: not client.running)
    assert lines(rec, "cli") == [
        ("s = socket(AF_INET, SOCK_STREAM)", ""),
        ("s.setblocking(False)", ""),
        ("s.connect_ex(('127.0.0.1', " + f"{port}))", "115 (EINPROGRESS)"),
        ("sel.register(s, EVENT_WRITE)", ""),
        ("s.getsockopt(SOL_SOCKET, SO_ERROR)", "111 (ECONNREFUSED)"),
        ("sel.unregister(s)", ""),
        ("s.close()", ""),
    ]
    assert traced(rec, "cli", "getsockopt")[0].errno == 111


def test_a_port_in_use_is_traced_as_the_exception(make, rec):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = make(TcpServer, "127.0.0.1", port, name="srv", tracer=EventTracer(rec))
        server.start()
        wait_for(lambda: not server.running)
    bind = traced(rec, "srv", "bind")[0]
    assert (bind.call, bind.result, bind.errno) == (f"s.bind(('127.0.0.1', {port}))",
                                                    "OSError [Errno 98]", 98)


def test_a_udp_flood_is_summarised_and_every_datagram_counted(make, rec):
    tracer = EventTracer(rec, interval=0.05)
    server = make(UdpServer, "127.0.0.1", 0, name="srv", tracer=tracer)
    port = start(server)[0].port
    sent = 20_000
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as raw:
        for _ in range(sent):
            raw.sendto(b"f" * 64, ("127.0.0.1", port))

    def received() -> int:
        return sum(len(e) for e in rec.of(DatagramsReceived, "srv"))

    def counted() -> int:
        return sum(e.count for e in traced(rec, "srv", "recvfrom") if e.errno is None)

    def dropped() -> int:  # by the kernel, if this machine is busy: not read, so not traced
        return max((e.total for e in rec.of(DatagramsDropped, "srv")), default=0)

    # the last summary comes by itself, once the interval is over: the endpoint wakes up for it
    wait_for(lambda: received() + dropped() == sent and counted() == received(), timeout=10)
    got = received()
    assert got > 1000
    calls = traced(rec, "srv", "recvfrom")
    data = [e for e in calls if e.errno is None]
    assert sum(e.size for e in data) == got * 64
    assert len(calls) < 200  # a few lines per interval, not one per datagram
    summaries = [e for e in data if e.count > 1]
    assert summaries and all(e.call == "s.recvfrom(…)" for e in summaries)
    assert all(e.result == f"{e.size:,} bytes in all" for e in summaries)
    # once the flood is over (an interval passed with few calls), each call is a line again
    wait_for(lambda: not tracer.flood.on)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as raw:
        raw.sendto(b"one", ("127.0.0.1", port))
        me = raw.getsockname()[1]
        wait_for(lambda: lines(rec, "srv")[-2:] == [("s.recvfrom(65536)", f"(3 bytes, ('127.0.0.1', {me}))"),
                                                    ("s.recvfrom(65536)", EAGAIN)])


def test_a_tcp_flood_then_end_of_file_keeps_its_order(make, rec):
    # a small budget: the reads grow to 1 MiB, so 32 MiB is only about 50 calls
    server = make(TcpServer, "127.0.0.1", 0, name="srv", tracer=EventTracer(rec, budget=5),
                  max_unconsumed=None)
    port = start(server)[0].port
    total = 32 * 1024 * 1024
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        block = b"x" * 65536
        for _ in range(total // len(block)):
            raw.sendall(block)
    wait_for(lambda: ("conn1.recv(16384)", "b''") in lines(rec, "srv") or
             any(e.result == "b''" for e in traced(rec, "srv", "recv")), timeout=20)
    recvs = traced(rec, "srv", "recv")
    assert recvs[-1].result == "b''" and recvs[-1].count == 1  # the end of file, last, on its own
    assert sum(e.size for e in recvs) == total
    assert sum(e.count for e in recvs) > 2 * len(recvs)  # summarised
    assert len(rec.of(SocketCall, "srv")) < 300


def test_many_connections_are_summarised_as_one_kind_of_call(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv", tracer=EventTracer(rec), max_clients=1000)
    port = start(server)[0].port
    clients = []
    try:
        for _ in range(300):
            clients.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        wait_for(lambda: len(server.peers()) == 300, timeout=10)
    finally:
        for raw in clients:
            raw.close()
    server.stop()
    accepts = [e for e in traced(rec, "srv", "accept") if e.errno is None]
    assert sum(e.count for e in accepts) == 300
    assert len(rec.of(SocketCall, "srv")) < 200  # not 5 lines per client
    summary = next(e for e in accepts if e.count > 1)
    assert summary.call == "conn*, addr = s.accept()" and summary.result == "…"
    closes = [e for e in traced(rec, "srv", "close") if e.sock.startswith("conn")]
    assert sum(e.count for e in closes) == 300
    assert any(e.call == "conn*.close()" for e in closes)
