"""The lines of a tab's trace pane: the socket calls netcore reported, bounded, flood summaries merged.

Tk-free, so it is cheap to keep while the pane is hidden: :meth:`TraceModel.add`
appends to a bounded deque and nothing is drawn.  The pane (gui/parts/trace_pane.py)
draws what changed since it last looked: lines appended (:attr:`end`), lines
dropped from the top (:attr:`first`), and summary lines that grew in place
(:meth:`take_changed`).  Tk thread only (it is fed from the tab's events).
"""

from __future__ import annotations

from collections import deque

from netcore import SocketCall
from netcore.values import Value

from ..i18n import tr
from .trace_words import NON_BLOCKING_NOTE, comment

MAX_LINES = 2000


class TraceLine(Value, frozen=False):
    """One line: a call (``count`` > 1: a summary of that many), or a note (``call`` is its English text)."""

    call: str
    result: str = ""
    func: str = ""
    errno: int | None = None
    count: int = 1
    size: int = 0
    note: bool = False

    def text(self) -> str:
        """The line as shown, in the current language."""
        if self.note:
            return tr(self.call)
        head, result = self.call, self.result
        if self.count > 1:
            head = f"{head}  ×{self.count:,}"
            if self.size:
                result = human_bytes(self.size)
        if result.startswith("# "):  # a send the impairment lab changed: its comment, not a result
            return f"{head}  {tr(result)}"
        line = f"{head}  → {result}" if result else head
        note = comment(self.func, self.result, self.errno)
        return f"{line}  {note}" if note else line


def human_bytes(size: int) -> str:
    """312,004,096 → "312.0 MB" (powers of 1000, as the status line counts)."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


class TraceModel:
    """At most ``max_lines`` lines, newest last; line ``n`` (counted from the first ever) is ``line(n)``."""

    def __init__(self, max_lines: int = MAX_LINES) -> None:
        self.max_lines = max_lines
        self.lines: deque[TraceLine] = deque(maxlen=max_lines)
        self.first = 0  # the number of lines[0]
        self._changed: set[int] = set()
        # summaries that may still grow: (call, errno, comment) -> line number; a line that is not a summary
        # ends them, so a summary only ever stands for calls made after the lines above it
        self._open: dict[tuple[str, int | None, str], int] = {}
        self._noted = False

    @property
    def end(self) -> int:
        """The number the next line will get."""
        return self.first + len(self.lines)

    def line(self, number: int) -> TraceLine | None:
        index = number - self.first
        return self.lines[index] if 0 <= index < len(self.lines) else None

    def add(self, event: SocketCall) -> None:
        if event.count > 1:
            # (sends the impairment lab changed add up apart from real ones: their result is a "#" comment)
            key = (event.call, event.errno, event.result if event.result.startswith("# ") else "")
            number = self._open.get(key)
            line = self.line(number) if number is not None else None
            if line is not None and number is not None:
                line.count += event.count
                line.size += event.size
                self._changed.add(number)
                return
            self._open[key] = self.end
        else:
            self._open.clear()
            if not self._noted and event.func == "setblocking" and event.call.endswith("(False)"):
                self._noted = True  # said once: SockLab's loop is not the tutorial's blocking one
                self._append(TraceLine(NON_BLOCKING_NOTE, note=True))
        self._append(TraceLine(event.call, event.result, event.func, event.errno, event.count, event.size))

    def _append(self, line: TraceLine) -> None:
        if len(self.lines) == self.max_lines:
            self.first += 1  # the deque drops the oldest
        self.lines.append(line)

    def take_changed(self) -> list[int]:
        """Numbers of kept lines changed in place since the last call."""
        changed = sorted(n for n in self._changed if n >= self.first)
        self._changed.clear()
        return changed

    def clear(self) -> None:
        self.first = self.end
        self.lines.clear()
        self._changed.clear()
        self._open.clear()
