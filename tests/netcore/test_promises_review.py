"""Promises broken on paths a review found (each test failed before its fix)."""

from __future__ import annotations

import math
import socket
import struct
import threading
import time

import pytest

from netcore import (
    DataReceived,
    DataSent,
    NetError,
    PeerDisconnected,
    Started,
    TcpClient,
    TcpServer,
    UdpClient,
    UdpServer,
)
from tests.faults.tools import read_to_end
from tests.netcore.support import SLOW_NAME, errors, slow_lookup, start, states, stopped


def _listener() -> socket.socket:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5)
    return listener


def test_shutdown_write_before_the_connection_is_up_is_kept(make, rec):
    listener = _listener()
    try:
        client = make(TcpClient, "127.0.0.1", listener.getsockname()[1], name="cli")
        client.start()
        client.send(b"request")
        client.shutdown_write()  # before Started: EOF must follow the request all the same
        conn, _ = listener.accept()
        with conn:
            assert read_to_end(conn) == (b"request", "eof")
    finally:
        listener.close()


class _SlowConnectTracer:
    """A tracer that takes its time (a GUI log might): it widens the gap between connect and write."""

    def call(self, source, sock, func, args, result, errno, size):
        if func == "getsockname":
            time.sleep(0.5)

    def flush(self, force=False):
        pass


def test_early_data_a_reset_prevents_from_going_out_is_reported_in_full(make, rec):
    listener = _listener()
    port = listener.getsockname()[1]

    def reset_at_once():
        conn, _ = listener.accept()
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()

    resetter = threading.Thread(target=reset_at_once, daemon=True)
    resetter.start()
    try:
        client = make(TcpClient, "127.0.0.1", port, name="cli", tracer=_SlowConnectTracer())
        client.start()
        accepted = 0
        for _ in range(5):
            try:
                client.send(b"x" * 1000)
            except NetError:  # a loaded machine may let the reset end the client first: refused, not lost
                continue
            accepted += 1000
        rec.wait(lambda evs: not client.running, timeout=15)
        resetter.join(15)
        sent = sum(e.size for e in rec.of(DataSent, "cli"))
        unsent = sum(int(dict(e.params)["size"]) for e in errors(rec, "cli", "unsent"))
        assert sent + unsent == accepted, (accepted, sent, unsent, [e.code for e in errors(rec, "cli")])
    finally:
        listener.close()


class _HoldConnectedTracer:
    """Holds the I/O thread in its connect callback (connected, at getsockname) until released."""

    def __init__(self) -> None:
        self.connected = threading.Event()
        self.release = threading.Event()

    def call(self, source, sock, func, args, result, errno, size):
        if func == "getsockname":
            self.connected.set()
            self.release.wait(10)

    def flush(self, force=False):
        pass


def test_sends_that_reach_the_io_thread_after_a_reset_are_reported_unsent(make, rec):
    # The other order of the test above (which a warm, busy process often takes): the connection
    # is up before the sends reach the I/O thread, and the server resets it before the first write.
    # The first send meets the reset; the next ones find the connection closed.  Every byte must be
    # told as "unsent", whichever of the two the I/O thread found, not some under another code.
    listener = _listener()
    tracer = _HoldConnectedTracer()
    try:
        client = make(TcpClient, "127.0.0.1", listener.getsockname()[1], name="cli", tracer=tracer)
        client.start()
        assert tracer.connected.wait(10)
        conn, _ = listener.accept()
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()  # a reset, before the client has written anything
        for _ in range(5):
            client.send(b"x" * 1000)  # accepted: the client is running, held inside its connect callback
        time.sleep(0.1)  # loopback delivers the reset at once; a margin all the same
        tracer.release.set()
        rec.wait(lambda evs: stopped(rec, "cli"), timeout=10)
        codes = [e.code for e in errors(rec, "cli")]
        assert not rec.of(DataSent, "cli")
        assert codes.count("reset") == 1 and set(codes) == {"reset", "unsent"}, codes
        assert sum(int(dict(e.params)["size"]) for e in errors(rec, "cli", "unsent")) == 5000, codes
    finally:
        listener.close()


