"""The trace pane: the socket calls the tab's endpoint makes, each a line of Python with its result.

Shown or hidden under the log (Learn → Socket calls); the tab's endpoint always
has a tracer (gui/tab.py), so the trace is complete whenever it is opened.  The
lines come from netcore's SocketCall events, never guessed here.  Hidden, the
pane only keeps its bounded model (gui/learn/trace_model.py); shown, it draws
what changed at most ten times a second (once per pump tick at most): appended
lines in one insert, lines dropped from the top, summaries that grew.
Selecting a line explains the call below the list.  Tk thread only.
"""

from __future__ import annotations

import time
import tkinter as tk
from collections.abc import Sequence
from tkinter import ttk

from netcore import SocketCall

from .. import theme
from ..i18n import N_, bind_text, on_language_change, tr, trf
from ..learn.trace_model import TraceLine, TraceModel
from ..learn.trace_words import (
    NON_BLOCKING_EXPLAINED,
    SUMMARY,
    SUMMARY_SIZE,
    WOULD_BLOCK_ERRNOS,
    call_sentence,
    result_sentence,
)
from . import TabPart

TITLE = N_("Socket calls, as Python (select one to see what it does)")
HIDE = N_("Hide")
NOTHING_SELECTED = N_("Each line is a call SockLab made on its sockets, with what it returned.")
MENU = {0: N_("Copy"), 1: N_("Select all"), 3: N_("Clear")}
LIST_HEIGHT = 6  # lines: the log above keeps most of the room
EXPLANATION_LINES = 3
DRAW_INTERVAL = 0.1  # seconds between two draws at most (see redraw)


