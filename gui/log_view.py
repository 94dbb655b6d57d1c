"""The scrolling log of one tab: what was sent, received, and what happened.

Entries are kept in a small model (raw bytes and their decoded text) so the
view can be switched between text, hex and both and redrawn.  New entries are
collected during a tick and inserted with a single ``Text.insert`` call in
:meth:`flush`; the log is capped at :data:`MAX_LINES` lines and a long message
is folded and cut, so a flood can never make the window slow.  Tk thread only.
"""

from __future__ import annotations

import time
import tkinter as tk
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from tkinter import ttk

from netcore.codec import DisplayDecoder, format_hex

from . import theme
from .i18n import N_, bind_text, on_language_change, tr, trf
from .widgets import Choice

MAX_LINES = 5000
DISPLAY_BYTES = 8 * 1024  # of each message, kept for the log; counters and saved files get every byte
FOLD = 160  # characters per display line
MAX_ENTRY_LINES = 40  # a longer message is cut; the saved data stays complete
HEX_PER_LINE = 16
INDENT = "    "

CUT_NOTE = N_("… (cut here: the rest is not shown)")
ARROWS = {"sent": "→", "received": "←", "info": "·", "error": "!"}
VIEW_CHOICES = (("text", N_("Text")), ("hex", N_("Hex")), ("both", N_("Text + hex")))


@dataclass(slots=True)
class Entry:
    when: float
    kind: str  # "sent" | "received" | "info" | "error"
    peer: str
    text: str | Callable[[], str]  # decoded text of data, or the message (a function of the language)
    data: bytes | None = None  # at most what can be shown
    size: int = 0  # the whole message's size
    lines: int = 0  # display lines it took when drawn


