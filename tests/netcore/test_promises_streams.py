"""Half-close, write flow control, lookups off the I/O thread, races: each failed on the first netcore."""

from __future__ import annotations

import hashlib
import os
import socket
import threading
import time

import pytest

from netcore import (
    ConnectionState,
    DataReceived,
    NetError,
    Peer,
    Started,
    TcpClient,
    TcpServer,
    UdpServer,
    WritingPaused,
    WritingResumed,
)
from tests.faults.tools import read_to_end, recv_exactly
from tests.helpers import wait_for
from tests.netcore.support import SLOW_NAME, errors, slow_lookup, start


# ------------------------------------------------------------------ 4. half-close
def test_a_peer_that_half_closes_still_gets_its_reply_like_nc_minus_n(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    with socket.create_connection(("127.0.0.1", port)) as raw:
        raw.sendall(b"GET /\r\n")
        raw.shutdown(socket.SHUT_WR)
        rec.wait(lambda evs: [e for e in rec.of(ConnectionState, "srv") if e.state == "half-closed-by-peer"])
        assert rec.received("srv") == b"GET /\r\n"
        server.send(b"200 OK\r\n")  # to every client: the half-closed one is still a client
        (conn_id,) = [c for c, _ in server.connections()]
        server.shutdown_write(conn_id)
        raw.settimeout(5)
        assert raw.recv(100) == b"200 OK\r\n"
        assert raw.recv(100) == b""  # then EOF: both sides done
    rec.wait(lambda evs: not server.peers())


def test_a_client_whose_server_half_closes_can_still_answer(make, rec):
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5)
    try:
        client = make(TcpClient, "127.0.0.1", listener.getsockname()[1], name="cli")
        start(client)
        conn, _ = listener.accept()
        with conn:
            conn.sendall(b"question?")
            conn.shutdown(socket.SHUT_WR)
            rec.wait(lambda evs: [e for e in rec.of(ConnectionState, "cli")
                                  if e.state == "half-closed-by-peer"])
            assert client.running
            client.send(b"answer!")
            client.shutdown_write()
            conn.settimeout(5)
            assert conn.recv(100) == b"answer!"
            assert conn.recv(100) == b""
        rec.wait(lambda evs: not client.running)
        assert rec.received("cli") == b"question?"
    finally:
        listener.close()


def test_our_half_close_lets_the_peer_finish_its_answer(make, rec):
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5)
    try:
        client = make(TcpClient, "127.0.0.1", listener.getsockname()[1], name="cli")
        start(client)
        conn, _ = listener.accept()
        with conn:
            client.send(b"all of the request")
            client.shutdown_write()
            request, end = read_to_end(conn)
            assert (request, end) == (b"all of the request", "eof")
            conn.sendall(b"the answer after our EOF")
            rec.wait(lambda evs: rec.received("cli") == b"the answer after our EOF")
            states = [e.state for e in rec.of(ConnectionState, "cli")]
            assert states[-1] == "half-closed-by-us"
    finally:
        listener.close()


# ------------------------------------------------------ 5. write flow control
def test_echo_returns_every_byte_in_order_against_a_slow_reader(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="echo", echo=True)
    port = start(server)[0].port
    payload = os.urandom(32 * 1024 * 1024)
    with socket.create_connection(("127.0.0.1", port)) as raw:
        sender = threading.Thread(target=raw.sendall, args=(payload,), daemon=True)
        sender.start()
        time.sleep(0.5)  # not reading: the echo backlog fills, so the echo must stop reading us
        back = recv_exactly(raw, len(payload), 30)
        sender.join(5)
    assert hashlib.sha256(back).digest() == hashlib.sha256(payload).digest()
    assert not errors(rec, "echo")
    assert rec.of(WritingPaused, "echo") and rec.of(WritingResumed, "echo")


def test_a_flood_of_sends_to_a_peer_that_never_reads_is_refused_at_the_limit(make, rec):
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5)
    try:
        client = make(TcpClient, "127.0.0.1", listener.getsockname()[1], name="cli",
                      max_buffered=2 * 1024 * 1024)
        start(client)
        conn, _ = listener.accept()
        with conn:
            chunk = b"z" * 64 * 1024
            accepted = 0
            with pytest.raises(NetError) as info:
                for _ in range(10_000):
                    client.send(chunk)
                    accepted += len(chunk)
            assert info.value.code == "backlog_full"
            # what the kernel buffers on loopback plus the 2 MiB budget: nowhere near 10,000 × 64 KiB
            assert accepted < 64 * 1024 * 1024
            for _ in range(1000):  # the kernel may still take some of the queue meanwhile
                started = time.monotonic()
                try:
                    client.send(chunk, wait=0.2)  # waits for room, then gives up
                except NetError:
                    break
            else:
                pytest.fail("send(wait=0.2) never gave up")
            assert time.monotonic() - started >= 0.15
    finally:
        listener.close()


