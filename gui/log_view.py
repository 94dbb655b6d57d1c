"""The scrolling log of one tab: what was sent, received, and what happened.

The log keeps the *bytes* of each data entry (at most :data:`DISPLAY_BYTES` of
a message) and decodes them when it draws, in its own encoding, so a change of
view, encoding, language or filter redraws every kept entry as it should look
now.  Chunks of one TCP stream are decoded continuously (a character split
between two reads joins up).  Messages may be callables, run again when the
language changes.

New entries are collected during a tick and drawn with a single
``Text.insert`` in :meth:`flush`; the log keeps at most :data:`MAX_LINES`
entries and lines, and a long message is folded and cut, so a flood can never
make the window slow.  The view follows new lines unless the user scrolled
away.  Tk thread only.
"""

from __future__ import annotations

import itertools
import time
import tkinter as tk
import tkinter.font as tkfont
from collections import deque
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from tkinter import ttk

from netcore import DisplayDecoder

from . import theme
from .i18n import N_, bind_text, on_language_change, tr, trf, trn
from .send_box import ENCODINGS
from .widgets import Choice

DISPLAY_BYTES = 8 * 1024  # what is kept of one message for the screen; counters and files get all
MAX_LINES = 5000  # kept entries, and drawn lines
FOLD = 160  # characters per display line of data
MAX_ENTRY_LINES = 40  # per part (text, hex) of one entry; the saved data stays complete
HEX_PER_LINE = 16
INDENT = "    "
SEARCH_DELAY_MS = 250  # new lines are searched at most this often

CUT_NOTE = N_("… (cut here: the rest is not shown)")
# direction in words as well as arrow and colour (readable without colour)
HEADS = {"sent": N_("→ sent to {peer} ({size} B):"), "received": N_("← received from {peer} ({size} B):")}
MARKS = {"info": "·", "error": "!"}
KINDS = ("sent", "received", "info", "error")
VIEW_CHOICES = (("text", N_("Text")), ("hex", N_("Hex")), ("both", N_("Text + hex")))
MENU = {0: N_("Copy"), 1: N_("Select all"), 3: N_("Show timestamps"), 5: N_("Clear"), 6: N_("Save log…")}
MENU_SAVE = 6
MATCH_COLOURS = {"light": ("#fff0a0", "#ffc060"), "dark": ("#5a4e00", "#8c5200")}  # search: all, current
# bytes shown as themselves in the hex dump's right column; the rest as "."
_PRINTABLE = bytes(b if 32 <= b < 127 else 46 for b in range(256))


def arrival_time(event_time: float) -> float:
    """A netcore event's ``time`` (``time.monotonic()``) on the ``time.time()`` clock the log shows."""
    return time.time() - (time.monotonic() - event_time)


def hex_dump(data: bytes, limit: int | None = None) -> list[str]:
    """``0000  48 65 6C 6C 6F 0A …  |Hello.|``: offset, 16 bytes in hex, then as ASCII."""
    end = len(data) if limit is None else min(len(data), limit * HEX_PER_LINE)
    lines = []
    for offset in range(0, end, HEX_PER_LINE):
        chunk = data[offset:offset + HEX_PER_LINE]
        lines.append(f"{offset:04X}  {chunk.hex(' ').upper():<47}  "
                     f"|{chunk.translate(_PRINTABLE).decode('ascii')}|")
    return lines


@dataclass(slots=True)
class Entry:
    when: float
    kind: str  # "sent" | "received" | "info" | "error"
    peer: str = ""
    data: bytes | None = None  # at most DISPLAY_BYTES; None for a message
    size: int = 0  # the whole message's size
    stream: Hashable | None = None  # decoder key: chunks of one stream decode continuously
    message: str | Callable[[], str] = ""
    lines: int = 0  # lines it takes on screen now (0: hidden, or not drawn yet)


