"""The sequence diagram window of a tab: its exchange drawn as lanes and arrows, time running down.

One :class:`SequenceWindow` (a Toplevel named ``sequence_<tab>``) per tab,
drawn from the tab's :class:`~gui.learn.sequence_model.SequenceRecorder`.
It redraws at most every :data:`REDRAW_MS` while the exchange goes on, and
offers the diagram as Mermaid text (Copy, Save…).  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from tkinter import filedialog, messagebox, ttk
from typing import TYPE_CHECKING

from .. import theme
from ..i18n import N_, bind_text, on_language_change, tr, trf
from ..widgets import one_window
from .sequence_model import SequenceRecorder, mermaid

if TYPE_CHECKING:
    from ..tab import EndpointTab

REDRAW_MS = 250
LANE_WIDTH = 190
ROW = 34
HEADER = 48  # the participant boxes: a canvas of their own, so they stay in view while steps scroll
TOP = 16

TITLE = N_("Sequence diagram — {tab}")
HINT = N_("Time runs down. Each arrow is a connect, send, receive or close of this tab's socket.")
EMPTY = N_("Nothing yet: start the tab and exchange a few messages.")
COPIED = N_("Copied the diagram as Mermaid text.")


class SequenceWindow(tk.Toplevel):
    def __init__(self, master: tk.Misc, tab: EndpointTab) -> None:
        super().__init__(master, name=f"sequence_{tab.winfo_name()}")
        self.tab = tab
        self.recorder: SequenceRecorder = tab.sequence
        self._after: str | None = None
        self._drawn = -1
        self.geometry("640x480")
        self.minsize(360, 240)

        bar = ttk.Frame(self, name="bar", padding=(8, 8, 8, 4))
        bar.pack(side="top", fill="x")
        bind_text(ttk.Button(bar, name="copy", command=self.copy), N_("Copy Mermaid")).pack(side="left")
        bind_text(ttk.Button(bar, name="save", command=self.save), N_("Save Mermaid…")).pack(
            side="left", padx=(6, 0))
        bind_text(ttk.Button(bar, name="close", command=self.destroy), N_("Close")).pack(side="right")
        self.note = bind_text(ttk.Label(self, name="note", style="Hint.TLabel", anchor="w", justify="left",
                                        padding=(8, 0)), HINT)
        self.note.pack(side="top", fill="x")
        body = ttk.Frame(self, name="body", padding=(8, 4, 8, 8))
        body.pack(side="top", fill="both", expand=True)
        self.header = tk.Canvas(body, name="header", height=HEADER, highlightthickness=0, borderwidth=0)
        self.canvas = tk.Canvas(body, name="canvas", highlightthickness=0, borderwidth=0)
        yscroll = ttk.Scrollbar(body, name="yscroll", orient="vertical", command=self.canvas.yview)
        xscroll = ttk.Scrollbar(body, name="xscroll", orient="horizontal", command=self._xview)
        self.canvas.configure(yscrollcommand=yscroll.set, xscrollcommand=xscroll.set)
        self.header.grid(row=0, column=0, sticky="ew")
        self.canvas.grid(row=1, column=0, sticky="nsew")
        yscroll.grid(row=1, column=1, sticky="ns")
        xscroll.grid(row=2, column=0, sticky="ew")
        body.rowconfigure(1, weight=1)
        body.columnconfigure(0, weight=1)

        self.recorder.on_change = self.changed
        self._forget_language = on_language_change(self._retitle)
        self._forget_theme = theme.on_theme_change(lambda: self.draw() if self.winfo_exists() else None)
        self.bind("<Destroy>", self._destroyed, add="+")
        self.protocol("WM_DELETE_WINDOW", self.destroy)
        self._retitle()

    # ---------------------------------------------------------------- drawing
    def changed(self) -> None:
        """The exchange moved on: redraw soon (at most every REDRAW_MS)."""
        if self._after is None:
            self._after = self.after(REDRAW_MS, self._draw_later)

    def _draw_later(self) -> None:
        self._after = None
        if self.recorder.version != self._drawn:
            self.draw()

    def draw(self) -> None:
        """Draw every kept step (a few hundred canvas items at most)."""
        colours = theme.palette()
        canvas, header = self.canvas, self.header
        canvas.delete("all")
        header.delete("all")
        canvas.configure(background=colours["field"])
        header.configure(background=colours["field"])
        self._drawn = self.recorder.version
        font = tkfont.nametofont("TkDefaultFont", root=self)
        names = self.recorder.participants()
        xs = [LANE_WIDTH // 2 + 10 + index * LANE_WIDTH for index in range(len(names))]
        steps = list(self.recorder.steps)
        bottom = TOP + (len(steps) + 1) * ROW + (ROW if self.recorder.omitted else 0)
        room = LANE_WIDTH - 24
        for x, name in zip(xs, names, strict=True):
            shown = "\n".join(_fit(line, room, font) for line in name.split("\n"))
            header.create_rectangle(x - LANE_WIDTH // 2 + 8, 6, x + LANE_WIDTH // 2 - 8, HEADER - 4,
                                    outline=colours["fg"], fill=colours["bg"], tags=("participant",))
            header.create_text(x, HEADER // 2 + 1, text=shown, fill=colours["fg"], font=font,
                               justify="center", tags=("participant",))
            canvas.create_line(x, 0, x, bottom, fill=colours["time"], dash=(4, 3), tags=("lifeline",))
        y = TOP
        if self.recorder.omitted:
            canvas.create_text(10, y, anchor="w", text=self.recorder.omitted_text(), fill=colours["info"],
                               font=font, tags=("omitted",))
            y += ROW
        if not steps:
            canvas.create_text(10, y, anchor="w", text=tr(EMPTY), fill=colours["info"], font=font,
                               tags=("empty",))
        for step in steps:
            y += ROW
            label = step.label()
            if not step.arrow:
                canvas.create_text(xs[0] + 8, y - 4, anchor="w", text=label, fill=colours["info"], font=font,
                                   tags=("note",))
                continue
            ours, theirs = xs[0], xs[step.lane]
            start, end = (ours, theirs) if step.outgoing else (theirs, ours)
            colour = colours["error"] if step.failed else colours["sent" if step.outgoing else "received"]
            canvas.create_line(start, y, end, y, fill=colour, width=2, arrow="last", arrowshape=(10, 12, 4),
                               dash=(6, 3) if step.failed else (), tags=("arrow",))
            canvas.create_text((start + end) / 2, y - 9, text=label, fill=colour, font=font, tags=("label",))
        width = xs[-1] + LANE_WIDTH // 2 + 10
        canvas.configure(scrollregion=(0, 0, width, bottom + ROW // 2))
        header.configure(scrollregion=(0, 0, width, HEADER))
        canvas.yview_moveto(1.0)  # the newest steps in view
        header.xview_moveto(canvas.xview()[0])

    def _xview(self, *args: str) -> None:
        """The horizontal scroll bar moves the steps and their participant boxes together."""
        self.canvas.xview(*args)
        self.header.xview(*args)

    # ---------------------------------------------------------------- export
    def mermaid_text(self) -> str:
        return mermaid(self.recorder)

    def copy(self) -> None:
        self.clipboard_clear()
        self.clipboard_append(self.mermaid_text())
        self.note.configure(text=tr(COPIED))

    def save(self) -> None:
        path = filedialog.asksaveasfilename(
            parent=self, title=tr("Save Mermaid…"), defaultextension=".mmd",
            initialfile=f"socklab-{self.tab.winfo_name()}-sequence.mmd",
            filetypes=[(tr("Mermaid diagrams"), "*.mmd"), (tr("All files"), "*")])
        if not path:
            return
        try:
            with open(path, "w", encoding="utf-8", newline="\n") as out:
                out.write(self.mermaid_text())
        except OSError as exc:
            messagebox.showerror("SockLab", trf("Could not save the diagram: {reason}",
                                                reason=exc.strerror or str(exc)), parent=self)
            return
        self.note.configure(text=trf("Saved the diagram to {path}.", path=path))

    # ---------------------------------------------------------------- life
    def _retitle(self) -> None:
        self.title(trf(TITLE, tab=tr(self.tab.title)))
        self.draw()

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is not self:
            return
        if self.recorder.on_change == self.changed:
            self.recorder.on_change = None
        self._forget_language()
        self._forget_theme()
        if self._after is not None:
            self.after_cancel(self._after)
            self._after = None


def show_sequence(root: tk.Misc, tab: EndpointTab) -> SequenceWindow:
    """Open the tab's diagram window, or bring it to the front if it is open."""
    window, _made = one_window(root, f"sequence_{tab.winfo_name()}", SequenceWindow,
                               lambda: SequenceWindow(root, tab))
    window.draw()
    return window


def _fit(text: str, width: int, font: tkfont.Font) -> str:
    """``text``, cut with "…" to fit ``width`` pixels."""
    if font.measure(text) <= width:
        return text
    while text and font.measure(text + "…") > width:
        text = text[:-1]
    return text + "…"
