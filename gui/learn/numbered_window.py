"""Learn → Numbered messages demonstration…: 1..N over UDP and over TCP, what arrived side by side.

Each column lists what its server tab received, in arrival order: numbers
that never arrived (shown where they should have come), copies and numbers
that came after a higher one are highlighted, with a mark as well as a
colour; the summary line counts them as :mod:`netcore.arrivals` defines
(the window says how).  With the impairment lab on the UDP client tab the
datagrams arrive with gaps, twice and out of order; the stream column always
shows every number once and in order, and says what TCP's kernel did
for it.  One window per app.  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Sequence
from tkinter import ttk
from typing import TYPE_CHECKING

from netcore.arrivals import DUPLICATE, MISSING, OUT_OF_ORDER, ArrivalRow

from .. import theme
from ..i18n import N_, bind_text, on_language_change, tr, trf, trn
from ..line_breaks import WrappedLabel
from .impair_part import lab_of
from .numbered_run import NumberedRun

if TYPE_CHECKING:
    from ..app import App

TITLE = N_("Numbered messages: datagrams against a stream")
ABOUT = N_("One click sends the numbers 1 to N from this window's client tabs to its server tabs, over UDP "
           "and over TCP, and lists what each server received, in the order it arrived. Turn the impairment "
           "lab on for the UDP client tab and the datagrams arrive with gaps, twice, or out of order; the "
           "stream never does.")
COUNT = N_("Messages:")
BAD_COUNT = N_("Send from 1 to {limit} messages, not “{value}”.")
LAB_OFF = N_("Impairment lab on the UDP client tab: off. On loopback every datagram then arrives once and "
             "in order.")
LAB_ON = N_("Impairment lab on the UDP client tab: {loss} % lost, {duplicate} % sent twice, {reorder} % "
            "reordered, delay {delay} ms ± {jitter} ms.")
HEADINGS = {"udp": N_("UDP: datagrams"), "tcp": N_("TCP: a stream")}
NOT_RUN = N_("Not run yet.")
MISSING_LINE = N_("Never arrived: {numbers}")
WHY = {
    "udp": N_("UDP sends each datagram once and forgets it: no numbers, no acknowledgements, no second try. "
              "What arrives is what the network delivered, in the order it delivered it; a program that "
              "cares must number its messages itself, as here."),
    "tcp": N_("Impairment does not apply to a stream. TCP numbers every byte it sends: the receiving kernel "
              "acknowledges what it has, keeps segments that come early in a reordering buffer until the gap "
              "before them is filled, and throws away copies of bytes it already has; the sending kernel "
              "sends again (retransmits) whatever is not acknowledged in time. So recv() gets every number "
              "once and in order; on a bad network only later."),
}
TCP_READS = N_("Here the messages came in {reads} recv() results: a stream keeps no boundaries, so each "
               "message ends with a newline.")
DEFINITIONS = N_("Received: how many different numbers arrived. Duplicated: copies of a number that had "
                 "already arrived. Out of order: a number lower than the highest number that arrived before "
                 "it (copies count only as duplicated). Marked: ✕ never arrived (where it should have come), "
                 "×2 a copy, ↩ out of order.")
ROW_DUPLICATE = N_("×{copy} duplicate")
ROW_OUT_OF_ORDER = N_("↩ out of order (after {after})")
ROW_MISSING = N_("✕ {numbers} never arrived")
DEFAULT_COUNT = 100
MAX_COUNT = 1000
DRAW_MS = 100  # at most ten redraws a second while numbers arrive
MISSING_SHOWN = 12  # numbers listed in the "never arrived" line; the rest are counted

#: Highlight colours (foreground, background) per theme: the palette's error and sent colours, and an
#: amber of the same weight for out of order; the backgrounds are tints that keep text readable.
HIGHLIGHTS = {
    "light": {MISSING: ("error", "#fde7e9"), DUPLICATE: ("sent", "#e3effb"),
              OUT_OF_ORDER: ("#8a4b00", "#fff0d4")},
    "dark": {MISSING: ("error", "#4a1f1f"), DUPLICATE: ("sent", "#1d3550"),
             OUT_OF_ORDER: ("#ffcc80", "#47370f")},
}


def row_text(row: ArrivalRow) -> str:
    """One line of a column's list, in the current language."""
    if row.kind == MISSING:
        numbers = str(row.number) if row.last == row.number else f"{row.number}–{row.last}"
        return f"{'':>6}  " + trf(ROW_MISSING, numbers=numbers)
    text = f"{row.number:>6}"
    if row.kind == DUPLICATE:
        return f"{text}  " + trf(ROW_DUPLICATE, copy=row.copy)
    if row.kind == OUT_OF_ORDER:
        return f"{text}  " + trf(ROW_OUT_OF_ORDER, after=row.after)
    return text