class LogView(ttk.Frame):
    def __init__(self, master: tk.Misc, *, name: str = "log") -> None:
        super().__init__(master, name=name)
        self.entries: deque[Entry] = deque()  # kept, oldest first; the last `_undrawn` not drawn yet
        self.dropped = 0  # entries dropped off the top by the cap
        self.save_command: Callable[[], None] | None = None
        self._pending: list[Entry] = []
        self._undrawn = 0
        self._paused_new = 0
        self._lines = 0  # lines in the Text
        self._decoders: dict[Hashable, DisplayDecoder] = {}  # stream -> decoder, in step with the screen
        self._stream_epoch = 0  # forget_stream(None) starts every stream afresh
        self._stream_gen: dict[Hashable, int] = {}  # forget_stream(key) starts that one afresh
        self._follow = True  # keep the newest line in view until the user scrolls away
        self._follow_check: str | None = None
        self._search_after: str | None = None
        self._build_bar()
        self._build_body()
        self._build_menu()
        self._recolour()
        theme.on_theme_change(self._recolour)
        on_language_change(self._language_changed)

    # ----------------------------------------------------------- widgets
    def _build_bar(self) -> None:
        """Two rows, so every control keeps its full size when the log is narrow (440 px)."""
        bar = ttk.Frame(self, name="bar")
        bar.pack(side="top", fill="x", pady=(0, 4))
        # the rows are created first: controls (children of `bar`, for stable names) stack above them
        top = ttk.Frame(bar, name="row1")
        top.pack(side="top", fill="x")
        bottom = ttk.Frame(bar, name="row2")
        bottom.pack(side="top", fill="x", pady=(4, 0))

        # row 1: how data is shown
        self.view = Choice(bar, VIEW_CHOICES, name="view", width=9, command=self.redraw)
        self.view.pack(in_=top, side="left")
        bind_text(ttk.Label(bar, name="encoding_label"), "Encoding:").pack(in_=top, side="left", padx=(10, 4))
        self.encoding = Choice(bar, ENCODINGS, name="encoding", width=6, translate=False,
                               command=self.redraw)
        self.encoding.pack(in_=top, side="left")
        self.clear_button = bind_text(ttk.Button(bar, name="clear", command=self.clear), "Clear")
        self.clear_button.pack(in_=top, side="right")
        # row 2: what is shown (timestamps are in the right-click menu: the bar has no room left)
        self.timestamps = tk.BooleanVar(self, value=True)
        self.paused = tk.BooleanVar(self, value=False)
        bind_text(ttk.Checkbutton(bar, name="pause", variable=self.paused, command=self._pause_changed),
                  "Pause").pack(in_=bottom, side="left")
        self.hide_sent = tk.BooleanVar(self, value=False)
        bind_text(ttk.Checkbutton(bar, name="hide_sent", variable=self.hide_sent, command=self.redraw),
                  "Hide sent").pack(in_=bottom, side="left", padx=(8, 0))
        self.matches = ttk.Label(bar, name="matches", style="Hint.TLabel")
        self.matches.pack(in_=bottom, side="right", padx=(4, 0))
        bind_text(ttk.Label(bar, name="search_label"), "Find:").pack(in_=bottom, side="left", padx=(10, 4))
        self.search_text = tk.StringVar(self)
        self.search = ttk.Entry(bar, name="search", width=6, textvariable=self.search_text)
        self.search.pack(in_=bottom, side="left", fill="x", expand=True)
        self.search_text.trace_add("write", lambda *_: self._search_changed())
        self.search.bind("<Return>", self.next_match)
        self.search.bind("<KP_Enter>", self.next_match)
        self.search.bind("<Escape>", lambda e: self.search_text.set(""))

    def _build_body(self) -> None:
        body = ttk.Frame(self, name="body")
        body.pack(side="top", fill="both", expand=True)
        self.text = tk.Text(body, name="text", wrap="none", height=12, width=60, undo=False,
                            state="disabled", borderwidth=0, highlightthickness=1, font="TkFixedFont")
        self.yscroll = ttk.Scrollbar(body, name="yscroll", orient="vertical", command=self._scrolled)
        xscroll = ttk.Scrollbar(body, name="xscroll", orient="horizontal", command=self.text.xview)
        self.text.configure(yscrollcommand=self.yscroll.set, xscrollcommand=xscroll.set)
        self.text.grid(row=0, column=0, sticky="nsew")
        self.yscroll.grid(row=0, column=1, sticky="ns")
        xscroll.grid(row=1, column=0, sticky="ew")
        body.rowconfigure(0, weight=1)
        body.columnconfigure(0, weight=1)
        # shown over the log's bottom right corner while paused (takes no room from the bar)
        self.paused_note = ttk.Label(body, name="paused_note", padding=(6, 2))
        # info and errors wrap at the log's width (data lines keep their fold), continued indented
        indent = tkfont.nametofont("TkFixedFont").measure(INDENT)
        self.text.tag_configure("message", wrap="word", lmargin2=indent)
        # the user moving the view decides whether it follows; a resize does not
        for sequence in ("<MouseWheel>", "<Button-4>", "<Button-5>", "<KeyPress>", "<B1-Motion>",
                         "<ButtonRelease-1>"):
            self.text.bind(sequence, self._user_moved, add="+")
        self.yscroll.bind("<ButtonRelease-1>", self._user_moved, add="+")
        self.text.bind("<Configure>", self._resized, add="+")
        self.text.bind("<Button-1>", lambda e: self.text.focus_set(), add="+")  # a disabled Text takes none
        self.text.bind("<Control-c>", self.copy)
        self.text.bind("<Control-C>", self.copy)
        self.text.bind("<Control-a>", self.select_all)
        self.text.bind("<Control-A>", self.select_all)

    def _build_menu(self) -> None:
        """The right-click menu: copy, select all, timestamps, clear, save."""
        self.menu = tk.Menu(self.text, name="menu", tearoff=False)
        self.menu.add_command(command=self.copy, accelerator="Ctrl+C")
        self.menu.add_command(command=self.select_all, accelerator="Ctrl+A")
        self.menu.add_separator()
        self.menu.add_checkbutton(variable=self.timestamps, command=self.redraw)
        self.menu.add_separator()
        self.menu.add_command(command=self.clear)
        self.menu.add_command(command=self._save_command)
        self._relabel_menu()
        self.text.bind("<Button-3>", self._popup)

    def _relabel_menu(self) -> None:
        for index, label in MENU.items():
            self.menu.entryconfigure(index, label=tr(label))

    # ------------------------------------------------------------ adding
    def add_data(self, kind: str, peer: str, data: bytes, size: int, *, when: float,
                 stream: Hashable | None = None) -> None:
        """``kind`` "sent" or "received"; ``data`` at most :data:`DISPLAY_BYTES` of a message of
        ``size`` bytes; ``when`` the arrival time (``time.time()`` clock); ``stream`` the key of a
        TCP stream whose chunks decode continuously, None to decode ``data`` alone."""
        if len(data) > DISPLAY_BYTES:
            data = data[:DISPLAY_BYTES]
        if stream is not None:
            stream = (self._stream_epoch, self._stream_gen.get(stream, 0), stream)
        self._pending.append(Entry(when, kind, peer, data, size, stream))

    def add_message(self, kind: str, message: str | Callable[[], str], *, when: float | None = None) -> None:
        """``kind`` "info" or "error"; a callable ``message`` is run again after a language switch."""
        self._pending.append(Entry(time.time() if when is None else when, kind, message=message))

    def forget_stream(self, stream: Hashable | None = None) -> None:
        """That stream ended (a peer left), or all of them (None: the endpoint restarted)."""
        if stream is None:
            self._stream_epoch += 1
            self._stream_gen.clear()
        else:
            self._stream_gen[stream] = self._stream_gen.get(stream, 0) + 1
        if not self._pending and not self._undrawn:  # nothing still to be decoded with them
            if stream is None:
                self._decoders.clear()
            else:
                self._decoders = {key: d for key, d in self._decoders.items() if key[2] != stream}

    def flush(self) -> None:
        """Draw what was added since the last flush, in one insert (nothing while paused)."""
        if self._pending:
            new, self._pending = self._pending, []
            self.entries.extend(new)
            self._undrawn += len(new)
            if self.paused.get():
                self._paused_new += len(new)
            self._trim()
        if self.paused.get():
            self._show_paused()
        elif self._undrawn:
            tail = list(itertools.islice(self.entries, len(self.entries) - self._undrawn, None))
            self._undrawn = 0
            self._draw(tail)

    def clear(self) -> None:
        self._pending.clear()
        self.entries.clear()
        self.dropped = self._undrawn = self._paused_new = self._lines = 0
        self._decoders.clear()
        self._set_text("")
        self._follow = True
        self._show_paused()
        self._search_now()

    def set_encoding(self, encoding: str) -> None:
        """Decode data in ``encoding`` ("utf-8", "gbk", "latin-1"); every kept entry is redrawn."""
        self.encoding.set(encoding)

    def redraw(self) -> None:
        """Draw every kept entry again, from its bytes (view, encoding, language or filter changed)."""
        top = self.text.yview()[0]
        self._decoders.clear()
        self._lines = 0
        for entry in self.entries:
            entry.lines = 0
        self._set_text("")
        self._draw(list(itertools.islice(self.entries, len(self.entries) - self._undrawn)))
        if not self._follow:
            self.text.yview_moveto(top)

    def line_count(self) -> int:
        return int(self.text.index("end-1c").split(".")[0])

    def content(self) -> str:
        return self.text.get("1.0", "end-1c")

    def save(self, path: str) -> int:
        """Write every kept entry, dated, unfolded and uncut, to ``path``; returns how many."""
        self.flush()
        decoders: dict[Hashable, DisplayDecoder] = {}
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            if self.dropped:
                out.write(trf("({count} older entries were dropped from the on-screen log.)",
                              count=self.dropped) + "\n")
            for entry in self.entries:
                stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(entry.when))
                stamp += f".{int(entry.when % 1 * 1000):03d} "
                parts = self._format(entry, decoders, screen=False)
                out.write(stamp + ("\n" + INDENT).join(part for part, _ in parts) + "\n")
        return len(self.entries)

    # ---------------------------------------------------- tester features
    def copy(self, _event: object = None) -> str:
        """Put the selected text on the clipboard (Ctrl+C, right-click Copy)."""
        ranges = self.text.tag_ranges("sel")
        if ranges:
            self.clipboard_clear()
            self.clipboard_append(self.text.get(ranges[0], ranges[1]))
        return "break"

    def select_all(self, _event: object = None) -> str:
        self.text.tag_add("sel", "1.0", "end-1c")
        return "break"

    def _save_command(self) -> None:
        if self.save_command is not None:
            self.save_command()

    def _popup(self, event: tk.Event) -> str:
        self.text.focus_set()
        self.menu.entryconfigure(MENU_SAVE, state="normal" if self.save_command is not None else "disabled")
        self.menu.tk_popup(event.x_root, event.y_root)
        return "break"

    def _pause_changed(self) -> None:
        if not self.paused.get():
            self._paused_new = 0
        self.flush()
        self._show_paused()

    def _show_paused(self) -> None:
        if self.paused.get():
            self.paused_note.configure(text=trn("(paused: {count} new entry)",
                                                "(paused: {count} new entries)", self._paused_new))
            self.paused_note.place(in_=self.text, relx=1.0, rely=1.0, x=-4, y=-4, anchor="se")
            self.paused_note.lift()
        else:
            self.paused_note.place_forget()

    def _search_changed(self) -> None:
        self.text.tag_remove("current_match", "1.0", "end")
        self._search_now()

    def _search_later(self) -> None:
        if self._search_after is None and self.search_text.get():
            self._search_after = self.after(SEARCH_DELAY_MS, self._search_now)

    def _search_now(self) -> None:
        """Highlight every match of the search box (case-insensitive) and say how many."""
        if self._search_after is not None:
            self.after_cancel(self._search_after)
            self._search_after = None
        self.text.tag_remove("match", "1.0", "end")
        pattern = self.search_text.get()
        if not pattern:
            self.matches.configure(text="")
            return
        found = self.text.tk.splitlist(self.text.tk.call(
            self.text, "search", "-all", "-nocase", "--", pattern, "1.0", "end"))
        if found:
            spans = [index for start in found for index in (start, f"{start}+{len(pattern)}c")]
            self.text.tag_add("match", *spans)
        self.matches.configure(text=trn("{count} match", "{count} matches", len(found)))

    def next_match(self, _event: object = None) -> str:
        """Enter in the search box: show the next match (after the current one, or the top of the view)."""
        pattern = self.search_text.get()
        if not pattern:
            return "break"
        self._search_now()
        current = self.text.tag_ranges("current_match")
        start = str(current[1]) if current else self.text.index("@0,0")
        found = self.text.search(pattern, start, "end", nocase=True) or \
            self.text.search(pattern, "1.0", "end", nocase=True)
        self.text.tag_remove("current_match", "1.0", "end")
        if found:
            self.text.tag_add("current_match", found, f"{found}+{len(pattern)}c")
            self.text.see(found)
            self._follow = self._at_bottom()
        return "break"

    # --------------------------------------------------------- following
    def _scrolled(self, *args: str) -> None:
        """The scroll bar moved the view."""
        self.text.yview(*args)
        self._follow = self._at_bottom()

    def _user_moved(self, _event: object = None) -> None:
        """After the user's wheel, key or drag has moved the view: follow only if it is at the bottom."""
        if self._follow_check is None:
            self._follow_check = self.after_idle(self._check_follow)

    def _check_follow(self) -> None:
        self._follow_check = None
        self._follow = self._at_bottom()

    def _at_bottom(self) -> bool:
        return self.text.yview()[1] >= 0.999 or self.text.dlineinfo("end-1c") is not None

    def _resized(self, _event: object = None) -> None:
        if self._follow:
            self.text.yview_moveto(1.0)
            self.after_idle(self._keep_end_in_view)

    def _keep_end_in_view(self) -> None:
        if self._follow:
            self.text.yview_moveto(1.0)

    # ----------------------------------------------------------- drawing
    def _draw(self, entries: list[Entry]) -> None:
        """Append ``entries`` (already in :attr:`entries`) to the screen in one insert."""
        if not entries:
            return
        args: list[object] = []
        hide_sent = self.hide_sent.get()
        stamps = self.timestamps.get()
        decoders = self._decoders
        for entry in entries:
            if hide_sent and entry.kind == "sent":
                if entry.stream is not None and self.view.get() != "hex":
                    self._decode(entry, decoders)  # keep the stream in step
                continue
            parts = self._format(entry, decoders, screen=True)
            entry.lines = len(parts)
            if self._lines or args:
                args += ["\n", ()]
            if stamps:
                clock = time.strftime("%H:%M:%S", time.localtime(entry.when))
                args += [f"{clock}.{int(entry.when % 1 * 1000):03d} ",
                         ("prefix", "message") if entry.data is None else ("prefix",)]
            args += [parts[0][0], parts[0][1]]
            for part, tags in parts[1:]:
                args += ["\n" + INDENT + part, tags]
            self._lines += entry.lines
        if args:
            self.text.configure(state="normal")
            self.text.insert("end", *args)
            self.text.configure(state="disabled")
            self._trim()
            if self._follow:
                self.text.yview_moveto(1.0)
            self._search_later()

    def _trim(self) -> None:
        """Drop the oldest entries while over the cap (one delete call)."""
        remove = 0
        entries = self.entries
        while (len(entries) > MAX_LINES or self._lines > MAX_LINES) and len(entries) > 1:
            if len(entries) <= self._undrawn:  # not drawn yet: its stream now has a gap
                self._undrawn -= 1
                self._paused_new = min(self._paused_new, self._undrawn)
                gone = entries.popleft()
                if gone.stream is not None:
                    self._decoders.pop(gone.stream, None)
            else:
                gone = entries.popleft()
                self._lines -= gone.lines
                remove += gone.lines
            self.dropped += 1
        if remove:
            self.text.configure(state="normal")
            self.text.delete("1.0", f"{remove + 1}.0")
            self.text.configure(state="disabled")

    def _set_text(self, text: str) -> None:
        self.text.configure(state="normal")
        self.text.delete("1.0", "end")
        if text:
            self.text.insert("end", text)
        self.text.configure(state="disabled")

    def _decode(self, entry: Entry, decoders: dict[Hashable, DisplayDecoder]) -> str:
        """The text of a data entry, continuing its stream's decoder if it has one."""
        assert entry.data is not None
        encoding = self.encoding.get()
        if entry.stream is None or entry.size > len(entry.data):
            if entry.stream is not None:
                decoders.pop(entry.stream, None)  # only the head is kept: the stream starts afresh after it
            decoder = DisplayDecoder(encoding)
            return decoder.decode(entry.data) + decoder.flush()
        decoder = decoders.get(entry.stream)
        if decoder is None:
            decoder = decoders[entry.stream] = DisplayDecoder(encoding)
        return decoder.decode(entry.data)

    def _format(self, entry: Entry, decoders: dict[Hashable, DisplayDecoder], *,
                screen: bool) -> list[tuple[str, tuple[str, ...]]]:
        """The lines of one entry, each with its tags; the first starts with the head."""
        if entry.data is None:
            message = entry.message() if callable(entry.message) else entry.message
            lines = _strip_newline(message).split("\n")
            if screen and len(lines) > MAX_ENTRY_LINES:
                lines = lines[:MAX_ENTRY_LINES] + [tr(CUT_NOTE)]
            lines[0] = MARKS[entry.kind] + " " + lines[0]
            return [(line, (entry.kind, "message")) for line in lines]
        head = trf(HEADS[entry.kind], peer=entry.peer, size=f"{entry.size:,}")
        view = self.view.get()
        tags = (entry.kind,)
        limit = MAX_ENTRY_LINES if screen else None
        kept_all = entry.size <= len(entry.data)
        lines: list[str] = []
        if view in ("text", "both"):
            text = _strip_newline(self._decode(entry, decoders)).split("\n")
            text, cut = _fold(text, limit) if screen else (text, False)
            lines += text
            if cut or (not kept_all and view == "text"):
                lines.append(tr(CUT_NOTE))
            head += " " + lines.pop(0)
        if view in ("hex", "both"):
            dump = hex_dump(entry.data, limit)
            lines += dump
            if len(dump) * HEX_PER_LINE < len(entry.data) or not kept_all:
                lines.append(tr(CUT_NOTE))
        return [(head, tags)] + [(line, tags) for line in lines]

    # ------------------------------------------------------------ changes
    def _language_changed(self) -> None:
        self.view.relabel()
        self._relabel_menu()
        self._show_paused()
        self.redraw()
        self._search_now()

    def _recolour(self) -> None:
        colours = theme.palette()
        self.text.configure(background=colours["field"], foreground=colours["fg"],
                            insertbackground=colours["fg"], selectbackground=colours["select"],
                            highlightbackground=colours["bg"], highlightcolor=colours["select"])
        for kind in KINDS:
            self.text.tag_configure(kind, foreground=colours[kind])
        self.text.tag_configure("prefix", foreground=colours["time"])
        match, current = MATCH_COLOURS[theme.current()]
        self.text.tag_configure("match", background=match)
        self.text.tag_configure("current_match", background=current)
        self.text.tag_raise("sel")
        self.menu.configure(background=colours["field"], foreground=colours["fg"],
                            activebackground=colours["select"], activeforeground=colours["fg"])
        self.paused_note.configure(background=colours["select"], foreground=colours["fg"])


def _strip_newline(text: str) -> str:
    """A message ending in a line break (CR LF or LF: both shown as "\\n") gets no blank line after it."""
    return text[:-1] if text.endswith("\n") else text


def _fold(lines: Iterable[str], limit: int | None) -> tuple[list[str], bool]:
    """Split long lines at FOLD characters; stop after ``limit`` lines: (lines, cut)."""
    out: list[str] = []
    for line in lines:
        for start in range(0, max(len(line), 1), FOLD):
            if limit is not None and len(out) == limit:
                return out, True
            out.append(line[start:start + FOLD])
    return out, False
