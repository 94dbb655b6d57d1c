"""The pump's time budget covers handling events, not only taking them off the queue (issue 9)."""

from __future__ import annotations

import queue
from dataclasses import dataclass

from gui.pump import CHUNK, MAX_SECONDS_PER_TICK, MIN_REDRAW_GAP, EventPump

HANDLING_COST = 0.0001  # seconds per event, on the fake clock


@dataclass(frozen=True)
class Event:
    source: str


def test_a_slow_tab_cannot_stretch_a_tick_and_each_tab_draws_once(tk_root):
    events: queue.SimpleQueue = queue.SimpleQueue()
    for index in range(5000):
        events.put(Event("slow#1" if index % 2 else "other#1"))
    now = [0.0]
    handled: dict[str, int] = {}
    redraws: list[str] = []

    def dispatch(source: str, batch: list[object]) -> str:
        now[0] += HANDLING_COST * len(batch)  # handling takes time
        tab = source.split("#")[0]
        handled[tab] = handled.get(tab, 0) + len(batch)
        return tab

    pump = EventPump(tk_root, events, dispatch, redraws.append, clock=lambda: now[0])
    taken = pump.drain()
    # at most one chunk handled past the budget
    assert now[0] <= MAX_SECONDS_PER_TICK + CHUNK * HANDLING_COST + 1e-9
    assert taken == sum(handled.values()) < 5000
    assert sorted(redraws) == ["other", "slow"]  # once per tick, not once per chunk
    left = 5000 - taken
    while left:  # the rest comes in the next ticks, nothing lost
        now[0] = 0.0
        left -= pump.drain()
    assert sum(handled.values()) == 5000


def test_a_flooding_tab_draws_at_most_every_gap_and_what_it_owes_is_drawn_later(tk_root):
    # drawing on every tick (60 a second) was a third of the Tk thread's GIL time in a flood
    events: queue.SimpleQueue = queue.SimpleQueue()
    now = [100.0]
    redraws: list[tuple[str, float]] = []
    pump = EventPump(tk_root, events, lambda source, batch: source.split("#")[0],
                     lambda key: redraws.append((key, now[0])), clock=lambda: now[0])
    tick = 0.016
    for step in range(10):  # events on every tick for 0.16 s
        now[0] = 100.0 + step * tick
        events.put(Event("udp#1"))
        pump.drain()
    times = [when for _, when in redraws]
    assert times[0] == 100.0  # the first after a quiet time: at once
    assert all(b - a >= MIN_REDRAW_GAP - 1e-9 for a, b in zip(times, times[1:], strict=False))
    assert len(times) < 10
    last_event = now[0]
    while now[0] < last_event + MIN_REDRAW_GAP + tick:  # quiet ticks: the last events are drawn
        now[0] += tick
        pump.drain()
    assert times[-1] < last_event <= redraws[-1][1]
    count = len(redraws)
    for _ in range(5):  # nothing owed: nothing drawn
        now[0] += tick
        pump.drain()
    assert len(redraws) == count


def test_events_after_a_quiet_tick_are_drawn_at_once(tk_root):
    # a user's single messages, a test's steps: drawn on their tick, however soon after the last draw
    events: queue.SimpleQueue = queue.SimpleQueue()
    now = [0.0]
    redraws: list[float] = []
    pump = EventPump(tk_root, events, lambda source, batch: "tab", lambda key: redraws.append(now[0]),
                     clock=lambda: now[0])
    for step in range(6):
        now[0] = step * 0.016
        if step % 2 == 0:
            events.put(Event("tab#1"))
        pump.drain()
    assert redraws == [0.0, 0.032, 0.064]
