"""Promises kept under faults: nothing accepted is lost on stop, one failure stays one failure,
bad arguments are refused with a plain NetError.  Each test failed on the first netcore."""

from __future__ import annotations

import errno
import math
import socket
import threading

import pytest

from netcore import (
    ConnectionState,
    DataReceived,
    Error,
    NetError,
    PeerConnected,
    PeerDisconnected,
    SocketOptions,
    Started,
    Stopped,
    TcpClient,
    TcpServer,
    UdpServer,
)
from tests.faults.tools import read_to_end
from tests.netcore.support import errors, start, states


def _raw_server():
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5)
    return listener, listener.getsockname()[1]


# --------------------------------------------------------------- 1. stop flushes
def test_what_send_accepted_before_stop_reaches_the_peer_every_time(make, rec):
    listener, port = _raw_server()
    try:
        for run in range(50):
            client = make(TcpClient, "127.0.0.1", port, name=f"c{run}")
            start(client)
            conn, _ = listener.accept()
            client.send(b"bye")
            assert client.stop() is True
            with conn:
                assert read_to_end(conn) == (b"bye", "eof"), f"run {run}"
    finally:
        listener.close()


def test_a_stop_that_cannot_flush_reports_the_unsent_bytes(make, rec):
    listener, port = _raw_server()
    try:
        client = make(TcpClient, "127.0.0.1", port, name="cli")
        start(client)
        conn, _ = listener.accept()  # never reads
        with conn:
            for _ in range(64):
                client.send(b"x" * 256 * 1024)  # 16 MiB: far more than the socket buffers hold
            assert client.stop(timeout=1.0) is True
            unsent = errors(rec, "cli", "unsent")
            assert len(unsent) == 1
            size = int(dict(unsent[0].params)["size"])
            assert 0 < size <= 16 * 1024 * 1024
    finally:
        listener.close()


