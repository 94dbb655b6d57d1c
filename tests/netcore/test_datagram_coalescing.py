"""A flood's datagrams come in few events; a lone one at once; none is late past another event or a stop."""

from __future__ import annotations

import socket
import time

from netcore import (
    DatagramsReceived,
    DataSent,
    EventTracer,
    SocketCall,
    Stopped,
    UdpClient,
    UdpServer,
    datagram_endpoint,
)
from netcore.limits import DATAGRAM_COALESCE

from .support import datagrams, payloads, port_of, start

HELD_FOR_GOOD = 30.0  # s: longer than any test, so what is held goes out only through what is tested


def _spaced_sends(port: int, count: int, gap: float) -> None:
    """``count`` datagrams about ``gap`` s apart (sleeping: the server's thread needs the GIL meanwhile)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.connect(("127.0.0.1", port))
        for number in range(count):
            sock.send(b"%d" % number)
            time.sleep(gap)


def _reads(rec, source: str) -> int:
    """How many datagrams ``source``'s trace shows read (held ones included)."""
    return sum(e.count for e in rec.of(SocketCall, source) if e.func == "recvfrom" and e.errno is None)


def test_a_stream_of_datagrams_comes_in_few_events_in_order(make, rec):
    # 300 datagrams 0.3 ms apart: the server reads each on its own, and posted one event per read
    # (300 events, each costing the window's Tk thread 9-13 µs); now at most one per 2 ms
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    started = time.monotonic()
    _spaced_sends(port, 300, 0.0003)
    rec.wait(lambda _: len(datagrams(rec, "srv")) == 300)
    elapsed = time.monotonic() - started
    assert payloads(rec, "srv") == [b"%d" % n for n in range(300)]  # every one, in order
    events = rec.of(DatagramsReceived, "srv")
    assert len(events) <= elapsed / DATAGRAM_COALESCE + 2, (len(events), elapsed)
    times = [event.time for event in events]
    assert times == sorted(times) and started <= times[0] and times[-1] <= time.monotonic()


def test_a_lone_datagram_goes_at_once_and_a_held_one_goes_before_stopped(make, rec, monkeypatch):
    monkeypatch.setattr(datagram_endpoint, "DATAGRAM_COALESCE", HELD_FOR_GOOD)
    server = make(UdpServer, "127.0.0.1", 0, name="srv", tracer=EventTracer(rec))
    client = make(UdpClient, "127.0.0.1", port_of(start(server)), name="cli")
    start(client)
    client.send(b"first")
    rec.wait(lambda _: payloads(rec, "srv") == [b"first"])  # nothing before it: not held
    client.send(b"second")  # right after an event: held (for 30 s here)
    rec.wait(lambda _: _reads(rec, "srv") == 2)  # read, and not posted
    assert payloads(rec, "srv") == [b"first"]
    assert server.stop()
    events = [e for e in rec.pump() if e.source == "srv"]
    assert payloads(rec, "srv") == [b"first", b"second"]  # the stop posted it: nothing lost
    last_data = max(i for i, e in enumerate(events) if isinstance(e, DatagramsReceived))
    assert isinstance(events[-1], Stopped) and last_data < len(events) - 1


