"""The Nagle demonstration window (Learn → Nagle's algorithm…): one click, two medians, one explanation.

The measurement (:mod:`gui.learn.nagle_run`) blocks for about a second, so it
runs on a worker thread; the worker only puts its result on a queue, which
this window polls with ``after`` (no widget is touched off the Tk thread).
Closing the window cancels the run and waits briefly for the worker.  One
window per app: the demonstration uses its own sockets, not a tab's.
Tk thread only.
"""

from __future__ import annotations

import queue
import threading
import tkinter as tk
from tkinter import ttk

from .. import theme
from ..i18n import N_, bind_text, on_language_change, tr, trf
from ..line_breaks import WrappedLabel
from .nagle_run import ROUNDS, Cancelled, NagleResult, measure

POLL_MS = 50
TITLE = N_("Nagle's algorithm: two small writes, then a read")
ABOUT = N_("On this computer (loopback), a client sends a request as two small writes, then reads the "
           "answer; the server answers once it has the whole request. {rounds} round trips are timed "
           "with TCP_NODELAY off (Nagle's algorithm on), then {rounds} with it on.")
RUNNING = N_("Measuring… (about a second)")
WITH_NAGLE = N_("TCP_NODELAY off (Nagle on): median round trip {time}")
WITHOUT_NAGLE = N_("TCP_NODELAY on: median round trip {time}")
WHY = N_("With Nagle, the second small write waits until the first is acknowledged, and the server delays "
         "that acknowledgement (about 40 ms on Linux) hoping to send it with its answer, which cannot come "
         "before the second write. TCP_NODELAY sends both at once. SockLab's TCP sockets set it by "
         "default; Learn → Socket options… turns it off.")
FAILED = N_("The measurement failed: {error}")


def human_time(seconds: float) -> str:
    """``0.044`` → ``"44.0 ms"``; ``0.000052`` → ``"52 µs"``."""
    return f"{seconds * 1000:.1f} ms" if seconds >= 0.001 else f"{seconds * 1e6:.0f} µs"


class NagleWindow(tk.Toplevel):
    def __init__(self, master: tk.Misc, rounds: int = ROUNDS) -> None:
        super().__init__(master, name="nagle")
        self.rounds = rounds
        self.result: NagleResult | None = None
        self._results: queue.SimpleQueue[NagleResult | BaseException] = queue.SimpleQueue()
        self._cancel = threading.Event()
        self._worker: threading.Thread | None = None
        self._poll_id: str | None = None
        self.configure(background=theme.palette()["bg"])
        self.minsize(460, 300)
        body = ttk.Frame(self, name="body", padding=10)
        body.pack(fill="both", expand=True)
        self.about = WrappedLabel(body, name="about", justify="left", wraplength=520)
        self.about.pack(side="top", fill="x")
        buttons = ttk.Frame(body, name="buttons")
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        self.close_button = bind_text(ttk.Button(buttons, name="close", command=self.destroy), N_("Close"))
        self.close_button.pack(side="right")
        self.run_button = bind_text(ttk.Button(buttons, name="run", command=self.run, style="Accent.TButton"),
                                    N_("Run the demonstration"))
        self.run_button.pack(side="left")
        self.status = ttk.Label(body, name="status", justify="left")
        self.status.pack(side="top", fill="x", pady=(8, 0))
        self.nagle_line = ttk.Label(body, name="with_nagle")
        self.nagle_line.pack(side="top", fill="x", pady=(4, 0))
        self.nodelay_line = ttk.Label(body, name="without_nagle")
        self.nodelay_line.pack(side="top", fill="x")
        self.why = WrappedLabel(body, name="why", justify="left", wraplength=520, style="Hint.TLabel")
        self.why.pack(side="top", fill="x", pady=(8, 0))
        for label in (self.about, self.why):  # wrap at the window's width
            label.bind("<Configure>", lambda e: e.widget.configure(wraplength=max(e.width - 4, 200)), add="+")
        self._forget_language = on_language_change(self._relabel)
        self.bind("<Destroy>", self._destroyed, add="+")
        self.bind("<Escape>", lambda e: self.destroy())
        self._relabel()

    @property
    def running(self) -> bool:
        return self._worker is not None

    def run(self) -> None:
        """Start a measurement on a worker thread (once at a time)."""
        if self._worker is not None:
            return
        self.result = None
        self._cancel.clear()
        self.run_button.state(["disabled"])
        self.status.configure(text=tr(RUNNING), style="TLabel")
        self.nagle_line.configure(text="")
        self.nodelay_line.configure(text="")
        self.why.configure(text="")
        self._worker = threading.Thread(target=self._measure, name="nagle-demo", daemon=True)
        self._worker.start()
        self._poll_id = self.after(POLL_MS, self._poll)

    def _measure(self) -> None:
        """Worker thread: measure, hand the outcome to the Tk thread through the queue."""
        try:
            self._results.put(measure(self.rounds, cancel=self._cancel))
        except (OSError, Cancelled) as exc:
            self._results.put(exc)

    def _poll(self) -> None:
        self._poll_id = None
        try:
            outcome = self._results.get_nowait()
        except queue.Empty:
            self._poll_id = self.after(POLL_MS, self._poll)
            return
        if self._worker is not None:
            self._worker.join(1.0)  # it has put its last word: it is ending
        self._worker = None
        self.run_button.state(["!disabled"])
        if isinstance(outcome, NagleResult):
            self.result = outcome
            self.status.configure(text="")
        else:
            self.status.configure(text=trf(FAILED, error=outcome or type(outcome).__name__),
                                  style="Error.TLabel")
        self._show_result()

    def _show_result(self) -> None:
        result = self.result
        if result is None:
            return
        self.nagle_line.configure(text=trf(WITH_NAGLE, time=human_time(result.nagle)))
        self.nodelay_line.configure(text=trf(WITHOUT_NAGLE, time=human_time(result.nodelay)))
        self.why.configure(text=tr(WHY))

    def _relabel(self) -> None:
        self.title(tr(TITLE))
        self.about.configure(text=trf(ABOUT, rounds=self.rounds))
        if self.running:
            self.status.configure(text=tr(RUNNING))
        self._show_result()

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is not self:
            return
        self._forget_language()
        if self._poll_id is not None:
            self.after_cancel(self._poll_id)
            self._poll_id = None
        self._cancel.set()  # the worker stops at its next round trip
        if self._worker is not None:
            self._worker.join(3.0)
            self._worker = None