class LogView(ttk.Frame):
    def __init__(self, master: tk.Misc, *, name: str = "log") -> None:
        super().__init__(master, name=name)
        self.entries: deque[Entry] = deque()
        self.dropped = 0  # entries dropped off the top by the cap
        self._pending: list[Entry] = []
        self._lines = 0
        self._encoding = "utf-8"
        self._decoders: dict[Hashable, DisplayDecoder] = {}
        self.save_command: Callable[[], None] | None = None

        bar = ttk.Frame(self, name="bar")
        bar.pack(side="top", fill="x", pady=(0, 4))
        bind_text(ttk.Label(bar, name="view_label"), "Show as:").pack(side="left")
        self.view = Choice(bar, VIEW_CHOICES, name="view", width=13, command=self.redraw)
        self.view.pack(side="left", padx=(4, 12))
        self.timestamps = tk.BooleanVar(self, value=True)
        bind_text(ttk.Checkbutton(bar, name="timestamps", variable=self.timestamps, command=self.redraw),
                  "Show timestamps").pack(side="left")
        bind_text(ttk.Button(bar, name="clear", command=self.clear), "Clear").pack(side="right")

        body = ttk.Frame(self, name="body")
        body.pack(side="top", fill="both", expand=True)
        self.text = tk.Text(body, name="text", wrap="none", height=12, width=50, undo=False,
                            state="disabled", borderwidth=0, highlightthickness=1, font="TkFixedFont")
        yscroll = ttk.Scrollbar(body, name="yscroll", orient="vertical", command=self.text.yview)
        xscroll = ttk.Scrollbar(body, name="xscroll", orient="horizontal", command=self.text.xview)
        self.text.configure(yscrollcommand=yscroll.set, xscrollcommand=xscroll.set)
        self.text.grid(row=0, column=0, sticky="nsew")
        yscroll.grid(row=0, column=1, sticky="ns")
        xscroll.grid(row=1, column=0, sticky="ew")
        body.rowconfigure(0, weight=1)
        body.columnconfigure(0, weight=1)
        self._recolour()
        theme.on_theme_change(self._recolour)
        on_language_change(self.view.relabel)

    # ------------------------------------------------------------ adding
    def add_data(self, kind: str, peer: str, data: bytes, size: int, *, when: float,
                 stream: Hashable | None = None) -> None:
        """``data`` may be only the start of a larger message of ``size`` bytes; ``stream`` names a
        TCP stream whose chunks are decoded continuously."""
        if stream is None or size > len(data):
            if stream is not None:
                self._decoders.pop(stream, None)  # a gap in what is shown: start afresh
            decoder = DisplayDecoder(self._encoding)
            text = decoder.decode(data) + decoder.flush()
        else:
            decoder = self._decoders.get(stream)
            if decoder is None or decoder.encoding != self._encoding:
                decoder = self._decoders[stream] = DisplayDecoder(self._encoding)
            text = decoder.decode(data)
        self._pending.append(Entry(when, kind, peer, text, data, size))

    def add_message(self, kind: str, message: str | Callable[[], str], *, when: float | None = None) -> None:
        self._pending.append(Entry(time.time() if when is None else when, kind, "", message))

    def forget_stream(self, stream: Hashable | None = None) -> None:
        if stream is None:
            self._decoders.clear()
        else:
            self._decoders.pop(stream, None)

    def set_encoding(self, encoding: str) -> None:
        self._encoding = encoding

    def flush(self) -> None:
        """Draw what was added since the last flush, in one insert."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        if len(pending) > MAX_LINES:  # only the newest can stay on screen anyway
            self.dropped += len(pending) - MAX_LINES
            pending = pending[-MAX_LINES:]
        self._insert(pending)

    def clear(self) -> None:
        self._pending.clear()
        self.entries.clear()
        self.dropped = 0
        self._lines = 0
        self.text.configure(state="normal")
        self.text.delete("1.0", "end")
        self.text.configure(state="disabled")

    def redraw(self) -> None:
        """Draw every kept entry again (view mode or timestamps changed)."""
        entries = list(self.entries)
        self.entries.clear()
        self._lines = 0
        self.text.configure(state="normal")
        self.text.delete("1.0", "end")
        self.text.configure(state="disabled")
        self._insert(entries)

    def line_count(self) -> int:
        return int(self.text.index("end-1c").split(".")[0])

    def content(self) -> str:
        return self.text.get("1.0", "end-1c")

    def save(self, path: str) -> int:
        """Write every kept entry unfolded and uncut to ``path``; returns how many."""
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            if self.dropped:
                out.write(trf("({count} older entries were dropped from the on-screen log.)",
                              count=self.dropped) + "\n")
            for entry in self.entries:
                stamp, head, lines = self._format(entry, fold=False)
                out.write(stamp + head + ("\n" + INDENT).join(lines) + "\n")
        return len(self.entries)

    # ----------------------------------------------------------- drawing
    def _insert(self, entries: list[Entry]) -> None:
        if not entries:
            return
        at_bottom = self.text.yview()[1] >= 0.999
        args: list[object] = []
        for entry in entries:
            stamp, head, lines = self._format(entry, fold=True)
            entry.lines = len(lines)
            if self._lines or args:
                args += ["\n", ()]
            if stamp:
                args += [stamp, ("prefix",)]
            args += [head + ("\n" + INDENT).join(lines), (entry.kind,)]
            self.entries.append(entry)
            self._lines += entry.lines
        self.text.configure(state="normal")
        self.text.insert("end", *args)
        self._trim()
        self.text.configure(state="disabled")
        if at_bottom:
            self.text.yview_moveto(1.0)

    def _trim(self) -> None:
        """Drop the oldest entries while over the cap (one delete call)."""
        remove = 0
        while self._lines > MAX_LINES and len(self.entries) > 1:
            entry = self.entries.popleft()
            self._lines -= entry.lines
            remove += entry.lines
            self.dropped += 1
        if remove:
            self.text.delete("1.0", f"{remove + 1}.0")

    def _format(self, entry: Entry, *, fold: bool) -> tuple[str, str, list[str]]:
        """(timestamp, arrow and peer, body lines) of one entry."""
        stamp = ""
        if self.timestamps.get():
            clock = time.strftime("%H:%M:%S", time.localtime(entry.when))
            stamp = f"{clock}.{int(entry.when % 1 * 1000):03d} "
        head = ARROWS[entry.kind] + " "
        if entry.data is not None:
            head += trf("{peer} ({size} B):", peer=entry.peer, size=entry.size) + " "
        elif entry.peer:
            head += entry.peer + ": "
        text = entry.text if isinstance(entry.text, str) else entry.text()
        lines = self._body_lines(entry) if entry.data is not None else text.split("\n")
        return stamp, head, _fold(lines) if fold else lines

    def _body_lines(self, entry: Entry) -> list[str]:
        assert entry.data is not None
        view = self.view.get()
        lines: list[str] = []
        if view in ("text", "both"):
            assert isinstance(entry.text, str)
            lines += entry.text.split("\n")
        if view in ("hex", "both"):
            data = entry.data
            limit = MAX_ENTRY_LINES * HEX_PER_LINE
            lines += [format_hex(data[i:i + HEX_PER_LINE]) for i in range(0, min(len(data), limit),
                                                                           HEX_PER_LINE)]
        limit = MAX_ENTRY_LINES * HEX_PER_LINE
        if entry.size > len(entry.data) or (view != "text" and len(entry.data) > limit):
            lines.append(tr(CUT_NOTE))
        return lines

    def _recolour(self) -> None:
        colours = theme.palette()
        self.text.configure(background=colours["field"], foreground=colours["fg"],
                            insertbackground=colours["fg"], selectbackground=colours["select"],
                            highlightbackground=colours["bg"], highlightcolor=colours["select"])
        for kind in ARROWS:
            self.text.tag_configure(kind, foreground=colours[kind])
        self.text.tag_configure("prefix", foreground=colours["time"])


def _fold(lines: list[str]) -> list[str]:
    """Split long lines at FOLD characters; cut after MAX_ENTRY_LINES lines."""
    out: list[str] = []
    for line in lines:
        pieces = [line[i:i + FOLD] for i in range(0, len(line), FOLD)] or [""]
        for piece in pieces:
            if len(out) == MAX_ENTRY_LINES:
                out.append(tr(CUT_NOTE))
                return out
            out.append(piece)
    return out
