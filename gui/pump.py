"""Moves netcore events from their queue to the tabs, on the Tk main loop.

The I/O threads only ``put`` on a queue; this pump polls it with ``after()``
(never ``event_generate`` from another thread), takes at most a bounded batch
per tick and hands each tab its events in one call, so a tab can merge them
and redraw once.  ``close()`` cancels the pending ``after``.  Tk thread only.
"""

from __future__ import annotations

import contextlib
import queue
import time
import tkinter as tk
from collections.abc import Callable

INTERVAL_MS = 16  # about one screen frame
MAX_EVENTS_PER_TICK = 2000
MAX_SECONDS_PER_TICK = 0.012


class EventPump:
    def __init__(self, widget: tk.Misc, events: queue.SimpleQueue,
                 dispatch: Callable[[str, list[object]], None]) -> None:
        self._widget = widget
        self._events = events
        self._dispatch = dispatch
        self._after_id: str | None = None
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
        by_source: dict[str, list[object]] = {}
        deadline = time.monotonic() + MAX_SECONDS_PER_TICK
        count = 0
        get = self._events.get_nowait
        while count < MAX_EVENTS_PER_TICK:
            try:
                event = get()
            except queue.Empty:
                break
            by_source.setdefault(getattr(event, "source", ""), []).append(event)
            count += 1
            if count % 64 == 0 and time.monotonic() > deadline:
                break
        for source, events in by_source.items():
            self._dispatch(source, events)
        return count

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
