"""A tab's log as a CSV file, for a spreadsheet (Excel, LibreOffice) or a script.

One row per entry the log holds, oldest first, under a header row:

====================  =========================================================
Date and time         local time to the millisecond: ``2026-03-01 14:05:09.042``
Direction             sent, received, info or error (in the current language)
Peer                  whom it went to or came from (data only)
Size (B)              the whole message's size (data only)
Text                  the kept bytes decoded in the log's encoding; for info and
                      error entries, the message
Hex                   the kept bytes as hex pairs (data only)
Note                  says when the log kept only the first part of a message
====================  =========================================================

The file is UTF-8 with a byte order mark (Excel then reads Chinese correctly)
and the csv module's "excel" dialect: comma-separated, CRLF rows, a field
holding a comma, quote or line break quoted.  Received data is never run: a
text field that a spreadsheet would read as a formula (starting with ``=``,
``+``, ``-``, ``@``, tab or CR) gets a leading ``'``; the Hex column keeps the
exact bytes.  The log keeps the newest entries only; when older ones were
dropped, the first row after the header says how many (File → Save received
data has every byte).  Imported on first use.  Tk thread only.
"""

from __future__ import annotations

import csv
import time
from typing import TYPE_CHECKING

from ..i18n import N_, tr, trf
from ..log_render import Entry, Renderer

if TYPE_CHECKING:
    from ..log_view import LogView

COLUMNS = (N_("Date and time"), N_("Direction"), N_("Peer"), N_("Size (B)"), N_("Text"), N_("Hex"),
           N_("Note"))
DIRECTIONS = {"sent": N_("sent"), "received": N_("received"), "info": N_("info"), "error": N_("error")}
DROPPED = N_("{count} older entries were dropped from the log before this export (it keeps the newest "
             "{kept}); File → Save received data keeps every byte.")
CUT = N_("the log kept only the first {kept} B of {size} B")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def stamp(when: float) -> str:
    """``2026-03-01 14:05:09.042`` (local time)."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(when)) + f".{int(when % 1 * 1000):03d}"


def not_a_formula(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_csv(log: LogView, path: str) -> tuple[int, int]:
    """Write every entry ``log`` holds to ``path``; returns (entries written, older entries dropped).

    Raises OSError (the caller says why).
    """
    from ..log_view import MAX_LINES

    log.flush()  # what this tick added
    render = Renderer(log.view.get(), log.encoding.get(), {}, screen=False)
    entries = list(log.entries)
    dropped = log.dropped
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, dialect="excel")
        writer.writerow([tr(column) for column in COLUMNS])
        if dropped:
            writer.writerow([stamp(entries[0].when) if entries else "", tr(DIRECTIONS["info"]), "", "",
                             trf(DROPPED, count=f"{dropped:,}", kept=f"{MAX_LINES:,}"), "", ""])
        for entry in entries:
            writer.writerow(row(entry, render))
    return len(entries), dropped


def row(entry: Entry, render: Renderer) -> list[str]:
    """One entry as the CSV's seven fields."""
    direction = tr(DIRECTIONS.get(entry.kind, entry.kind))
    if entry.data is None:
        message = entry.message() if callable(entry.message) else entry.message
        return [stamp(entry.when), direction, "", "", not_a_formula(message), "", ""]
    text = render.decode(entry)
    note = ""
    if entry.size > len(entry.data):
        note = trf(CUT, kept=f"{len(entry.data):,}", size=f"{entry.size:,}")
    return [stamp(entry.when), direction, not_a_formula(entry.peer), str(entry.size), not_a_formula(text),
            entry.data.hex(" ").upper(), note]
