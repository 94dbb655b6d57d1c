"""Case 2: the process at the other end dies while data is moving."""

from __future__ import annotations

import socket

import pytest

from netcore import (
    ConnectionState,
    DataReceived,
    DataSent,
    Error,
    Peer,
    PeerConnected,
    PeerDisconnected,
    Stopped,
    TcpClient,
    TcpServer,
)
from tests.netcore.support import disconnects, errors, of_source, port_of, start, states, stopped

from .tools import MiB, assert_plain, payload, recv_exactly

# Connects, prints its local port, then sends one repeating pattern without end (in a thread)
# until the test tells it to exit — or kills it.
ENDLESS_SENDER = r"""
import os, socket, sys, threading
sock = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
print(sock.getsockname()[1], flush=True)
chunk = bytes(range(256)) * 4096
def pump():
    while True:
        sock.sendall(chunk)
threading.Thread(target=pump, daemon=True).start()
sys.stdin.readline()
os._exit(0)
"""

# Listens, prints its port, greets the client, reads 1 MiB, says so, and stops reading:
# the client's remaining data waits unread when the process exits or is killed.
STALLING_SERVER = r"""
import os, socket, sys
listener = socket.create_server(("127.0.0.1", 0))
print(listener.getsockname()[1], flush=True)
conn, _ = listener.accept()
conn.sendall(b"hello from the server")
got = 0
while got < 1 << 20:
    chunk = conn.recv(1 << 16)
    if not chunk:
        break
    got += len(chunk)
print(got, flush=True)
sys.stdin.readline()
os._exit(0)
"""


def _is_pattern(data: bytes) -> bool:
    """True if ``data`` is the start of the sender's 0..255 pattern: nothing lost, nothing reordered."""
    return data == (bytes(range(256)) * (len(data) // 256 + 1))[:len(data)]


def _bytes_from(rec, source: str, peer) -> int:
    return sum(len(e.data) for e in rec.of(DataReceived, source) if e.peer == peer)


@pytest.mark.parametrize("death", ["exit", "kill"])
def test_server_survives_a_client_process_that_dies_while_sending(make, rec, child, death):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    other = make(TcpClient, "127.0.0.1", port, name="other")
    start(other)
    sender = child(ENDLESS_SENDER, port)
    peer = Peer.ipv4("127.0.0.1", int(sender.line()))
    rec.wait(lambda _: peer in [e.peer for e in rec.of(PeerConnected, "srv")])
    (conn,) = [e.conn for e in rec.of(PeerConnected, "srv") if e.peer == peer]
    rec.wait(lambda _: _bytes_from(rec, "srv", peer) >= MiB)  # it is in the middle of sending
    if death == "kill":
        # data it will never read makes its kernel answer with a reset, as a crash would
        server.send(b"unread " * 1000, peer)
        rec.wait(lambda _: [e for e in rec.of(DataSent, "srv") if e.peer == peer])
        sender.kill()
    else:
        sender.tell("exit")
    assert sender.wait() == (-9 if death == "kill" else 0)
    if death == "exit":
        # an orderly exit ends the peer's stream: a half-close, which the server may still answer;
        # it is the server that ends the connection, once it has nothing more to say
        rec.wait(lambda _: states(rec, "srv", conn) == ["open", "half-closed-by-peer"])
        assert peer in server.peers() and not disconnects(rec, "srv")
        server.disconnect(conn)
    rec.wait(lambda _: [d for d in disconnects(rec, "srv") if d.peer == peer])
    mine = [e for e in of_source(rec, "srv") if getattr(e, "peer", None) == peer]
    gone = mine[-1]
    assert isinstance(gone, PeerDisconnected) and gone.conn == conn
    # a kill with unread data resets the connection, and the server says so plainly
    assert gone.reason == ("reset" if death == "kill" else "kicked")
    received = b"".join(e.data for e in mine if isinstance(e, DataReceived))
    assert len(received) >= MiB and _is_pattern(received)
    peer_errors = [e for e in mine if isinstance(e, Error)]
    if death == "kill":
        [err] = peer_errors
        assert err.code == "reset" and not err.fatal
        assert_plain(err.message)
        assert err.message.startswith(f"The connection to 127.0.0.1:{peer.port} was reset")
    else:
        assert peer_errors == []
    # still serving: the client that was there, and a new one
    assert server.running and not stopped(rec, "srv") and server.peers() == (other.local_addresses[0],)
    other.send(b"ping")
    rec.wait(lambda _: rec.received("srv").endswith(b"ping"))
    with socket.create_connection(("127.0.0.1", port), timeout=5) as late:
        rec.wait(lambda _: len(server.peers()) == 2)
        server.send(b"to everyone")
        assert recv_exactly(late, 11) == b"to everyone"
        rec.wait(lambda _: rec.received("other") == b"to everyone")


@pytest.mark.parametrize("death", ["exit", "kill"])
def test_client_reports_a_server_process_that_dies_mid_transfer(make, rec, child, death):
    server = child(STALLING_SERVER)
    client = make(TcpClient, "127.0.0.1", int(server.line()), name="cli")
    start(client)
    data = payload(16 * MiB, seed=4)  # far more than the kernel buffers hold
    for offset in range(0, len(data), 4 * MiB):
        client.send(data[offset:offset + 4 * MiB])
    assert int(server.line()) >= MiB  # it read a part, and reads no more
    rec.wait(lambda _: rec.received("cli") == b"hello from the server")
    assert not stopped(rec, "cli")
    if death == "kill":
        server.kill()
    else:
        server.tell("exit")
    assert server.wait() == (-9 if death == "kill" else 0)
    rec.wait(lambda _: stopped(rec, "cli"))
    everything = [e for e in of_source(rec, "cli") if not isinstance(e, ConnectionState)]
    # the part of a request the kernel took before the end is told as sent, just before "unsent"
    partial = [e for e in everything if isinstance(e, DataSent) and e.partial]
    events = [e for e in everything if e not in partial]
    kinds = [type(e) for e in events]
    shown = "\n".join(map(repr, everything[-8:]))
    # the failure in plain words, what could not be sent, the peer gone, the endpoint stopped
    (gone,) = [e for e in events if isinstance(e, PeerDisconnected)]
    at = events.index(gone)
    err, unsent = events[at - 2:at]
    assert (err.code in ("reset", "broken_pipe"), unsent.code) == (True, "unsent"), shown
    assert len(partial) <= 1 and all(everything.index(p) == everything.index(unsent) - 1 for p in partial)
    assert not err.fatal and not unsent.fatal
    # sends accepted before the failure that reached the I/O thread after it are each told as not
    # sent (all of them: they were accepted); nothing else comes after the peer is gone
    late = events[at + 1:-1]
    assert all(isinstance(e, Error) and e.code == "unsent" for e in late), shown
    assert kinds[-1] is Stopped
    stop = events[-1]
    for report in (err, unsent, *late):
        assert_plain(report.message)
        assert f"127.0.0.1:{client.remote.port}" in report.message
    assert gone.reason in ("reset", "error") and stop.reason == gone.reason
    assert [e.code for e in errors(rec, "cli")].count(err.code) == 1  # one fault, told once
    assert states(rec, "cli")[-1] == "closed"
    # not all of it can have been sent, nothing claims it was, and each byte is told once
    sent = sum(e.size for e in rec.of(DataSent, "cli"))
    assert sent < len(data)
    not_sent = sum(int(dict(e.params)["size"]) for e in (unsent, *late))
    assert not_sent > 0 and sent + not_sent == len(data)
    assert not client.running
