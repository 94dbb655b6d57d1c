"""A TCP server chatting with many TcpClients over 127.0.0.1: fan-in, broadcast, unicast, kick, limit."""

from __future__ import annotations

from netcore import (
    ConnectionState,
    DataReceived,
    Peer,
    PeerConnected,
    PeerDisconnected,
    Started,
    TcpClient,
    TcpServer,
)

from .support import disconnects, errors, half_closed_by_peer, port_of, start, stopped

CLIENTS = 50


def _connect_clients(make, rec, port: int, count: int) -> tuple[dict[str, TcpClient], dict[str, Peer]]:
    """Start ``count`` clients named c0..; return them and name -> its local address (the server's peer)."""
    clients = {}
    for i in range(count):
        client = make(TcpClient, "127.0.0.1", port, name=f"c{i}")
        client.start()
        clients[client.name] = client
    locals_ = {}
    for name, client in clients.items():
        (local,) = client.wait_ready()
        locals_[name] = local
    return clients, locals_


def test_fifty_clients_chat(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    clients, locals_ = _connect_clients(make, rec, port, CLIENTS)
    assert len(set(locals_.values())) == CLIENTS
    rec.wait(lambda _: len(rec.of(PeerConnected, "srv")) == CLIENTS)
    assert {e.peer for e in rec.of(PeerConnected, "srv")} == set(locals_.values())
    assert set(server.peers()) == set(locals_.values())

    # every client sends its own message; the server sees each with the right peer
    for name, client in clients.items():
        client.send(f"hello from {name}\n".encode())

    def server_got_all(_):
        by_peer: dict = {}
        for e in rec.of(DataReceived, "srv"):
            by_peer[e.peer] = by_peer.get(e.peer, b"") + e.data
        return len(by_peer) == CLIENTS and all(
            by_peer.get(locals_[n]) == f"hello from {n}\n".encode() for n in clients
        )

    rec.wait(server_got_all, timeout=10)

    # broadcast reaches everyone
    server.send(b"to everyone;")
    rec.wait(lambda _: all(rec.received(n) == b"to everyone;" for n in clients), timeout=10)

    # unicast reaches only its target; a second broadcast is the barrier that proves it
    server.send(b"only c7;", peer=locals_["c7"])
    server.send(b"end;")
    rec.wait(lambda _: all(rec.received(n).endswith(b"end;") for n in clients), timeout=10)
    assert rec.received("c7") == b"to everyone;only c7;end;"
    for name in clients:
        if name != "c7":
            assert rec.received(name) == b"to everyone;end;", name


def test_disconnect_one_client_others_keep_working(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    clients, locals_ = _connect_clients(make, rec, port, 5)
    rec.wait(lambda _: len(server.peers()) == 5)
    victim = locals_["c2"]

    server.disconnect(victim)
    rec.wait(lambda _: disconnects(rec, "srv"))
    assert [(e.peer, e.reason) for e in disconnects(rec, "srv")] == [(victim, "kicked")]
    assert victim not in server.peers()
    assert len(server.peers()) == 4
    # the client hears the server's EOF; its own side stays open until it stops
    rec.wait(lambda _: half_closed_by_peer(rec, "c2"))
    assert clients["c2"].running and not stopped(rec, "c2")
    assert clients["c2"].stop()
    assert [(e.peer, e.reason) for e in disconnects(rec, "c2")] == [(Peer.ipv4("127.0.0.1", port), "stopped")]

    # the others still talk both ways
    server.send(b"still here")
    others = [n for n in clients if n != "c2"]
    rec.wait(lambda _: all(rec.received(n) == b"still here" for n in others))
    for name in others:
        clients[name].send(name.encode())
    rec.wait(lambda _: len(rec.of(DataReceived, "srv")) >= len(others))
    assert {e.peer: e.data for e in rec.of(DataReceived, "srv")} == {locals_[n]: n.encode() for n in others}
    assert rec.received("c2") == b""


def test_peers_follow_connects_and_disconnects(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    assert server.peers() == ()
    seen = []
    clients = []
    for i in range(3):  # one at a time, so the arrival order is known
        client = make(TcpClient, "127.0.0.1", port, name=f"c{i}")
        (local,) = start(client)
        seen.append(local)
        clients.append(client)
        rec.wait(lambda _, n=i + 1: len(rec.of(PeerConnected, "srv")) == n)
        assert server.peers() == tuple(seen)

    # the client in the middle leaves by itself: the server sees its EOF, a half-close,
    # and keeps the connection (it could still answer) until it ends its own side too
    assert clients[1].stop()
    rec.wait(lambda _: half_closed_by_peer(rec, "srv"))
    (state,) = [e for e in rec.of(ConnectionState, "srv") if e.state == "half-closed-by-peer"]
    assert state.peer == seen[1]
    assert server.peers() == tuple(seen)
    assert not disconnects(rec, "srv")
    server.shutdown_write(state.conn)  # both sides done: closed
    rec.wait(lambda _: disconnects(rec, "srv"))
    assert [(e.peer, e.reason, e.conn) for e in disconnects(rec, "srv")] == [(seen[1], "closed", state.conn)]
    assert server.peers() == (seen[0], seen[2])

    server.disconnect(seen[0])
    rec.wait(lambda _: len(disconnects(rec, "srv")) == 2)
    assert disconnects(rec, "srv")[1].reason == "kicked"
    assert server.peers() == (seen[2],)
    ((conn_id, peer),) = server.connections()
    assert peer == seen[2]
    assert [e.conn for e in rec.of(PeerConnected, "srv") if e.peer == peer] == [conn_id]


def test_max_clients_turns_the_extra_client_away(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, max_clients=2, name="srv")
    port = port_of(start(server))
    _clients, locals_ = _connect_clients(make, rec, port, 2)
    rec.wait(lambda _: len(server.peers()) == 2)

    extra = make(TcpClient, "127.0.0.1", port, name="extra")
    extra.start()
    # the kernel completes the handshake, then the server closes the connection at once
    rec.wait(lambda _: errors(rec, "srv", "too_many_clients"))
    (err,) = errors(rec, "srv")
    # the extra client sees the server's EOF at once, and is still up until it stops
    rec.wait(lambda _: half_closed_by_peer(rec, "extra"))
    (extra_started,) = rec.of(Started, "extra")
    assert err.peer == extra_started.local[0]
    assert "turned away" in err.message and "limit of 2 clients" in err.message
    assert not err.fatal
    assert dict(err.params)["limit"] == "2"
    assert extra.stop()
    assert [e.reason for e in rec.of(PeerDisconnected, "extra")] == ["stopped"]
    assert set(server.peers()) == set(locals_.values())
    assert len(rec.of(PeerConnected, "srv")) == 2

    # the server still serves the two it kept
    server.send(b"ok")
    rec.wait(lambda _: rec.received("c0") == b"ok" and rec.received("c1") == b"ok")


def test_data_sent_right_after_start_waits_for_the_connection(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    client.start()
    client.send(b"early ")  # most likely before the connection is up
    client.send(b"bird")
    client.wait_ready()
    rec.wait(lambda _: rec.received("srv") == b"early bird")