def test_send_with_wait_goes_through_once_the_peer_reads(make, rec):
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5)
    try:
        client = make(TcpClient, "127.0.0.1", listener.getsockname()[1], name="cli", max_buffered=1024 * 1024)
        start(client)
        conn, _ = listener.accept()
        total = 32 * 1024 * 1024
        with conn:
            reader = threading.Thread(target=lambda: recv_exactly(conn, total, 20), daemon=True)
            reader.start()
            for _ in range(total // (256 * 1024)):
                client.send(b"w" * 256 * 1024, wait=10)
            reader.join(20)
        assert not errors(rec, "cli", "backlog_full")
    finally:
        listener.close()


# ----------------------------------------------------- 6. lookups off the I/O thread
def test_stop_during_a_slow_lookup_returns_at_once_and_never_connects(make, rec, monkeypatch):
    listener = socket.create_server(("127.0.0.1", 0))
    listener.setblocking(False)
    try:
        done = slow_lookup(monkeypatch, 1.5)
        client = make(TcpClient, SLOW_NAME, listener.getsockname()[1], name="cli")
        client.start()
        wait_for(lambda: client.lookups)  # the lookup is under way
        started = time.monotonic()
        assert client.stop() is True
        assert time.monotonic() - started < 0.5
        assert not client.running
        client.start()  # not "already running"
        assert client.stop() is True
        assert done.wait(5)
        for thread in client.lookups:
            thread.join(5)  # its late answer was dropped by then: nothing is left that could connect
        with pytest.raises(BlockingIOError):
            listener.accept()  # the stopped client never connected
        assert not rec.of(Started, "cli")
    finally:
        listener.close()


def test_a_slow_lookup_does_not_stall_the_endpoint(make, rec, monkeypatch):
    slow_lookup(monkeypatch, 0.5)
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    client = make(TcpClient, SLOW_NAME, port, name="cli")
    client.start()
    ticks = []
    client.call_later(0.05, lambda: ticks.append(time.monotonic()))
    client.wait_ready(5)
    assert ticks, "the timer had to wait for the lookup"


# ---------------------------------------------------------------- 8. races
def test_udp_send_captures_its_target_once_and_says_which(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        a.bind(("127.0.0.1", 0))
        b.bind(("127.0.0.1", 0))
        a.sendto(b"from a", ("127.0.0.1", port))
        rec.wait(lambda evs: server.last_sender is not None)
        to = server.send(b"to the last sender")
        b.sendto(b"from b", ("127.0.0.1", port))  # the last sender changes right after
        assert to == Peer.ipv4("127.0.0.1", a.getsockname()[1])
        a.settimeout(5)
        assert a.recv(100) == b"to the last sender"
    finally:
        a.close()
        b.close()


def test_configuration_is_frozen_at_start(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    start(client)
    client.port = 1  # a caller changing its mind after start() changes nothing now
    client.host = "nowhere.invalid"
    client.send(b"still to the same server")
    rec.wait(lambda evs: rec.received("srv") == b"still to the same server")


def test_data_sent_while_connecting_is_capped_too(make, rec, monkeypatch):
    slow_lookup(monkeypatch, 1.0)
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    client = make(TcpClient, SLOW_NAME, port, name="cli", max_buffered=1024 * 1024)
    client.start()
    with pytest.raises(NetError) as info:
        for _ in range(1000):
            client.send(b"e" * 64 * 1024)
    assert info.value.code == "backlog_full"
    client.wait_ready(5)
    rec.wait(lambda evs: len(rec.received("srv")) == 1024 * 1024)


def test_two_connections_from_one_address_are_told_apart(make, rec):
    server = make(TcpServer, f"unix:/tmp/socklab-{os.getpid()}-{time.monotonic_ns()}.sock", 0, name="srv")
    start(server)
    path = server.local_addresses[0].host
    first = make(TcpClient, f"unix:{path}", 0, name="a")
    second = make(TcpClient, f"unix:{path}", 0, name="b")
    start(first)
    start(second)
    rec.wait(lambda evs: len(server.connections()) == 2)
    ids = [c for c, _ in server.connections()]
    assert len(set(ids)) == 2
    assert all(str(peer) == "(unnamed Unix socket)" for _, peer in server.connections())
    server.send(b"only the second", ids[1])
    rec.wait(lambda evs: rec.received("b") == b"only the second")
    assert rec.received("a") == b""
    assert [e.conn for e in rec.of(DataReceived, "b")] == [1]