def row_colours(kind: str) -> tuple[str, str] | None:
    pair = HIGHLIGHTS[theme.current()].get(kind)
    if pair is None:
        return None
    palette = theme.palette()
    return palette.get(pair[0], pair[0]), pair[1]


def pin_size(window: tk.Toplevel, wrapped: Sequence[ttk.Label]) -> None:
    """Give ``window`` the size its contents ask for now, as a fixed geometry; then let the ``wrapped``
    labels wrap at the width they get.

    In that order: while the window's size still followed what its labels asked, each rewrap
    shrank it a little and rewrapped them again, a cascade of some 300 layouts that held up
    its first display for two seconds.
    """
    window.update_idletasks()
    window.geometry(f"{window.winfo_reqwidth()}x{window.winfo_reqheight()}")
    for label in wrapped:
        label.bind("<Configure>", lambda e: e.widget.configure(wraplength=max(e.width - 4, 150)), add="+")


class ArrivalColumn(ttk.Frame):
    """What one protocol's server tab received."""

    def __init__(self, master: tk.Misc, protocol: str) -> None:
        super().__init__(master, name=protocol)
        self.protocol = protocol
        self.run: NumberedRun | None = None
        self._status: tuple[str, dict[str, object]] | None = None
        bind_text(ttk.Label(self, name="heading", font="TkHeadingFont"), HEADINGS[protocol]).pack(
            side="top", anchor="w")
        self.summary = WrappedLabel(self, name="summary", font="TkHeadingFont", justify="left",
                                    wraplength=380)
        self.summary.pack(side="top", fill="x", pady=(2, 2))
        self.why = WrappedLabel(self, name="why", justify="left", wraplength=380, style="Hint.TLabel")
        self.why.pack(side="bottom", fill="x", pady=(4, 0))
        self.missing = WrappedLabel(self, name="missing", justify="left", wraplength=380,
                                    style="Error.TLabel")
        self.missing.pack(side="bottom", fill="x")
        self.status = WrappedLabel(self, name="status", justify="left", wraplength=380)
        self.status.pack(side="bottom", fill="x")
        self.wrapped = (self.summary, self.why, self.missing, self.status)  # wrap at their width (pin_size)
        body = ttk.Frame(self, name="body")
        body.pack(side="top", fill="both", expand=True)
        self.list = tk.Listbox(body, name="list", height=10, width=30, activestyle="none", font="TkFixedFont",
                               borderwidth=0, highlightthickness=1, exportselection=False)
        scroll = ttk.Scrollbar(body, name="yscroll", orient="vertical", command=self.list.yview)
        self.list.configure(yscrollcommand=scroll.set)
        self.list.pack(side="left", fill="both", expand=True)
        scroll.pack(side="right", fill="y")

    def start(self, run: NumberedRun) -> None:
        """Show ``run`` from now on (an earlier one stops listening) and begin it."""
        if self.run is not None:
            self.run.end()
        self.run = run
        self._status = None
        self.draw()
        run.begin()

    def say(self, template: str, **params: object) -> None:
        self._status = (template, params)
        self.draw()  # (what was sent changed too)

    def _show_status(self) -> None:
        if self._status is None:
            self.status.configure(text="")
            return
        template, params = self._status
        # tab titles come as their English source: shown in the current language
        shown = {key: tr(value) if key in ("tab", "client", "server") and isinstance(value, str) else value
                 for key, value in params.items()}
        self.status.configure(text=trf(template, **shown))

    def draw(self) -> None:
        """Draw the list, the summary and the notes from what arrived so far (and after a switch)."""
        palette = theme.palette()
        self.list.configure(background=palette["field"], foreground=palette["fg"],
                            selectbackground=palette["select"], selectforeground=palette["fg"],
                            highlightbackground=palette["bg"], highlightcolor=palette["select"])
        self._show_status()
        run = self.run
        if run is None:
            self.summary.configure(text=tr(NOT_RUN))
            self.missing.configure(text="")
            self.why.configure(text=tr(WHY[self.protocol]))
            return
        summary = run.arrivals.summary(run.sent)
        rows = run.arrivals.rows(run.sent)
        at_end = self.list.yview()[1] >= 0.999
        self.list.delete(0, "end")
        self.list.insert("end", *(row_text(row) for row in rows))
        for index, row in enumerate(rows):
            colours = row_colours(row.kind)
            if colours is not None:
                self.list.itemconfigure(index, foreground=colours[0], background=colours[1],
                                        selectforeground=colours[0])
        if at_end:
            self.list.see("end")
        self.summary.configure(text=summary.line(tr))
        gone = [row for row in rows if row.kind == MISSING]
        numbers = [n for row in gone for n in range(row.number, row.last + 1)]
        if numbers:
            shown = ", ".join(str(n) for n in numbers[:MISSING_SHOWN])
            if len(numbers) > MISSING_SHOWN:
                shown += " " + trn("and {count} more", "and {count} more", len(numbers) - MISSING_SHOWN)
            self.missing.configure(text=trf(MISSING_LINE, numbers=shown))
        else:
            self.missing.configure(text="")
        why = tr(WHY[self.protocol])
        if self.protocol == "tcp" and run.arrivals.reads:
            why += " " + trf(TCP_READS, reads=f"{run.arrivals.reads:,}")
        self.why.configure(text=why)

    def lines(self) -> list[str]:
        """The list as shown (read by tests)."""
        return [str(line) for line in self.list.get(0, "end")]


