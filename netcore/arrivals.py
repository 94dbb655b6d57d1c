"""Numbered messages: what arrived of 1..N, counted the same way everywhere (window, command line, tests).

The numbered-messages demonstration sends ``1/N`` … ``N/N`` and lists what
arrived in arrival order.  The counts, as the summary line says them
("100 sent, 93 received, 4 duplicated, 11 out of order"):

* **received**: how many *different* numbers arrived (``sent - received``
  never arrived: they are the gaps);
* **duplicated**: extra copies: arrivals of a number that had already arrived;
* **out of order**: first arrivals of a number lower than the highest number
  that arrived before it (a copy is counted only as a duplicate).

Pure functions of their arguments: any thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .errors import N_
from .values import Value

SUMMARY = N_("{sent} sent, {received} received, {duplicated} duplicated, {out_of_order} out of order")

#: Row kinds, in the order a reader meets them.
IN_ORDER = "in_order"
DUPLICATE = "duplicate"
OUT_OF_ORDER = "out_of_order"
MISSING = "missing"


class ArrivalSummary(Value):
    sent: int
    received: int
    duplicated: int
    out_of_order: int
    missing: int

    def line(self, translate: Callable[[str], str] = lambda text: text) -> str:
        """The summary line, in the language of ``translate``."""
        return translate(SUMMARY).format(sent=f"{self.sent:,}", received=f"{self.received:,}",
                                         duplicated=f"{self.duplicated:,}",
                                         out_of_order=f"{self.out_of_order:,}")


class ArrivalRow(Value):
    """One line of the arrival list.

    ``kind`` IN_ORDER, DUPLICATE (``copy``: 2 for the second copy...),
    OUT_OF_ORDER (``after``: the highest number seen before it) or MISSING
    (``number``..``last``: numbers that never arrived, shown where they would
    have come).
    """

    kind: str
    number: int
    last: int = 0
    after: int = 0
    copy: int = 1


def summarise(sent: int, arrivals: Sequence[int]) -> ArrivalSummary:
    """Count ``arrivals`` (the numbers that arrived, in arrival order) of 1..``sent``."""
    seen: set[int] = set()
    highest = duplicated = late = 0
    for number in arrivals:
        if number in seen:
            duplicated += 1
            continue
        seen.add(number)
        if number < highest:
            late += 1
        else:
            highest = number
    in_range = sum(1 for number in seen if 1 <= number <= sent)
    return ArrivalSummary(sent, len(seen), duplicated, late, sent - in_range)


def _missing_runs(first: int, last: int, arrived: set[int]) -> list[ArrivalRow]:
    """MISSING rows for the numbers from ``first`` to ``last`` that never arrived, one per unbroken run."""
    rows: list[ArrivalRow] = []
    start: int | None = None
    for number in range(first, last + 2):
        gone = number <= last and number not in arrived
        if gone and start is None:
            start = number
        elif not gone and start is not None:
            rows.append(ArrivalRow(MISSING, start, number - 1))
            start = None
    return rows


def arrival_rows(sent: int, arrivals: Sequence[int]) -> list[ArrivalRow]:
    """The arrival list: each arrival in order, with the numbers that never arrived shown where a jump
    passed over them (and those after the last one at the end)."""
    arrived = set(arrivals)
    copies: dict[int, int] = {}
    rows: list[ArrivalRow] = []
    highest = 0
    for number in arrivals:
        copy = copies.get(number, 0) + 1
        copies[number] = copy
        if copy > 1:
            rows.append(ArrivalRow(DUPLICATE, number, copy=copy))
        elif number < highest:
            rows.append(ArrivalRow(OUT_OF_ORDER, number, after=highest))
        else:
            rows.extend(_missing_runs(highest + 1, number - 1, arrived))
            rows.append(ArrivalRow(IN_ORDER, number))
            highest = number
    rows.extend(_missing_runs(highest + 1, sent, arrived))
    return rows


def numbered_payload(run: int, number: int, total: int) -> bytes:
    """What message ``number`` of ``total`` carries: ``#3 17/100`` (``run`` tells runs apart)."""
    return f"#{run} {number}/{total}".encode("ascii")


def parse_numbered(payload: bytes, run: int, total: int) -> int | None:
    """The number ``payload`` carries if it belongs to ``run`` of ``total``, else None."""
    head = f"#{run} ".encode("ascii")
    tail = f"/{total}".encode("ascii")
    if not (payload.startswith(head) and payload.endswith(tail)):
        return None
    digits = payload[len(head):len(payload) - len(tail)]
    if not digits.isdigit() or len(digits) > 9:
        return None
    number = int(digits)
    return number if 1 <= number <= total else None