def test_settings_changed_after_start_change_nothing(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv", echo=False)
    port = start(server)[0].port
    server.echo = True
    server.write_high = "oops"  # type: ignore[assignment]
    udp = make(UdpServer, "127.0.0.1", 0, name="udp", echo=False)
    udp_port = start(udp)[0].port
    udp.echo = True
    with socket.create_connection(("127.0.0.1", port)) as raw:
        raw.sendall(b"hello")
        rec.wait(lambda evs: rec.received("srv") == b"hello")
        server.send(b"big" * 1000)  # the frozen water marks still work
        raw.settimeout(0.3)
        assert raw.recv(100).startswith(b"big")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as raw_udp:
        raw_udp.sendto(b"ping", ("127.0.0.1", udp_port))
        raw_udp.settimeout(0.3)
        with pytest.raises(TimeoutError):
            raw_udp.recv(100)  # no echo: it was off at start
    assert not [e for e in errors(rec, "srv") if e.code == "internal"]


@pytest.mark.parametrize("timeout", ["1", None, math.nan])
def test_stop_with_a_timeout_that_is_no_number_says_so(make, timeout):
    server = make(TcpServer, "127.0.0.1", 0)
    start(server)
    with pytest.raises(NetError) as info:
        server.stop(timeout)
    assert info.value.code == "bad_timeout"


def test_stop_with_an_infinite_timeout_waits_until_it_has_ended(make):
    server = make(TcpServer, "127.0.0.1", 0)
    start(server)
    assert server.stop(math.inf) is True and not server.running


@pytest.mark.parametrize("size", ["5", None, 1.5])
def test_consumed_takes_a_whole_number(make, size):
    server = make(TcpServer, "127.0.0.1", 0, max_unconsumed=1000)
    start(server)
    with pytest.raises(NetError):
        server.consumed(size)


def test_an_echo_after_our_half_close_does_not_flood_errors(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv", echo=True)
    port = start(server)[0].port
    with socket.create_connection(("127.0.0.1", port)) as raw:
        rec.wait(lambda evs: server.connections())
        (conn_id,) = [c for c, _ in server.connections()]
        server.shutdown_write(conn_id)
        raw.settimeout(5)
        assert raw.recv(10) == b""  # our EOF
        for _ in range(200):
            raw.sendall(b"more")
        rec.wait(lambda evs: len(rec.received("srv")) == 800)
    assert errors(rec, "srv") == []


def test_a_half_open_connection_the_application_does_not_answer_is_closed_in_time(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv", max_clients=3, half_open_timeout=0.2)
    port = start(server)[0].port
    for round_ in range(6):  # twice the client limit: departed clients must not hold their places
        with socket.create_connection(("127.0.0.1", port)) as raw:
            raw.sendall(b"bye")
            raw.shutdown(socket.SHUT_WR)
            raw.settimeout(5)
            assert raw.recv(10) == b"", f"round {round_}"  # closed by the server after 0.2 s
    rec.wait(lambda evs: len(rec.of(PeerDisconnected, "srv")) == 6)
    assert not errors(rec, "srv", "too_many_clients")
    assert states(rec, "srv", 1) == ["open", "half-closed-by-peer", "closing", "closed"]


def test_an_answer_restarts_the_half_open_wait(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv", half_open_timeout=0.3)
    port = start(server)[0].port
    with socket.create_connection(("127.0.0.1", port)) as raw:
        raw.shutdown(socket.SHUT_WR)
        rec.wait(lambda evs: "half-closed-by-peer" in states(rec, "srv"))
        for _ in range(4):  # answering every 0.2 s keeps it open past the 0.3 s wait
            time.sleep(0.2)
            server.send(b"part ")
        assert server.connections()
        assert read_to_end(raw) == (b"part " * 4, "eof")


def test_every_failing_timer_is_reported(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    start(server)
    for _ in range(3):
        server.call_later(0.01, lambda: 1 / 0)
    rec.wait(lambda evs: len(errors(rec, "srv", "internal")) == 3)


def test_a_send_racing_stop_is_sent_or_refused_never_lost_in_silence(make, rec, monkeypatch):
    listener = _listener()
    try:
        client = make(TcpClient, "127.0.0.1", listener.getsockname()[1], name="cli")
        start(client)
        peer, _ = listener.accept()
        loop = client._loop
        real = loop.call_soon_threadsafe

        def descheduled(command):
            time.sleep(0.3)  # the caller is descheduled between its check and its append
            return real(command)

        monkeypatch.setattr(loop, "call_soon_threadsafe", descheduled)
        outcome: list[str] = []

        def send():
            try:
                client.send(b"important")
                outcome.append("accepted")
            except NetError as err:
                outcome.append(err.code)

        sender = threading.Thread(target=send)
        sender.start()
        time.sleep(0.05)
        client.stop()
        sender.join(5)
        with peer:
            got, _end = read_to_end(peer)
        told = outcome == ["not_running"] or errors(rec, "cli", "unsent")
        assert got == b"important" or told, (outcome, got)
    finally:
        listener.close()


def test_a_udp_client_waiting_for_its_lookup_holds_a_bounded_backlog(make, rec, monkeypatch):
    slow_lookup(monkeypatch, 1.0)
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    client = make(UdpClient, SLOW_NAME, port, name="cli")
    client.start()
    assert client.send(b"first") is None  # whom it goes to is not known yet
    with pytest.raises(NetError) as info:
        for _ in range(10_000):
            client.send(b"d" * 1000)
    assert info.value.code == "backlog_full"
    client.wait_ready(5)
    rec.wait(lambda evs: rec.of(Started, "cli"))


def test_a_udp_server_still_looking_up_its_own_name_says_it_is_not_ready(make, rec, monkeypatch):
    slow_lookup(monkeypatch, 0.5)
    server = make(UdpServer, SLOW_NAME, 0, name="srv")
    server.start()
    with pytest.raises(NetError) as info:
        server.send(b"x", ("127.0.0.1", 9))
    assert info.value.code == "not_ready"
    server.wait_ready(5)


def test_data_that_arrives_while_closing_is_delivered_not_reset(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    with socket.create_connection(("127.0.0.1", port)) as raw:
        rec.wait(lambda evs: server.connections())
        (conn_id,) = [c for c, _ in server.connections()]
        server.send(b"z" * (8 << 20), conn_id)  # more than the socket buffers: the close must wait
        server.disconnect(conn_id)
        raw.sendall(b"late words")  # arrive while the server is closing
        got, end = read_to_end(raw)
        assert end == "eof"  # not "reset"
    assert len(got) == 8 << 20
    rec.wait(lambda evs: rec.received("srv") == b"late words")
    assert [e for e in rec.of(DataReceived, "srv")]
