"""Unix datagram sockets (AF_UNIX, SOCK_DGRAM) through UdpServer and UdpClient, on real paths in a tmp dir.

Also the socket file a Unix server leaves: a stale one is replaced (and said so),
a regular file or a live socket is never removed — for stream and datagram alike.
"""

from __future__ import annotations

import os
import socket
import stat

import pytest

from netcore import (
    DataSent,
    Error,
    EventTracer,
    NetError,
    Notice,
    Peer,
    SocketCall,
    Started,
    TcpClient,
    TcpServer,
    UdpClient,
    UdpServer,
)

from .support import datagrams, payloads, start

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix-domain sockets here")


def _notices(rec, source: str, code: str) -> list[Notice]:
    return [e for e in rec.of(Notice, source) if e.code == code]


def _stale_socket_file(path: str, kind: int = socket.SOCK_DGRAM) -> None:
    """What a server that died leaves: a socket file nobody has open."""
    dead = socket.socket(socket.AF_UNIX, kind)
    dead.bind(path)
    dead.close()  # closed without unlinking
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_exchange_both_ways_on_paths(make, rec, tmp_path):
    path = str(tmp_path / "dgram.sock")
    server = make(UdpServer, path, name="srv")
    assert start(server) == (Peer.unix(path),)
    assert stat.S_ISSOCK(os.lstat(path).st_mode)
    client = make(UdpClient, "unix:" + path, name="cli")
    (local,) = start(client)

    # the client bound a path of its own, in a private folder, and said so
    assert local.is_unix and local.host and local.host != path
    folder = os.path.dirname(local.host)
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    (notice,) = _notices(rec, "cli", "private_path")
    assert local.host in notice.message and "private temporary folder" in notice.message
    assert rec.of(Started, "cli")[0].remote == Peer.unix(path)

    assert client.send(b"ping") == Peer.unix(path)
    client.send(b"two")
    rec.wait(lambda _: len(datagrams(rec, "srv")) == 2)
    assert payloads(rec, "srv") == [b"ping", b"two"]  # each datagram whole, in order
    assert {d.peer for d in datagrams(rec, "srv")} == {local}  # the sender shown by its path
    assert server.last_sender == local

    assert server.send(b"pong") == local  # to the last sender
    assert server.send(b"chosen", peer=local) == local
    assert server.send(b"by pair", peer=(local.host, 0)) == local
    rec.wait(lambda _: len(datagrams(rec, "cli")) == 3)
    assert payloads(rec, "cli") == [b"pong", b"chosen", b"by pair"]
    assert {d.peer for d in datagrams(rec, "cli")} == {Peer.unix(path)}
    rec.wait(lambda _: len(rec.of(DataSent, "srv")) == 3)
    assert not rec.of(Error)

    assert client.stop()
    assert not os.path.exists(folder)  # the private folder went with the client
    assert server.stop()
    assert not os.path.exists(path)  # the server removed its socket file


def test_echo_over_a_path(make, rec, tmp_path):
    path = str(tmp_path / "echo.sock")
    server = make(UdpServer, path, echo=True, name="srv")
    start(server)
    client = make(UdpClient, path, name="cli")
    start(client)
    client.send(b"back to me")
    rec.wait(lambda _: payloads(rec, "cli") == [b"back to me"])


def test_an_unnamed_sender_is_shown_and_cannot_be_answered(make, rec, tmp_path):
    path = str(tmp_path / "srv.sock")
    server = make(UdpServer, path, echo=True, name="srv")
    start(server)
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as unbound:
        unbound.sendto(b"one", path)
        unbound.sendto(b"two", path)
        rec.wait(lambda _: len(datagrams(rec, "srv")) == 2)
    peer = datagrams(rec, "srv")[0].peer
    assert peer == Peer.unix("") and str(peer) == "(unnamed Unix socket)"
    with pytest.raises(NetError) as info:
        server.send(b"reply")  # the last sender is unnamed
    assert info.value.code == "unnamed_peer"
    assert "must bind a path of its own" in info.value.message
    # the echo of both datagrams failed, and said so once, not once per datagram
    rec.wait(lambda _: rec.of(Error, "srv"))
    server.stop()
    assert [e.code for e in rec.of(Error, "srv")] == ["unnamed_peer"]


def test_sending_to_a_path_nobody_is_bound_to_is_explained_then_a_new_server_is_reached(make, rec, tmp_path):
    path = str(tmp_path / "later.sock")
    client = make(UdpClient, path, name="cli")
    start(client)  # opening needs no server: like UDP, the datagram is what finds out
    client.send(b"too early")
    rec.wait(lambda _: rec.of(Error, "cli"))
    (error,) = rec.of(Error, "cli")
    assert error.code == "refused" and not error.fatal
    assert error.message.startswith(f"Nobody is receiving at {path}")

    server = make(UdpServer, path, name="srv")
    start(server)
    client.send(b"now")
    rec.wait(lambda _: payloads(rec, "srv") == [b"now"])
    # a server restarted on the same path is reached again (the client sends with sendto)
    assert server.stop()
    again = make(UdpServer, path, name="srv2")
    start(again)
    client.send(b"again")
    rec.wait(lambda _: payloads(rec, "srv2") == [b"again"])