class NumberedDemoWindow(tk.Toplevel):
    def __init__(self, app: App) -> None:
        super().__init__(app.root, name="numbered_demo")
        self.app = app
        self._runs = 0
        self._draw_after: str | None = None
        self.configure(background=theme.palette()["bg"])
        self.minsize(640, 460)
        body = ttk.Frame(self, name="body", padding=10)
        body.pack(fill="both", expand=True)
        self.about = WrappedLabel(body, name="about", justify="left", wraplength=760)
        self.about.pack(side="top", fill="x")

        controls = ttk.Frame(body, name="controls")
        controls.pack(side="top", fill="x", pady=(8, 0))
        bind_text(ttk.Label(controls, name="count_label"), COUNT).pack(side="left")
        self.count = ttk.Spinbox(controls, name="count", from_=1, to=MAX_COUNT, width=6)
        self.count.set(str(DEFAULT_COUNT))
        self.count.pack(side="left", padx=(4, 8))
        self.count.bind("<Return>", lambda e: self.run("both"))
        self.both_button = bind_text(ttk.Button(controls, name="both", command=lambda: self.run("both"),
                                                style="Accent.TButton"), N_("Send over both"))
        self.udp_button = bind_text(ttk.Button(controls, name="udp", command=lambda: self.run("udp")),
                                    N_("UDP only"))
        self.tcp_button = bind_text(ttk.Button(controls, name="tcp", command=lambda: self.run("tcp")),
                                    N_("TCP only"))
        for button in (self.both_button, self.udp_button, self.tcp_button):
            button.pack(side="left", padx=(0, 4))
        self.count_error = ttk.Label(controls, name="count_error", style="Error.TLabel")
        self.count_error.pack(side="left", padx=(4, 0))

        lab_row = ttk.Frame(body, name="lab")
        lab_row.pack(side="top", fill="x", pady=(6, 0))
        self.lab_button = bind_text(ttk.Button(lab_row, name="impairment", command=self.open_lab),
                                    N_("Impairment…"))
        self.lab_button.pack(side="right")
        self.lab_line = WrappedLabel(lab_row, name="state", justify="left", wraplength=600)
        self.lab_line.pack(side="left", fill="x", expand=True)
        self.lab = lab_of(app.tabs["udp_client"])
        self.lab.listeners.append(self._show_lab)

        bottom = ttk.Frame(body, name="bottom")
        bottom.pack(side="bottom", fill="x", pady=(8, 0))
        self.close_button = bind_text(ttk.Button(bottom, name="close", command=self.destroy), N_("Close"))
        self.close_button.pack(side="right", anchor="s")
        self.definitions = WrappedLabel(bottom, name="definitions", justify="left", wraplength=640,
                                     style="Hint.TLabel")
        self.definitions.pack(side="left", fill="x", expand=True)

        columns = ttk.Frame(body, name="columns")
        columns.pack(side="top", fill="both", expand=True, pady=(8, 0))
        self.columns = {protocol: ArrivalColumn(columns, protocol) for protocol in ("udp", "tcp")}
        # side by side, the same width each (whatever their texts ask)
        self.columns["udp"].grid(row=0, column=0, sticky="nsew", padx=(0, 6))
        self.columns["tcp"].grid(row=0, column=1, sticky="nsew", padx=(6, 0))
        columns.columnconfigure((0, 1), weight=1, uniform="column")
        columns.rowconfigure(0, weight=1)

        self._forget_language = on_language_change(self._relabel)
        self._forget_theme = theme.on_theme_change(self._recolour)
        self.bind("<Destroy>", self._destroyed, add="+")
        self.bind("<Escape>", lambda e: self.destroy())
        self._relabel()
        pin_size(self, (self.about, self.definitions, self.lab_line,
                        *(label for column in self.columns.values() for label in column.wrapped)))

    def run(self, which: str = "both") -> bool:
        """Send N numbered messages over ``which`` ("udp", "tcp" or "both"); False if N is wrong."""
        text = self.count.get().strip()
        if not text.isdigit() or not 1 <= int(text) <= MAX_COUNT:
            self.count_error.configure(text=trf(BAD_COUNT, limit=f"{MAX_COUNT:,}", value=text))
            return False
        self.count_error.configure(text="")
        for protocol in (("udp", "tcp") if which == "both" else (which,)):
            column = self.columns[protocol]
            self._runs += 1
            column.start(NumberedRun(self.app, protocol, self._runs, int(text), column.say, self._changed))
        return True

    def open_lab(self) -> None:
        from .impair_window import open_impairment

        open_impairment(self.app.root, self.app.tabs["udp_client"])

    # ------------------------------------------------------------ drawing
    def _changed(self) -> None:
        if self._draw_after is None and self.winfo_exists():
            self._draw_after = self.after(DRAW_MS, self._draw)

    def _draw(self) -> None:
        self._draw_after = None
        for column in self.columns.values():
            column.draw()

    def _show_lab(self) -> None:
        if not self.winfo_exists():
            return
        settings = self.lab.settings
        if settings.active:
            self.lab_line.configure(style="Error.TLabel")
            self.lab_line.configure(text=trf(LAB_ON, **settings.params()))
        else:
            self.lab_line.configure(style="TLabel")
            self.lab_line.configure(text=tr(LAB_OFF))

    def _relabel(self) -> None:
        self.title(tr(TITLE))
        self.about.configure(text=tr(ABOUT))
        self.definitions.configure(text=tr(DEFINITIONS))
        self._show_lab()
        self._draw()

    def _recolour(self) -> None:
        if self.winfo_exists():
            self.configure(background=theme.palette()["bg"])
            self._draw()

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is not self:
            return
        self._forget_language()
        self._forget_theme()
        if self._show_lab in self.lab.listeners:
            self.lab.listeners.remove(self._show_lab)
        if self._draw_after is not None:
            self.after_cancel(self._draw_after)
            self._draw_after = None
        for column in self.columns.values():
            if column.run is not None:
                column.run.end()


def show_numbered_demo(app: App, run: bool = True) -> NumberedDemoWindow:
    """Open (or raise) the demonstration and, with ``run``, send over both at once (the Learn menu)."""
    existing = app.root.children.get("numbered_demo")
    window = existing if isinstance(existing, NumberedDemoWindow) and existing.winfo_exists() \
        else NumberedDemoWindow(app)
    window.deiconify()
    window.lift()
    if run:
        window.run("both")
    return window
