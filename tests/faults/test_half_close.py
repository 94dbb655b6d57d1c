"""Case 1: a peer that half-closes (sends, then shuts its writing side) loses nothing."""

from __future__ import annotations

import socket

import pytest

from netcore import DataReceived, DataSent, PeerConnected, PeerDisconnected, Stopped, TcpClient, TcpServer
from tests.netcore.support import disconnects, port_of, start, stopped

from .tools import MiB, payload, read_to_end, recv_exactly


def _server_address(tmp_path, family: str) -> tuple[str, int]:
    return (str(tmp_path / "srv.sock"), 0) if family == "unix" else ("127.0.0.1", 0)


def _raw_connect(family: str, local) -> socket.socket:
    if family == "unix":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(5)
        sock.connect(local[0][0])
        return sock
    return socket.create_connection(("127.0.0.1", port_of(local)), timeout=5)


@pytest.mark.parametrize("family", ["tcp", "unix"])
def test_half_closed_peer_has_all_its_data_delivered_before_the_disconnect(make, rec, tmp_path, family):
    host, port = _server_address(tmp_path, family)
    server = make(TcpServer, host, port, name="srv")
    local = start(server)
    other = make(TcpClient, *(local[0] if family == "unix" else ("127.0.0.1", port_of(local))), name="other")
    start(other)
    data = payload(3 * MiB, seed=1)
    with _raw_connect(family, local) as raw:
        rec.wait(lambda _: len(rec.of(PeerConnected, "srv")) == 2)
        raw.sendall(data)
        raw.shutdown(socket.SHUT_WR)
        rec.wait(lambda _: disconnects(rec, "srv"))
        # the server closes its side once the peer has finished: the raw client reads the end
        assert read_to_end(raw) == (b"", "eof")
    [gone] = disconnects(rec, "srv")
    assert gone.reason == "closed"
    events = [e for e in rec.pump() if getattr(e, "peer", None) == gone.peer]
    assert isinstance(events[-1], PeerDisconnected)  # nothing about this peer after it left
    assert b"".join(e.data for e in events if isinstance(e, DataReceived)) == data
    # the other client is unaffected, both ways
    other.send(b"still here?")
    rec.wait(lambda _: rec.received("srv").endswith(b"still here?"))
    server.send(b"yes")
    rec.wait(lambda _: rec.received("other") == b"yes")
    assert not stopped(rec, "other") and len(server.peers()) == 1


def test_echo_to_a_half_closed_peer_is_written_out_in_full(make, rec):
    """A peer that shuts its writing side may still be reading: its echo must not be cut short."""
    server = make(TcpServer, "127.0.0.1", 0, echo=True, name="srv")
    port = port_of(start(server))
    data = payload(8 * MiB, seed=2)
    with socket.socket() as raw:
        # a small receive window: the echo cannot all fit in kernel buffers, most of it waits in
        # the server's queue when the end of the stream arrives
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
        raw.settimeout(5)
        raw.connect(("127.0.0.1", port))
        raw.sendall(data)  # nothing read yet
        raw.shutdown(socket.SHUT_WR)
        # the server has read it all, and is left with most of the echo still to write
        rec.wait(lambda _: sum(len(e.data) for e in rec.of(DataReceived, "srv")) == len(data))
        echoed, end = read_to_end(raw, timeout=10)
    assert end == "eof"
    assert len(echoed) == len(data) and echoed == data
    rec.wait(lambda _: disconnects(rec, "srv"))
    assert [d.reason for d in disconnects(rec, "srv")] == ["closed"]
    assert rec.received("srv") == data
    # every echoed byte was reported sent before the peer was reported gone
    sent = [e for e in rec.pump() if isinstance(e, (DataSent, PeerDisconnected))]
    assert isinstance(sent[-1], PeerDisconnected) and sum(e.size for e in sent[:-1]) == len(data)


def test_client_writes_out_its_queue_to_a_server_that_half_closed(make, rec):
    """The server says goodbye and shuts its writing side, but still reads what the client queued."""
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)  # the client's data must queue
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        client = make(TcpClient, "127.0.0.1", listener.getsockname()[1], name="cli")
        start(client)
        conn, _ = listener.accept()
        with conn:
            data = payload(16 * MiB, seed=3)
            for offset in range(0, len(data), 4 * MiB):
                client.send(data[offset:offset + 4 * MiB])
            head = recv_exactly(conn, 64 * 1024)  # the client is sending; the rest queues up
            conn.sendall(b"goodbye")
            conn.shutdown(socket.SHUT_WR)
            rec.wait(lambda _: rec.received("cli") == b"goodbye")
            rest, end = read_to_end(conn, timeout=10)
        assert end == "eof" and head + rest == data
    rec.wait(lambda _: stopped(rec, "cli"))
    assert [d.reason for d in disconnects(rec, "cli")] == ["closed"]
    assert [s.reason for s in stopped(rec, "cli")] == ["closed"]
    assert sum(e.size for e in rec.of(DataSent, "cli")) == len(data)
    assert isinstance(rec.pump()[-1], Stopped) and not client.running
