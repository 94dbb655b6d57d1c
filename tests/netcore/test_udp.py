"""UDP over loopback: datagram boundaries, replies, fixed local port, IPv6 and localhost."""

from __future__ import annotations

import random
import socket

import pytest

from netcore import DataSent, Error, NetError, Started, UdpClient, UdpServer

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

    server.send(b"reply")  # no address: the last sender, b
    rec.wait(lambda _: payloads(rec, "b") == [b"reply"])
    server.send(b"for a", peer=a_local)
    rec.wait(lambda _: payloads(rec, "a") == [b"for a"])
    server.send(b"again b")
    rec.wait(lambda _: payloads(rec, "b") == [b"reply", b"again b"])
    assert payloads(rec, "a") == [b"for a"]
    assert [d.peer for d in datagrams(rec, "b")] == [("127.0.0.1", port)] * 2
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
    assert local[1] == wanted
    client.send(b"from a fixed port")
    rec.wait(lambda _: datagrams(rec, "srv"))
    assert datagrams(rec, "srv")[0].peer == ("127.0.0.1", wanted)
    server.send(b"back")
    rec.wait(lambda _: payloads(rec, client.name) == [b"back"])


def test_ipv6_udp(make, rec):
    server = make(UdpServer, "::1", 0, name="srv")
    (local,) = start(server)
    assert local[0] == "::1"
    client = make(UdpClient, "::1", local[1], name="cli")
    (client_local,) = start(client)
    assert client_local[0] == "::1"
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
    assert len({port for _, port in local}) == 1
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
        stranger.sendto(b"stranger", local)
    server.send(b"server", peer=local)
    rec.wait(lambda _: payloads(rec, "cli"))
    assert payloads(rec, "cli") == [b"server"]
