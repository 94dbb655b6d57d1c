"""Keeps the window's settings file up to date: restores at start, saves soon after a change and at close.

The file is read once, before the window exists (main.py: ``Settings.load()``).
The keeper puts back the window's size and, as each tab is built, what the
tab remembered (gui/tab_memory.py, gui/remembered.py).  A change asks for a
save :data:`SAVE_DELAY_MS` later: typing (a key released anywhere in the
window), a drop-down choice, a tab started or stopped, the window resized, a
sash dragged, the trace pane shown or hidden; more changes meanwhile move the
timer, so a burst of typing costs one save, and a save that would write the
same text writes nothing.  Nothing here runs on the data path.  Language and
theme are saved at once (rare, and the tests read the file right after).

A settings file found damaged at start is said once in the log of the tab
shown (in the current language; it follows a language switch).  Tk thread only.
"""

from __future__ import annotations

import sys
import tkinter as tk
from typing import TYPE_CHECKING

from . import remembered  # noqa: F401  (registers SockLab's own per-tab state)
from .i18n import trf
from .tab_memory import TabMemory
from .workbench import remembered as _workbench_remembered  # noqa: F401  (rules, framing)

if TYPE_CHECKING:
    from .app import App
    from .tab import EndpointTab

SAVE_DELAY_MS = 1500
HISTORY_KEPT = 50  # messages per send box remembered across restarts


class SettingsKeeper:
    def __init__(self, app: App) -> None:
        self.app = app
        settings = app.settings
        self.memory = TabMemory(settings.tabs if settings is not None else {}, self.changed)
        self._after: str | None = None
        root = app.root
        if settings is not None and settings.window is not None:
            width, height = settings.window
            # never larger than the screen, never smaller than the window's minimum
            least_width, least_height = root.minsize()
            width = max(least_width, min(width, root.winfo_screenwidth()))
            height = max(least_height, min(height, root.winfo_screenheight()))
            root.geometry(f"{width}x{height}")
        root.bind("<KeyRelease>", self._typed, add="+")
        root.bind("<<ComboboxSelected>>", self._typed, add="+")
        root.bind("<Configure>", self._resized, add="+")
        self._size = (0, 0)

    def tab_built(self, tab: EndpointTab) -> None:
        """Put back what ``tab`` remembered, and follow its changes."""
        settings = self.app.settings
        if settings is not None:
            tab.sendbox.set_history(settings.history.get(tab.winfo_name(), []))
        self.memory.tab_built(tab)
        tab.bind("<<TitleChanged>>", self._typed, add="+")  # started, stopped (the address was used)
        tab.trace_pane.shown.trace_add("write", lambda *_: self.changed())
        tab.panes.bind("<ButtonRelease-1>", self._typed, add="+")  # a sash dragged

    def show_problem(self, tab: EndpointTab) -> None:
        """Say in ``tab``'s log that the settings file was damaged (if it was)."""
        settings = self.app.settings
        if settings is None or settings.problem is None:
            return
        template, params = settings.problem
        print("SockLab: " + template.format(**params), file=sys.stderr)
        tab.log.add_message("error", lambda: trf(template, **params))
        tab.log.flush()

    # ------------------------------------------------------------ saving
    def changed(self) -> None:
        """Save in a moment (once however many changes come meanwhile)."""
        if self.app.settings is None or self.app.closed:
            return
        if self._after is not None:
            self.app.root.after_cancel(self._after)
        self._after = self.app.root.after(SAVE_DELAY_MS, self.save_now)

    def save_now(self) -> bool:
        """Gather what the window holds and write it (if it changed)."""
        if self._after is not None:
            self.app.root.after_cancel(self._after)
            self._after = None
        settings = self.app.settings
        if settings is None:
            return False
        settings.tabs = self.memory.capture()
        settings.history.update({name: tab.sendbox.history[-HISTORY_KEPT:]
                                 for name, tab in self.app.tabs.items() if tab.built})
        root = self.app.root
        if root.winfo_ismapped() and root.winfo_width() > 1:
            settings.window = (root.winfo_width(), root.winfo_height())
        return settings.save()

    def close(self) -> None:
        """The window is closing: save what it holds now, and stop following it."""
        try:
            self.save_now()
        finally:
            self.memory.forget()

    # ------------------------------------------------------------ events
    def _typed(self, _event: object = None) -> None:
        self.changed()

    def _resized(self, event: tk.Event) -> None:
        if event.widget is self.app.root and (event.width, event.height) != self._size:
            self._size = (event.width, event.height)
            self.changed()
