"""--interval: the command line's repeated send keeps its rate (each tick due at start + n × interval)."""

from __future__ import annotations

import pytest

from cli import sources
from cli.sources import Ended, Repeater


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeEndpoint:
    """Records each call_later; the test runs the ticks itself, at the times it chooses."""

    def __init__(self) -> None:
        self.delays: list[float] = []
        self.pending = None

    def call_later(self, delay: float, callback) -> None:
        self.delays.append(delay)
        self.pending = callback


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(sources.time, "monotonic", clock)
    return clock


def test_each_tick_is_due_at_start_plus_n_intervals_whatever_a_send_took(clock):
    endpoint, posted, sent = FakeEndpoint(), [], []

    def send(data: bytes) -> str:
        sent.append(clock.now)
        clock.now += 0.002  # each send takes 2 ms, and the timer fires 0.3 ms late
        return "peer"

    Repeater(endpoint, b"ping", 0.010, 5, send, posted.append, show=False).start()
    while endpoint.pending is not None and len(sent) < 5:
        callback, endpoint.pending = endpoint.pending, None
        clock.now += endpoint.delays[-1] + 0.0003
        callback()
    assert [round(t - sent[0], 4) for t in sent] == [0.0, 0.0103, 0.0203, 0.0303, 0.0403]  # no drift
    assert [round(d, 4) for d in endpoint.delays] == [0.008, 0.0077, 0.0077, 0.0077]
    assert posted == [Ended("count")]


def test_after_a_stall_it_starts_again_from_now_rather_than_burst(clock):
    endpoint, posted, sent = FakeEndpoint(), [], []

    def send(data: bytes) -> str:
        sent.append(clock.now)
        return "peer"

    Repeater(endpoint, b"ping", 0.010, None, send, posted.append, show=False).start()
    for stall in (0.0, 2.0, 0.0, 0.0):  # the machine was suspended for 2 s before the third tick
        callback, endpoint.pending = endpoint.pending, None
        clock.now += endpoint.delays[-1] + stall
        callback()
    assert len(sent) == 5
    # after the stall: one message at once, then every 10 ms again (not 200 messages back to back)
    assert [round(d, 4) for d in endpoint.delays[-2:]] == [0.01, 0.01]


def _run(clock, interval: float, lateness: list[float]) -> tuple[list[float], list[float]]:
    """Send times and timer delays when the ticks after the first fire ``lateness`` s late."""
    endpoint, sent = FakeEndpoint(), []

    def send(data: bytes) -> str:
        sent.append(clock.now)
        return "peer"

    Repeater(endpoint, b"ping", interval, None, send, lambda _e: None, show=False).start()
    for late in lateness:
        callback, endpoint.pending = endpoint.pending, None
        clock.now += endpoint.delays[-1] + late
        callback()
    return sent, endpoint.delays


def test_a_late_timer_on_a_long_interval_does_not_shift_the_schedule(clock):
    # --interval 1000 on a busy machine: one timer fires 300 ms late (no stall, a few ticks' worth
    # at most), and the ticks after it are still due on the second, as netcore.periodic keeps them
    sent, delays = _run(clock, 1.0, [0.0, 0.3, 0.0, 0.0])
    assert [round(t - sent[0], 3) for t in sent] == [0.0, 1.0, 2.3, 3.0, 4.0]
    assert round(delays[2], 3) == 0.7


def test_a_short_interval_catches_up_at_most_a_few_ticks_back_to_back(clock):
    # --interval 1 and a timer 40 ms late: not 40 messages at once (netcore.periodic.CATCH_UP_TICKS)
    from netcore.periodic import CATCH_UP_TICKS

    sent, delays = _run(clock, 0.001, [0.0, 0.040] + [0.0] * 60)
    assert delays[2:].count(0.0) <= CATCH_UP_TICKS
    assert round(delays[-1], 4) == 0.001
