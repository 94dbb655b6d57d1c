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
away.  Finding text in the log is its own part (:mod:`gui.log_search`).  Tk
thread only.
"""

from __future__ import annotations

import contextlib
import itertools
import time
import tkinter as tk
import tkinter.font as tkfont
from collections import deque
from collections.abc import Callable, Hashable
from functools import partial
from tkinter import ttk
from typing import Any

from netcore import DisplayDecoder

from . import theme
from .i18n import N_, bind_text, on_language_change, tr, trf, trn
from .log_render import FOLD, HEX_PER_LINE, INDENT, MAX_ENTRY_LINES, Entry, Renderer, StreamKey
from .log_search import LogSearch, Spans
from .send_box import ENCODINGS
from .widgets import Choice

DISPLAY_BYTES = 8 * 1024  # what is kept of one message for the screen; counters and files get all
MAX_LINES = 5000  # kept entries, and drawn lines
MAX_KEPT_BYTES = 4 * 1024 * 1024  # of data kept (bounds memory while paused or hiding sent data)
BYTES_PER_CHAR = {"utf-8": 4, "gbk": 2, "latin-1": 1}  # at most, in each encoding of the log
# In a flood the log draws at most MAX_DRAW_LINES lines at a time, keeps at most MAX_WAITING_LINES
# waiting, and spends at most about DRAW_SHARE of the time drawing (a draw that took 10 ms is
# followed by 40 ms without one): the window stays responsive on any machine.  What is skipped is
# counted and said; the counters and the file of received data have everything.
MAX_DRAW_LINES = 100
MAX_WAITING_LINES = 500  # a burst up to this is drawn whole, over a few draws; a flood skips the rest
DRAW_SHARE = 0.2  # at most a fifth of the time drawing
SKIPPED = (N_("… {count} entry was not drawn: data came faster than it can be read here. The counters "
              "and File → Save received data have everything."),
           N_("… {count} entries were not drawn: data came faster than they can be read here. The counters "
              "and File → Save received data have everything."))

KINDS = ("sent", "received", "info", "error")
VIEW_CHOICES = (("text", N_("Text")), ("hex", N_("Hex")), ("both", N_("Text + hex")))
MENU = {0: N_("Copy"), 1: N_("Select all"), 3: N_("Show timestamps"), 5: N_("Clear"), 6: N_("Save log…")}
MENU_SAVE = 6
MENU_BOUNDARIES = 8  # after a separator, last: "Mark recv()/datagram boundaries"
BOUNDARIES_LABEL = N_("Mark recv() and datagram boundaries")
class LogView(ttk.Frame):
    def __init__(self, master: tk.Misc, *, name: str = "log") -> None:
        super().__init__(master, name=name)
        self.entries: deque[Entry] = deque()  # kept, oldest first; the last `_undrawn` not drawn yet
        self.dropped = 0  # entries dropped off the top by the cap
        self.save_command: Callable[[], None] | None = None
        self._pending: list[Entry] = []
        self._undrawn = 0
        self._next_draw = 0.0  # time.monotonic() before which a flood is not drawn again
        self._draw_after: str | None = None  # the after() that draws what waits
        self._skip_note: tuple[Entry, list[int]] | None = None  # "… N entries were not drawn", and N
        self.bind("<Destroy>", self._destroyed, add="+")
        self.bind("<Map>", lambda _event: self.flush(), add="+")  # shown again: draw what waited
        self._paused_new = 0
        self._lines = 0  # lines in the Text
        self._kept = 0  # bytes of data in entries
        self._fewest_layout: tuple[str, bool, bool, int] | None = None  # see _line_counter
        self._fewest_version = 0
        self._decoders: dict[StreamKey, DisplayDecoder] = {}  # stream -> decoder, in step with the screen
        self._stream_epoch = 0  # forget_stream(None) starts every stream afresh
        self._stream_gen: dict[Hashable, int] = {}  # forget_stream(key) starts that one afresh
        self._follow = True  # keep the newest line in view until the user scrolls away
        self._follow_check: str | None = None
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
        self.view = Choice(bar, VIEW_CHOICES, name="view", width=10, command=self.redraw)
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
        # each received chunk or datagram marked with its number and size (off: nothing is counted)
        self.boundaries = tk.BooleanVar(self, value=False)
        self.hide_sent = tk.BooleanVar(self, value=False)
        bind_text(ttk.Checkbutton(bar, name="hide_sent", variable=self.hide_sent, command=self.redraw),
                  "Hide sent").pack(in_=bottom, side="left", padx=(8, 0))
        self._search_row = (bar, bottom)  # the search box's place (made with the Text it searches)

    def _build_body(self) -> None:
        body = ttk.Frame(self, name="body")
        body.pack(side="top", fill="both", expand=True)
        self.text = tk.Text(body, name="text", wrap="none", height=12, width=60, undo=False,
                            state="disabled", borderwidth=0, highlightthickness=1, font="TkFixedFont")
        self.finder = LogSearch(self.text, *self._search_row, moved=self._check_follow)
        self.finder.entries = self.entries
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
        self.menu.add_separator()
        self.menu.add_checkbutton(variable=self.boundaries, command=self.redraw)
        self._relabel_menu()
        self.text.bind("<Button-3>", self._popup)

    def _relabel_menu(self) -> None:
        for index, label in MENU.items():
            self.menu.entryconfigure(index, label=tr(label))
        self.menu.entryconfigure(MENU_BOUNDARIES, label=tr(BOUNDARIES_LABEL))

    # ------------------------------------------------------------ adding
    def waiting_room(self) -> int:
        """About how many more one-line entries can wait to be drawn before a flood's oldest are skipped
        (entries may take more lines: the skip itself is exact); a paused log keeps up to its caps."""
        if self.paused.get():
            return MAX_LINES
        return MAX_WAITING_LINES - self._undrawn - len(self._pending)

    def add_data(self, kind: str, peer: str, data: bytes, size: int, *, when: float,
                 stream: Hashable | None = None, mark: tuple[str, int, int] | None = None) -> None:
        """``kind`` "sent" or "received"; ``data`` at most :data:`DISPLAY_BYTES` of a message of
        ``size`` bytes; ``when`` the arrival time (``time.time()`` clock); ``stream`` the key of a
        TCP stream whose chunks decode continuously, None to decode ``data`` alone; ``mark`` the
        boundary line drawn before it while :attr:`boundaries` is on ("recv" or "datagram", its
        number, how many reads were merged into it)."""
        if len(data) > DISPLAY_BYTES:
            data = data[:DISPLAY_BYTES]
        key = None if stream is None else (self._stream_epoch, self._stream_gen.get(stream, 0), stream)
        self._pending.append(Entry(when, kind, peer, data, size, key, mark))
        self._kept += len(data)

    def merge_last_read(self, stream: Hashable, data: bytes) -> bool:
        """Count one more read into the newest entry not flushed yet, if it is a marked read of
        ``stream`` (a flood, while boundaries are marked); False when there is none to merge into."""
        if not self._pending:
            return False
        last = self._pending[-1]
        if last.mark is None or last.mark[0] != "recv" or last.stream is None or last.stream[2] != stream:
            return False
        kind, number, count = last.mark
        last.mark = (kind, number, count + 1)
        assert last.data is not None
        room = DISPLAY_BYTES - len(last.data)
        if room > 0 and last.size == len(last.data):  # whole so far: the head may grow
            extra = data[:room]
            last.data += extra
            self._kept += len(extra)
        last.size += len(data)
        return True

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

    def flush(self, force: bool = False) -> None:
        """Draw what was added since the last flush (nothing while paused).  In a flood, and while
        the log is not shown, drawing waits; ``force`` draws one batch now regardless."""
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
            self._skip_flood()  # what waits stays small, so waiting and drawing stay cheap
            if not force and not self.winfo_ismapped():
                return  # a tab not shown draws nothing: its log is drawn when it is shown (<Map>)
            wait = self._next_draw - time.monotonic()
            if wait > 0 and not force:  # drawing is resting: what waits is drawn by the after() below
                if self._draw_after is None:
                    self._draw_after = self.after(max(1, int(wait * 1000)), self._draw_later)
                return
            started = time.monotonic()
            self._trim(keep=self._showable())
            first = len(self.entries) - self._undrawn
            batch = self._first_lines(MAX_DRAW_LINES)  # the oldest waiting: the log stays in order
            tail = list(itertools.islice(self.entries, first, first + batch))
            self._undrawn -= batch
            self._skip_note = None  # drawn (it is always first): a later skip gets a note of its own
            self._draw(tail)
            took = time.monotonic() - started
            self._next_draw = time.monotonic() + took * (1 / DRAW_SHARE - 1)
            if self._undrawn and self._draw_after is None:  # the rest of a burst, a moment later
                self._draw_after = self.after(max(1, int(1000 * (self._next_draw - time.monotonic()))),
                                              self._draw_later)

    def _first_lines(self, lines: int) -> int:
        """How many of the oldest waiting entries fit in ``lines`` lines (at least one)."""
        count = 0
        fewest_lines = self._line_counter()
        for entry in itertools.islice(self.entries, len(self.entries) - self._undrawn, None):
            lines -= fewest_lines(entry)
            if lines < 0 and count:
                break
            count += 1
        return count

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is not self:
            return
        with contextlib.suppress(tk.TclError):
            self.finder.cancel()
        if self._draw_after is not None:
            with contextlib.suppress(tk.TclError):
                self.after_cancel(self._draw_after)
            self._draw_after = None

    def _draw_later(self) -> None:
        self._draw_after = None
        self.flush()

    def _skip_flood(self) -> None:
        """Keep of the data not drawn yet only the newest that fits in :data:`MAX_WAITING_LINES`
        lines (at least one entry), behind one line saying how many were skipped (while drawing
        rests, later skips add to the same line).  Messages (errors, notes) are never skipped."""
        entries = self.entries
        first = len(entries) - self._undrawn  # the oldest entry not drawn
        note = self._skip_note
        if note is not None and (first >= len(entries) or entries[first] is not note[0]):
            note = self._skip_note = None  # trimmed away meanwhile
        # Only the waiting entries are touched, from the newest end of the deque: a flood calls this
        # every tick, and walking the whole log (5,000 entries) each time took a third of the Tk
        # thread's time while Packet Sender flooded (py-spy)
        count = len(entries) - first - (note is not None)
        newest = reversed(entries)
        waiting = [next(newest) for _ in range(count)]  # newest first
        room = MAX_WAITING_LINES - sum(entry.data is None for entry in waiting)
        keep = [True] * count
        shown = 0
        fewest_lines = self._line_counter()
        for index, entry in enumerate(waiting):
            if entry.data is None:
                continue
            if room >= 0:  # once the room is used up, every older data entry is skipped: no need to count
                room -= fewest_lines(entry)
            if room < 0 and shown:
                keep[index] = False
            else:
                shown += 1
        skip = keep.count(False)
        if not skip:
            return
        for gone, kept_it in zip(waiting, keep, strict=True):
            if kept_it:
                continue
            if gone.data is not None:
                self._kept -= len(gone.data)
            if gone.stream is not None:  # its stream now has a gap: start decoding afresh
                self._decoders.pop(gone.stream, None)
        tail = [entry for entry, kept_it in zip(waiting, keep, strict=True) if kept_it]
        tail.reverse()  # oldest first again
        for _ in range(count):
            entries.pop()
        if note is None:
            skipped = [0]
            note = (Entry(tail[0].when, "info", message=partial(_skipped_text, skipped)), skipped)
            self._skip_note = note
            entries.append(note[0])
        note[1][0] += skip
        entries.extend(tail)
        self._undrawn = len(tail) + 1
        self.dropped += skip
        self._paused_new = min(self._paused_new, self._undrawn)

    def clear(self) -> None:
        self._pending.clear()
        self.entries.clear()
        self._skip_note = None
        self.dropped = self._undrawn = self._paused_new = self._lines = self._kept = self.finder.total = 0
        self._decoders.clear()
        self._set_text("")
        self._follow = True
        self._show_paused()
        self.finder.show()

    def set_encoding(self, encoding: str) -> None:
        """Decode data in ``encoding`` ("utf-8", "gbk", "latin-1"); every kept entry is redrawn."""
        self.encoding.set(encoding)

    def redraw(self) -> None:
        """Draw every kept entry again, from its bytes (view, encoding, language or filter changed)."""
        top = self.text.yview()[0]
        self._decoders.clear()
        self._lines = self.finder.total = 0
        for entry in self.entries:
            entry.lines = entry.matches = 0
        self._set_text("")
        self._draw(list(itertools.islice(self.entries, len(self.entries) - self._undrawn)))
        if not self._follow:
            self.text.yview_moveto(top)

    def catch_up(self) -> None:
        """Draw everything waiting now (for a reader of the text; never while paused)."""
        while self._pending or (self._undrawn and not self.paused.get()):
            self.flush(force=True)

    def line_count(self) -> int:
        self.catch_up()
        return int(self.text.index("end-1c").split(".")[0])

    def content(self) -> str:
        """The log's text, everything received so far drawn first."""
        self.catch_up()
        return self.text.get("1.0", "end-1c")

    def save(self, path: str) -> int:
        """Write every kept entry, dated, unfolded and uncut, to ``path``; returns how many."""
        self.flush()
        render = Renderer(self.view.get(), self.encoding.get(), {}, screen=False, marks=self.boundaries.get())
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            if self.dropped:
                out.write(trf("({count} older entries were dropped from the on-screen log.)",
                              count=self.dropped) + "\n")
            for entry in self.entries:
                parts = render.lines(entry)
                out.write(render.stamp(entry.when) + ("\n" + INDENT).join(part for part, _ in parts) + "\n")
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
        args: list[Any] = []  # text, tags, text, tags...
        hide_sent = self.hide_sent.get()
        stamps = self.timestamps.get()
        render = Renderer(self.view.get(), self.encoding.get(), self._decoders, screen=True,
                          marks=self.boundaries.get())
        needle = self.finder.needle()
        spans: Spans = []  # searched lines
        for entry in entries:
            if hide_sent and entry.kind == "sent":
                if entry.stream is not None and render.view != "hex":
                    render.decode(entry)  # keep the stream in step
                continue
            parts = render.lines(entry)
            entry.lines = len(parts)
            if self._lines or args:
                args += ["\n", ()]
            stamp = ""
            if stamps:
                stamp = render.stamp(entry.when)
                args += [stamp, ("prefix", "message") if entry.data is None else ("prefix",)]
            args += [parts[0][0], parts[0][1]]
            for part, tags in parts[1:]:
                args += ["\n" + INDENT + part, tags]
            if needle:
                lines = [stamp + parts[0][0]] + [INDENT + part for part, _ in parts[1:]]
                self.finder.count(entry, self._lines + 1, lines, needle, spans)
            self._lines += entry.lines
        if args:
            if self._follow_check is not None:
                # the user moved the view since the last idle moment (a key, the wheel): decide now
                # whether to follow, before this draw would take the view back to the end
                self.after_cancel(self._follow_check)
                self._check_follow()
            self.text.configure(state="normal")
            self.text.insert("end", *args)
            self.text.configure(state="disabled")
            removed = self._trim()
            if needle:
                self.finder.highlight([(first - removed, lines) for first, lines in spans if first > removed],
                                      needle)
                self.finder.show()
            if self._follow:
                self.text.yview_moveto(1.0)

    def _showable(self) -> int:
        """How many of the newest entries can stay after drawing: those beyond would be pushed off
        the screen by newer ones as soon as drawn, so they are dropped without being decoded."""
        room = MAX_LINES
        count = 0
        undrawn = self._undrawn
        fewest_lines = self._line_counter()
        for entry in reversed(self.entries):
            if count == undrawn or room <= 0:
                break
            room -= fewest_lines(entry)
            count += 1
        return count if room <= 0 else len(self.entries)

    def _line_counter(self) -> Callable[[Entry], int]:
        """A function giving at least how many lines an entry will take on screen (cheap: nothing
        decoded).  The view settings are read once here, not per entry: each read of a Tk variable
        is a call into Tcl that gives up the GIL, and the I/O threads of a flood take it meanwhile
        (500 waiting entries × 3 reads made a tick several times longer)."""
        view, hide_sent, marks = self.view.get(), self.hide_sent.get(), self.boundaries.get()
        wide = BYTES_PER_CHAR.get(self.encoding.get(), 4)
        # Each entry keeps its count for the layout it was made for: in a flood the same 500 waiting
        # entries are looked at every tick until drawn or skipped
        layout = (view, hide_sent, marks, wide)
        if layout != self._fewest_layout:
            self._fewest_layout = layout
            self._fewest_version += 1
        version = self._fewest_version

        def fewest_lines(entry: Entry) -> int:
            if entry.fewest_for == version:
                return entry.fewest
            entry.fewest, entry.fewest_for = count_lines(entry), version
            return entry.fewest

        def count_lines(entry: Entry) -> int:
            data = entry.data
            if data is None:
                return 1
            if hide_sent and entry.kind == "sent":
                return 0
            size = len(data)
            lines = 2 if marks and entry.mark is not None else 1  # the head (and its boundary)
            if view != "text":
                lines += min(-(-size // HEX_PER_LINE), MAX_ENTRY_LINES)
            if view != "hex":
                # n bytes give at least n / (bytes per character × FOLD + 2) lines: a line break is 1 or 2
                # bytes; a stream may hold back the bytes of one unfinished character
                per_char = 1 if data.isascii() else wide
                lines += min(max(size - 3, 0) // (per_char * FOLD + 2), MAX_ENTRY_LINES) - 1
            return max(lines, 1)

        return fewest_lines

    def _trim(self, keep: int = MAX_LINES) -> int:
        """Drop the oldest entries while over the caps, or beyond the newest ``keep`` (one delete
        call); returns how many lines were deleted."""
        remove = 0
        entries = self.entries
        while (len(entries) > keep or self._lines > MAX_LINES or self._kept > MAX_KEPT_BYTES) \
                and len(entries) > 1:
            gone = entries.popleft()
            if gone.data is not None:
                self._kept -= len(gone.data)
            if len(entries) < self._undrawn:  # it was not drawn yet: its stream now has a gap
                self._undrawn -= 1
                self._paused_new = min(self._paused_new, self._undrawn)
                if gone.stream is not None:
                    self._decoders.pop(gone.stream, None)
            else:
                self._lines -= gone.lines
                self.finder.total -= gone.matches
                remove += gone.lines
            self.dropped += 1
        if remove:
            self.text.configure(state="normal")
            self.text.delete("1.0", f"{remove + 1}.0")
            self.text.configure(state="disabled")
        return remove

    def _set_text(self, text: str) -> None:
        self.text.configure(state="normal")
        self.text.delete("1.0", "end")
        if text:
            self.text.insert("end", text)
        self.text.configure(state="disabled")

    # ------------------------------------------------------------ changes
    def _language_changed(self) -> None:
        self.view.relabel()
        self._relabel_menu()
        self._show_paused()
        self.redraw()
        self.finder.show()

    def _recolour(self) -> None:
        colours = theme.palette()
        self.text.configure(background=colours["field"], foreground=colours["fg"],
                            insertbackground=colours["fg"], selectbackground=colours["select"],
                            highlightbackground=colours["bg"], highlightcolor=colours["select"])
        for kind in KINDS:
            self.text.tag_configure(kind, foreground=colours[kind])
        self.text.tag_configure("prefix", foreground=colours["time"])
        self.text.tag_configure("boundary", foreground=colours["time"])
        self.finder.recolour(theme.current())
        self.text.tag_raise("sel")
        self.menu.configure(background=colours["field"], foreground=colours["fg"],
                            activebackground=colours["select"], activeforeground=colours["fg"])
        self.paused_note.configure(background=colours["select"], foreground=colours["fg"])


def _skipped_text(count: list[int]) -> str:
    return trn(SKIPPED[0], SKIPPED[1], count[0])
