"""The unreliable network lab (issue 14) on real loopback: rates within tolerance, zero cost when off.

Tolerances: with a fixed seed the lab's choices are fixed, but the test must
hold for any seed, so each observed count is checked against its binomial
expectation: ``n·p ± 4·sqrt(n·p·(1-p))`` (about 1 in 16,000 of falling outside
by chance).  For 10,000 datagrams, 10 % loss: 9,000 ± 120 received.
"""

from __future__ import annotations

import math
import time

import pytest

from netcore import (
    DatagramsDropped,
    DataSent,
    EventTracer,
    NetError,
    Notice,
    SocketCall,
    UdpClient,
    UdpServer,
    datagram_endpoint,
)
from netcore.arrivals import parse_numbered, summarise
from netcore.datagram_endpoint import DatagramEndpoint
from netcore.impairment import MAX_MS, Impairment, impairment_from_flags
from netcore.loop import IoLoop

from .support import datagrams, payloads, port_of, start

COUNT = 10_000


def within(observed: int, trials: int, percent: float) -> tuple[bool, str]:
    p = percent / 100
    expected = trials * p
    tolerance = 4 * math.sqrt(trials * p * (1 - p))
    return abs(observed - expected) <= tolerance, f"{observed} vs {expected:.0f} ± {tolerance:.0f}"


def send_numbered(client, rec, count: int, chunk: int = 1000) -> None:
    """Send 1..count as ``#1 n/count``, a chunk at a time, letting the receiver keep up (the kernel must
    drop nothing: that is checked, so a loss counted is the lab's)."""
    for first in range(1, count + 1, chunk):
        for number in range(first, min(first + chunk, count + 1)):
            client.send(b"#1 %d/%d" % (number, count))
        rec.wait(lambda _, n=first + chunk - 1: len(rec.of(DataSent, "cli")) >= 0.8 * min(n, count))


def numbers(rec, count: int) -> list[int]:
    found = [parse_numbered(data, 1, count) for data in payloads(rec, "srv")]
    return [n for n in found if n is not None]


# ---------------------------------------------------------------- settings
def test_settings_are_checked_in_plain_words():
    assert not Impairment().active and not Impairment(seed=5).active
    assert Impairment(loss=0.5).active and Impairment(jitter_ms=1).active
    with pytest.raises(NetError, match="Loss must be a percentage from 0 to 100.*“120”"):
        impairment_from_flags(loss="120")
    with pytest.raises(NetError, match="Duplicates must be a percentage.*“lots”"):
        impairment_from_flags(dup="lots")
    with pytest.raises(NetError, match="The delay must be a number of milliseconds from 0 to 10,000"):
        impairment_from_flags(delay="-5")
    with pytest.raises(NetError, match="The reordering window must be .* from 1 to"):
        Impairment(reorder=10, reorder_window_ms=0)
    with pytest.raises(NetError, match="The seed must be a whole number"):
        impairment_from_flags(seed="1.5")
    with pytest.raises(NetError, match="jitter"):
        impairment_from_flags(jitter=str(MAX_MS + 1))
    with pytest.raises(NetError):
        Impairment(loss=float("nan"))
    with pytest.raises(NetError):
        Impairment(loss=True)  # type: ignore[arg-type]
    flags = impairment_from_flags(loss="10%", dup=" 5 ", reorder="", delay="20", jitter="5", seed="7")
    assert flags == Impairment(loss=10, duplicate=5, delay_ms=20, jitter_ms=5, seed=7)
    assert impairment_from_flags() == Impairment()
    assert "10 % lost" in flags.describe() and "seed 7" in flags.describe()
    with pytest.raises(NetError, match="must be an Impairment"):
        UdpClient(None, "127.0.0.1", 9, impairment={"loss": 10})  # type: ignore[arg-type]