def test_a_full_receiver_queue_is_reported_not_dropped_silently(make, rec, tmp_path):
    path = str(tmp_path / "slow.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as slow:  # bound, never reading
        slow.bind(path)
        client = make(UdpClient, path, name="cli")
        start(client)
        count = 1000  # beyond the receiver's queue (net.unix.max_dgram_qlen, 10 to 512) and the send buffer
        for _ in range(count):
            client.send(b"x" * 100)
        rec.wait(lambda _: len(rec.of(DataSent, "cli")) + len(rec.of(Error, "cli")) == count)
        full = rec.of(Error, "cli")
        assert full and {e.code for e in full} == {"queue_full"}
        assert "never dropped silently" in full[0].message
        slow.setblocking(False)
        delivered = 0
        for _ in range(count):
            try:
                slow.recv(200)
            except BlockingIOError:
                break
            delivered += 1
        assert delivered == len(rec.of(DataSent, "cli"))  # every datagram told as sent arrived


def test_replies_across_families_are_refused_plainly(make, rec, tmp_path):
    path = str(tmp_path / "fam.sock")
    unix_server = make(UdpServer, path, name="usrv")
    start(unix_server)
    with pytest.raises(NetError) as info:
        unix_server.send(b"x", peer=("127.0.0.1", 9))
    assert info.value.code == "family_mismatch" and "bound to a Unix path" in info.value.message
    ip_server = make(UdpServer, "127.0.0.1", 0, name="isrv")
    start(ip_server)
    with pytest.raises(NetError) as info:
        ip_server.send(b"x", peer=Peer.unix(path))
    assert info.value.code == "family_mismatch" and path in info.value.message


def test_an_oversize_unix_datagram_is_refused_with_its_own_words(make, rec, tmp_path):
    client = make(UdpClient, str(tmp_path / "big.sock"), name="cli")
    start(client)
    with pytest.raises(NetError) as info:
        client.send(b"x" * 70000)
    assert info.value.code == "too_long" and "Unix datagram" in info.value.message


# ------------------------------------------------------------------ the socket file a server leaves
SERVERS = [(UdpServer, socket.SOCK_DGRAM), (TcpServer, socket.SOCK_STREAM)]


@pytest.mark.parametrize(("cls", "kind"), SERVERS, ids=["datagram", "stream"])
def test_a_stale_socket_file_is_detected_explained_and_replaced(make, rec, tmp_path, cls, kind):
    path = str(tmp_path / "stale.sock")
    _stale_socket_file(path, kind)
    server = make(cls, path, name="srv", tracer=EventTracer(rec))
    assert start(server) == (Peer.unix(path),)
    (notice,) = _notices(rec, "srv", "stale_socket_removed")
    assert notice.message.startswith(f"{path} was left behind by a server that is no longer running")
    assert "connecting to it was refused" in notice.message
    # the trace shows how it was found out: bind refused, a probe refused, bind again
    calls = [(e.call, e.result) for e in rec.of(SocketCall, "srv")]
    binds = [result for call, result in calls if call == f"s.bind({path!r})"]
    assert len(binds) == 2 and "[Errno 98]" in binds[0] and binds[1] == ""
    assert (f"probe1.connect_ex({path!r})", "111 (ECONNREFUSED)") in calls
    assert not rec.of(Error, "srv")
    client_cls = UdpClient if cls is UdpServer else TcpClient
    client = make(client_cls, path, name="cli")
    start(client)
    client.send(b"through the new socket")
    if cls is UdpServer:
        rec.wait(lambda _: payloads(rec, "srv") == [b"through the new socket"])
    else:
        rec.wait(lambda _: rec.received("srv") == b"through the new socket")


@pytest.mark.parametrize(("cls", "kind"), SERVERS, ids=["datagram", "stream"])
def test_a_regular_file_at_the_path_is_refused_and_kept(make, rec, tmp_path, cls, kind):
    path = tmp_path / "notes.txt"
    path.write_text("my notes")
    server = make(cls, str(path), name="srv")
    with pytest.raises(NetError) as info:
        start(server)
    assert info.value.code == "unix_path_not_socket"
    assert "is not a socket file" in info.value.message and "never deletes" in info.value.message
    assert path.read_text() == "my notes"  # not deleted, not changed
    assert [e.code for e in rec.of(Error, "srv")] == ["unix_path_not_socket"]


@pytest.mark.parametrize(("cls", "kind"), SERVERS, ids=["datagram", "stream"])
@pytest.mark.parametrize("other_kind", [socket.SOCK_DGRAM, socket.SOCK_STREAM],
                         ids=["live-dgram", "live-stream"])
def test_a_live_socket_at_the_path_is_refused_and_kept(make, rec, tmp_path, cls, kind, other_kind):
    path = str(tmp_path / "live.sock")
    with socket.socket(socket.AF_UNIX, other_kind) as live:
        live.bind(path)
        if other_kind == socket.SOCK_STREAM:
            live.listen(1)
        server = make(cls, path, name="srv")
        with pytest.raises(NetError) as info:
            start(server)
        assert info.value.code == "in_use"
        assert "Another socket is already using" in info.value.message
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
        if other_kind == socket.SOCK_DGRAM:  # still the live socket's file: a datagram still reaches it
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sender:
                sender.sendto(b"still mine", path)
            live.settimeout(5)
            assert live.recv(100) == b"still mine"


def test_a_server_removes_only_its_own_socket_file(make, rec, tmp_path):
    path = tmp_path / "mine.sock"
    server = make(UdpServer, str(path), name="srv")
    start(server)
    path.unlink()
    path.write_text("someone else's file now")  # replaced while the server ran
    assert server.stop()
    assert path.read_text() == "someone else's file now"


def test_a_system_without_unix_sockets_says_so(make, rec, tmp_path, monkeypatch):
    monkeypatch.delattr(socket, "AF_UNIX")
    for cls in (UdpServer, UdpClient):
        endpoint = make(cls, str(tmp_path / "u.sock"), 5000, name=f"ep-{cls.kind}")
        with pytest.raises(NetError) as info:
            endpoint.start()
        assert info.value.code == "unix_unsupported"
