"""Case 3: stopping a server that has 1,000 clients connected."""

from __future__ import annotations

import contextlib
import socket

from netcore import Error, PeerConnected, PeerDisconnected, Stopped, TcpServer
from tests.netcore.support import disconnects, port_of, start, stopped

from .tools import fd_limit_at_least, wait_all_ended

CLIENTS = 1000
BATCH = 100


def test_stop_with_a_thousand_clients_closes_every_connection(make, rec):
    with fd_limit_at_least(2500), contextlib.ExitStack() as stack:
        server = make(TcpServer, "127.0.0.1", 0, name="srv")
        port = port_of(start(server))
        clients: list[socket.socket] = []
        for first in range(0, CLIENTS, BATCH):
            for _ in range(BATCH):  # a batch fits the listen backlog (128): no connect waits for a retry
                clients.append(stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=5)))
            rec.wait(lambda _, want=first + BATCH: len(rec.of(PeerConnected, "srv")) == want)
        for sock in clients[::10]:  # some have sent data the server has read
            sock.sendall(b"hello")
        rec.wait(lambda _: len(rec.received("srv")) == 5 * CLIENTS // 10)
        assert len(server.peers()) == CLIENTS

        assert server.stop() is True  # within its 1 s timeout
        assert not server.running
        ended = wait_all_ended(clients)
        assert ended["eof"] + ended["reset"] == CLIENTS

    gone = disconnects(rec, "srv")
    assert len(gone) == CLIENTS and {d.reason for d in gone} == {"stopped"}
    assert {d.peer for d in gone} == {e.peer for e in rec.of(PeerConnected, "srv")}
    assert [s.reason for s in stopped(rec, "srv")] == ["stopped"]
    assert rec.of(Error, "srv") == []
    events = rec.pump()
    assert isinstance(events[-1], Stopped)  # after every PeerDisconnected
    assert sum(isinstance(e, PeerDisconnected) for e in events) == CLIENTS
