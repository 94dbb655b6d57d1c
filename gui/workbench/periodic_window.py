"""The periodic send window of a tab (Tools → Periodic send…): interval, count, Start, Stop, and how it goes.

One window per tab (a Toplevel named ``periodic_<tab>``).  It sends what the
tab's send box holds, encoded as the send box says, to whom the tab's own
Send would (a server tab's all / selected).  The timing runs on the
endpoint's I/O thread (:mod:`netcore.periodic`); this window only shows its
progress, redrawn with the tab's parts.  Closing the window does not stop
the send (the tab shows it, with Stop).  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import TYPE_CHECKING

from netcore import NetError
from netcore.periodic import (
    BAD_COUNT,
    BAD_INTERVAL,
    PeriodicDone,
    PeriodicProgress,
    check_count,
    check_interval,
)

from ..i18n import N_, bind_text, tr, trf
from ..widgets import mark_good, one_window
from . import job_words as words
from .job_window import JobWindow
from .send_jobs import CannotStart

if TYPE_CHECKING:
    from ..tab import EndpointTab

TITLE = N_("Periodic send — {tab}")
ABOUT = N_("Sends the message in the tab's send box (encoded as set there) again and again, to whom the "
           "tab's Send button would. The timing runs beside the socket, not in the window: down to 1 ms.")
IDLE = N_("Not sending.")
DEFAULT_INTERVAL = "1000"
DEFAULT_COUNT = "10"


def parse_interval(text: str) -> float:
    """Milliseconds typed → seconds; NetError in plain words."""
    try:
        milliseconds = float(text.strip().replace(",", ""))
    except ValueError:
        raise NetError("bad_interval", BAD_INTERVAL) from None
    return check_interval(milliseconds / 1000.0)


def parse_count(text: str) -> int | None:
    """A count typed (0 or empty: until stopped); NetError in plain words."""
    text = text.strip().replace(",", "")
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 10:
        raise NetError("bad_count", BAD_COUNT)
    return check_count(int(text))


class PeriodicWindow(JobWindow):
    def __init__(self, master: tk.Misc, tab: EndpointTab) -> None:
        super().__init__(master, tab, name=f"periodic_{tab.winfo_name()}", about=ABOUT, width=460,
                         minsize=(420, 220))
        body = self.body

        fields = ttk.Frame(body, name="fields")
        fields.pack(side="top", fill="x", pady=(8, 0))
        interval_label = bind_text(ttk.Label(fields, name="interval_label"), N_("Interval (ms):"))
        interval_label.grid(row=0, column=0, sticky="w")
        self.interval = ttk.Entry(fields, name="interval", width=10)
        self.interval.insert(0, DEFAULT_INTERVAL)
        self.interval.grid(row=0, column=1, sticky="w", padx=(4, 12))
        bind_text(ttk.Label(fields, name="count_label"), N_("Count (0 = until stopped):")).grid(
            row=0, column=2, sticky="w")
        self.count = ttk.Entry(fields, name="count", width=10)
        self.count.insert(0, DEFAULT_COUNT)
        self.count.grid(row=0, column=3, sticky="w", padx=(4, 0))
        for entry in (self.interval, self.count):
            entry.bind("<Return>", lambda e: self.start())
            entry.bind("<Key>", lambda e: mark_good(e.widget), add="+")

        buttons = ttk.Frame(body, name="buttons")
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        self.start_button = bind_text(ttk.Button(buttons, name="start", command=self.start,
                                                 style="Accent.TButton"), N_("Start"))
        self.start_button.pack(side="left")
        self.stop_button = bind_text(ttk.Button(buttons, name="stop", command=self.jobs.stop_periodic),
                                     N_("Stop"))
        self.stop_button.pack(side="left", padx=(6, 0))
        bind_text(ttk.Button(buttons, name="close", command=self.destroy), N_("Close")).pack(side="right")
        self.follow_jobs(status_pady=(8, 0))

    def start(self) -> None:
        if self.jobs.periodic_running:  # one at a time (Enter in a field, too): Stop first
            return
        self._problem = ""
        try:
            interval = parse_interval(self.interval.get())
        except NetError as err:
            self._refuse(err.translated(tr), self.interval)
            return
        try:
            count = parse_count(self.count.get())
        except NetError as err:
            self._refuse(err.translated(tr), self.count)
            return
        try:
            self.jobs.start_periodic(interval, count)
        except CannotStart as problem:
            self._refuse(problem.text)
            return
        self.refresh()

    def refresh(self) -> None:
        """Show the job's state and which buttons apply (after each progress event, a state change)."""
        if not self.winfo_exists():
            return
        self.title(trf(TITLE, tab=tr(self.tab.title)))
        jobs = self.jobs
        running = jobs.periodic_running
        can_start = self.tab.state == "running" and not running  # one at a time: Stop, then Start anew
        self.start_button.state(["!disabled"] if can_start else ["disabled"])
        self.stop_button.state(["!disabled"] if running else ["disabled"])
        state = jobs.periodic_state
        self.show_status(running, state, PeriodicProgress, lambda: words.periodic_running(state),
                         PeriodicDone, lambda: words.periodic_ended(state), IDLE)


def open_periodic(master: tk.Misc, tab: EndpointTab) -> PeriodicWindow:
    """Show the tab's periodic send window (made at the first call)."""
    return one_window(master, f"periodic_{tab.winfo_name()}", PeriodicWindow,
                      lambda: PeriodicWindow(master, tab))[0]
