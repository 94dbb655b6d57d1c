"""Errors produced for real on loopback: code, plain-words message, errno, and what follows."""

from __future__ import annotations

import errno
import socket
import struct

import pytest

from netcore import (
    ConnectionState,
    DatagramsReceived,
    DataReceived,
    Error,
    NetError,
    Peer,
    PeerConnected,
    PeerDisconnected,
    Started,
    Stopped,
    TcpClient,
    TcpServer,
    UdpClient,
    UdpServer,
)
from netcore.os_errors import from_os_error
from tests.helpers import wait_for

from .support import (
    closed_port,
    errors,
    half_closed_by_peer,
    of_source,
    payloads,
    port_of,
    start,
    stopped,
)
from .support import states as support_states


def _fails_to_start(rec, endpoint) -> NetError:
    """Start ``endpoint``; it must fail: return the error after checking the events it posted."""
    endpoint.start()
    with pytest.raises(NetError) as info:
        endpoint.wait_ready()
    err = info.value
    rec.wait(lambda _: stopped(rec, endpoint.name))
    events = of_source(rec, endpoint.name)
    # a client says which address it tried ("connecting"), then why it failed; never Started
    tried = [e for e in events if isinstance(e, ConnectionState)]
    assert all(e.state == "connecting" for e in tried)
    events = [e for e in events if not isinstance(e, ConnectionState)]
    assert [type(e) for e in events] == [Error, Stopped]
    event, stop = events
    assert (event.code, event.message, event.errno, event.fatal) == (err.code, err.message, err.errno, True)
    assert stop.reason == err.code
    assert not endpoint.running
    return err


# ------------------------------------------------------------------ TCP connect
def test_connection_refused(make, rec):
    port = closed_port()
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    err = _fails_to_start(rec, client)
    assert err.code == "refused"
    assert err.errno == errno.ECONNREFUSED
    assert err.message == f"Nobody is listening on 127.0.0.1:{port} — is the server started?"


def test_connection_refused_ipv6_address_in_brackets(make, rec):
    port = closed_port(host="::1")
    client = make(TcpClient, "::1", port, name="cli")
    err = _fails_to_start(rec, client)
    assert err.code == "refused"
    assert f"[::1]:{port}" in err.message


def test_host_not_found(make, rec):
    client = make(TcpClient, "no-such-host.invalid", 80, name="cli")
    err = _fails_to_start(rec, client)
    assert err.code == "host_not_found"
    assert "Cannot find the host" in err.message and "no-such-host.invalid" in err.message


@pytest.mark.parametrize("cls", [TcpServer, UdpServer, UdpClient])
def test_host_not_found_for_other_endpoints(make, rec, cls):
    endpoint = make(cls, "no-such-host.invalid", 5000, name="ep")
    err = _fails_to_start(rec, endpoint)
    assert err.code == "host_not_found"
    assert "no-such-host.invalid" in err.message


def test_server_on_an_address_this_computer_does_not_have(make, rec):
    server = make(TcpServer, "192.0.2.1", 0, name="srv")  # TEST-NET-1: never a local address
    err = _fails_to_start(rec, server)
    assert err.code == "not_local"
    assert err.errno == errno.EADDRNOTAVAIL
    assert "is not an address of this computer" in err.message


# ------------------------------------------------------------- address in use
def test_tcp_port_in_use(make, rec):
    first = make(TcpServer, "127.0.0.1", 0, name="first")
    port = port_of(start(first))
    second = make(TcpServer, "127.0.0.1", port, name="second")
    err = _fails_to_start(rec, second)
    assert err.code == "in_use"
    assert err.errno == errno.EADDRINUSE
    assert err.message.startswith(f"Port {port} on 127.0.0.1 is already in use")
    # the first server is unharmed
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    start(client)
    rec.wait(lambda _: rec.of(PeerConnected, "first"))


