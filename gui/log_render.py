"""One log entry as lines of text: the head, decoded data (folded, cut) and a hex dump.

The log (gui/log_view.py) keeps entries with their bytes; a :class:`Renderer`
turns them into lines for one draw of the screen, or whole and dated for a
saved log.  No widgets here.  Tk thread only (decoders are shared with the log).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Iterable

from netcore import DisplayDecoder
from netcore.values import Value

from .i18n import N_, tr

FOLD = 160  # characters per display line of data
MAX_ENTRY_LINES = 40  # per part (text, hex) of one entry; the saved data stays complete
HEX_PER_LINE = 16
INDENT = "    "
CUT_NOTE = N_("… (cut here: the rest is not shown)")
# direction in words as well as arrow and colour (readable without colour)
HEADS = {"sent": N_("→ sent to {peer} ({size} B):"), "received": N_("← received from {peer} ({size} B):")}
MARKS = {"info": "·", "error": "!"}
# "boundaries" (item 5 of issue 11): the line before a received chunk or datagram, where it began
BOUNDARY = {"recv": N_("┤ recv() #{number}: {size} bytes ├"),
            "datagram": N_("┤ datagram #{number}: {size} bytes ├")}
BOUNDARY_MERGED = N_("┤ recv() #{number}–#{last}: {size} bytes in {count} reads, merged (too many "
                     "to mark one by one) ├")

# bytes shown as themselves in the hex dump's right column; the rest as "."
_PRINTABLE = bytes(b if 32 <= b < 127 else 46 for b in range(256))


def hex_dump(data: bytes, limit: int | None = None) -> list[str]:
    """``0000  48 65 6C 6C 6F 0A …  |Hello.|``: offset, 16 bytes in hex, then as ASCII."""
    end = len(data) if limit is None else min(len(data), limit * HEX_PER_LINE)
    lines = []
    for offset in range(0, end, HEX_PER_LINE):
        chunk = data[offset:offset + HEX_PER_LINE]
        lines.append(f"{offset:04X}  {chunk.hex(' ').upper():<47}  "
                     f"|{chunk.translate(_PRINTABLE).decode('ascii')}|")
    return lines


Tags = tuple[str, ...]
StreamKey = tuple[int, int, Hashable]  # (epoch, generation, the caller's stream key)


class Entry(Value, frozen=False):
    when: float
    kind: str  # "sent" | "received" | "info" | "error"
    peer: str = ""
    data: bytes | None = None  # at most DISPLAY_BYTES; None for a message
    size: int = 0  # the whole message's size
    stream: StreamKey | None = None  # decoder key: chunks of one stream decode continuously
    mark: tuple[str, int, int] | None = None  # boundary: ("recv" | "datagram", number, how many merged)
    message: str | Callable[[], str] = ""
    lines: int = 0  # lines it takes on screen now (0: hidden, or not drawn yet)
    matches: int = 0  # of the search box's text, in those lines
    fewest: int = 0  # the log's lower bound of its lines, as worked out for layout ``fewest_for``
    fewest_for: int = -1


class Renderer:
    """Entries as lines of text, in one view and encoding (made for one draw or save)."""

    def __init__(self, view: str, encoding: str, decoders: dict[StreamKey, DisplayDecoder], *,
                 screen: bool, marks: bool = False) -> None:
        self.view = view
        self.marks = marks  # draw boundary lines before marked entries
        self.encoding = encoding
        self.decoders = decoders  # stream -> decoder
        self.screen = screen  # folded and cut, short time stamps; else whole, dated (a saved log)
        self.heads = {kind: tr(head) for kind, head in HEADS.items()}
        self.cut_note = tr(CUT_NOTE)
        self._alone = DisplayDecoder(encoding)  # for data decoded on its own (flush() resets it)
        self._clock = (-1, "")

    def stamp(self, when: float) -> str:
        second = int(when)
        if second != self._clock[0]:
            self._clock = (second, time.strftime("%H:%M:%S" if self.screen else "%Y-%m-%d %H:%M:%S",
                                                 time.localtime(when)))
        return f"{self._clock[1]}.{int(when % 1 * 1000):03d} "

    def decode(self, entry: Entry) -> str:
        """The text of a data entry, continuing its stream's decoder if it has one."""
        assert entry.data is not None
        if entry.stream is None or entry.size > len(entry.data):
            if entry.stream is not None:
                self.decoders.pop(entry.stream, None)  # only its head is kept: the stream starts afresh
            return self._alone.decode(entry.data) + self._alone.flush()
        decoder = self.decoders.get(entry.stream)
        if decoder is None:
            decoder = self.decoders[entry.stream] = DisplayDecoder(self.encoding)
        return decoder.decode(entry.data)

    def lines(self, entry: Entry) -> list[tuple[str, Tags]]:
        """The lines of one entry, each with its tags; the first starts with the head."""
        if entry.data is None:
            message = entry.message() if callable(entry.message) else entry.message
            lines = _strip_newline(message).split("\n")
            if self.screen and len(lines) > MAX_ENTRY_LINES:
                lines = lines[:MAX_ENTRY_LINES] + [self.cut_note]
            lines[0] = MARKS[entry.kind] + " " + lines[0]
            return [(line, (entry.kind, "message")) for line in lines]
        head = self.heads[entry.kind].format(peer=entry.peer, size=f"{entry.size:,}")
        view = self.view
        limit = MAX_ENTRY_LINES if self.screen else None
        kept_all = entry.size <= len(entry.data)
        lines = []
        if view != "hex":
            text = _strip_newline(self.decode(entry)).split("\n")
            cut = False
            if self.screen:
                text, cut = _fold(text, limit)
            lines += text
            if cut or (not kept_all and view == "text"):
                lines.append(self.cut_note)
            head += " " + lines.pop(0)
        if view != "text":
            dump = hex_dump(entry.data, limit)
            lines += dump
            if len(dump) * HEX_PER_LINE < len(entry.data) or not kept_all:
                lines.append(self.cut_note)
        tags: Tags = (entry.kind,)
        if entry.mark is not None and self.marks:
            return [(boundary_text(entry.mark, entry.size), ("boundary",)), (head, tags),
                    *((line, tags) for line in lines)]
        return [(head, tags), *((line, tags) for line in lines)]


def boundary_text(mark: tuple[str, int, int], size: int) -> str:
    """``┤ recv() #3: 12 bytes ├``, in the current language."""
    kind, number, count = mark
    if count > 1:
        return tr(BOUNDARY_MERGED).format(number=f"{number:,}", last=f"{number + count - 1:,}",
                                          size=f"{size:,}", count=f"{count:,}")
    return tr(BOUNDARY[kind]).format(number=f"{number:,}", size=f"{size:,}")


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
