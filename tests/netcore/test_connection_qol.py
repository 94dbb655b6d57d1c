"""Connection quality of life over real loopback: auto-reconnect, the max-clients refusal a client can read,
a client's chosen local address, this machine's address list, and the TCP relay."""

from __future__ import annotations

import hashlib
import os
import random
import socket
import threading
import time

import pytest

from netcore import (
    DataReceived,
    NetError,
    Notice,
    PeerDisconnected,
    SocketOptions,
    Started,
    Stopped,
    TcpClient,
    TcpServer,
)
from netcore.interfaces import Interface, list_interfaces
from netcore.local_addresses import LocalAddress, list_addresses
from netcore.reconnect import Backoff, Reconnecting
from netcore.tcp_relay import RelayLinked, TcpRelay

from .support import closed_port, errors, port_of, start

FAST = Backoff(first=0.05, factor=2.0, cap=0.2, jitter=0.1, stable=5.0)


def _recv_until_eof(sock: socket.socket, limit: float = 5.0) -> bytes:
    sock.settimeout(limit)
    chunks = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


# ------------------------------------------------------------------ reconnect
def test_backoff_doubles_to_its_cap_with_a_little_jitter():
    rand = random.Random(7)
    policy = Backoff()
    waits = [policy.delay(attempt, rand) for attempt in range(1, 10)]
    bases = [0.5, 1, 2, 4, 8, 16, 30, 30, 30]
    for wait, base in zip(waits, bases, strict=True):
        assert base * 0.9 <= wait <= base * 1.1
    assert len(set(waits)) == len(waits)  # jittered, not the bare numbers
    assert Backoff(jitter=0).delay(1000) == 30.0  # no overflow far past the cap
    for bad in ({"first": 0}, {"cap": 0.1, "first": 1}, {"factor": 0.5}, {"jitter": 2},
                {"first": float("nan")}):
        with pytest.raises(NetError):
            Backoff(**bad)