def test_udp_port_in_use(make, rec):
    first = make(UdpServer, "127.0.0.1", 0, name="first")
    port = port_of(start(first))
    second = make(UdpServer, "127.0.0.1", port, name="second")
    err = _fails_to_start(rec, second)
    assert err.code == "in_use"
    assert err.errno == errno.EADDRINUSE
    assert "already in use" in err.message and str(port) in err.message
    client = make(UdpClient, "127.0.0.1", port, name="cli")
    start(client)
    client.send(b"still there")
    rec.wait(lambda _: payloads(rec, "first") == [b"still there"])


def test_udp_client_local_port_in_use(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(UdpClient, "127.0.0.1", port, local_port=port, name="cli")
    err = _fails_to_start(rec, client)
    assert err.code == "in_use"
    assert err.errno == errno.EADDRINUSE


# ---------------------------------------------------------- checked by start()
@pytest.mark.parametrize("text", ["abc", "70000", "-1", "", " ", "65536", "1.5"])
@pytest.mark.parametrize("cls", [TcpServer, TcpClient, UdpServer, UdpClient])
def test_bad_port_is_refused_by_start(make, cls, text):
    endpoint = make(cls, "127.0.0.1", text, name="ep")
    with pytest.raises(NetError) as info:
        endpoint.start()
    assert info.value.code == "bad_port"
    assert info.value.message == f"The port must be a whole number from 0 to 65535 (you typed “{text}”)."
    assert not endpoint.running


@pytest.mark.parametrize("port", [0, "0"])
@pytest.mark.parametrize("cls", [TcpClient, UdpClient])
def test_port_zero_for_a_client(make, cls, port):
    client = make(cls, "127.0.0.1", port, name="cli")
    with pytest.raises(NetError) as info:
        client.start()
    assert info.value.code == "port_zero"
    assert "Port 0 cannot be reached" in info.value.message
    assert not client.running


@pytest.mark.parametrize("host", ["", "   ", "bad name", "a..b", "-x.example"])
@pytest.mark.parametrize("cls", [TcpServer, TcpClient, UdpServer, UdpClient])
def test_bad_host_is_refused_by_start(make, cls, host):
    endpoint = make(cls, host, 5000, name="ep")
    with pytest.raises(NetError) as info:
        endpoint.start()
    assert info.value.code in ("bad_host", "empty_host")
    assert not endpoint.running


@pytest.mark.parametrize("value", [0, -1, "soon", None])
def test_bad_client_timeout(make, value):
    client = make(TcpClient, "127.0.0.1", 5000, timeout=value, name="cli")
    with pytest.raises(NetError) as info:
        client.start()
    assert info.value.code == "bad_timeout"


@pytest.mark.parametrize("limit", [0, -5, 100_001, None])
def test_bad_client_limit(make, limit):
    server = make(TcpServer, "127.0.0.1", 0, max_clients=limit, name="srv")
    with pytest.raises(NetError) as info:
        server.start()
    assert info.value.code == "bad_limit"


# ---------------------------------------------------------------- UDP sizes
def test_oversize_datagram_is_refused_by_send(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(UdpClient, "127.0.0.1", port, name="cli")
    start(client)
    with pytest.raises(NetError) as info:
        client.send(b"\x01" * 65508)
    err = info.value
    assert err.code == "too_long"
    assert err.errno == errno.EMSGSIZE
    assert err.message == (
        "The datagram is too large: 65508 bytes, but one UDP datagram can carry at most 65507 bytes."
    )
    biggest = bytes(range(256)) * 255 + b"\xff" * 227
    assert len(biggest) == 65507
    client.send(biggest)
    rec.wait(lambda _: rec.of(DatagramsReceived, "srv"))
    assert payloads(rec, "srv") == [biggest]

    # the server checks the size too, before queueing the reply
    with pytest.raises(NetError) as info:
        server.send(b"\x02" * 65508)
    assert info.value.code == "too_long"
    server.send(biggest)
    rec.wait(lambda _: payloads(rec, "cli") == [biggest])
    assert not rec.of(Error)


def test_ipv6_datagram_limit(make, rec):
    server = make(UdpServer, "::1", 0, name="srv")
    (local,) = start(server)
    client = make(UdpClient, "::1", local.port, name="cli")
    start(client)
    with pytest.raises(NetError) as info:
        client.send(b"x" * 65528)
    assert info.value.code == "too_long" and info.value.params["limit"] == "65527"
    client.send(b"x" * 65527)
    rec.wait(lambda _: rec.of(DatagramsReceived, "srv"))
    assert [len(p) for p in payloads(rec, "srv")] == [65527]


def test_udp_port_unreachable(make, rec):
    port = closed_port(socket.SOCK_DGRAM)
    client = make(UdpClient, "127.0.0.1", port, name="cli")
    start(client)
    for _ in range(5):  # the ICMP answer comes after the first datagram; send again if it is slow
        client.send(b"anyone?")
        try:
            rec.wait(lambda _: errors(rec, "cli", "refused"), timeout=1.0)
            break
        except AssertionError:
            continue
    (err, *_) = errors(rec, "cli", "refused")
    assert err.errno == errno.ECONNREFUSED
    assert err.message.startswith(f"Nobody is listening on 127.0.0.1:{port}")
    assert "port unreachable" in err.message
    assert not err.fatal
    assert client.running  # a UDP client keeps going
    assert not stopped(rec, "cli")


# ----------------------------------------------------- established connections
def test_peer_reset_is_reported_and_the_server_keeps_serving(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        local = Peer.ipv4(*raw.getsockname())
        rec.wait(lambda _: server.peers() == (local,))
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    # closing with a zero linger time sends RST instead of FIN
    rec.wait(lambda _: rec.of(PeerDisconnected, "srv"))
    assert [(e.peer, e.reason) for e in rec.of(PeerDisconnected, "srv")] == [(local, "reset")]
    (err,) = errors(rec, "srv")
    assert (err.code, err.errno, err.peer, err.fatal) == ("reset", errno.ECONNRESET, local, False)
    assert "was reset" in err.message
    assert server.peers() == ()

    client = make(TcpClient, "127.0.0.1", port, name="cli")
    (client_local,) = start(client)
    client.send(b"next")
    rec.wait(lambda _: rec.received("srv") == b"next")
    server.send(b"welcome")
    rec.wait(lambda _: rec.received("cli") == b"welcome")
    assert not stopped(rec, "srv")
    assert server.peers() == (client_local,)


def _client_of_a_closing_server(make, rec, listener) -> tuple[TcpClient, int]:
    """A client whose server sends b"bye" and closes; returns once the client saw the EOF."""
    port = listener.getsockname()[1]
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    start(client)
    conn, _ = listener.accept()
    with conn:
        conn.sendall(b"bye")
    rec.wait(lambda _: half_closed_by_peer(rec, "cli"))
    return client, port


def _listener() -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(5)
    return listener


def test_server_closing_half_closes_the_client_until_it_stops(make, rec):
    # the server's EOF only ends its sending side: the client stays up (it may still
    # have something to say) until it is stopped
    with _listener() as listener:
        client, port = _client_of_a_closing_server(make, rec, listener)
    server = Peer.ipv4("127.0.0.1", port)
    assert client.running
    assert not stopped(rec, "cli") and not rec.of(PeerDisconnected, "cli")
    assert rec.received("cli") == b"bye"
    changes = [(e.peer, e.state, e.conn) for e in rec.of(ConnectionState, "cli")]
    assert changes == [(server, "connecting", 1), (server, "half-closed-by-peer", 1)]
    assert support_states(rec, "cli") == ["connecting", "open", "half-closed-by-peer"]
    assert client.stop()
    events = [e for e in of_source(rec, "cli") if not isinstance(e, ConnectionState)]
    assert [type(e) for e in events] == [Started, DataReceived, PeerDisconnected, Stopped]
    assert support_states(rec, "cli")[3:] == ["closing", "closed"]
    assert (events[-2].peer, events[-2].reason, events[-2].conn) == (server, "stopped", 1)
    assert events[-1].reason == "stopped"
    assert not errors(rec, "cli")  # nothing was left unsent
    with pytest.raises(NetError) as info:
        client.send(b"too late")
    assert info.value.code == "not_running"


def test_client_ending_its_side_after_the_server_did_stops_by_itself(make, rec):
    with _listener() as listener:
        client, port = _client_of_a_closing_server(make, rec, listener)
        client.shutdown_write()  # both sides are done now
        rec.wait(lambda _: stopped(rec, "cli"))
    assert [(e.peer, e.reason) for e in rec.of(PeerDisconnected, "cli")] == [(Peer.ipv4("127.0.0.1", port),
                                                                              "closed")]
    assert stopped(rec, "cli")[0].reason == "closed"
    assert not errors(rec, "cli")
    assert wait_for(lambda: not client.running)


def test_client_sending_to_a_server_that_closed_is_reset_and_stops(make, rec):
    # the server closed its socket entirely: the client's next writes are answered
    # with a reset, which ends the connection and the client
    with _listener() as listener:
        client, _ = _client_of_a_closing_server(make, rec, listener)
        for _ in range(50):
            try:
                client.send(b"anyone?")
            except NetError as err:  # it stopped between two sends
                assert err.code == "not_running"
                break
            try:
                rec.wait(lambda _: stopped(rec, "cli"), timeout=0.1)
                break
            except AssertionError:
                continue
        rec.wait(lambda _: stopped(rec, "cli"))
    assert [e.reason for e in rec.of(PeerDisconnected, "cli")] == ["reset"]
    assert {e.code for e in errors(rec, "cli")} <= {"reset", "broken_pipe", "unsent"}
    assert [e.code for e in errors(rec, "cli") if e.code != "unsent"] in (["reset"], ["broken_pipe"])
    assert stopped(rec, "cli")[0].reason == "reset"


def test_server_reset_stops_the_client(make, rec):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(5)
        client = make(TcpClient, "127.0.0.1", listener.getsockname()[1], name="cli")
        start(client)
        conn, _ = listener.accept()
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()
    rec.wait(lambda _: stopped(rec, "cli"))
    assert [e.reason for e in rec.of(PeerDisconnected, "cli")] == ["reset"]
    assert [e.code for e in errors(rec, "cli")] == ["reset"]
    assert stopped(rec, "cli")[0].reason == "reset"


def test_unknown_client_and_no_client_errors(make, rec):
    # mistakes in naming the client are raised on the caller's thread, not posted
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    start(server)
    with pytest.raises(NetError) as info:
        server.send(b"anyone?")
    assert info.value.code == "no_client"
    for peer, text in [(("127.0.0.1", 1), "127.0.0.1:1"), (Peer.ipv4("127.0.0.1", 1), "127.0.0.1:1"),
                       (7, "#7")]:
        with pytest.raises(NetError) as info:
            server.send(b"you?", peer=peer)
        assert info.value.code == "unknown_client"
        assert info.value.message == f"{text} is no longer connected."
    for bad in ["127.0.0.1:1", ("127.0.0.1",), (1, "127.0.0.1"), 1.5, True]:
        with pytest.raises(NetError) as info:
            server.send(b"you?", peer=bad)
        assert info.value.code == "bad_peer", bad
    for call in (server.disconnect, server.shutdown_write):
        with pytest.raises(NetError) as info:
            call(None)
        assert info.value.code == "bad_peer"
        with pytest.raises(NetError) as info:
            call(("127.0.0.1", 1))
        assert info.value.code == "unknown_client"
    assert server.running
    assert not errors(rec, "srv")


# ------------------------------------------------------------ error mapping
def test_address_not_available_depends_on_the_action():
    err = from_os_error(OSError(errno.EADDRNOTAVAIL, "x"), action="listen", host="192.0.2.1", port=9)
    assert err.code == "not_local" and err.message.startswith("192.0.2.1 is not an address of this computer")
    err = from_os_error(OSError(errno.EADDRNOTAVAIL, "x"), action="connect", host="fe80::1", port=9)
    assert err.code == "no_local_port" and "[fe80::1]:9" in err.message


def test_privileged_port_mapping():
    err = from_os_error(PermissionError(errno.EACCES, "x"), action="listen", host="127.0.0.1", port=80)
    assert (err.code, err.errno) == ("privileged", errno.EACCES)
    assert err.message.startswith("Permission denied for port 80: ports below 1024 are reserved")
    # the same error elsewhere is a plain permission problem
    err = from_os_error(PermissionError(errno.EACCES, "x"), action="connect", host="127.0.0.1", port=80)
    assert err.code == "permission"
    assert err.message == "Permission denied while trying to connect to 127.0.0.1:80."
    err = from_os_error(PermissionError(errno.EACCES, "x"), action="listen", host="127.0.0.1", port=8080)
    assert err.code == "permission"


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (ConnectionRefusedError(errno.ECONNREFUSED, "x"), "refused"),
        (OSError(errno.EADDRINUSE, "x"), "in_use"),
        (OSError(errno.EADDRNOTAVAIL, "x"), "no_local_port"),  # connecting: no local port or scope
        (ConnectionResetError(errno.ECONNRESET, "x"), "reset"),
        (BrokenPipeError(errno.EPIPE, "x"), "broken_pipe"),
        (OSError(errno.ENETUNREACH, "x"), "unreachable"),
        (OSError(errno.EMFILE, "x"), "too_many_files"),
        (OSError(errno.ETIMEDOUT, "x"), "timed_out"),
        (TimeoutError(), "timed_out"),
        (socket.gaierror(socket.EAI_NONAME, "x"), "host_not_found"),
        (OSError(errno.EIO, "Input/output error"), "os_error"),
    ],
)
def test_os_error_mapping(exc, code):
    err = from_os_error(exc, action="connect", host="::1", port=9, timeout=2.5)
    assert err.code == code
    assert err.message and "{" not in err.message  # every parameter filled in
    assert err.translated(str) == err.message


def test_error_event_can_be_translated(make, rec):
    client = make(TcpClient, "127.0.0.1", closed_port(), name="cli")
    _fails_to_start(rec, client)
    (event,) = errors(rec, "cli")
    catalog = {event.template: "Niemand hört auf {address}"}
    assert event.translated(lambda t: catalog.get(t, t)) == f"Niemand hört auf 127.0.0.1:{client.port}"


# ------------------------------------------------------------- Unix socket paths
def test_unix_path_in_use(make, rec, tmp_path):
    path = str(tmp_path / "busy.sock")
    first = make(TcpServer, path, name="first")
    start(first)
    second = make(TcpServer, path, name="second")
    err = _fails_to_start(rec, second)
    assert err.code == "in_use"
    assert err.errno == errno.EADDRINUSE
    assert err.message.startswith(f"Another socket is already using {path}")  # no "Port None"
    client = make(TcpClient, path, name="cli")  # the first server still has its path
    start(client)
    rec.wait(lambda _: rec.of(PeerConnected, "first"))


def test_unix_path_nobody_listens(make, rec, tmp_path):
    path = str(tmp_path / "missing.sock")
    client = make(TcpClient, path, name="cli")
    err = _fails_to_start(rec, client)
    assert err.code == "refused"
    assert err.errno == errno.ENOENT
    assert err.message == f"Nobody is listening on {path} — is the server started?"


def test_connect_timeout(make, rec):
    # A listener whose accept queue is full drops new connection requests, so
    # the client hears nothing and must give up after its timeout.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=5):  # fills the queue
            client = make(TcpClient, "127.0.0.1", port, timeout=0.3, name="cli")
            err = _fails_to_start(rec, client)
    assert err.code == "timed_out"
    assert err.errno == errno.ETIMEDOUT
    assert err.message.startswith(f"No answer from 127.0.0.1:{port} within 0.3 s")


def test_server_resetting_right_after_accepting(make, rec):
    # The reset may land before, while or after the client looks at its new
    # connection; whenever it lands it must be told as "reset", never as an
    # internal error.  Repeated because the moment it lands varies.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.settimeout(5)
        port = listener.getsockname()[1]
        for i in range(100):
            client = make(TcpClient, "127.0.0.1", port, name=f"r{i}")
            client.start()
            conn, _ = listener.accept()
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()
            try:
                client.wait_ready()
            except NetError as err:
                assert err.code == "reset", err.message
            assert client.stop()
    assert {e.code for e in rec.of(Error)} <= {"reset"}
    assert {e.reason for e in rec.of(Stopped)} <= {"reset", "stopped"}
