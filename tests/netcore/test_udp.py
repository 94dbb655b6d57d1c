"""UDP over loopback: datagram boundaries, replies, fixed local port, IPv6 and localhost."""

from __future__ import annotations

import random
import socket
import time

import pytest

from netcore import (
    Datagram,
    DatagramsReceived,
    DataSent,
    Error,
    NetError,
    Peer,
    Started,
    Stopped,
    UdpClient,
    UdpServer,
)
from netcore import udp_client as udp_client_module

from .support import closed_port, datagrams, payloads, port_of, start


def test_datagram_boundaries_and_order_are_kept(make, rec):
    rng = random.Random(42)
    messages = [rng.randbytes(rng.randint(1, 1400)) for _ in range(200)]
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(UdpClient, "127.0.0.1", port, name="cli")
    (local,) = start(client)

    group = 25  # a bounded burst, well inside the socket buffer, then wait for it
    for first in range(0, len(messages), group):
        for message in messages[first:first + group]:
            client.send(message)
        rec.wait(lambda _, n=first + group: len(datagrams(rec, "srv")) >= n)

    got = datagrams(rec, "srv")
    assert [d.data for d in got] == messages  # each datagram whole, on its own, in order
    assert {d.peer for d in got} == {local}
    rec.wait(lambda _: len(rec.of(DataSent, "cli")) == len(messages))
    assert [e.size for e in rec.of(DataSent, "cli")] == [len(m) for m in messages]
    assert not rec.of(Error)


