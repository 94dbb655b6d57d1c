"""Find in a tab's log: the search box counts and highlights what it holds in everything on
screen, and Enter steps from match to match.

The log (:class:`gui.log_view.LogView`) owns the entries and the Text; this part owns the search
box, the match count beside it and the two highlight tags.  Each entry keeps how many matches its
lines hold, so a trim or a new draw keeps the count exact without searching again.  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Iterable
from tkinter import ttk
from typing import TYPE_CHECKING

from .i18n import bind_text, trn

if TYPE_CHECKING:
    from .log_render import Entry

MAX_HIGHLIGHTS = 2000  # matches highlighted at most (the newest); all are counted
MATCH_COLOURS = {"light": ("#fff0a0", "#ffc060"), "dark": ("#5a4e00", "#8c5200")}  # all, current

# spans of searched lines: (the first one's line number in the Text, the lines)
Spans = list[tuple[int, list[str]]]


class LogSearch:
    def __init__(self, text: tk.Text, bar: ttk.Frame, row: ttk.Frame, moved: Callable[[], None]) -> None:
        """Widgets are children of ``bar`` (stable names: ``bar.search``...), packed into ``row``;
        ``moved()`` after Enter has moved the view to a match."""
        self.text = text
        self._moved = moved
        self.total = 0  # matches in everything on screen
        self._after: str | None = None
        self.entries: Iterable[Entry] = ()  # the log's kept entries, oldest first (set by the log)
        self.matches = ttk.Label(bar, name="matches", style="Hint.TLabel")
        self.matches.pack(in_=row, side="right", padx=(4, 0))
        bind_text(ttk.Label(bar, name="search_label"), "Find:").pack(in_=row, side="left", padx=(10, 4))
        self.search_text = tk.StringVar(bar)
        self.entry = ttk.Entry(bar, name="search", width=6, textvariable=self.search_text)
        self.entry.pack(in_=row, side="left", fill="x", expand=True)
        self.search_text.trace_add("write", lambda *_: self._changed())
        self.entry.bind("<Return>", self.next_match)
        self.entry.bind("<KP_Enter>", self.next_match)
        self.entry.bind("<Escape>", lambda e: self.search_text.set(""))

    def needle(self) -> str:
        """What is searched for, in lower case ("" when nothing is)."""
        return self.search_text.get().lower()

    def cancel(self) -> None:
        if self._after is not None:
            self.text.after_cancel(self._after)
            self._after = None

    def _changed(self) -> None:
        """The search box changed: search what is on screen once the typing pauses."""
        self.text.tag_remove("current_match", "1.0", "end")
        if self._after is None:
            self._after = self.text.after_idle(self.search_all)

    def search_all(self) -> None:
        """Count and highlight the search box's text in everything on screen (case-insensitive).

        Done in Python on the Text's content, not with ``Text.search -all`` (seconds on a
        full log); the log searches new lines as it draws them (:meth:`count`).
        """
        self._after = None
        self.text.tag_remove("match", "1.0", "end")
        self.total = 0
        needle = self.needle()
        if needle:
            lines = self.text.get("1.0", "end-1c").split("\n")
            spans: Spans = []
            first = 0
            for entry in self.entries:
                entry.matches = sum(line.lower().count(needle) for line in lines[first:first + entry.lines])
                if entry.matches:
                    spans.append((first + 1, lines[first:first + entry.lines]))
                first += entry.lines
                self.total += entry.matches
            self.highlight(spans, needle)
        self.show()

    def count(self, entry: Entry, first_line: int, lines: list[str], needle: str, spans: Spans) -> None:
        """Count the matches in ``entry``'s ``lines``, about to be drawn from line ``first_line``."""
        entry.matches = sum(line.lower().count(needle) for line in lines)
        if entry.matches:
            self.total += entry.matches
            spans.append((first_line, lines))

    def highlight(self, spans: Spans, needle: str) -> None:
        """Tag the matches in ``spans``, newest first, at most MAX_HIGHLIGHTS."""
        indices: list[str] = []
        for first, lines in reversed(spans):
            for number in range(len(lines) - 1, -1, -1):
                for column in _columns(lines[number], needle):
                    indices += [f"{first + number}.{column}", f"{first + number}.{column + len(needle)}"]
                if len(indices) >= 2 * MAX_HIGHLIGHTS:
                    self.text.tag_add("match", *indices)
                    return
        if indices:
            self.text.tag_add("match", *indices)

    def show(self) -> None:
        """The match count beside the box (nothing while the box is empty)."""
        text = trn("{count} match", "{count} matches", self.total) if self.needle() else ""
        if self.matches.cget("text") != text:
            self.matches.configure(text=text)

    def next_match(self, _event: object = None) -> str:
        """Enter in the search box: show the next match (after the current one, or the top of the view)."""
        if self._after is not None:
            self.text.after_cancel(self._after)
            self.search_all()
        current = self.text.tag_ranges("current_match")
        start = str(current[1]) if current else self.text.index("@0,0")
        found = self.text.tag_nextrange("match", start) or self.text.tag_nextrange("match", "1.0")
        self.text.tag_remove("current_match", "1.0", "end")
        if found:
            self.text.tag_add("current_match", *found)
            self.text.see(found[0])
            self._moved()
        return "break"

    def recolour(self, theme_name: str) -> None:
        match, current = MATCH_COLOURS[theme_name]
        self.text.tag_configure("match", background=match)
        self.text.tag_configure("current_match", background=current)


def _columns(line: str, needle: str) -> list[int]:
    """Where lower-case ``needle`` starts in ``line``, ignoring case, as Tk counts columns."""
    lowered = line.lower()
    columns = []
    at = lowered.find(needle)
    while at >= 0:
        columns.append(at)
        at = lowered.find(needle, at + len(needle))
    if columns and not line.isascii() and max(line) > "\uffff":  # Tk counts such characters twice
        columns = [len(line[:at].encode("utf-16-le")) // 2 for at in columns]
    return columns
