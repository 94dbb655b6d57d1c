"""The benchmark table never shows a ratio better than it is."""

from __future__ import annotations

from bench.common import Row, Stat
from bench.run import _table


def _ratio_cell(row: Row) -> str:
    line = _table([row], {}).splitlines()[2]
    return next(cell for cell in line.split() if cell.endswith("×"))


def test_a_missed_target_never_reads_as_met():
    missed_low = Row("TCP bulk", "m", "MiB/s", Stat.of([1.0]), Stat.of([1.0]), "≥ 0.95× raw", False,
                     paired=0.9496)
    missed_high = Row("TCP echo", "m", "µs", Stat.of([1.0]), Stat.of([1.0]), "≤ 1.3× raw", False,
                      higher_is_better=False, paired=1.3004)
    assert _ratio_cell(missed_low) == "0.949×"  # (rounded, it read "0.95×" beside "NO")
    assert _ratio_cell(missed_high) == "1.301×"
    met = Row("TCP echo", "m", "µs", Stat.of([2.0]), Stat.of([1.0]), "≤ 2× raw", True, higher_is_better=False)
    assert _ratio_cell(met) == "2.000×"
