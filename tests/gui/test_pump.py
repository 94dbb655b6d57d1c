"""The pump's time budget covers handling events, not only taking them off the queue (issue 9)."""

from __future__ import annotations

import queue
from dataclasses import dataclass

from gui.pump import CHUNK, MAX_SECONDS_PER_TICK, EventPump

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