class TracePane(ttk.Frame, TabPart):
    """``before``: the widget the pane is packed before (below it, on the bottom side) when shown."""

    def __init__(self, master: tk.Misc, before: tk.Misc, *, name: str = "trace") -> None:
        super().__init__(master, name=name)
        self.model = TraceModel()
        self.shown = tk.BooleanVar(self, value=False)
        self._before = before
        self._drawn_first = 0  # the model's number of the list's first item
        self._drawn_end = 0  # one past the model's number of its last item
        self._last_draw = 0.0
        self._draw_after: str | None = None
        self.bind("<Destroy>", self._cancel_draw, add="+")

        header = ttk.Frame(self, name="header")
        header.pack(side="top", fill="x")
        self.hide_button = bind_text(ttk.Button(header, name="hide", command=lambda: self.set_shown(False)),
                                     HIDE)
        self.hide_button.pack(side="right")
        bind_text(ttk.Label(header, name="title"), TITLE).pack(side="left", fill="x")

        # a fixed height (a label would grow and shrink with each explanation, moving the log above)
        self.explanation = tk.Text(self, name="explanation", height=EXPLANATION_LINES, wrap="word",
                                   borderwidth=0, highlightthickness=0, state="disabled", cursor="arrow",
                                   takefocus=False, font="TkDefaultFont")
        self.explanation.pack(side="bottom", fill="x", pady=(4, 0))
        body = ttk.Frame(self, name="body")
        body.pack(side="top", fill="both", expand=True)
        self.list = tk.Listbox(body, name="list", height=LIST_HEIGHT, selectmode="extended",
                               exportselection=False, activestyle="none", font="TkFixedFont",
                               borderwidth=0, highlightthickness=1)
        yscroll = ttk.Scrollbar(body, name="yscroll", orient="vertical", command=self.list.yview)
        xscroll = ttk.Scrollbar(body, name="xscroll", orient="horizontal", command=self.list.xview)
        self.list.configure(yscrollcommand=yscroll.set, xscrollcommand=xscroll.set)
        self.list.grid(row=0, column=0, sticky="nsew")
        yscroll.grid(row=0, column=1, sticky="ns")
        xscroll.grid(row=1, column=0, sticky="ew")
        body.rowconfigure(0, weight=1)
        body.columnconfigure(0, weight=1)

        self.list.bind("<<ListboxSelect>>", lambda e: self._explain())
        for key in ("<Control-c>", "<Control-C>"):
            self.list.bind(key, self.copy)
        for key in ("<Control-a>", "<Control-A>"):
            self.list.bind(key, self.select_all)
        self.menu = tk.Menu(self.list, name="menu", tearoff=False)
        self.menu.add_command(command=self.copy, accelerator="Ctrl+C")
        self.menu.add_command(command=self.select_all, accelerator="Ctrl+A")
        self.menu.add_separator()
        self.menu.add_command(command=self.clear)
        self.list.bind("<Button-3>", self._popup)

        self._relabel()
        self._recolour()
        on_language_change(self._relabel)
        theme.on_theme_change(self._recolour)

    # ------------------------------------------------------------ TabPart
    def handle(self, events: Sequence[object]) -> None:
        add = self.model.add
        for event in events:
            if type(event) is SocketCall:
                add(event)

    def redraw(self) -> None:
        """Draw what came, at most every DRAW_INTERVAL: in a flood each draw's Tk calls wait for the
        I/O threads (the GIL), and summaries change only a few times a second anyway."""
        if not self.shown.get() or self._draw_after is not None:
            return
        wait = self._last_draw + DRAW_INTERVAL - time.monotonic()
        if wait <= 0:
            self._draw()
        else:
            self._draw_after = self.after(int(wait * 1000) + 1, self._draw_later)

    def _draw_later(self) -> None:
        self._draw_after = None
        if self.shown.get():
            self._draw()

    def _cancel_draw(self, _event: object = None) -> None:
        if self._draw_after is not None:
            self.after_cancel(self._draw_after)
            self._draw_after = None

    # ------------------------------------------------------------ showing
    def set_shown(self, shown: bool) -> None:
        """Show the pane under the log (drawing what it kept), or hide it."""
        self.shown.set(shown)
        if shown:
            self.pack(side="bottom", fill="x", before=self._before, pady=(4, 0))
            self._draw()
            self.list.see("end")
        else:
            self._cancel_draw()
            self.pack_forget()

    def lines(self) -> list[str]:
        """The lines as shown (read by tests and scripts: what the list holds)."""
        return list(self.list.get(0, "end"))

    # ------------------------------------------------------------ drawing
    def _draw(self) -> None:
        self._last_draw = time.monotonic()
        model, listbox = self.model, self.list
        if self._drawn_end < model.first or self._drawn_first > model.first:  # nothing drawn is kept
            self._rebuild()
            return
        at_end = listbox.yview()[1] >= 0.999
        if model.first > self._drawn_first:  # lines dropped from the top
            listbox.delete(0, model.first - self._drawn_first - 1)
            self._drawn_first = model.first
        for number in model.take_changed():  # summaries that grew
            if number < self._drawn_end:
                self._replace(number - self._drawn_first, model.lines[number - model.first])
        if model.end > self._drawn_end:
            new = [model.lines[n - model.first] for n in range(self._drawn_end, model.end)]
            start = listbox.size()
            listbox.insert("end", *(line.text() for line in new))
            for offset, line in enumerate(new):
                self._colour(start + offset, line)
            self._drawn_end = model.end
        if at_end:
            listbox.see("end")

    def _rebuild(self) -> None:
        """Draw every kept line again (language or theme changed, or all drawn lines are gone)."""
        model, listbox = self.model, self.list
        listbox.delete(0, "end")
        model.take_changed()
        listbox.insert("end", *(line.text() for line in model.lines))
        for index, line in enumerate(model.lines):
            self._colour(index, line)
        self._drawn_first, self._drawn_end = model.first, model.end
        listbox.see("end")
        self._explain()

    def _replace(self, index: int, line: TraceLine) -> None:
        selected = self.list.selection_includes(index)
        self.list.delete(index)
        self.list.insert(index, line.text())
        self._colour(index, line)
        if selected:
            self.list.selection_set(index)
            self._explain()

    def _colour(self, index: int, line: TraceLine) -> None:
        colours = theme.palette()
        if line.result.startswith("# "):  # what the impairment lab did: stands out like a failure
            self.list.itemconfigure(index, foreground=colours["error"])
        elif line.note or line.errno in WOULD_BLOCK_ERRNOS:
            self.list.itemconfigure(index, foreground=colours["info"])
        elif line.errno:
            self.list.itemconfigure(index, foreground=colours["error"])

    def _recolour(self) -> None:
        colours = theme.palette()
        self.list.configure(background=colours["field"], foreground=colours["fg"],
                            selectbackground=colours["select"], selectforeground=colours["fg"],
                            highlightbackground=colours["bg"], highlightcolor=colours["select"])
        self.explanation.configure(background=colours["bg"], foreground=colours["fg"])
        if self.shown.get():
            self._rebuild()
        else:
            self._drawn_first = self._drawn_end = -1  # drawn again when shown

    def _relabel(self) -> None:
        for index, label in MENU.items():
            self.menu.entryconfigure(index, label=tr(label))
        if self.shown.get():
            self._rebuild()
        else:
            self._drawn_first = self._drawn_end = -1
        self._explain()

    # ---------------------------------------------------------- selection
    def selected_line(self) -> TraceLine | None:
        chosen = self.list.curselection()
        if not chosen:
            return None
        return self.model.line(self._drawn_first + int(chosen[-1]))

    def explain(self, line: TraceLine | None) -> str:
        """What ``line`` means, in the current language."""
        if line is None:
            return tr(NOTHING_SELECTED)
        if line.note:
            return tr(NON_BLOCKING_EXPLAINED)
        parts = [call_sentence(line.func), result_sentence(line.func, line.result, line.errno)]
        if line.count > 1:
            size = trf(SUMMARY_SIZE, size=f"{line.size:,} B") if line.size else ""
            parts.append(trf(SUMMARY, count=f"{line.count:,}", size=size))
        return " ".join(part for part in parts if part)

    def _explain(self) -> None:
        self.explanation.configure(state="normal")
        self.explanation.delete("1.0", "end")
        self.explanation.insert("1.0", self.explain(self.selected_line()))
        self.explanation.configure(state="disabled")

    def explanation_text(self) -> str:
        """What the explanation below the list says (read by tests)."""
        return self.explanation.get("1.0", "end-1c")

    # ----------------------------------------------------- copy and clear
    def copy(self, _event: object = None) -> str:
        """Put the selected lines on the clipboard (Ctrl+C, right-click Copy)."""
        chosen = self.list.curselection()
        if chosen:
            self.clipboard_clear()
            self.clipboard_append("\n".join(self.list.get(index) for index in chosen))
        return "break"

    def select_all(self, _event: object = None) -> str:
        self.list.selection_set(0, "end")
        self._explain()
        return "break"

    def clear(self) -> None:
        self.model.clear()
        self.list.delete(0, "end")
        self._drawn_first = self._drawn_end = self.model.end
        self._explain()

    def _popup(self, event: tk.Event) -> str:
        self.list.focus_set()
        self.menu.tk_popup(event.x_root, event.y_root)
        return "break"
