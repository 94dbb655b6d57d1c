"""Case 7: UDP at its size limit, and a client whose server goes away and comes back."""

from __future__ import annotations

import errno

import pytest

from netcore import Error, NetError, Stopped, UdpClient, UdpServer
from tests.netcore.support import datagrams, errors, payloads, port_of, start, stopped

from .tools import assert_plain, payload

LIMIT = 65_507  # 65,535 - 20 (IPv4 header) - 8 (UDP header)


def test_the_largest_datagram_arrives_whole_both_ways(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, echo=True, name="srv")
    port = port_of(start(server))
    client = make(UdpClient, "127.0.0.1", port, name="cli")
    start(client)
    data = payload(LIMIT, seed=8)
    client.send(data)
    rec.wait(lambda _: payloads(rec, "cli"))
    assert payloads(rec, "srv") == [data]
    assert payloads(rec, "cli") == [data]  # echoed: one datagram, whole
    assert [d.peer for d in datagrams(rec, "srv")] == [client.local_addresses[0]]
    assert not rec.of(Error)


@pytest.mark.parametrize("side", ["client", "server"])
def test_one_byte_more_is_refused_by_send(make, rec, side):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(UdpClient, "127.0.0.1", port, name="cli")
    start(client)
    client.send(b"hello")
    rec.wait(lambda _: payloads(rec, "srv") == [b"hello"])
    sender = client if side == "client" else server
    with pytest.raises(NetError) as info:
        sender.send(bytes(LIMIT + 1))
    err = info.value
    assert (err.code, err.errno) == ("too_long", errno.EMSGSIZE)
    assert_plain(err.message)
    assert err.message == ("The datagram is too large: 65508 bytes, but one UDP datagram can carry "
                           "at most 65507 bytes.")
    # nothing was sent, nothing stopped, and the next datagram goes through
    sender.send(b"smaller")
    receiver = "srv" if side == "client" else "cli"
    rec.wait(lambda _: payloads(rec, receiver)[-1:] == [b"smaller"])
    assert all(len(p) < LIMIT for p in payloads(rec, "srv") + payloads(rec, "cli"))
    assert not rec.of(Error) and not rec.of(Stopped)


def test_client_is_told_when_its_server_goes_away_and_works_again_when_it_is_back(make, rec):
    first = make(UdpServer, "127.0.0.1", 0, echo=True, name="first")
    port = port_of(start(first))
    client = make(UdpClient, "127.0.0.1", port, name="cli")
    start(client)
    client.send(b"one")
    rec.wait(lambda _: payloads(rec, "cli") == [b"one"])

    assert first.stop() is True
    client.send(b"anyone there?")  # answered by "port unreachable", reported on the next receive
    rec.wait(lambda _: errors(rec, "cli"))
    [err] = errors(rec, "cli")
    assert (err.code, err.errno, err.fatal) == ("refused", errno.ECONNREFUSED, False)
    assert_plain(err.message)
    assert err.message.startswith(f"Nobody is listening on 127.0.0.1:{port}: the datagram was refused")
    assert err.message.endswith("Is the server started?")
    assert client.running and not stopped(rec, "cli")

    second = make(UdpServer, "127.0.0.1", port, echo=True, name="second")  # same port, same client
    start(second)
    client.send(b"two")
    rec.wait(lambda _: payloads(rec, "cli") == [b"one", b"two"])
    assert payloads(rec, "second") == [b"two"]
    assert len(errors(rec, "cli")) == 1 and not stopped(rec, "cli")
