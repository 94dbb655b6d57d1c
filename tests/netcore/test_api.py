"""The public API: every exported name exists; events are frozen, slotted values."""

from __future__ import annotations

import copy
import pickle

import pytest

import netcore
from netcore import events as ev
from netcore import values

P = ev.Peer.ipv4("127.0.0.1", 1)
EVENTS = [
    ev.Started("s", (P,), ev.Peer.ipv4("127.0.0.1", 2)),
    ev.Stopped("s"),
    ev.PeerConnected("s", P, 1),
    ev.PeerDisconnected("s", P, "closed", 1),
    ev.ConnectionState("s", P, ev.PEER_HALF_CLOSED, 1),
    ev.DataReceived("s", P, b"x", 1),
    ev.DatagramsReceived("s", (b"x",), (P,)),
    ev.DatagramsDropped("s", 3, 3),
    ev.DataSent("s", P, 1, 1),
    ev.AutoReplied("s", P, b"x", 1, 1, 1),
    ev.SendProgress("s", P, 10, 20, 1),
    ev.WritingPaused("s", P, 10, 1),
    ev.WritingResumed("s", P, 1, 1),
    ev.OptionsApplied("s", P, (("SO_RCVBUF", "425984"),)),
    ev.SocketCall("s", "s.listen(5)", ""),
    ev.Error("s", "refused", "m", "t"),
    ev.Notice("s", "stale_socket_removed", "m", "t"),
]


def test_every_exported_name_exists():
    assert len(netcore.__all__) == len(set(netcore.__all__))
    missing = [name for name in netcore.__all__ if not hasattr(netcore, name)]
    assert missing == []


def test_the_main_classes_are_exported():
    for name in ("TcpServer", "TcpClient", "UdpServer", "UdpClient", "NetError", "Error", "Stopped"):
        assert name in netcore.__all__
    for cls in (netcore.TcpServer, netcore.TcpClient, netcore.UdpServer, netcore.UdpClient):
        assert issubclass(cls, netcore.Endpoint)


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: type(e).__name__)
def test_events_are_frozen_and_slotted(event):
    assert isinstance(event, values.Value)
    names = values.fields(event)
    with pytest.raises(AttributeError, match="frozen"):
        setattr(event, names[0], "other")
    with pytest.raises(AttributeError):
        delattr(event, names[0])
    assert type(event).__slots__ == names
    assert not hasattr(event, "__dict__")
    with pytest.raises((AttributeError, TypeError)):
        event.extra = 1  # no attribute outside the declared fields
    twin = values.replace(event)
    assert twin is not event and event == twin and hash(event) == hash(twin)  # compared by value
    assert copy.copy(event) == event and pickle.loads(pickle.dumps(event)) == event
    assert repr(event).startswith(f"{type(event).__name__}({names[0]}=")
    if len(names) > 1:  # a value of another field makes another value
        assert values.replace(event, **{names[0]: "other"}) != event


def test_a_datagram_is_an_immutable_value_too():
    """Datagram, made once per datagram on the hot path, is a named tuple: as immutable, cheaper."""
    datagram = ev.Datagram(P, b"x")
    with pytest.raises(AttributeError):
        datagram.data = b"y"
    assert not hasattr(datagram, "__dict__")
    assert datagram == ev.Datagram(P, b"x") and hash(datagram) == hash(tuple(datagram))
    assert (datagram.peer, datagram.data) == (P, b"x")


def test_a_batch_pairs_payloads_with_their_senders():
    other = ev.Peer.ipv6("::1", 2)
    batch = ev.DatagramsReceived("s", (b"a", b"b"), (P, other))
    assert batch.datagrams == (ev.Datagram(P, b"a"), ev.Datagram(other, b"b"))
    assert list(batch) == list(batch.datagrams) and len(batch) == 2


def test_every_event_says_when_it_happened_and_connection_events_say_which_connection():
    for event in EVENTS:
        assert isinstance(event.time, float)
    for event in EVENTS:
        if hasattr(event, "peer") and not isinstance(event, ev.Error):
            assert hasattr(event, "conn"), type(event).__name__


def test_event_union_covers_every_event_with_a_source():
    members = set(netcore.Event.__args__)
    assert members == {type(e) for e in EVENTS}


def test_net_error_survives_pickling():
    err = netcore.NetError("bad_port", "Port {text} is bad", errno=22, text="abc")
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.code, copy.template, copy.errno, copy.params, copy.message) == (
        "bad_port", "Port {text} is bad", 22, {"text": "abc"}, "Port abc is bad"
    )
    assert str(copy) == "Port abc is bad"
    assert err.param_items() == (("text", "abc"),)
