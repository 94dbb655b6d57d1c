"""Broadcast and multicast with real sockets on this host only (issue 12, feature 6).

Broadcasts go to loopback's broadcast address 127.255.255.255, or to
255.255.255.255 from a socket bound to 127.0.0.1 (Linux then sends it out of
lo, the interface that owns the source address).  IPv4 groups are joined on
lo.  IPv6 groups cannot loop through lo on Linux (lo has no multicast
neighbour mapping: the send is taken and the datagram dropped), so the IPv6
test uses an interface-local group (ff11::/16, which RFC 4291 keeps on the
interface: it is looped back, never transmitted) with hop limit 0 on the first
interface that carries it.
"""

from __future__ import annotations

import ast
import errno
import select
import socket
import struct

import pytest

from netcore import (
    DataSent,
    NetError,
    Notice,
    OptionsApplied,
    SocketCall,
    SocketOptions,
    UdpClient,
    UdpServer,
)
from netcore.codegen import ScriptSettings, generate
from netcore.explain import explain
from netcore.interfaces import list_interfaces
from netcore.multicast import GroupsChanged, parse_group
from netcore.replay import replay_script
from netcore.tracer import EventTracer

from .support import errors, payloads, start

GROUP = "239.255.77.1"


def _groups(rec, source: str) -> tuple:
    changes = rec.of(GroupsChanged, source)
    return changes[-1].groups if changes else None


def test_a_broadcast_without_so_broadcast_is_refused_with_eacces_and_explained(make, rec):
    port = start(make(UdpServer, "127.255.255.255", 0, name="rx"))[0].port
    client = make(UdpClient, "127.255.255.255", port, name="cli")
    with pytest.raises(NetError) as caught:
        start(client)  # a UDP connect() to a broadcast address is refused as a send would be
    assert caught.value.code == "broadcast_denied"
    assert caught.value.errno == errno.EACCES
    assert "SO_BROADCAST" in caught.value.message
    lesson = explain(caught.value.code, caught.value.errno, caught.value.params, transport="udp")
    assert lesson is not None and lesson.name == "EACCES" and "SO_BROADCAST" in lesson.next_step
    # an unconnected socket's sendto() gets the same refusal and the same words
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    start(server)
    server.send(b"all", ("127.255.255.255", port))
    rec.wait(lambda _: errors(rec, "srv", "broadcast_denied"))
    assert payloads(rec, "rx") == []


@pytest.mark.parametrize("target", ["255.255.255.255", "127.255.255.255"])
def test_a_broadcast_with_so_broadcast_arrives(make, rec, target):
    try:
        port = start(make(UdpServer, target, 0, name="rx"))[0].port
    except NetError as err:
        pytest.skip(f"this host cannot bind a receiver to {target}: {err}")
    client = make(UdpClient, target, port, name="cli", connect=False,
                  options=SocketOptions(broadcast=True, bind_host="127.0.0.1"))  # leaves by lo
    start(client)
    client.send(b"to everyone")
    rec.wait(lambda _: payloads(rec, "rx"), timeout=2.0)
    assert payloads(rec, "rx") == [b"to everyone"]
    assert dict(rec.of(OptionsApplied, "cli")[0].values)["SO_BROADCAST"] == "1"


def test_an_ipv4_group_joined_on_loopback_receives_until_it_is_left(make, rec):
    server = make(UdpServer, GROUP, 0, name="srv", tracer=EventTracer(rec))
    port = start(server)[0].port
    client = make(UdpClient, GROUP, port, name="cli", connect=False,
                  options=SocketOptions(multicast_interface="lo", multicast_ttl=1, multicast_loop=True))
    start(client)

    def send(data: bytes) -> None:  # and wait until the kernel took it (looped back at once on lo)
        count = len(rec.of(DataSent, "cli"))
        client.send(data)
        rec.wait(lambda _: len(rec.of(DataSent, "cli")) > count)

    send(b"before joining")
    server.join_group(GROUP, "127.0.0.1")
    rec.wait(lambda _: _groups(rec, "srv"))
    assert _groups(rec, "srv") == ((GROUP, "127.0.0.1"),)
    send(b"member")
    rec.wait(lambda _: payloads(rec, "srv"))
    server.leave_group(GROUP)
    rec.wait(lambda _: _groups(rec, "srv") == ())
    send(b"after leaving")
    # the barrier: join again and send once more; the datagrams of one sender arrive in order on lo, so
    # had "after leaving" been delivered it would come before "rejoined"
    server.join_group(GROUP, "lo")
    rec.wait(lambda _: _groups(rec, "srv"))
    send(b"rejoined")
    rec.wait(lambda _: b"rejoined" in payloads(rec, "srv"))
    assert payloads(rec, "srv") == [b"member", b"rejoined"]  # not before joining, not after leaving
    calls = [event.call for event in rec.of(SocketCall, "srv")]
    assert any("IP_ADD_MEMBERSHIP" in call for call in calls)
    assert any("IP_DROP_MEMBERSHIP" in call for call in calls)


