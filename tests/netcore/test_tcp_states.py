"""The kernel's TCP states for SockLab's own connections (issue 11, item 8), read from /proc on Linux.

Real loopback sockets: a TcpServer and a TcpClient, then a half-close from
the client — the states a textbook draws, as the kernel reports them.
"""

from __future__ import annotations

import socket
import sys

import pytest

from netcore import TcpClient, TcpServer
from netcore.tcp_states import StateTable, available, canonical_host, parse_address, parse_line, read_table

from .support import start

linux_only = pytest.mark.skipif(not (sys.platform.startswith("linux") and available()),
                                reason="the kernel's TCP tables are read from /proc (Linux)")


def test_the_kernels_hex_addresses_are_read():
    assert parse_address("0100007F:1F90") == ("127.0.0.1", 8080)
    assert parse_address("00000000000000000000000001000000:0050") == ("::1", 80)
    # an IPv4 client reaching a dual-stack socket shows as ::ffff:127.0.0.1: the same host
    assert parse_address("0000000000000000FFFF00000100007F:0016") == ("127.0.0.1", 22)
    line = ("   3: 0100007F:1F90 0100007F:D431 08 00000000:00000000 00:00000000 00000000  1000 "
            "       0 424242 1 0000000000000000 20 4 30 10 -1")
    entry = parse_line(line)
    assert entry is not None
    assert (entry.local, entry.remote, entry.state, entry.inode) == (
        ("127.0.0.1", 8080), ("127.0.0.1", 54321), "CLOSE_WAIT", 424242)
    assert parse_line("  sl  local_address rem_address   st tx_queue ...") is None
    assert parse_line("   4: garbage") is None
    assert canonical_host("::ffff:10.0.0.1") == "10.0.0.1"
    assert canonical_host("fe80::1%lo") == "fe80::1"


def test_a_missing_table_is_no_table():
    assert read_table(tables=["/nonexistent/tcp"]) == ()
    assert not available(["/nonexistent/tcp"])


@linux_only
def test_listen_then_established_then_a_half_close(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    table = StateTable(read_table([port]))
    assert table.listening(("127.0.0.1", port)) == "LISTEN"

    client = make(TcpClient, "127.0.0.1", port, name="cli")
    local = start(client)[0]
    ends = (local.host, local.port), ("127.0.0.1", port)

    def states() -> tuple[str | None, str | None]:
        snapshot = StateTable(read_table([port]))
        return snapshot.connection(*ends), snapshot.accepted([port], ends[0])

    assert _eventually(states, ("ESTABLISHED", "ESTABLISHED"))

    client.shutdown_write()  # the client's FIN: it is done sending, the server may still send
    # the client waits for the server's FIN (FIN_WAIT2); the server has not closed yet (CLOSE_WAIT)
    assert _eventually(states, ("FIN_WAIT2", "CLOSE_WAIT"))
    # other processes' sockets on other ports were filtered out by port
    assert all(port in (e.local[1], e.remote[1]) for e in read_table([port]))


@linux_only
def test_an_ipv6_listener_and_connection():
    with socket.socket(socket.AF_INET6) as listener:
        try:
            listener.bind(("::1", 0))
        except OSError:
            pytest.skip("no IPv6 loopback here")
        listener.listen()
        port = listener.getsockname()[1]
        with socket.create_connection(("::1", port), timeout=2) as client:
            accepted, _ = listener.accept()
            with accepted:
                snapshot = StateTable(read_table([port]))
                assert snapshot.listening(("::1", port)) == "LISTEN"
                assert snapshot.connection(client.getsockname()[:2], ("::1", port)) == "ESTABLISHED"


def _eventually(read, expected, timeout: float = 3.0):
    """``read()`` until it returns ``expected`` (the kernel moves on its own time); the last value."""
    import time

    deadline = time.monotonic() + timeout
    value = read()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.01)
        value = read()
    assert value == expected, value
    return True


def test_a_half_close_is_traced_as_the_call_it_is(make, rec):
    from netcore import EventTracer, SocketCall

    tracer = EventTracer(rec)
    server = make(TcpServer, "127.0.0.1", 0, name="srv", tracer=tracer)
    port = start(server)[0].port
    client = make(TcpClient, "127.0.0.1", port, name="cli", tracer=EventTracer(rec))
    start(client)
    conn_id = rec.wait(lambda evs: [e.conn for e in evs if type(e).__name__ == "PeerConnected"])[0]
    client.shutdown_write()
    server.shutdown_write(conn_id)
    rec.wait(lambda evs: [e for e in evs if isinstance(e, SocketCall) and e.source == "srv"
                          and e.call == "conn1.shutdown(SHUT_WR)"])
    rec.wait(lambda evs: [e for e in evs if isinstance(e, SocketCall) and e.source == "cli"
                          and e.call == "s.shutdown(SHUT_WR)"])
