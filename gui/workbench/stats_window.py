"""Tools → Statistics…: a tab's traffic per peer, its current rates, and the last minute as a chart.

One :class:`StatsWindow` (a Toplevel named ``stats_<tab>``) per tab.  It reads
counters the tab keeps anyway — the status bar's
:class:`~gui.parts.traffic.Traffic` (totals, and their history about once a
second) and the peer list's per-peer counters — every :data:`REDRAW_MS` while
it is open, and nothing when it is closed: the data path pays only for those
counters.  Rates are measured here, between redraws.  A peer that leaves keeps
its row (marked gone) while the window stays open.  The chart is drawn on a
Canvas in the theme's colours: received (in) and sent (out) bytes per second,
the axis scaled in B/s, KB/s or MB/s.  Reset zeroes the tab's counters (the
status line's too).  Tk thread only.
"""

from __future__ import annotations

import time
import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Hashable
from tkinter import ttk
from typing import TYPE_CHECKING

from netcore import describe

from .. import theme
from ..i18n import N_, bind_text, on_language_change, tr, trf
from ..parts.status_bar import human_rate
from ..parts.traffic import RateMeter
from ..widgets import one_window
from .stats_model import CHART_SECONDS, nice_axis, rate_unit, throughput, tick_text

if TYPE_CHECKING:
    from ..parts.peer_list import PeerList
    from ..tab import EndpointTab

REDRAW_MS = 500  # twice a second, only while open
TITLE = N_("Statistics — {tab}")
ALL_ROW = N_("All (this tab)")
GONE = N_("{peer} (gone)")
NO_PEER = N_("(not connected)")
CHART_TITLE = N_("Throughput, last minute")
LEGEND_IN = N_("in (received)")
LEGEND_OUT = N_("out (sent)")
NOW = N_("now")
SECONDS_AGO = N_("−{seconds} s")
# at the window's first size every column shows whole ("999.9 KB/s · 9,999 msg/s" in the rate columns)
COLUMNS = (("peer", N_("Peer"), 150, "w"), ("bytes_in", N_("Received (B)"), 100, "e"),
           ("bytes_out", N_("Sent (B)"), 90, "e"), ("msgs_in", N_("Messages in"), 85, "e"),
           ("msgs_out", N_("Messages out"), 85, "e"), ("rate_in", N_("In now"), 175, "e"),
           ("rate_out", N_("Out now"), 175, "e"))
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 16, 30, 26
GONE_KEPT = 200  # rows of peers that left, at most (the oldest go first)
RATE_CELL = N_("{rate} · {messages} msg/s")

Counts = tuple[int, int, int, int]
Row = tuple[Hashable, str, Counts, bool]


