"""The running state of a tab's periodic send and file send, under its send box, with Stop and Cancel.

A row appears while a job runs ("Sending every 10 ms: 153 / 1,000 · 99.9
messages/s" and Stop; the file's progress and Cancel) and goes when it ends
(its result is in the log and in the feature's window), so the tab looks as
before when nothing runs.  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import TYPE_CHECKING

from netcore.file_sender import FileProgress
from netcore.periodic import PeriodicProgress

from ..i18n import N_, bind_text, on_language_change, tr
from . import job_words as words

if TYPE_CHECKING:
    from .send_jobs import SendJobs



class JobStrip(ttk.Frame):
    def __init__(self, sendbox: tk.Misc, *, stop_periodic: Callable[[], None],
                 cancel_file: Callable[[], None]) -> None:
        super().__init__(sendbox, name="jobs")
        self.periodic_row = ttk.Frame(self, name="periodic")
        self.stop_button = bind_text(ttk.Button(self.periodic_row, name="stop", command=stop_periodic),
                                     N_("Stop"))
        self.stop_button.pack(side="right")
        self.periodic_text = ttk.Label(self.periodic_row, name="status", anchor="w")
        self.periodic_text.pack(side="left", fill="x", expand=True)

        self.file_row = ttk.Frame(self, name="file")
        self.cancel_button = bind_text(ttk.Button(self.file_row, name="cancel", command=cancel_file),
                                       N_("Cancel"))
        self.cancel_button.pack(side="right")
        self.progress = ttk.Progressbar(self.file_row, name="progress", length=80, maximum=1000)
        self.progress.pack(side="right", padx=(6, 6))
        self.file_text = ttk.Label(self.file_row, name="status", anchor="w")
        self.file_text.pack(side="left", fill="x", expand=True)
        self._jobs: SendJobs | None = None
        self._forget_language = on_language_change(lambda: self.show(self._jobs) if self._jobs else None)
        self.bind("<Destroy>", lambda e: self._forget_language() if e.widget is self else None, add="+")

    def show(self, jobs: SendJobs) -> None:
        """Show the rows of the jobs running now (and hide the strip when none runs)."""
        self._jobs = jobs
        self._row(self.periodic_row, jobs.periodic_running)
        if jobs.periodic_running:
            state = jobs.periodic_state
            running = isinstance(state, PeriodicProgress)
            text = words.periodic_running(state) if running else tr(words.STARTING)
            self.periodic_text.configure(text=text)
        self._row(self.file_row, jobs.file_running)
        if jobs.file_running:
            state = jobs.file_state
            if isinstance(state, FileProgress):
                self.file_text.configure(text=words.file_running(jobs.file_name, state))
                self.progress.configure(value=1000 * state.sent / state.total if state.total else 1000)
            else:
                self.file_text.configure(text=tr(words.STARTING))
                self.progress.configure(value=0)
        shown = jobs.periodic_running or jobs.file_running
        if shown and not self.winfo_manager():
            self.pack(side="top", fill="x", pady=(2, 0))
        elif not shown and self.winfo_manager():
            self.pack_forget()

    @staticmethod
    def _row(row: ttk.Frame, shown: bool) -> None:
        if shown and not row.winfo_manager():
            row.pack(side="top", fill="x")
        elif not shown and row.winfo_manager():
            row.pack_forget()
