"""The numbers behind Tools → Statistics…: rates from counter samples, the chart's points and scale.

No Tk here.  The counters themselves are the tab's own (the status bar's
:class:`~gui.parts.traffic.Traffic` and the peer list's); this module only
reads them when the statistics window redraws, so nothing here runs on the
data path.  Tk thread only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..parts.traffic import RATE_WINDOW

CHART_SECONDS = 60
# units of a rate, powers of 1000 as network speeds are given (the status line's human_rate too)
UNITS = (("GB/s", 1e9), ("MB/s", 1e6), ("KB/s", 1e3), ("B/s", 1.0))

def throughput(history: Sequence[tuple[float, int, int, int, int]], now: float,
               current: tuple[int, int, int, int]) -> list[tuple[float, float, float]]:
    """The chart's points: (seconds ago, bytes/s in, bytes/s out), oldest first, for the last minute.

    ``history`` holds (time, sent bytes, sent messages, received bytes, received messages) about
    once a second (:attr:`Traffic.history`); ``current`` the same four totals now.  Each point is
    the rate since the point before it; the totals now make a last point once a second has passed
    since the newest sample, so a stopped tab's line reaches "now" at zero.
    """
    samples = [(t, sent, received) for t, sent, _sc, received, _rc in history]
    if samples and now - samples[-1][0] >= RATE_WINDOW:
        samples.append((now, current[0], current[2]))
    points = []
    for (t0, sent0, received0), (t1, sent1, received1) in zip(samples, samples[1:], strict=False):
        age = now - t1
        elapsed = t1 - t0
        if age > CHART_SECONDS + RATE_WINDOW * 2 or elapsed <= 0:
            continue
        points.append((age, max(received1 - received0, 0) / elapsed, max(sent1 - sent0, 0) / elapsed))
    return points


def rate_unit(top: float) -> tuple[str, float]:
    """The unit a rate axis reaching ``top`` bytes/s is labelled in, and its size in bytes/s."""
    for unit, scale in UNITS:
        if top >= scale:
            return unit, scale
    return UNITS[-1]


def nice_axis(highest: float, ticks: int = 4) -> tuple[float, float]:
    """The axis top and tick step for values up to ``highest``: steps of 1, 2 or 5 × 10ⁿ."""
    if highest <= 0:
        return 1.0, 0.25
    rough = highest / ticks
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if step * ticks >= highest:
            return step * ticks, step
    return 10 * power * ticks, 10 * power


def tick_text(value: float, step: float) -> str:
    """A tick label with as many decimals as the step needs (``2.5``, ``10``, ``0.25``)."""
    decimals = next((d for d in range(3) if abs(step * 10 ** d - round(step * 10 ** d)) < 1e-9), 3)
    return f"{value:,.{decimals}f}"
