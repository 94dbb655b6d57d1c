"""Counting numbered messages (issue 14): the summary line and the arrival list, exact for crafted lists."""

from __future__ import annotations

from netcore.arrivals import (
    DUPLICATE,
    IN_ORDER,
    MISSING,
    OUT_OF_ORDER,
    ArrivalRow,
    arrival_rows,
    numbered_payload,
    parse_numbered,
    summarise,
)


def test_a_crafted_arrival_list_is_counted_exactly():
    arrivals = [1, 2, 4, 3, 3, 6, 5, 9, 10, 10, 10]
    summary = summarise(10, arrivals)
    assert summary.line() == "10 sent, 8 received, 3 duplicated, 2 out of order"
    assert summary.missing == 2
    assert arrival_rows(10, arrivals) == [
        ArrivalRow(IN_ORDER, 1), ArrivalRow(IN_ORDER, 2), ArrivalRow(IN_ORDER, 4),
        ArrivalRow(OUT_OF_ORDER, 3, after=4), ArrivalRow(DUPLICATE, 3, copy=2),
        ArrivalRow(IN_ORDER, 6), ArrivalRow(OUT_OF_ORDER, 5, after=6),
        ArrivalRow(MISSING, 7, 8), ArrivalRow(IN_ORDER, 9), ArrivalRow(IN_ORDER, 10),
        ArrivalRow(DUPLICATE, 10, copy=2), ArrivalRow(DUPLICATE, 10, copy=3),
    ]


def test_the_issue_example_and_missing_at_both_ends():
    lost = {1, 20, 21, 22, 50, 99, 100}
    arrivals = [number for number in range(1, 101) if number not in lost]
    for low in (2, 5, 8, 11, 14, 24, 27, 31, 35, 40, 44):  # 11 pairs: the higher one arrives first
        at = arrivals.index(low)
        arrivals[at], arrivals[at + 1] = arrivals[at + 1], arrivals[at]
    arrivals += [2, 3, 5, 7]  # four copies at the end
    summary = summarise(100, arrivals)
    assert summary.line() == "100 sent, 93 received, 4 duplicated, 11 out of order"
    rows = arrival_rows(100, arrivals)
    assert rows[0] == ArrivalRow(MISSING, 1, 1)
    assert ArrivalRow(MISSING, 20, 22) in rows and ArrivalRow(MISSING, 50, 50) in rows
    assert [r for r in rows if r.kind == MISSING][-1] == ArrivalRow(MISSING, 99, 100)
    assert sum(r.kind == OUT_OF_ORDER for r in rows) == 11
    assert [r.number for r in rows if r.kind == DUPLICATE] == [2, 3, 5, 7]


def test_nothing_lost_nothing_out_of_order():
    assert summarise(5, [1, 2, 3, 4, 5]).line() == "5 sent, 5 received, 0 duplicated, 0 out of order"
    assert summarise(3, []).line() == "3 sent, 0 received, 0 duplicated, 0 out of order"
    assert arrival_rows(3, []) == [ArrivalRow(MISSING, 1, 3)]
    assert summarise(10_000, list(range(1, 10_001))).line().startswith("10,000 sent, 10,000 received")


def test_payloads_of_other_runs_or_sizes_are_not_counted():
    assert numbered_payload(3, 17, 100) == b"#3 17/100"
    assert parse_numbered(b"#3 17/100", 3, 100) == 17
    for other in (b"#2 17/100", b"#3 17/50", b"#3 0/100", b"#3 101/100", b"#3 x/100", b"hello", b""):
        assert parse_numbered(other, 3, 100) is None
