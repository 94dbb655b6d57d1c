"""Moves netcore events from their queue to the tabs, on the Tk main loop.

The I/O threads only ``put`` on a queue; this pump polls it with ``after()``
(never ``event_generate`` from another thread).  Each tick takes events in
small chunks and hands each tab its share of a chunk (``dispatch``); the time
budget covers handling them, not only taking them off the queue, so a slow
tab cannot stretch a tick.  At the end of the tick every tab that got events
draws once (``redraw``); while its events come on tick after tick (a flood),
at most every :data:`MIN_REDRAW_GAP`, and a later tick draws what it owes.  ``close()``
cancels the pending ``after``.  Tk thread only.
"""

from __future__ import annotations

import contextlib
import queue
import time
import tkinter as tk
from collections.abc import Callable, Hashable

INTERVAL_MS = 16  # about one screen frame
MAX_EVENTS_PER_TICK = 2000
MAX_SECONDS_PER_TICK = 0.004
CHUNK = 32  # events taken before the clock is read again
# A tab's events are handled every tick, but drawn at most this often: under Packet Sender's flood
# drawing on every tick (60 a second) was a third of the Tk thread's time holding the GIL, which
# the I/O thread then waits for while the socket's buffer fills (py-spy --gil)
MIN_REDRAW_GAP = 0.05


class EventPump:
    def __init__(self, widget: tk.Misc, events: queue.SimpleQueue,
                 dispatch: Callable[[str, list[object]], Hashable | None],
                 redraw: Callable[[Hashable], None] | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """``dispatch(source, events)`` returns what to ``redraw`` at the end of the tick (or None)."""
        self._widget = widget
        self._events = events
        self._dispatch = dispatch
        self._redraw = redraw
        self._clock = clock
        self._after_id: str | None = None
        self._drawn_at: dict[Hashable, float] = {}  # when each tab last drew
        self._owed: dict[Hashable, None] = {}  # tabs that got events since they last drew, in order
        self._touched_before: dict[Hashable, None] = {}  # the tabs that got events on the last tick
        self.closed = False

    def start(self) -> None:
        if self._after_id is None and not self.closed:
            self._after_id = self._widget.after(INTERVAL_MS, self._tick)

    def close(self) -> None:
        self.closed = True
        if self._after_id is not None:
            with contextlib.suppress(tk.TclError):
                self._widget.after_cancel(self._after_id)
            self._after_id = None

    def drain(self) -> int:
        """Deliver what is waiting, within one tick's budget; returns how many events."""
        deadline = self._clock() + MAX_SECONDS_PER_TICK
        count = 0
        touched: dict[Hashable, None] = {}  # in first-touched order
        get = self._events.get_nowait
        try:
            while count < MAX_EVENTS_PER_TICK:
                by_source: dict[str, list[object]] = {}
                taken = 0
                for _ in range(min(CHUNK, MAX_EVENTS_PER_TICK - count)):
                    try:
                        event = get()
                    except queue.Empty:
                        break
                    by_source.setdefault(getattr(event, "source", ""), []).append(event)
                    taken += 1
                count += taken
                for source, events in by_source.items():
                    key = self._dispatch(source, events)
                    if key is not None:
                        touched[key] = None
                if taken < CHUNK or self._clock() > deadline:
                    break
        finally:
            self._draw_owed(touched)
        return count

    def _draw_owed(self, touched: dict[Hashable, None]) -> None:
        """Draw each tab that got events, unless it got some on the last tick too and drew less than
        MIN_REDRAW_GAP ago: then a later tick draws it."""
        before, self._touched_before = self._touched_before, touched
        if self._redraw is None:
            return
        owed = self._owed
        owed.update(touched)
        if not owed:
            return
        now = self._clock()
        for key in list(owed):
            last = self._drawn_at.get(key)
            if last is None or key not in before or now - last >= MIN_REDRAW_GAP:
                del owed[key]
                self._drawn_at[key] = now
                self._redraw(key)

    def drain_all(self, dispatch: Callable[[str, list[object]], None]) -> None:
        """Hand over everything left, without a time budget (the producers have stopped)."""
        by_source: dict[str, list[object]] = {}
        while True:
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                break
            by_source.setdefault(getattr(event, "source", ""), []).append(event)
        for source, events in by_source.items():
            dispatch(source, events)

    def _tick(self) -> None:
        self._after_id = None
        if self.closed:
            return
        try:
            self.drain()
        finally:
            if not self.closed:
                self._after_id = self._widget.after(INTERVAL_MS, self._tick)
