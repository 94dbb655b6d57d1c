"""A flood's datagrams come in few events; a lone one at once; none is late past another event or a stop."""

from __future__ import annotations

import socket
import time

from netcore import DatagramsReceived, DataSent, Stopped, UdpClient, UdpServer, datagram_endpoint
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
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    client = make(UdpClient, "127.0.0.1", port_of(start(server)), name="cli")
    start(client)
    client.send(b"first")
    rec.wait(lambda _: payloads(rec, "srv") == [b"first"])  # nothing before it: not held
    client.send(b"second")  # right after an event: held (for 30 s here)
    rec.wait(lambda _: len(rec.of(DataSent, "cli")) == 2)
    time.sleep(0.05)
    assert payloads(rec, "srv") == [b"first"]
    assert server.stop()
    events = [e for e in rec.pump() if e.source == "srv"]
    assert payloads(rec, "srv") == [b"first", b"second"]  # the stop posted it: nothing lost
    last_data = max(i for i, e in enumerate(events) if isinstance(e, DatagramsReceived))
    assert isinstance(events[-1], Stopped) and last_data < len(events) - 1


def test_no_event_overtakes_held_datagrams(make, rec, monkeypatch):
    # an echo posts DataSent right after reading: the datagrams held go out first, so every echo
    # comes after the datagram it answers, as the log must show it
    monkeypatch.setattr(datagram_endpoint, "DATAGRAM_COALESCE", HELD_FOR_GOOD)
    server = make(UdpServer, "127.0.0.1", 0, name="srv", echo=True)
    port = port_of(start(server))
    _spaced_sends(port, 50, 0.0001)
    rec.wait(lambda _: len(rec.of(DataSent, "srv")) == 50)
    received = 0
    for event in (e for e in rec.pump() if e.source == "srv"):
        if isinstance(event, DatagramsReceived):
            received += len(event.payloads)
        elif isinstance(event, DataSent):
            assert received > 0
            received -= 1  # each echo after its datagram
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