def test_a_connection_that_ends_by_itself_reports_what_it_could_not_send(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    raw = socket.create_connection(("127.0.0.1", port))
    rec.wait(lambda evs: any(isinstance(e, PeerConnected) for e in evs))
    (conn_id,) = [conn for conn, _ in server.connections()]
    for _ in range(32):
        server.send(b"y" * 256 * 1024, conn_id)
    # the peer vanishes with a reset while most of that is still queued
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    raw.close()
    rec.wait(lambda evs: errors(rec, "srv", "unsent"))
    assert server.running


# ------------------------------------------------------- 2. one failure stays one
def test_commands_naming_no_client_are_refused_and_the_server_keeps_serving(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    start(client)
    rec.wait(lambda evs: server.peers())
    with pytest.raises(NetError) as bad_id:
        server.send(b"x", 12345)
    assert bad_id.value.code == "unknown_client"
    with pytest.raises(NetError) as bad_kind:
        server.send(b"x", 1.5)  # type: ignore[arg-type]
    assert bad_kind.value.code == "bad_peer"
    with pytest.raises(NetError):
        server.disconnect(None)
    with pytest.raises(NetError):
        server.send(b"x", ("127.0.0.1",))  # type: ignore[arg-type]
    server.send(b"still here")
    rec.wait(lambda evs: rec.received("cli") == b"still here")
    assert server.running and not rec.of(Stopped, "srv")


def test_a_reply_to_the_wrong_family_is_explained_and_the_udp_server_goes_on(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    with pytest.raises(NetError) as info:
        server.send(b"x", ("::1", 9))
    assert info.value.code == "family_mismatch"
    assert "IPv6" in info.value.message and "IPv4" in info.value.message
    with pytest.raises(NetError) as bad:
        server.send(b"x", "127.0.0.1:9")  # type: ignore[arg-type]
    assert bad.value.code == "bad_target"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as raw:
        raw.sendto(b"hello", ("127.0.0.1", port))
        rec.wait(lambda evs: server.last_sender is not None)
        server.send(b"reply")
        raw.settimeout(5)
        assert raw.recv(100) == b"reply"
    assert server.running


def test_an_unexpected_accept_error_is_reported_and_accepting_goes_on(make, rec, monkeypatch):
    from netcore import sockops

    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    real_accept = sockops.SocketOps.accept
    failures = [OSError(errno.EPROTO, "protocol error"), OSError(errno.EINVAL, "invalid argument")]

    def flaky_accept(self, sock):
        if failures:
            raise failures.pop(0)
        return real_accept(self, sock)

    monkeypatch.setattr(sockops.SocketOps, "accept", flaky_accept)
    clients = [make(TcpClient, "127.0.0.1", port, name=f"c{i}") for i in range(3)]
    for client in clients:
        start(client)
    rec.wait(lambda evs: len(server.peers()) == 3, timeout=5)
    assert server.running
    assert not [e for e in errors(rec, "srv") if e.fatal]


class _FailOnRecvOf:
    """A tracer that breaks while one connection is being served: a stand-in for any bug there."""

    def __init__(self, sock_name: str) -> None:
        self.sock_name = sock_name

    def call(self, source, sock, func, args, result, errno, size):
        if sock == self.sock_name and func == "recv":
            raise RuntimeError("boom")

    def flush(self, force=False):
        pass


def test_a_failing_callback_closes_that_connection_only(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv", tracer=_FailOnRecvOf("conn1"))
    port = start(server)[0].port
    first = make(TcpClient, "127.0.0.1", port, name="first")
    start(first)
    rec.wait(lambda evs: len(server.peers()) == 1)
    second = make(TcpClient, "127.0.0.1", port, name="second")
    start(second)
    rec.wait(lambda evs: len(server.peers()) == 2)
    first.send(b"trigger")
    rec.wait(lambda evs: [e for e in errors(rec, "srv") if e.code == "internal"])
    rec.wait(lambda evs: len(server.peers()) == 1)
    second.send(b"fine")
    rec.wait(lambda evs: any(isinstance(e, DataReceived) and e.data == b"fine" for e in evs))
    assert server.running
    internal = [e for e in errors(rec, "srv") if e.code == "internal"]
    assert not internal[0].fatal and "boom" in internal[0].message


def test_a_failing_timer_is_reported_and_later_timers_still_run(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    start(server)
    ran = threading.Event()
    server.call_later(0.01, lambda: 1 / 0)
    server.call_later(0.05, ran.set)
    assert ran.wait(2)
    assert [e for e in errors(rec, "srv") if "ZeroDivisionError" in e.message]
    assert server.running


# ------------------------------------------------------------ 3. bad arguments
@pytest.mark.parametrize("host", [None, 12, b"127.0.0.1"])
def test_a_host_that_is_not_text_is_refused_in_plain_words(make, host):
    for cls in (TcpServer, TcpClient, UdpServer):
        endpoint = make(cls, host, 9999)
        with pytest.raises(NetError) as info:
            endpoint.start()
        assert info.value.code == "bad_host"
        assert not endpoint.running


@pytest.mark.parametrize("data, hint", [(None, "NoneType"), ("text", "encode it first"), (1.5, "float"),
                                        (1000, "int"), ([1, 2], "list")])
def test_send_takes_bytes_only(make, rec, data, hint):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    start(client)
    with pytest.raises(NetError) as info:
        client.send(data)
    assert info.value.code == "bad_data" and hint in info.value.message
    client.send(bytearray(b"ok"))  # bytes-like is fine
    rec.wait(lambda evs: rec.received("srv") == b"ok")
    assert rec.received("srv") == b"ok"  # no 1,000 NUL bytes


@pytest.mark.parametrize("timeout", [math.inf, 1e7, -1, 0, math.nan, "soon", True])
def test_a_timeout_select_cannot_take_is_refused_at_start(make, timeout):
    client = make(TcpClient, "127.0.0.1", 9, timeout=timeout)
    with pytest.raises(NetError) as info:
        client.start()
    assert info.value.code == "bad_timeout"


def test_bad_options_are_refused_at_start(make):
    server = make(TcpServer, "127.0.0.1", 0, options=SocketOptions(rcvbuf=-5))
    with pytest.raises(NetError) as info:
        server.start()
    assert info.value.code == "bad_option" and "rcvbuf" in info.value.message


def test_the_half_close_states_are_reported_in_order(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    raw = socket.create_connection(("127.0.0.1", port))
    try:
        raw.sendall(b"request")
        raw.shutdown(socket.SHUT_WR)
        rec.wait(lambda evs: [e for e in rec.of(ConnectionState, "srv") if e.state == "half-closed-by-peer"])
        (conn_id,) = [c for c, _ in server.connections()]
        server.send(b"reply", conn_id)
        server.disconnect(conn_id)
        assert read_to_end(raw) == (b"reply", "eof")
    finally:
        raw.close()
    rec.wait(lambda evs: rec.of(PeerDisconnected, "srv"))
    # open and closed are PeerConnected and PeerDisconnected; the states between are ConnectionState
    assert [e.state for e in rec.of(ConnectionState, "srv")] == ["half-closed-by-peer", "closing"]
    assert states(rec, "srv") == ["open", "half-closed-by-peer", "closing", "closed"]
    assert rec.of(Started, "srv")
    assert not [e for e in rec.of(Error, "srv")]


@pytest.mark.parametrize("flow", [dict(write_low=0), dict(write_low=10, write_high=5),
                                  dict(write_high=2 ** 40), dict(max_buffered=-1), dict(write_high=1.5)])
def test_water_marks_that_make_no_sense_are_refused_at_start(make, flow):
    server = make(TcpServer, "127.0.0.1", 0, **flow)
    with pytest.raises(NetError) as info:
        server.start()
    assert info.value.code == "bad_limit" and not server.running


def test_options_that_are_not_socket_options_are_refused(make):
    server = make(UdpServer, "127.0.0.1", 0, options={"rcvbuf": 1})
    with pytest.raises(NetError) as info:
        server.start()
    assert info.value.code == "bad_option"


@pytest.mark.parametrize("typed, code, words", [
    ("127.0.0.1:9996", "host_with_port", "type 127.0.0.1 in the Host field and 9996 in the Port field"),
    ("[::1]:9999", "host_with_port", "type ::1 in the Host field"),
    ("localhost:80", "host_with_port", "80 in the Port field"),
    ("999.1.1.1", "bad_ipv4", "four numbers from 0 to 255"),
])
def test_a_host_that_looks_like_something_else_is_explained(typed, code, words):
    from netcore import parse_host

    with pytest.raises(NetError) as info:
        parse_host(typed)
    assert info.value.code == code and words in info.value.message