def test_client_reconnects_after_the_server_restarts_and_stop_cancels_the_wait(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(TcpClient, "127.0.0.1", port, name="cli", reconnect=FAST)
    start(client)
    assert server.stop()
    # the drop, then refused attempts, each wait longer than the one before (within jitter)
    rec.wait(lambda _: len(rec.of(Reconnecting, "cli")) >= 3)
    waits = rec.of(Reconnecting, "cli")
    assert [w.attempt for w in waits[:3]] == [1, 2, 3]
    assert waits[0].reason in ("closed", "reset") and waits[1].reason == "refused"  # (the drop, then none)
    for wait, base in zip(waits[:3], (0.05, 0.1, 0.2), strict=True):
        assert base * 0.9 <= wait.delay <= base * 1.1
    # the gap between announcements follows the announced wait (timers on the I/O thread)
    gap = waits[2].time - waits[1].time
    assert waits[1].delay * 0.9 <= gap <= waits[1].delay + 0.5
    assert all(not e.fatal for e in errors(rec, "cli"))
    assert client.running and not rec.of(Stopped, "cli")
    with pytest.raises(NetError) as refused:  # no queueing for a server that may never come back
        client.send(b"lost?")
    assert refused.value.code == "reconnecting"

    again = make(TcpServer, "127.0.0.1", port, name="srv2")
    start(again)
    rec.wait(lambda _: len(rec.of(Started, "cli")) == 2, timeout=3)
    client.send(b"back")
    rec.wait(lambda _: rec.received("srv2") == b"back")

    # a drop, then Stop during the wait: no further attempt, the client ends
    assert again.stop()
    count = rec.wait(lambda _: len(rec.of(Reconnecting, "cli")) > len(waits)
                     and len(rec.of(Reconnecting, "cli")))
    assert client.stop()
    time.sleep(0.3)  # longer than the cap: a retry not cancelled would show now
    assert len(rec.of(Reconnecting, "cli")) == count
    assert [e.reason for e in rec.of(Stopped, "cli")] == ["stopped"]


def test_without_reconnect_a_refused_client_stops_as_before(make, rec):
    client = make(TcpClient, "127.0.0.1", closed_port(), name="cli")
    client.start()
    rec.wait(lambda _: rec.of(Stopped, "cli"))
    assert not rec.of(Reconnecting, "cli")
    assert errors(rec, "cli", "refused")[0].fatal


# --------------------------------------------------------------- max clients
def test_a_client_past_max_clients_reads_why_then_eof(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, max_clients=1, name="srv")
    port = port_of(start(server))
    with socket.create_connection(("127.0.0.1", port), timeout=5) as first:
        rec.wait(lambda _: len(server.peers()) == 1)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as extra:
            assert _recv_until_eof(extra) == b"server full: 1 clients\n"
            extra_port = extra.getsockname()[1]
        (err,) = rec.wait(lambda _: errors(rec, "srv", "too_many_clients"))
        assert err.peer.port == extra_port and "told “server full”" in err.message
        first.sendall(b"still served")
        rec.wait(lambda _: rec.received("srv") == b"still served")

    quiet = make(TcpServer, "127.0.0.1", 0, max_clients=1, name="quiet", refusal_line=False)
    port = port_of(start(quiet))
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        rec.wait(lambda _: len(quiet.peers()) == 1)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as extra:
            assert _recv_until_eof(extra) == b""  # a clean close, nothing else


# ---------------------------------------------------------- local addresses
def test_a_client_bound_to_a_chosen_local_address_is_seen_from_there(make, rec):
    server = make(TcpServer, "0.0.0.0", 0, name="srv")
    port = port_of(start(server))
    with socket.socket() as probe:  # a free port on 127.0.0.2 for the client to send from
        probe.bind(("127.0.0.2", 0))
        local_port = probe.getsockname()[1]
    client = make(TcpClient, "127.0.0.1", port, name="cli",
                  options=SocketOptions(bind_host="127.0.0.2", bind_port=local_port))
    (local,) = start(client)
    assert (local.host, local.port) == ("127.0.0.2", local_port)
    rec.wait(lambda _: server.peers())
    (peer,) = server.peers()
    assert (peer.host, peer.port) == ("127.0.0.2", local_port)


def test_the_address_list_has_loopback_interfaces_and_wildcards():
    found = list_addresses(wildcards=True)
    addresses = [item.address for item in found]
    assert addresses[:2] == ["127.0.0.1", "::1"]
    assert addresses[-2:] == ["0.0.0.0", "::"] and found[-1].wildcard
    assert len(addresses) == len(set(addresses))
    assert "0.0.0.0" not in [item.address for item in list_addresses()]
    # what netcore.interfaces lists, every address of it; a link-local one with its interface
    for interface in list_interfaces():
        assert set(interface.ipv4) <= set(addresses)
    fake = Interface("eth9", 9, ("10.1.2.3",), ("fe80::1", "2001:db8::5"))
    listed = list_addresses(interfaces=lambda: [fake])
    assert listed[2:] == (LocalAddress("10.1.2.3", "eth9"), LocalAddress("fe80::1%eth9", "eth9", True),
                          LocalAddress("2001:db8::5", "eth9", True))
    # no interface found (no /proc, not Linux): the host name's addresses, loopback first all the same
    assert [item.address for item in list_addresses(interfaces=lambda: ())][:2] == ["127.0.0.1", "::1"]


# --------------------------------------------------------------------- relay
@pytest.fixture
def echo_target():
    """A plain threaded TCP server on loopback: answers each connection with the SHA-256 of all it read
    (after the client's EOF), then closes; returns (port, list of what each connection read)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    got: list[bytes] = []
    threads = []
    done = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            data = _recv_until_eof(conn)
            got.append(data)
            conn.sendall(hashlib.sha256(data).hexdigest().encode() + b"\n" + data)

    def accept_loop() -> None:
        deadline = time.monotonic() + 10
        while not done.is_set() and time.monotonic() < deadline:
            try:
                conn, _addr = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=serve, args=(conn,), daemon=True)
            thread.start()
            threads.append(thread)

    acceptor = threading.Thread(target=accept_loop, daemon=True)
    acceptor.start()
    yield listener.getsockname()[1], got
    done.set()
    acceptor.join(5)
    listener.close()
    for thread in threads:
        thread.join(5)


def test_relay_carries_megabytes_both_ways_and_propagates_half_close(make, rec, echo_target):
    target_port, got = echo_target
    relay = make(TcpRelay, "127.0.0.1", 0, "127.0.0.1", target_port, name="relay")
    port = port_of(start(relay))
    payload = os.urandom(3 * 1024 * 1024 + 17)
    with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
        sender = threading.Thread(target=lambda: (client.sendall(payload), client.shutdown(socket.SHUT_WR)))
        sender.start()  # (send while reading the answer: neither side's buffers need to hold it all)
        answer = _recv_until_eof(client)  # the target saw EOF (half-close passed on), then answered
        sender.join(5)
    digest = hashlib.sha256(payload).hexdigest().encode()
    assert got == [payload]
    assert answer == digest + b"\n" + payload
    (link,) = rec.wait(lambda _: rec.of(RelayLinked, "relay"))
    assert link.target_conn == link.client_conn + 1 and link.target.port == target_port
    rec.wait(lambda _: len(rec.of(PeerDisconnected, "relay")) == 2)
    by_conn = {}
    for event in rec.of(DataReceived, "relay"):
        by_conn[event.conn] = by_conn.get(event.conn, 0) + len(event.data)
    assert by_conn == {link.client_conn: len(payload), link.target_conn: len(answer)}
    assert not errors(rec, "relay")


def test_relay_holds_a_fast_sender_back_when_the_reader_is_slow(make, rec):
    with socket.create_server(("127.0.0.1", 0)) as target:
        relay = make(TcpRelay, "127.0.0.1", 0, "127.0.0.1", target.getsockname()[1], name="relay",
                     write_high=64 * 1024, write_low=16 * 1024)
        port = port_of(start(relay))
        with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
            slow, _addr = target.accept()  # accepted but not read: the target is slow
            with slow:
                rec.wait(lambda _: rec.of(RelayLinked, "relay"))
                client.setblocking(False)
                sent = 0
                chunk = b"x" * 65536
                deadline = time.monotonic() + 3
                while time.monotonic() < deadline:  # until TCP says no more (the relay stopped reading)
                    try:
                        sent += client.send(chunk)
                    except BlockingIOError:
                        time.sleep(0.05)
                        try:
                            sent += client.send(chunk)
                        except BlockingIOError:
                            break
                assert time.monotonic() < deadline, "the sender was never held back"
                relayed = len(rec.received("relay"))
                assert relayed < 48 * 1024 * 1024  # bounded: the kernel buffers plus the marks, not all
                slow.setblocking(True)
                slow.settimeout(5)
                total = 0
                while total < sent:  # the slow reader catches up: every byte arrives, in order
                    total += len(slow.recv(1 << 20))
                assert total == sent


def test_relay_closes_the_client_with_a_message_when_the_target_refuses(make, rec):
    relay = make(TcpRelay, "127.0.0.1", 0, "127.0.0.1", closed_port(), name="relay")
    port = port_of(start(relay))
    with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
        assert _recv_until_eof(client) == b""  # closed: EOF, nothing injected into its stream
        client_port = client.getsockname()[1]
    (err,) = rec.wait(lambda _: errors(rec, "relay", "refused"))
    assert err.peer.port == client_port and not err.fatal
    notice = rec.wait(lambda _: [n for n in rec.of(Notice, "relay") if n.code == "no_target"])[0]
    assert f"127.0.0.1:{client_port} was closed: the relay could not reach its target" in notice.message
    rec.wait(lambda _: not relay.peers())  # (the Notice comes just before the close)
    assert relay.running  # the relay goes on for the next client


def test_relay_closes_the_other_side_when_one_side_resets(make, rec):
    with socket.create_server(("127.0.0.1", 0)) as target:
        relay = make(TcpRelay, "127.0.0.1", 0, "127.0.0.1", target.getsockname()[1], name="relay")
        port = port_of(start(relay))
        with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
            far, _addr = target.accept()
            rec.wait(lambda _: rec.of(RelayLinked, "relay"))
            far.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")  # close = reset
            far.close()
            assert _recv_until_eof(client) == b""
        notice = rec.wait(lambda _: [n for n in rec.of(Notice, "relay") if n.code == "partner_gone"])[0]
        assert "the other end of its relay, is gone" in notice.message
        rec.wait(lambda _: not relay.peers())
