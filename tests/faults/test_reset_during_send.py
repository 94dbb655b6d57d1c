"""Case 6: the peer resets the connection while the server is writing to it."""

from __future__ import annotations

import socket
import threading

from netcore import DataSent, Error, Peer, PeerConnected, PeerDisconnected, TcpClient, TcpServer
from tests.helpers import Recorder
from tests.netcore.support import disconnects, of_source, port_of, start

from .tools import MiB, assert_plain, linger_zero, payload, recv_exactly


def _check_one_plain_error(rec, peer) -> Error | None:
    """The reset was told once, in plain words, before the peer was reported gone.

    What was queued for the peer and never written is told next, once (an "unsent" Error with
    its size); returns that report, if any.
    """
    mine = [e for e in of_source(rec, "srv") if getattr(e, "peer", None) == peer]
    failures = [e for e in mine if isinstance(e, Error)]
    assert [e.code for e in failures][1:] in ([], ["unsent"]), failures
    err, *unsent = failures
    assert err.code in ("reset", "broken_pipe") and not err.fatal
    for report in failures:
        assert_plain(report.message)
        assert f"127.0.0.1:{peer.port}" in report.message
        assert report.conn == mine[-1].conn
    assert isinstance(mine[-1], PeerDisconnected) and mine.index(failures[-1]) < len(mine) - 1
    assert mine[-1].reason in ("reset", "error")
    return unsent[0] if unsent else None


def test_peer_reset_while_the_server_writes_a_big_buffer(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    other = make(TcpClient, "127.0.0.1", port, name="other")
    start(other)
    big = payload(32 * MiB, seed=6)
    with socket.create_connection(("127.0.0.1", port), timeout=5) as victim:
        peer = Peer.ipv4(*victim.getsockname())
        rec.wait(lambda _: peer in server.peers())
        server.send(big, peer)
        assert recv_exactly(victim, 256 * 1024) == big[:256 * 1024]  # the server is writing...
        assert not [e for e in rec.of(DataSent, "srv") if e.peer == peer]  # ...and is far from done
        linger_zero(victim)
    rec.wait(lambda _: [d for d in disconnects(rec, "srv") if d.peer == peer])
    unsent = _check_one_plain_error(rec, peer)
    # the part the kernel never took is reported as not sent, with its size
    assert unsent is not None and 0 < int(dict(unsent.params)["size"]) < len(big) - 256 * 1024
    # the part it took as sent, in part only (never as the whole request): each byte told once
    (partial,) = [e for e in rec.of(DataSent, "srv") if e.peer == peer]
    assert partial.partial and partial.size + int(dict(unsent.params)["size"]) == len(big)
    # the server keeps serving the others
    assert server.running and server.peers() == (other.local_addresses[0],)
    server.send(b"still serving")
    rec.wait(lambda _: rec.received("other") == b"still serving")
    other.send(b"good")
    rec.wait(lambda _: rec.received("srv").endswith(b"good"))


class HeldSink(Recorder):
    """A Recorder that can hold the server's I/O thread when it reports a new client.

    While held, the test arranges what the peer's socket will hold when the thread looks at it
    next: data already received, then a reset.
    """

    def __init__(self) -> None:
        super().__init__()
        self.holding = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def put(self, item) -> None:
        super().put(item)
        if isinstance(item, PeerConnected) and not self.release.is_set():
            self.holding.set()
            self.release.wait(5)


def test_echo_server_reports_a_reset_once_in_plain_words(make):
    rec = HeldSink()
    server = make(TcpServer, "127.0.0.1", 0, echo=True, name="srv", events=rec)
    port = port_of(start(server))
    other = make(TcpClient, "127.0.0.1", port, name="other", events=rec)
    start(other)
    rec.wait(lambda _: rec.of(PeerConnected, "srv"))
    rec.release.clear()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as victim:
        peer = Peer.ipv4(*victim.getsockname())
        assert rec.holding.wait(5)
        victim.sendall(payload(100_000, seed=7))  # waits unread in the server's socket: several reads
        linger_zero(victim)
    rec.release.set()  # now it reads those bytes, echoes them into a reset connection, then sees the reset
    rec.wait(lambda _: [d for d in disconnects(rec, "srv") if d.peer == peer])
    _check_one_plain_error(rec, peer)
    other.send(b"echo?")
    rec.wait(lambda _: rec.received("other") == b"echo?")
    assert {e.peer for e in rec.of(Error)} == {peer}
