"""TCP over IPv6 (::1), over the name localhost, and over a Unix socket path."""

from __future__ import annotations

import os
import socket

import pytest

from netcore import (
    DataReceived,
    Error,
    NetError,
    Peer,
    PeerConnected,
    PeerDisconnected,
    Started,
    TcpClient,
    TcpServer,
)
from netcore import tcp_client as tcp_client_module
from netcore.resolver import Resolved

from .support import closed_port, half_closed_by_peer, port_of, start, stopped


def _chat(rec, server, client, client_local) -> None:
    """Both directions work and the server names the client ``client_local``."""
    client.send(b"ping")
    rec.wait(lambda _: rec.received("srv") == b"ping")
    assert {e.peer for e in rec.of(DataReceived, "srv")} == {client_local}
    server.send(b"pong", peer=client_local)
    rec.wait(lambda _: rec.received("cli") == b"pong")


def test_ipv6_loopback(make, rec):
    server = make(TcpServer, "::1", 0, name="srv")
    local = start(server)
    assert len(local) == 1 and local[0].family == "ipv6" and local[0].host == "::1" and local[0].port > 0
    assert str(local[0]) == f"[::1]:{local[0].port}"
    client = make(TcpClient, "::1", local[0].port, name="cli")
    (client_local,) = start(client)
    assert (client_local.family, client_local.host) == ("ipv6", "::1")
    assert rec.of(Started, "cli")[0].remote == local[0]
    rec.wait(lambda _: server.peers() == (client_local,))
    _chat(rec, server, client, client_local)


def test_ipv6_in_brackets_is_accepted(make, rec):
    server = make(TcpServer, "[::1]", "0", name="srv")
    (local,) = start(server)
    client = make(TcpClient, " [::1] ", str(local.port), name="cli")
    (client_local,) = start(client)
    rec.wait(lambda _: server.peers() == (client_local,))
    _chat(rec, server, client, client_local)


def test_localhost_server_binds_every_address_and_client_connects(make, rec):
    infos = socket.getaddrinfo("localhost", 0, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_PASSIVE)
    addresses = {info[4][0] for info in infos if info[0] in (socket.AF_INET, socket.AF_INET6)}
    server = make(TcpServer, "localhost", 0, name="srv")
    local = start(server)
    assert {peer.host for peer in local} == addresses
    assert len(local) == len(addresses)
    assert len({peer.port for peer in local}) == 1  # one port on every address
    port = port_of(local)

    # a client on every address the name stands for, whichever family comes first
    client = make(TcpClient, "localhost", port, name="cli")
    (client_local,) = start(client)
    assert rec.of(Started, "cli")[0].remote in local
    rec.wait(lambda _: server.peers() == (client_local,))
    _chat(rec, server, client, client_local)
    for i, peer in enumerate(local):
        extra = make(TcpClient, peer.host, port, name=f"direct{i}")
        start(extra)
    rec.wait(lambda _: len(rec.of(PeerConnected, "srv")) == 1 + len(local))


def test_unix_socket_path(make, rec, tmp_path):
    path = str(tmp_path / "socklab.sock")
    server = make(TcpServer, path, name="srv")
    assert start(server) == (Peer.unix(path),)
    assert os.path.exists(path)
    client = make(TcpClient, path, name="cli")
    (client_local,) = start(client)
    assert client_local == Peer.unix("")  # a client socket is not bound to a path
    rec.wait(lambda _: len(server.peers()) == 1)
    (peer,) = server.peers()
    assert peer == Peer.unix("") and str(peer) == "(unnamed Unix socket)"
    assert rec.of(Started, "cli")[0].remote == Peer.unix(path)
    _chat(rec, server, client, peer)

    second = make(TcpClient, "unix:" + path, name="cli2")
    start(second)
    rec.wait(lambda _: len(server.peers()) == 2)
    # both are unnamed: the connection ids tell them apart, and the address alone is ambiguous
    (first_id, _), (second_id, _) = server.connections()
    assert first_id != second_id
    assert {e.conn for e in rec.of(PeerConnected, "srv")} == {first_id, second_id}
    with pytest.raises(NetError) as info:
        server.send(b"which one?", peer=peer)
    assert info.value.code == "ambiguous_peer"
    assert server.send(b"you", peer=second_id) == (second_id,)
    rec.wait(lambda _: rec.received("cli2") == b"you")
    assert rec.received("cli") == b"pong"

    assert server.stop()
    assert not os.path.exists(path)  # the server removed its socket file
    # the server's EOF half-closes each client; they stay up until stopped
    for name in ("cli", "cli2"):
        rec.wait(lambda _, name=name: half_closed_by_peer(rec, name))
    assert not stopped(rec, "cli") and not stopped(rec, "cli2")
    assert client.stop() and second.stop()
    assert [e.reason for e in rec.of(PeerDisconnected, "cli")] == ["stopped"]


def test_unix_socket_left_by_a_dead_server_is_replaced(make, rec, tmp_path):
    path = str(tmp_path / "stale.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(path)  # bound, never listening, then gone: a stale socket file
    assert os.path.exists(path)
    server = make(TcpServer, path, name="srv")
    start(server)
    client = make(TcpClient, path, name="cli")
    start(client)
    rec.wait(lambda _: len(server.peers()) == 1)


def _fake_resolve(candidates):
    def resolve(host, port, kind, *, passive, prefer_ipv4=False, family=socket.AF_UNSPEC):
        return [Resolved(family, (addr, port, *rest)) for family, addr, *rest in candidates]

    return resolve


def test_client_falls_back_to_the_next_address(make, rec, monkeypatch):
    # a name standing for ::1 then 127.0.0.1, with the server on IPv4 only:
    # ::1 refuses for real, and the client goes on to 127.0.0.1
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    monkeypatch.setattr(tcp_client_module, "resolve", _fake_resolve(
        [(socket.AF_INET6, "::1", 0, 0), (socket.AF_INET, "127.0.0.1")]))
    client = make(TcpClient, "dual.test", port, name="cli")
    (local,) = start(client)
    assert local.host == "127.0.0.1"
    assert rec.of(Started, "cli")[0].remote == Peer.ipv4("127.0.0.1", port)
    rec.wait(lambda _: server.peers() == (local,))
    assert not rec.of(Error, "cli")


def test_client_reports_the_first_failure_when_every_address_fails(make, rec, monkeypatch):
    port = closed_port()
    monkeypatch.setattr(tcp_client_module, "resolve", _fake_resolve(
        [(socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1", 0, 0)]))
    client = make(TcpClient, "dual.test", port, name="cli")
    client.start()
    with pytest.raises(NetError) as info:
        client.wait_ready()
    assert info.value.code == "refused"
    assert info.value.message.startswith(f"Nobody is listening on dual.test:{port}")
    rec.wait(lambda _: stopped(rec, "cli"))
    assert [e.code for e in rec.of(Error, "cli")] == ["refused"]  # one error, not one per address