def test_no_event_overtakes_held_datagrams_nor_the_close(make, rec, monkeypatch):
    # the consumer answers: its DataSent goes after the datagrams held before it, and at the stop
    # what is held goes out before the socket is closed, as the trace shows the calls
    monkeypatch.setattr(datagram_endpoint, "DATAGRAM_COALESCE", HELD_FOR_GOOD)
    server = make(UdpServer, "127.0.0.1", 0, name="srv", tracer=EventTracer(rec))
    port = port_of(start(server))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.connect(("127.0.0.1", port))
        sock.send(b"first")
        rec.wait(lambda _: payloads(rec, "srv") == [b"first"])
        sock.send(b"second")  # held
        rec.wait(lambda _: _reads(rec, "srv") == 2)
        server.send(b"answer")  # to the last sender
        rec.wait(lambda _: len(rec.of(DataSent, "srv")) == 1)
        sock.send(b"third")  # after a send: at once
        rec.wait(lambda _: len(datagrams(rec, "srv")) == 3)
        sock.send(b"fourth")  # held again, until the stop
        rec.wait(lambda _: _reads(rec, "srv") == 4)
        assert payloads(rec, "srv") == [b"first", b"second", b"third"]
        assert server.stop()
    mine = [e for e in rec.pump() if e.source == "srv"]
    order = [(type(e).__name__, e.func if isinstance(e, SocketCall) else
              b"".join(e.payloads) if isinstance(e, DatagramsReceived) else b"") for e in mine]
    order = [item for item in order if item[0] != "Started"
             and (item[0] != "SocketCall" or item[1] in ("sendto", "close"))]
    assert order == [("DatagramsReceived", b"first"), ("DatagramsReceived", b"second"),
                     ("SocketCall", "sendto"), ("DataSent", b""), ("DatagramsReceived", b"third"),
                     ("DatagramsReceived", b"fourth"), ("SocketCall", "close"), ("Stopped", b"")]


def test_request_and_reply_go_at_once(make, rec, monkeypatch):
    # a script's ping-pong: each reply comes right after a send, so it is not held (held, each
    # exchange waited 2-3 ms: 13 times slower)
    monkeypatch.setattr(datagram_endpoint, "DATAGRAM_COALESCE", HELD_FOR_GOOD)
    server = make(UdpServer, "127.0.0.1", 0, name="srv", echo=True)
    client = make(UdpClient, "127.0.0.1", port_of(start(server)), name="cli")
    start(client)
    for number in range(20):
        client.send(b"%d" % number)
        rec.wait(lambda _, n=number: len(datagrams(rec, "cli")) == n + 1)  # within 5 s, not 30
    assert payloads(rec, "cli") == [b"%d" % n for n in range(20)]


def test_an_echo_posts_each_read_before_its_answers(make, rec, monkeypatch):
    # the trace shows recvfrom, then the echo's sendto: the datagram's event must come before the
    # answer's, as the command line's --trace --show prints them in order
    monkeypatch.setattr(datagram_endpoint, "DATAGRAM_COALESCE", HELD_FOR_GOOD)
    server = make(UdpServer, "127.0.0.1", 0, name="srv", echo=True, tracer=EventTracer(rec))
    port = port_of(start(server))
    _spaced_sends(port, 50, 0.0001)
    rec.wait(lambda _: len(rec.of(DataSent, "srv")) == 50)
    received = 0
    for event in (e for e in rec.pump() if e.source == "srv"):
        if isinstance(event, DatagramsReceived):
            received += len(event.payloads)
        elif isinstance(event, DataSent) or (isinstance(event, SocketCall) and event.func == "sendto"):
            assert received > 0  # each echo's call and event after its datagram
        if isinstance(event, DataSent):
            received -= 1
    assert payloads(rec, "srv") == [b"%d" % n for n in range(50)]


def test_a_held_datagram_never_seems_to_arrive_before_it_was_sent(make, rec, monkeypatch):
    # the held batch is stamped with its last read: stamped with its first, a datagram held behind
    # another seemed to arrive before it was sent, and the impairment lab's 40 ms delay read 24.8 ms
    monkeypatch.setattr(datagram_endpoint, "DATAGRAM_COALESCE", 0.2)
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    sent_at = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.connect(("127.0.0.1", port))
        for number in range(3):
            sent_at.append(time.monotonic())
            sock.send(b"%d" % number)
            time.sleep(0.02)
    rec.wait(lambda _: len(datagrams(rec, "srv")) == 3)
    events = rec.of(DatagramsReceived, "srv")
    assert [len(event.payloads) for event in events] == [1, 2]  # the first at once, then two held
    for event in events:
        for data in event.payloads:
            assert event.time >= sent_at[int(data)]