class StatsWindow(tk.Toplevel):
    def __init__(self, master: tk.Misc, tab: EndpointTab) -> None:
        super().__init__(master, name=f"stats_{tab.winfo_name()}")
        self.tab = tab
        self._after: str | None = None
        self._meters: dict[Hashable, RateMeter] = {}
        self._gone: dict[Hashable, tuple[str, Counts]] = {}  # key -> (label, counts)
        self._seen: dict[Hashable, tuple[str, Counts]] = {}
        self.geometry("920x520")
        self.minsize(560, 360)

        bar = ttk.Frame(self, name="bar", padding=(8, 8, 8, 4))
        bar.pack(side="top", fill="x")
        self.reset_button = bind_text(ttk.Button(bar, name="reset", command=self.reset), N_("Reset"))
        self.reset_button.pack(side="left")
        bind_text(ttk.Label(bar, name="hint", style="Hint.TLabel"),
                  N_("Counted since the tab started or the last Reset; rates over the last second.")).pack(
            side="left", padx=(8, 0))
        bind_text(ttk.Button(bar, name="close", command=self.destroy), N_("Close")).pack(side="right")

        body = ttk.PanedWindow(self, name="body", orient="vertical")
        body.pack(side="top", fill="both", expand=True, padx=8, pady=(0, 8))
        table_frame = ttk.Frame(body, name="table_frame")
        self.table = ttk.Treeview(table_frame, name="table", columns=[c for c, *_ in COLUMNS],
                                  show="headings", height=5, selectmode="browse")
        for column, _label, width, anchor in COLUMNS:
            self.table.column(column, width=width, minwidth=50, anchor=anchor, stretch=column == "peer")
        scroll = ttk.Scrollbar(table_frame, name="yscroll", orient="vertical", command=self.table.yview)
        self.table.configure(yscrollcommand=scroll.set)
        scroll.pack(side="right", fill="y")
        self.table.pack(side="left", fill="both", expand=True)
        body.add(table_frame, weight=1)
        self.chart = tk.Canvas(body, name="chart", height=220, highlightthickness=0, borderwidth=0)
        body.add(self.chart, weight=2)
        self.chart.bind("<Configure>", lambda _e: self.draw_chart())

        self._forget_language = on_language_change(self._language_changed)
        self._forget_theme = theme.on_theme_change(lambda: self.redraw() if self.winfo_exists() else None)
        self.bind("<Destroy>", self._destroyed, add="+")
        self.protocol("WM_DELETE_WINDOW", self.destroy)
        self._language_changed()
        self._after = self.after(REDRAW_MS, self._tick)

    # ---------------------------------------------------------- reading
    def _peer_list(self) -> PeerList | None:
        side = self.tab.side if self.tab.built else None
        return side.peers if side is not None else None

    def rows(self) -> list[Row]:
        """(key, label, (bytes in, bytes out, messages in, messages out), still there): the tab, then
        each peer, then the peers gone since the window opened."""
        traffic = self.tab.status_bar.traffic
        rows: list[Row] = [("*all", tr(ALL_ROW), (traffic.received_bytes, traffic.sent_bytes,
                                                  traffic.received_count, traffic.sent_count), True)]
        peers = self._peer_list()
        if peers is None:  # a client tab: its one peer is the whole tab
            remote = getattr(self.tab.endpoint, "remote", None)
            label = describe(remote) if remote is not None else tr(NO_PEER)
            rows.append(("*remote", label, rows[0][2], True))
            return rows
        current = {}
        for key in peers.peers():
            counts = peers.counters(key)
            if counts is not None:
                current[key] = (peers.label(key), counts)
        for key, seen in self._seen.items():
            if key not in current and key not in self._gone:
                self._gone[key] = seen
                while len(self._gone) > GONE_KEPT:
                    del self._gone[next(iter(self._gone))]
        self._seen = current
        rows += [(key, label, counts, True) for key, (label, counts) in current.items()]
        rows += [(("gone", key), trf(GONE, peer=label), counts, False)
                 for key, (label, counts) in self._gone.items()]
        return rows

    # ---------------------------------------------------------- drawing
    def redraw(self) -> None:
        """The table and the chart, now."""
        if not self.winfo_exists():
            return
        now = time.monotonic()
        rows = self.rows()
        wanted = []
        for key, label, counts, live in rows:
            iid = self._iid(key)
            wanted.append(iid)
            rates: tuple[float, ...] = (0.0, 0.0, 0.0, 0.0)
            if live:
                rates = self._meters.setdefault(key, RateMeter()).update(now, counts)
            values = (label, f"{counts[0]:,}", f"{counts[1]:,}", f"{counts[2]:,}", f"{counts[3]:,}",
                      _rate_cell(rates[0], rates[2]), _rate_cell(rates[1], rates[3]))
            if self.table.exists(iid):
                self.table.item(iid, values=values)
            else:
                self.table.insert("", "end", iid=iid, values=values)
        for iid in self.table.get_children():
            if iid not in wanted:
                self.table.delete(iid)
        self._meters = {key: meter for key, meter in self._meters.items() if self._iid(key) in wanted}
        self.draw_chart(now)

    def draw_chart(self, now: float | None = None) -> None:
        """Received and sent bytes per second over the last minute, two lines on scaled axes."""
        canvas = self.chart
        colours = theme.palette()
        canvas.delete("all")
        canvas.configure(background=colours["field"])
        width, height = canvas.winfo_width(), canvas.winfo_height()
        if width < MARGIN_LEFT + MARGIN_RIGHT + 20 or height < MARGIN_TOP + MARGIN_BOTTOM + 20:
            return
        now = time.monotonic() if now is None else now
        traffic = self.tab.status_bar.traffic
        points = throughput(traffic.history, now, (traffic.sent_bytes, traffic.sent_count,
                                                   traffic.received_bytes, traffic.received_count))
        peak = max((max(rate_in, rate_out) for _age, rate_in, rate_out in points), default=0.0)
        top, step = nice_axis(max(peak, 10.0))
        unit, scale = rate_unit(top)
        font = tkfont.nametofont("TkDefaultFont", root=self)
        left, right = MARGIN_LEFT, width - MARGIN_RIGHT
        upper, lower = MARGIN_TOP, height - MARGIN_BOTTOM

        def x_of(age: float) -> float:
            return right - (right - left) * min(age, CHART_SECONDS) / CHART_SECONDS

        def y_of(rate: float) -> float:
            return lower - (lower - upper) * min(rate, top) / top

        # grid and axes: the value axis in the unit that fits the highest rate
        value = 0.0
        while value <= top + step / 2:
            y = y_of(value)
            canvas.create_line(left, y, right, y, fill=colours["select"], tags=("grid",))
            canvas.create_text(left - 6, y, anchor="e", text=tick_text(value / scale, step / scale),
                               fill=colours["info"], font=font, tags=("tick",))
            value += step
        for seconds in range(0, CHART_SECONDS + 1, 15):
            x = x_of(seconds)
            canvas.create_line(x, upper, x, lower, fill=colours["select"], tags=("grid",))
            label = tr(NOW) if seconds == 0 else trf(SECONDS_AGO, seconds=seconds)
            # "now" ends at the right edge: centred under it, half of it would be cut
            canvas.create_text(x, lower + 4, anchor="ne" if seconds == 0 else "n", text=label,
                               fill=colours["info"], font=font, tags=("tick",))
        canvas.create_line(left, upper, left, lower, right, lower, fill=colours["fg"], tags=("axis",))
        canvas.create_text(left - 6, upper - 8, anchor="se", text=unit, fill=colours["fg"], font=font,
                           tags=("unit",))
        canvas.create_text(left + 4, upper - 8, anchor="sw", text=tr(CHART_TITLE), fill=colours["fg"],
                           font=font, tags=("title",))
        # the legend, top right: a short line in each colour and its name
        x = right
        for colour, label, tag in ((colours["sent"], LEGEND_OUT, "legend_out"),
                                   (colours["received"], LEGEND_IN, "legend_in")):
            text = canvas.create_text(x, upper - 8, anchor="se", text=tr(label), fill=colours["fg"],
                                      font=font, tags=("legend", tag))
            x0 = canvas.bbox(text)[0]
            y = upper - 8 - font.metrics("linespace") // 2
            canvas.create_line(x0 - 26, y, x0 - 6, y, fill=colour, width=3, tags=("legend", tag))
            x = x0 - 40
        # the two lines (a single point is a dot: a line needs two)
        for index, colour, tag in ((1, colours["received"], "in_line"), (2, colours["sent"], "out_line")):
            coords = [c for point in points for c in (x_of(point[0]), y_of(point[index]))]
            if len(coords) >= 4:
                canvas.create_line(*coords, fill=colour, width=2, tags=(tag,))
            elif coords:
                cx, cy = coords
                canvas.create_oval(cx - 2, cy - 2, cx + 2, cy + 2, fill=colour, outline=colour, tags=(tag,))

    # ---------------------------------------------------------- actions
    def reset(self) -> None:
        """Zero the tab's counters (the status line, the peer list, the chart) and this window's rows."""
        self.tab.status_bar.reset()
        peers = self._peer_list()
        if peers is not None:
            peers.reset_counts()
            peers.refresh()
        self._gone.clear()
        self._seen.clear()
        for meter in self._meters.values():
            meter.reset()
        self.redraw()

    # ---------------------------------------------------------- life
    def _tick(self) -> None:
        self._after = None
        self.redraw()
        self._after = self.after(REDRAW_MS, self._tick)

    def _language_changed(self) -> None:
        self.title(trf(TITLE, tab=tr(self.tab.title)))
        for column, label, _width, _anchor in COLUMNS:
            self.table.heading(column, text=tr(label))
        self.redraw()

    def _iid(self, key: Hashable) -> str:
        return f"row-{key!r}"

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is not self:
            return
        self._forget_language()
        self._forget_theme()
        if self._after is not None:
            self.after_cancel(self._after)
            self._after = None


def _rate_cell(per_second: float, messages: float) -> str:
    return trf(RATE_CELL, rate=human_rate(per_second), messages=f"{messages:,.0f}")


def show_statistics(root: tk.Misc, tab: EndpointTab) -> StatsWindow:
    """Open the tab's statistics window, or bring it to the front if it is open."""
    window, _made = one_window(root, f"stats_{tab.winfo_name()}", StatsWindow, lambda: StatsWindow(root, tab))
    window.redraw()
    return window