def test_joining_on_a_socket_bound_to_127_0_0_1_says_why_nothing_will_arrive(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    start(server)
    server.join_group(GROUP, "lo")
    notice = rec.wait(lambda _: [n for n in rec.of(Notice, "srv") if n.code == "group_needs_bind"])[0]
    assert dict(notice.params) == {"bound": "127.0.0.1", "group": GROUP, "wildcard": "0.0.0.0"}


def test_bad_groups_interfaces_and_memberships_get_plain_messages(make, rec):
    for text, code in (("10.0.0.1", "not_multicast"), ("fd00::5", "not_multicast"), ("hello", "bad_group"),
                       ("", "bad_group")):
        with pytest.raises(NetError) as caught:
            parse_group(text)
        assert caught.value.code == code, text
    assert "224.0.0.0 to 239.255.255.255" in NetError.__str__(_raised(lambda: parse_group("10.0.0.1")))
    server = make(UdpServer, GROUP, 0, name="srv")
    start(server)
    assert _raised(lambda: server.join_group("10.0.0.1")).code == "not_multicast"
    assert _raised(lambda: server.join_group(GROUP, "no-such-if0")).code == "no_interface"
    server.join_group(GROUP, "lo")
    server.join_group(GROUP, "lo")
    rec.wait(lambda _: errors(rec, "srv", "already_member"))
    server.leave_group("239.255.77.2")
    rec.wait(lambda _: errors(rec, "srv", "not_member"))
    server.join_group("ff15::1")  # an IPv6 group on an IPv4 socket
    rec.wait(lambda _: errors(rec, "srv", "group_family"))
    assert _groups(rec, "srv") == ((GROUP, "lo (127.0.0.1)"),)
    stopped = UdpServer(rec, "127.0.0.1", 0)
    assert _raised(lambda: stopped.join_group(GROUP)).code == "not_running"


def test_options_changed_on_a_running_socket_are_set_and_read_back(make, rec):
    port = start(make(UdpServer, "127.255.255.255", 0, name="rx"))[0].port
    sender = make(UdpServer, "127.0.0.1", 0, name="tx")
    start(sender)
    sender.update_options(SocketOptions(broadcast=True, multicast_ttl=0))
    applied = rec.wait(lambda _: rec.of(OptionsApplied, "tx"))[0]
    assert dict(applied.values)["SO_BROADCAST"] == "1"
    assert dict(applied.values)["IP_MULTICAST_TTL"] == "0"
    sender.send(b"now allowed", ("127.255.255.255", port))
    rec.wait(lambda _: payloads(rec, "rx"))
    assert errors(rec, "tx") == []


def _raised(call) -> NetError:
    with pytest.raises(NetError) as caught:
        call()
    return caught.value


def _ipv6_loop_interface() -> tuple[str, str] | None:
    """(interface, group) where an IPv6 group datagram loops back on this host, or None."""
    candidates = [i for i in list_interfaces() if i.up and i.multicast]
    candidates.sort(key=lambda i: not i.loopback)  # lo first: it works on some systems
    for interface in candidates:
        group = "ff11::5150"
        request = socket.inet_pton(socket.AF_INET6, group) + struct.pack("@I", interface.index)
        try:
            with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as rx, \
                    socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as tx:
                rx.bind(("::1", 0) if interface.loopback else (group, 0, 0, interface.index))
                rx.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, request)
                tx.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, interface.index)
                tx.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 0)
                tx.sendto(b"probe", (group, rx.getsockname()[1], 0, interface.index))
                if select.select([rx], [], [], 0.3)[0]:
                    return interface.name, group
        except OSError:
            continue
    return None


def test_an_ipv6_group_receives_on_this_host(make, rec):
    found = _ipv6_loop_interface()
    if found is None:
        pytest.skip("no interface here loops IPv6 multicast back: Linux's lo cannot carry IPv6 groups, and "
                    "no other interface is up with IFF_MULTICAST")
    interface, group = found
    server = make(UdpServer, f"{group}%{interface}", 0, name="srv")  # interface-local: bound with its scope
    port = start(server)[0].port
    server.join_group(group, interface)
    rec.wait(lambda _: _groups(rec, "srv"))
    client = make(UdpClient, f"{group}%{interface}", port, name="cli", connect=False,
                  options=SocketOptions(multicast_interface=interface, multicast_ttl=0))
    start(client)
    client.send(b"v6 member")
    rec.wait(lambda _: payloads(rec, "srv"), timeout=2.0)
    assert payloads(rec, "srv") == [b"v6 member"]
    server.leave_group(group)
    rec.wait(lambda _: _groups(rec, "srv") == ())


def test_the_scripts_join_and_set_multicast_and_replay_the_trace(make, rec):
    script = generate(ScriptSettings("udp-server", "ff15::1", 5000, multicast_ttl=0,
                                     multicast_interface="lo", groups=(("ff15::1", "lo"),)))
    ast.parse(script)
    assert "import struct" in script
    assert ('server.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, '
            'socket.inet_pton(socket.AF_INET6, "ff15::1") + struct.pack("@I", socket.if_nametoindex("lo")))'
            ) in script
    assert "server.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 0)" in script
    # the calls a joined server made, replayed: IP_ constants get their socket. prefix
    server = make(UdpServer, GROUP, 0, name="srv", tracer=EventTracer(rec))
    start(server)
    server.join_group(GROUP, "lo")
    rec.wait(lambda _: _groups(rec, "srv"))
    calls = rec.of(SocketCall, "srv")
    replay = replay_script("UDP server", calls)
    ast.parse(replay)
    assert "s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, b'" in replay
