"""Auto-reconnect, as the TCP client tab shows it: a log line per retry and a countdown in the status line.

The waiting is netcore's (:mod:`netcore.reconnect`: timers on the client's I/O
thread); this part only shows it.  A ``Reconnecting`` event says when the next
attempt is due; the status line counts down to it at the status bar's own
refresh (twice a second while the tab runs), then says the attempt is under
way, and says nothing once connected or stopped.  Costs nothing per data
event: one type test per event, on the rare connection events only after it.
Tk thread only.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from functools import partial

from netcore import ConnectionState, Started, Stopped
from netcore.events import CONNECTING
from netcore.reconnect import Reconnecting

from ..i18n import N_, trf
from ..log_view import LogView
from . import TabPart
from .status_bar import StatusBar

RETRY_LINE = N_("Reconnecting to {address} in {seconds} s (attempt {attempt}).")
WAITING = N_("reconnecting in {seconds} s, attempt {attempt}")
TRYING = N_("reconnecting: attempt {attempt}…")
RECONNECTED = N_("Reconnected on attempt {attempt}.")


class ReconnectStatus(TabPart):
    def __init__(self, log: LogView, status_bar: StatusBar) -> None:
        self.log = log
        self.status_bar = status_bar
        self.attempt = 0  # the retry announced last (0: none since the last connection)
        self.due: float | None = None  # time.monotonic() of the next attempt, while waiting
        self._changed = False
        status_bar.notes.append(self.note)

    def handle(self, events: Sequence[object]) -> None:
        offset = time.time() - time.monotonic()
        for event in events:
            kind = type(event)
            if kind is Reconnecting:
                assert isinstance(event, Reconnecting)
                self.attempt = event.attempt
                self.due = event.time + event.delay
                self.log.add_message("info", partial(trf, RETRY_LINE, address=event.address,
                                                     seconds=_seconds(event.delay), attempt=event.attempt),
                                     when=event.time + offset)
                self._changed = True
            elif kind is ConnectionState and self.attempt:
                assert isinstance(event, ConnectionState)
                if event.state == CONNECTING:
                    self.due = None  # the attempt is under way
                    self._changed = True
            elif kind is Started and self.attempt:
                assert isinstance(event, Started)
                self.log.add_message("info", partial(trf, RECONNECTED, attempt=self.attempt),
                                     when=event.time + offset)
                self._clear()
            elif kind is Stopped:
                self._clear()

    def set_state(self, state: str) -> None:
        if state in ("starting", "stopped"):
            self._clear()

    def redraw(self) -> None:
        if self._changed:
            self._changed = False
            self.status_bar.redraw()

    def note(self) -> str:
        """The status line's words: the countdown while waiting, the attempt while connecting."""
        if not self.attempt:
            return ""
        if self.due is None:
            return trf(TRYING, attempt=self.attempt)
        left = max(0.0, self.due - time.monotonic())
        return trf(WAITING, seconds=_seconds(left), attempt=self.attempt)

    def _clear(self) -> None:
        if self.attempt or self.due is not None:
            self.attempt = 0
            self.due = None
            self._changed = True


def _seconds(value: float) -> str:
    """A wait in seconds, as a person reads it: tenths under ten seconds (``2.1``), whole ones above."""
    if value < 10:
        return f"{math.ceil(value * 10) / 10:g}"  # up: a wait left is never shown as 0 s
    return str(round(value))

