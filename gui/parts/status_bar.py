"""The line at the bottom of a tab: state, what went each way and how fast, drops, saving.

It owns the tab's :class:`~gui.parts.traffic.Traffic` counters (the tab and
the tests read them there) and a Reset button.  While the endpoint runs it
refreshes twice a second so a rate falls to zero when traffic stops.  Tk
thread only.
"""

from __future__ import annotations

import contextlib
import tkinter as tk
from collections.abc import Callable, Sequence
from tkinter import ttk

from netcore import DatagramsDropped, DatagramsReceived, DataReceived, DataSent
from netcore.values import fields

from ..i18n import N_, bind_text, on_language_change, tr, trf, trn
from . import TabPart
from .traffic import Rates, Traffic

RATE_REFRESH_MS = 500
STATE_TEXT = {
    "stopped": N_("Stopped"),
    "starting": N_("Starting…"),
    "running": N_("Running"),
    "stopping": N_("Stopping…"),
}


def human_rate(per_second: float) -> str:
    """Bytes per second in B/s, KB/s, MB/s or GB/s (powers of 1000, as network speeds are given)."""
    for unit, scale in (("GB/s", 1e9), ("MB/s", 1e6), ("KB/s", 1e3)):
        if per_second >= scale:
            return f"{per_second / scale:.1f} {unit}"
    return f"{per_second:.0f} B/s"


class StatusBar(ttk.Frame, TabPart):
    """``saving()`` returns the path received data is being saved to, or None."""

    def __init__(self, master: tk.Misc, saving: Callable[[], str | None], *,
                 name: str = "status_bar") -> None:
        super().__init__(master, name=name)
        self.traffic = Traffic()
        self._saving = saving
        self._state = "stopped"
        self._rates = Rates()
        self._after_id: str | None = None
        #: Functions adding a short text to the line when they have one (auto-reconnect's countdown);
        #: asked at each redraw, so twice a second while running
        self.notes: list[Callable[[], str]] = []
        self.reset_button = bind_text(ttk.Button(self, name="reset", command=self.reset),
                                      N_("Reset counters"))
        self.reset_button.pack(side="right", anchor="n", padx=(6, 0))
        self.label = ttk.Label(self, name="status", anchor="w", justify="left")
        self.label.pack(side="left", fill="x", expand=True)
        # the line wraps instead of being cut when the window is narrow (Chinese, many digits)
        self.label.bind("<Configure>", lambda e: self.label.configure(wraplength=max(e.width, 200)))
        on_language_change(self.redraw)
        self.bind("<Destroy>", self._destroyed, add="+")
        self.redraw()

    # ------------------------------------------------------------ part
    def handle(self, events: Sequence[object]) -> None:
        traffic = self.traffic
        for event in events:
            if isinstance(event, DataReceived):
                traffic.received(len(event.data))
            elif isinstance(event, DatagramsReceived):
                traffic.received(sum(map(len, event.payloads)), len(event.payloads))
            elif isinstance(event, DataSent):
                traffic.sent(event.size, 0 if event.partial else 1)  # a partial one: bytes, not a message
            elif isinstance(event, DatagramsDropped):
                traffic.dropped += event.count

    def set_state(self, state: str) -> None:
        self._state = state
        if state == "running" and self._after_id is None:
            self.traffic.sample()
            self._after_id = self.after(RATE_REFRESH_MS, self._tick)
        self.redraw()

    def reset(self) -> None:
        """Start counting from zero (the endpoint keeps running)."""
        self.traffic.reset()
        self._rates = Rates()
        self.redraw()

    def redraw(self) -> None:
        traffic, rates = self.traffic, self._rates
        parts = [tr(STATE_TEXT[self._state])]
        parts.append(trn("sent {bytes} B in {count} message", "sent {bytes} B in {count} messages",
                         traffic.sent_count, bytes=f"{traffic.sent_bytes:,}")
                     + self._rate_text(rates.sent_bytes, rates.sent_count))
        parts.append(trn("received {bytes} B in {count} message", "received {bytes} B in {count} messages",
                         traffic.received_count, bytes=f"{traffic.received_bytes:,}")
                     + self._rate_text(rates.received_bytes, rates.received_count))
        parts += [text for note in self.notes if (text := note())]
        if traffic.dropped:
            parts.append(trn("{count} datagram dropped by the OS", "{count} datagrams dropped by the OS",
                             traffic.dropped))
        path = self._saving()
        if path:
            parts.append(trf("saving to {path}", path=path))
        self.label.configure(text=" · ".join(parts))

    # ----------------------------------------------------------- helpers
    @staticmethod
    def _rate_text(per_second: float, messages: float) -> str:
        if per_second < 0.5:
            return ""
        return trf(" ({rate}, {messages} msg/s)", rate=human_rate(per_second), messages=f"{messages:,.0f}")

    def _tick(self) -> None:
        self._after_id = None
        self._rates = self.traffic.sample()
        self.redraw()
        if self._state == "running" or any(getattr(self._rates, name) for name in fields(self._rates)):
            self._after_id = self.after(RATE_REFRESH_MS, self._tick)

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is self and self._after_id is not None:
            with contextlib.suppress(tk.TclError):
                self.after_cancel(self._after_id)
            self._after_id = None
