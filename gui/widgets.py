"""Small widgets shared by the tabs.  Tk thread only."""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable, Sequence
from tkinter import ttk
from typing import TypeVar

from .i18n import tr


class Choice(ttk.Combobox):
    """A read-only drop-down whose items are (value, English label) pairs.

    It shows the labels translated and :meth:`get` returns the value, so a
    language switch changes what is shown, never what is chosen.  It is wide
    enough for its longest label in the current language (``width`` is the
    least, in characters), so no choice is shown cut.
    """

    def __init__(self, master: tk.Misc, choices: Sequence[tuple[str, str]], *, name: str,
                 width: int = 10, command: Callable[[], None] | None = None,
                 translate: bool = True) -> None:
        super().__init__(master, name=name, width=width, state="readonly")
        self._min_width = width
        self._choices = list(choices)
        self._translate = translate
        self._index = 0
        self._command = command
        self.relabel()
        self.bind("<<ComboboxSelected>>", self._selected)

    def relabel(self) -> None:
        labels = [tr(label) if self._translate else label for _, label in self._choices]
        font = tkfont.nametofont("TkTextFont", root=self)
        fit = -(-max(font.measure(label) for label in labels) // self._char_width()) + 1
        self.configure(values=labels, width=max(self._min_width, fit))
        ttk.Combobox.set(self, labels[self._index])

    def _char_width(self) -> int:
        """Pixels per unit of ``width`` (Tk counts in average characters, not in "0"s)."""
        width = self.cget("width")
        self.configure(width=10)
        narrow = self.winfo_reqwidth()
        self.configure(width=30)
        wide = self.winfo_reqwidth()
        self.configure(width=width)
        return max((wide - narrow) // 20, 1)

    def get(self) -> str:  # type: ignore[override]
        return self._choices[self._index][0]

    def set(self, value: str) -> None:  # type: ignore[override]
        """Choose ``value`` (not its label)."""
        values = [v for v, _ in self._choices]
        self._index = values.index(value)
        self.relabel()
        if self._command:
            self._command()

    def _selected(self, _event: object = None) -> None:
        self._index = max(0, self.current())
        self.selection_clear()
        if self._command:
            self._command()


def mark_bad(entry: ttk.Entry, start: int | None = None, length: int = 1) -> None:
    """Show that ``entry`` holds input to fix (a red outline and tint), selecting the bad characters.

    The ttk ``invalid`` state is what themes draw (gui/theme.py); the ``Bad.TEntry`` style
    carries Sun Valley's tinted field image.
    """
    entry.configure(style="Bad.TEntry")
    entry.state(["invalid"])
    entry.focus_set()
    if start is not None:
        entry.selection_range(start, start + max(1, length))
        entry.icursor(start)


def mark_good(entry: ttk.Entry) -> None:
    entry.configure(style="TEntry")
    entry.state(["!invalid"])


def is_marked_bad(entry: ttk.Entry) -> bool:
    return bool(entry.instate(["invalid"]))


ToplevelT = TypeVar("ToplevelT", bound=tk.Toplevel)


def trace_writes(owner: tk.Misc, var: tk.Variable, callback: Callable[[], object]) -> None:
    """Call ``callback()`` after each write to ``var`` while ``owner`` (the window it belongs to) lives.

    Tk holds a trace's callback until the trace is removed, and a callback that refers to its
    window (as a window's always does) kept the closed window, its widgets and the variable for
    the rest of the session; so the trace goes when ``owner`` is destroyed.  Tk thread.
    """
    name = var.trace_add("write", lambda *_args: callback())

    def destroyed(event: tk.Event) -> None:
        if event.widget is owner:
            var.trace_remove("write", name)

    owner.bind("<Destroy>", destroyed, add="+")


def one_window(master: tk.Misc, name: str, kind: type[ToplevelT],
               make: Callable[[], ToplevelT]) -> tuple[ToplevelT, bool]:
    """The window ``name`` of ``master`` brought to the front, or made by ``make()`` if it is not
    there (one window per tab per feature): the window, and whether it was made now."""
    existing = master.children.get(name)
    if isinstance(existing, kind) and existing.winfo_exists():
        existing.deiconify()
        existing.lift()
        return existing, False
    return make(), True