# ----------------------------------------------------------- rates on loopback
def test_rates_over_10000_datagrams_fall_within_tolerance(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    settings = Impairment(loss=10, duplicate=5, reorder=10, reorder_window_ms=20, seed=20260501)
    client = make(UdpClient, "127.0.0.1", port_of(start(server)), name="cli", impairment=settings)
    start(client)
    send_numbered(client, rec, COUNT)
    lab = client.impairer
    rec.wait(lambda _: lab.holding == 0 and len(rec.of(DataSent, "cli")) == COUNT + lab.duplicated)
    expected_arrivals = COUNT - lab.dropped + lab.duplicated
    rec.wait(lambda _: len(datagrams(rec, "srv")) >= expected_arrivals)
    client.stop()
    server.stop()
    assert not rec.of(DatagramsDropped, "srv"), "the kernel dropped datagrams: the counts would lie"
    summary = summarise(COUNT, numbers(rec, COUNT))

    ok, text = within(COUNT - summary.received, COUNT, 10)
    assert ok, f"loss: {text}"
    assert summary.received == COUNT - lab.dropped
    ok, text = within(summary.duplicated, summary.received, 5)
    assert ok, f"duplicates: {text}"
    # a held-back datagram is out of order once a later one overtook it: all but (at most) the last few
    ok, text = within(summary.out_of_order, summary.received, 10)
    assert ok, f"out of order: {text}"
    assert lab.reordered - 5 <= summary.out_of_order <= lab.reordered
    assert summary.duplicated == lab.duplicated


def test_the_same_seed_gives_the_same_run_from_a_value_or_from_the_flags(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    runs = []
    # as a script writes it, then as the command line's --loss 30 --dup 20 --seed 99 (and the window) read it
    for attempt, settings in enumerate((Impairment(loss=30, duplicate=20, seed=99),
                                        impairment_from_flags(loss="30", dup="20", seed="99"))):
        client = make(UdpClient, "127.0.0.1", port, name="cli", impairment=settings)
        start(client)
        for number in range(1, 201):
            client.send(b"#%d %d/200" % (attempt, number))
        rec.wait(lambda _, c=client: len(rec.of(DataSent, "cli")) == 200 + c.impairer.duplicated)
        lab = client.impairer
        client.stop()

        def arrived(attempt=attempt) -> list[int]:
            return [n for n in (parse_numbered(d, attempt, 200) for d in payloads(rec, "srv")) if n]

        # every datagram the lab let through has reached the server's consumer (the last ones may
        # wait a moment to go in one event with the ones before: netcore/datagram_endpoint.py)
        rec.wait(lambda _, lab=lab: len(arrived()) == 200 - lab.dropped + lab.duplicated)
        runs.append(arrived())
        rec.events.clear()
    assert runs[0] == runs[1] and len(runs[0]) < 200


def test_delay_and_jitter_bounds(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    settings = Impairment(delay_ms=40, jitter_ms=15, seed=4)
    client = make(UdpClient, "127.0.0.1", port_of(start(server)), name="cli", impairment=settings)
    start(client)
    sent_at = {}
    for number in range(1, 101):
        sent_at[number] = time.monotonic()
        client.send(b"#1 %d/100" % number)
        time.sleep(0.001)
    rec.wait(lambda _: len(datagrams(rec, "srv")) == 100)
    from netcore import DatagramsReceived
    waits = [event.time - sent_at[parse_numbered(data, 1, 100)]
             for event in rec.of(DatagramsReceived, "srv") for data in event.payloads]
    assert min(waits) >= (40 - 15) / 1000, min(waits)
    assert max(waits) <= (40 + 15) / 1000 + 0.1, max(waits)  # + time for a busy 2-core machine
    assert max(waits) - min(waits) >= 0.015  # the jitter is really there (±15 ms: ~30 ms of spread)
    # a jitter larger than the gaps between sends reorders, as on a real network
    assert summarise(100, numbers(rec, 100)).out_of_order > 0


# ------------------------------------------------------------------ off
def test_all_zero_changes_nothing_no_timer_no_lab(make, rec, monkeypatch):
    monkeypatch.setattr(datagram_endpoint, "DROP_CHECK_INTERVAL", 0.005)  # they run during the test, surely
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    client = make(UdpClient, "127.0.0.1", port_of(start(server)), name="cli", impairment=Impairment(seed=3),
                  tracer=EventTracer(rec))
    start(client)
    timers = []
    real_call_at = IoLoop.call_at

    def recording_call_at(loop, when, callback):
        # the endpoints' own drop-counter checks re-arm every 0.25 s and are not held datagrams; a loaded
        # machine ran this test past 0.25 s and counted them (CI, 2026-11-30); nor is the 2 ms wait
        # that puts a burst's datagrams in one event (the receiving server's, not the lab's)
        if getattr(callback, "__func__", None) not in (DatagramEndpoint._io_check_drops,
                                                        DatagramEndpoint._io_post_held):
            timers.append(when)
        return real_call_at(loop, when, callback)

    monkeypatch.setattr(IoLoop, "call_at", recording_call_at)
    messages = [b"m%d" % n * (n % 7 + 1) for n in range(300)]
    started_at = time.monotonic()
    for message in messages:
        client.send(message)
    rec.wait(lambda _: len(datagrams(rec, "srv")) == len(messages))
    assert payloads(rec, "srv") == messages  # same bytes, same order
    assert client.impairer is None and not timers  # nothing held: no timer was armed for a datagram
    assert time.monotonic() - started_at < 2.0
    # each datagram went straight to the socket: the trace shows plain send() calls and no lab comment
    calls = [e for e in rec.of(SocketCall, "cli") if e.func in ("send", "sendto")]
    assert calls and not any(e.result.startswith("#") for e in calls)
    assert not rec.of(Notice, "cli")


def test_switching_on_and_off_is_said_and_marked_in_the_trace(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    client = make(UdpClient, "127.0.0.1", port_of(start(server)), name="cli", tracer=EventTracer(rec))
    start(client)
    client.set_impairment(Impairment(loss=100, seed=1))
    client.send(b"lost")
    rec.wait(lambda _: any(e.result.startswith("# dropped") for e in rec.of(SocketCall, "cli")))
    client.set_impairment(Impairment(delay_ms=30))
    client.send(b"late")
    client.set_impairment(None)  # what was held goes out at once
    client.send(b"plain")
    rec.wait(lambda _: payloads(rec, "srv") == [b"late", b"plain"])
    notices = [e.message for e in rec.of(Notice, "cli")]
    assert notices[0].startswith("Impairment lab on") and "100 % lost" in notices[0]
    assert "seed 1 " in notices[0]
    assert "delay 30 ms" in notices[1] and "seed " in notices[1] and "seed ?" not in notices[1]
    assert notices[2].startswith("Impairment lab off")
    lines = [(e.call, e.result) for e in rec.of(SocketCall, "cli") if e.func == "send"]
    assert ("s.send(b'lost')", "# dropped by the impairment lab (never sent)") in lines
    assert ("s.send(b'late')", "# delayed by the impairment lab (sent later)") in lines
    # the dropped one still counts as sent (the network lost it, not the sender)
    assert [e.size for e in rec.of(DataSent, "cli")] == [4, 4, 5]


def test_server_replies_are_impaired_and_held_ones_go_out_at_stop(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv", echo=True,
                  impairment=Impairment(delay_ms=5000))
    client = make(UdpClient, "127.0.0.1", port_of(start(server)), name="cli")
    start(client)
    client.send(b"ping")
    rec.wait(lambda _: payloads(rec, "srv") == [b"ping"])
    time.sleep(0.05)
    assert payloads(rec, "cli") == []  # held back five seconds
    assert server.stop()
    rec.wait(lambda _: payloads(rec, "cli") == [b"ping"], timeout=2)  # sent when the server stopped


def test_an_unconnected_client_meets_the_lab_once_per_datagram(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    client = make(UdpClient, "127.0.0.1", port_of(start(server)), name="cli", connect=False,
                  impairment=Impairment(duplicate=100, delay_ms=10))
    start(client)
    for message in (b"a", b"b", b"c"):
        client.send(message)
    rec.wait(lambda _: len(payloads(rec, "srv")) == 6)
    time.sleep(0.05)
    assert payloads(rec, "srv") == [b"a", b"a", b"b", b"b", b"c", b"c"]  # each copied once, in order
    assert client.impairer.duplicated == 3 and client.impairer.delayed == 3


@pytest.mark.parametrize("connect", [True, False])
def test_periodic_datagrams_go_through_the_lab(make, rec, connect):
    # (merging the periodic send and the lab: the send job's outlet called sendto itself, so
    # every periodic and file datagram went out unimpaired)
    from netcore.periodic import PeriodicSend

    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    client = make(UdpClient, "127.0.0.1", port_of(start(server)), name="cli", connect=connect,
                  impairment=Impairment(duplicate=100))
    start(client)
    job = PeriodicSend(client, lambda n: b"%d" % n, interval=0.001, count=5).start()
    assert job.wait(5) and job.reason == "done"
    rec.wait(lambda _: len(payloads(rec, "srv")) >= 10)
    time.sleep(0.05)
    assert payloads(rec, "srv") == [b"0", b"0", b"1", b"1", b"2", b"2", b"3", b"3", b"4", b"4"]
    assert client.impairer.duplicated == 5


def test_a_connected_clients_auto_replies_go_through_the_lab(make, rec):
    # (merging the lab and auto-reply: a connected client answered with its own send(), past the lab)
    from netcore.autoreply import Rule, compile_rules

    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    client = make(UdpClient, "127.0.0.1", port_of(start(server)), name="cli",
                  impairment=Impairment(duplicate=100))
    start(client)
    client.set_auto_reply(compile_rules([Rule("fixed", reply="pong")]))
    client.send(b"hi")
    rec.wait(lambda _: payloads(rec, "srv") == [b"hi", b"hi"])
    server.send(b"ping")  # to the last sender: the client, which answers through the lab
    rec.wait(lambda _: len(payloads(rec, "srv")) >= 4)
    time.sleep(0.05)
    assert payloads(rec, "srv")[2:] == [b"pong"] * 2  # the one answer, copied by the lab
