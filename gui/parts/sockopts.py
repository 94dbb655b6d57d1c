"""A tab's socket options: the choice its window edits, checked at each start, and what the kernel gave.

No widgets of its own: it holds the :class:`~gui.learn.options_model.OptionsChoice`
(the tab calls :meth:`SocketOptionsPart.check` before it starts an endpoint), keeps
what was asked at the last start and the ``OptionsApplied`` read-backs of the
current endpoint, and opens the options window (Learn → Socket options…) on
demand.  Costs nothing per event but an ``isinstance`` on the rare
``OptionsApplied``.  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Sequence

from netcore import OptionsApplied

from ..learn.options_model import ChosenOptions, OptionsChoice
from ..widgets import one_window
from . import TabPart


class SocketOptionsPart(TabPart):
    def __init__(self, tab: tk.Misc, kind: str) -> None:
        self.tab = tab
        self.kind = kind
        self.choice = OptionsChoice(kind)
        self.asked: ChosenOptions | None = None  # what the running (or last) endpoint was given
        self.given: list[OptionsApplied] = []  # its read-backs, one per socket
        self._changed = False

    @property
    def window_name(self) -> str:
        return f"options_{self.kind.replace('-', '_')}"

    @property
    def window(self) -> tk.Misc | None:
        """The options window while it is open (looked up, not held: a closed one is let go)."""
        window = self.tab.winfo_toplevel().children.get(self.window_name)
        return window if window is not None and window.winfo_exists() else None

    def check(self) -> ChosenOptions:
        """The choice checked for a start (raises OptionError); remembered as what was asked."""
        chosen = self.choice.parse()
        self.asked = chosen
        return chosen

    def open_window(self) -> tk.Misc:
        """Show this tab's options window (made at the first call)."""
        from ..learn.options_window import OptionsWindow

        top = self.tab.winfo_toplevel()
        return one_window(top, self.window_name, OptionsWindow, lambda: OptionsWindow(top, self))[0]

    # ------------------------------------------------------------ events
    def handle(self, events: Sequence[object]) -> None:
        for event in events:
            if type(event) is OptionsApplied:  # rare (one per socket per start): one test per event
                self.given.append(event)
                self._changed = True

    def set_state(self, state: str) -> None:
        if state == "starting":
            self.given = []
            self._changed = True
            self.redraw()

    def redraw(self) -> None:
        if self._changed:
            self._changed = False
            window = self.window
            if window is not None:
                window.show_read_back()  # type: ignore[attr-defined]