def test_empty_datagram_is_a_datagram(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    client = make(UdpClient, "127.0.0.1", port_of(start(server)), name="cli")
    start(client)
    client.send(b"")
    client.send(b"x")
    rec.wait(lambda _: len(datagrams(rec, "srv")) == 2)
    assert payloads(rec, "srv") == [b"", b"x"]


def test_server_replies_to_last_sender_and_to_a_chosen_address(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    a = make(UdpClient, "127.0.0.1", port, name="a")
    b = make(UdpClient, "127.0.0.1", port, name="b")
    (a_local,) = start(a)
    (b_local,) = start(b)

    a.send(b"from a")
    rec.wait(lambda _: payloads(rec, "srv") == [b"from a"])
    b.send(b"from b")
    rec.wait(lambda _: payloads(rec, "srv") == [b"from a", b"from b"])
    assert server.last_sender == b_local

    assert server.send(b"reply") == b_local  # no address: the last sender, b
    rec.wait(lambda _: payloads(rec, "b") == [b"reply"])
    assert server.send(b"for a", peer=a_local) == a_local  # a Peer...
    rec.wait(lambda _: payloads(rec, "a") == [b"for a"])
    assert server.send(b"again b", peer=b_local.address) == b_local  # ... or a (host, port) pair
    rec.wait(lambda _: payloads(rec, "b") == [b"reply", b"again b"])
    assert payloads(rec, "a") == [b"for a"]
    assert [d.peer for d in datagrams(rec, "b")] == [Peer.ipv4("127.0.0.1", port)] * 2
    assert [(e.peer, e.size) for e in rec.of(DataSent, "srv")] == [
        (b_local, 5), (a_local, 5), (b_local, 7)
    ]


def test_server_without_a_sender_has_nobody_to_reply_to(make):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    start(server)
    with pytest.raises(NetError) as info:
        server.send(b"hello?")
    assert info.value.code == "no_sender"
    assert "Nobody has sent a datagram" in info.value.message


def test_echo_server(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, echo=True, name="srv")
    client = make(UdpClient, "127.0.0.1", port_of(start(server)), name="cli")
    start(client)
    for message in (b"one", b"two", b"three"):
        client.send(message)
    rec.wait(lambda _: len(datagrams(rec, "cli")) == 3)
    assert payloads(rec, "cli") == [b"one", b"two", b"three"]


def test_client_with_a_fixed_local_port(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    for attempt in range(5):  # the free port found may be taken by someone else meanwhile: retry a little
        wanted = closed_port(socket.SOCK_DGRAM)
        client = make(UdpClient, "127.0.0.1", port, local_port=str(wanted), name=f"cli{attempt}")
        try:
            (local,) = start(client)
            break
        except NetError as err:
            assert err.code == "in_use"
    else:
        pytest.fail("no free UDP port found in 5 tries")
    assert local.port == wanted
    client.send(b"from a fixed port")
    rec.wait(lambda _: datagrams(rec, "srv"))
    assert datagrams(rec, "srv")[0].peer == Peer.ipv4("127.0.0.1", wanted)
    server.send(b"back")
    rec.wait(lambda _: payloads(rec, client.name) == [b"back"])


def test_ipv6_udp(make, rec):
    server = make(UdpServer, "::1", 0, name="srv")
    (local,) = start(server)
    assert (local.family, local.host) == ("ipv6", "::1")
    client = make(UdpClient, "::1", local.port, name="cli")
    (client_local,) = start(client)
    assert (client_local.family, client_local.host) == ("ipv6", "::1")
    assert rec.of(Started, "cli")[0].remote == local
    client.send(b"six")
    rec.wait(lambda _: payloads(rec, "srv") == [b"six"])
    assert datagrams(rec, "srv")[0].peer == client_local
    server.send(b"four")
    rec.wait(lambda _: payloads(rec, "cli") == [b"four"])
    server.send(b"direct", peer=client_local)
    rec.wait(lambda _: payloads(rec, "cli") == [b"four", b"direct"])


def test_localhost_udp(make, rec):
    server = make(UdpServer, "localhost", 0, name="srv")
    local = start(server)
    assert len({peer.port for peer in local}) == 1
    client = make(UdpClient, "localhost", port_of(local), name="cli")
    start(client)
    assert rec.of(Started, "cli")[0].remote in local
    client.send(b"hi")
    rec.wait(lambda _: payloads(rec, "srv") == [b"hi"])
    server.send(b"hello")
    rec.wait(lambda _: payloads(rec, "cli") == [b"hello"])


def test_client_ignores_datagrams_from_others(make, rec):
    # the client socket is connected to its server: a stranger's datagram is not delivered
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(UdpClient, "127.0.0.1", port, name="cli")
    (local,) = start(client)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as stranger:
        stranger.sendto(b"stranger", local.address)
    server.send(b"server", peer=local)
    rec.wait(lambda _: payloads(rec, "cli"))
    assert payloads(rec, "cli") == [b"server"]


def test_unconnected_client_hears_from_anyone_with_each_sender(make, rec):
    # connect=False: datagrams from another address or port arrive too, each with who sent it
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(UdpClient, "127.0.0.1", port, connect=False, name="cli")
    (local,) = start(client)
    assert local.port != 0  # bound at start: reachable before it sends anything
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as stranger:
        stranger.bind(("127.0.0.1", 0))
        stranger.sendto(b"stranger", ("127.0.0.1", local.port))
        rec.wait(lambda _: payloads(rec, "cli") == [b"stranger"])
        stranger_peer = Peer.ipv4(*stranger.getsockname())
    assert client.send(b"hello") == Peer.ipv4("127.0.0.1", port)
    rec.wait(lambda _: payloads(rec, "srv") == [b"hello"])
    assert server.last_sender == Peer.ipv4("127.0.0.1", local.port)
    server.send(b"server")
    rec.wait(lambda _: payloads(rec, "cli") == [b"stranger", b"server"])
    assert [d.peer for d in datagrams(rec, "cli")] == [stranger_peer, Peer.ipv4("127.0.0.1", port)]
    assert [(e.peer, e.size) for e in rec.of(DataSent, "cli")] == [(Peer.ipv4("127.0.0.1", port), 5)]
    assert not rec.of(Error)


def test_datagram_batches_hold_parallel_payloads_and_peers(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(UdpClient, "127.0.0.1", port, name="cli")
    (local,) = start(client)
    for i in range(10):
        client.send(bytes([i]))
    rec.wait(lambda _: len(datagrams(rec, "srv")) == 10)
    batches = rec.of(DatagramsReceived, "srv")
    for batch in batches:
        assert isinstance(batch.payloads, tuple) and isinstance(batch.peers, tuple)
        assert len(batch) == len(batch.payloads) == len(batch.peers) >= 1
        pairs = zip(batch.peers, batch.payloads, strict=True)
        assert batch.datagrams == tuple(Datagram(p, d) for p, d in pairs)
        assert list(batch) == list(batch.datagrams)
        assert set(batch.peers) == {local}
        assert batch.time > 0
    assert [d for batch in batches for d in batch.payloads] == [bytes([i]) for i in range(10)]


def test_reply_to_an_address_of_the_other_family_is_refused_plainly(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")  # IPv4 only
    start(server)
    for target in (("::1", 9999), Peer.ipv6("::1", 9999)):
        with pytest.raises(NetError) as info:
            server.send(b"x", peer=target)
        assert info.value.code == "family_mismatch"
        assert "::1 is an IPv6 address, but this socket only speaks IPv4" in info.value.message
    assert server.running and not rec.of(Error, "srv")


@pytest.mark.parametrize("target", ["127.0.0.1:9", ("127.0.0.1",), ("127.0.0.1", 0), 9, Peer.unix("/tmp/x")])
def test_bad_reply_targets_are_refused_on_the_callers_thread(make, rec, target):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    start(server)
    with pytest.raises(NetError) as info:
        server.send(b"x", peer=target)
    assert info.value.code in ("bad_target", "port_zero", "family_mismatch")
    assert server.running and not rec.of(Error, "srv")


def _slow_lookup(monkeypatch, seconds: float, fail: bool = False) -> None:
    """Make the UDP client's name lookup (on its lookup thread) take ``seconds``, then answer or fail."""
    real = udp_client_module.resolve

    def resolve(host, port, kind, **kwargs):
        time.sleep(seconds)
        if fail:
            raise NetError("host_not_found", "Cannot find the host “{host}”.", host=host)
        return real("127.0.0.1", port, kind, **kwargs)

    monkeypatch.setattr(udp_client_module, "resolve", resolve)


def test_datagrams_sent_while_the_name_is_looked_up_go_out_once_it_is_found(make, rec, monkeypatch):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    _slow_lookup(monkeypatch, 0.2)
    client = make(UdpClient, "slow.test", port, name="cli")
    client.start()
    client.send(b"early 1")  # the lookup is still running
    client.send(b"early 2")
    client.wait_ready()
    client.send(b"late")
    rec.wait(lambda _: len(payloads(rec, "srv")) == 3)
    assert payloads(rec, "srv") == [b"early 1", b"early 2", b"late"]
    rec.wait(lambda _: len(rec.of(DataSent, "cli")) == 3)
    assert not rec.of(Error)


def test_datagrams_sent_before_a_failed_lookup_are_reported_unsent(make, rec, monkeypatch):
    _slow_lookup(monkeypatch, 0.2, fail=True)
    client = make(UdpClient, "nowhere.test", 9999, name="cli")
    client.start()
    client.send(b"lost")
    with pytest.raises(NetError) as info:
        client.wait_ready()
    assert info.value.code == "host_not_found"
    rec.wait(lambda _: rec.of(Stopped, "cli"))
    failure, unsent = rec.of(Error, "cli")
    assert (failure.code, failure.fatal) == ("host_not_found", True)
    assert (unsent.code, dict(unsent.params)["size"], unsent.fatal) == ("unsent", "4", False)
    assert unsent.message == ("4 bytes queued for nowhere.test:9999 could not be sent before the connection "
                              "closed.")
