"""Case 1: a peer that half-closes (sends, then shuts its writing side) loses nothing."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from netcore import (
    DataReceived,
    DataSent,
    PeerConnected,
    PeerDisconnected,
    Stopped,
    TcpClient,
    TcpServer,
    WritingPaused,
    WritingResumed,
)
from tests.netcore.support import disconnects, errors, half_closed_by_peer, port_of, start, states, stopped

from .tools import MiB, payload, read_to_end, recv_exactly


def _server_address(tmp_path, family: str) -> tuple[str, int]:
    return (str(tmp_path / "srv.sock"), 0) if family == "unix" else ("127.0.0.1", 0)


def _raw_connect(family: str, local) -> socket.socket:
    if family == "unix":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(5)
        sock.connect(local[0].host)
        return sock
    return socket.create_connection(("127.0.0.1", port_of(local)), timeout=5)


@pytest.mark.parametrize("family", ["tcp", "unix"])
def test_half_closed_peer_has_all_its_data_delivered_and_can_still_be_answered(make, rec, tmp_path, family):
    host, port = _server_address(tmp_path, family)
    server = make(TcpServer, host, port, name="srv")
    local = start(server)
    target = (local[0].host, 0) if family == "unix" else ("127.0.0.1", port_of(local))
    other = make(TcpClient, *target, name="other")
    start(other)
    data = payload(3 * MiB, seed=1)
    with _raw_connect(family, local) as raw:
        rec.wait(lambda _: len(rec.of(PeerConnected, "srv")) == 2)
        (raw_conn,) = [e.conn for e in rec.of(PeerConnected, "srv")][1:]
        raw.sendall(data)
        raw.shutdown(socket.SHUT_WR)
        # the peer's EOF half-closes the connection: it stays, and is still writable
        rec.wait(lambda _: states(rec, "srv", raw_conn)[-1:] == ["half-closed-by-peer"])
        assert states(rec, "srv", raw_conn) == ["open", "half-closed-by-peer"]
        assert not disconnects(rec, "srv") and len(server.peers()) == 2
        assert server.send(b"got it all", raw_conn) == (raw_conn,)
        assert recv_exactly(raw, 10) == b"got it all"
        # the server ends its side too: both sides are done, the connection is closed
        server.shutdown_write(raw_conn)
        rec.wait(lambda _: disconnects(rec, "srv"))
        assert read_to_end(raw) == (b"", "eof")
    [gone] = disconnects(rec, "srv")
    assert (gone.reason, gone.conn) == ("closed", raw_conn)
    assert states(rec, "srv", raw_conn) == ["open", "half-closed-by-peer", "closed"]
    events = [e for e in rec.pump() if getattr(e, "conn", None) == raw_conn and e.source == "srv"]
    assert isinstance(events[-1], PeerDisconnected)  # nothing about this connection after it left
    received = [e for e in events if isinstance(e, DataReceived)]
    assert b"".join(e.data for e in received) == data
    # every byte arrived before the half-close was reported
    half = next(i for i, e in enumerate(events) if getattr(e, "state", None) == "half-closed-by-peer")
    assert all(events.index(e) < half for e in received)
    assert [e.size for e in events if isinstance(e, DataSent)] == [10]
    # the other client is unaffected, both ways
    other.send(b"still here?")
    rec.wait(lambda _: rec.received("srv").endswith(b"still here?"))
    server.send(b"yes")
    rec.wait(lambda _: rec.received("other") == b"yes")
    assert not stopped(rec, "other") and len(server.peers()) == 1


def test_echo_to_a_half_closed_peer_is_written_out_in_full(make, rec):
    """A peer that shuts its writing side may still be reading: its echo must not be cut short."""
    # high water marks above the payload: the echo keeps reading while its replies queue up
    server = make(TcpServer, "127.0.0.1", 0, echo=True, write_high=32 * MiB, write_low=MiB, name="srv")
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
    (conn,) = {e.conn for e in rec.of(PeerConnected, "srv")}
    # the echo's own EOF went out after the last byte: half-closed by the peer, then done
    assert states(rec, "srv", conn) == ["open", "half-closed-by-peer", "closed"]
    assert not errors(rec, "srv")


def test_echo_stops_reading_a_peer_that_does_not_read_its_echo(make, rec):
    """Above the high water mark the echo pauses reading that peer; nothing is lost either way."""
    server = make(TcpServer, "127.0.0.1", 0, echo=True, write_high=MiB, write_low=256 * 1024, name="srv")
    port = port_of(start(server))
    data = payload(32 * MiB, seed=4)  # far more than the kernel buffers on both sides hold
    failures: list[BaseException] = []

    def send_all(sock: socket.socket) -> None:
        try:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
        except BaseException as exc:  # reported by the test, not lost in the thread
            failures.append(exc)

    with socket.socket() as raw:
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
        raw.settimeout(10)
        raw.connect(("127.0.0.1", port))
        sender = threading.Thread(target=send_all, args=(raw,))
        sender.start()
        try:
            # nobody reads the echo yet: the server pauses, and stops reading this peer
            rec.wait(lambda _: rec.of(WritingPaused, "srv"))
            time.sleep(0.2)
            got = sum(len(e.data) for e in rec.of(DataReceived, "srv"))
            assert got < len(data)  # it did not read everything while its echo could not go out
            assert sender.is_alive()  # so the sender is held back by TCP
            echoed, end = read_to_end(raw, timeout=20)
        finally:
            sender.join(10)
    assert not failures and not sender.is_alive()
    assert end == "eof" and echoed == data
    assert rec.received("srv") == data
    rec.wait(lambda _: disconnects(rec, "srv"))
    assert [d.reason for d in disconnects(rec, "srv")] == ["closed"]
    assert len(rec.of(WritingResumed, "srv")) >= 1
    assert not errors(rec, "srv")


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
            rec.wait(lambda _: half_closed_by_peer(rec, "cli"))
            assert client.running  # it still has something to say
            client.send(b"and goodbye to you")
            client.shutdown_write()  # once its queue is written: the end of its side, and of the connection
            rest, end = read_to_end(conn, timeout=10)
        assert end == "eof" and head + rest == data + b"and goodbye to you"
    rec.wait(lambda _: stopped(rec, "cli"))
    assert [d.reason for d in disconnects(rec, "cli")] == ["closed"]
    assert [s.reason for s in stopped(rec, "cli")] == ["closed"]
    assert sum(e.size for e in rec.of(DataSent, "cli")) == len(data) + 18
    assert not errors(rec, "cli")
    assert isinstance(rec.pump()[-1], Stopped) and not client.running
