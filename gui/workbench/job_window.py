"""What the periodic send and send file windows share: one window per tab following its send job.

A subclass builds its fields between :meth:`JobWindow.__init__` (the text on
top) and :meth:`JobWindow.follow_jobs` (the status line, then listening to
the tab's jobs and the language), and draws its state with :meth:`show_status`.
Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import TYPE_CHECKING

from .. import theme
from ..i18n import bind_text, on_language_change, tr
from ..line_breaks import WrappedLabel
from ..widgets import mark_bad
from . import job_words as words
from .send_jobs import jobs_for

if TYPE_CHECKING:
    from ..tab import EndpointTab


class JobWindow(tk.Toplevel):
    def __init__(self, master: tk.Misc, tab: EndpointTab, *, name: str, about: str, width: int,
                 minsize: tuple[int, int]) -> None:
        super().__init__(master, name=name)
        self.tab = tab
        self.jobs = jobs_for(tab)
        self.configure(background=theme.palette()["bg"])
        self.minsize(*minsize)
        self.body = ttk.Frame(self, name="body", padding=10)
        self.body.pack(fill="both", expand=True)
        self.about = bind_text(WrappedLabel(self.body, name="about", justify="left", wraplength=width), about)
        self.about.pack(side="top", fill="x")
        self.about.bind("<Configure>", lambda e: self.about.configure(wraplength=max(e.width - 4, 200)))
        self._problem = ""  # why the last Start failed, until the next one

    def follow_jobs(self, status_pady: tuple[int, int]) -> None:
        """Add the status line, then follow the tab's jobs and the language (the fields are built)."""
        self.status = WrappedLabel(self.body, name="status", justify="left", anchor="w")
        self.status.pack(side="top", fill="x", pady=status_pady)
        self.status.bind("<Configure>", lambda e: self.status.configure(wraplength=max(e.width - 4, 200)))
        self.jobs.listeners.append(self.refresh)
        self._forget_language = on_language_change(self.refresh)
        self.bind("<Destroy>", self._destroyed, add="+")
        self.bind("<Escape>", lambda e: self.destroy())
        self.protocol("WM_DELETE_WINDOW", self.destroy)
        self.refresh()

    def refresh(self) -> None:
        """Show the job's state (after each progress event, a state change, a language switch)."""

    def show_status(self, running: bool, state: object, progress: type, running_text: Callable[[], str],
                    done: type, ended_text: Callable[[], str], idle: str) -> None:
        """The status line: the last refusal, else the job's progress, its start, how it ended, or idle."""
        if self._problem:
            self.status.configure(text=self._problem, style="Error.TLabel")
        elif isinstance(state, progress) and running:
            self.status.configure(text=running_text(), style="TLabel")
        elif running:
            self.status.configure(text=tr(words.STARTING), style="TLabel")
        elif isinstance(state, done):
            failed = getattr(state, "reason", "") == "error"
            self.status.configure(text=ended_text(), style="Error.TLabel" if failed else "TLabel")
        else:
            self.status.configure(text=tr(idle), style="TLabel")

    def _refuse(self, text: str, entry: ttk.Entry | None = None) -> None:
        self._problem = text
        if entry is not None:
            mark_bad(entry)
        self.refresh()

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is not self:
            return
        self._forget_language()
        if self.refresh in self.jobs.listeners:
            self.jobs.listeners.remove(self.refresh)
