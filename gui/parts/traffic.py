"""What a tab sent and received: totals and recent rates.  No Tk; Tk thread only."""

from __future__ import annotations

import time
from collections import deque

from netcore.values import Value

# Rates are measured over at least this long, so one burst does not look like a steady speed.
RATE_WINDOW = 1.0
SAMPLES_KEPT = 16
# The totals about once a second for the last minute and a bit (Tools → Statistics… draws them):
# noted by the status bar's refresh, not on the data path, so keeping them costs nothing per message
HISTORY_STEP = 0.95  # a sample at least this long after the last one joins the history
HISTORY_KEPT = 72


Totals = tuple[int, ...]


class RateMeter:
    """Per-second rates of some counters, from the samples it is given (one per redraw): the status
    line's and each row of Tools → Statistics…"""

    def __init__(self, kept: int = 16) -> None:
        self._samples: deque[tuple[float, Totals]] = deque(maxlen=kept)

    def update(self, now: float, totals: Totals) -> tuple[float, ...]:
        """Note ``totals`` at ``now``; the rate of each over the last :data:`RATE_WINDOW` s or more."""
        if self._samples and any(new < old for new, old in zip(totals, self._samples[-1][1], strict=False)):
            self._samples.clear()  # the counters were reset: start measuring again
        self._samples.append((now, totals))
        base = self._samples[0]  # the newest sample at least RATE_WINDOW old (else the oldest we have)
        for sample in self._samples:
            if now - sample[0] >= RATE_WINDOW:
                base = sample
            else:
                break
        elapsed = now - base[0]
        if elapsed <= 0:
            return tuple(0.0 for _ in totals)
        return tuple((new - old) / elapsed for new, old in zip(totals, base[1], strict=True))

    def reset(self) -> None:
        self._samples.clear()


class Rates(Value, frozen=False):
    sent_bytes: float = 0.0
    sent_count: float = 0.0
    received_bytes: float = 0.0
    received_count: float = 0.0


class Traffic:
    """Counters since start (or the last :meth:`reset`), and per-second rates from samples."""

    def __init__(self) -> None:
        self.sent_bytes = self.sent_count = 0
        self.received_bytes = self.received_count = 0
        self.dropped = 0  # datagrams the operating system dropped (UDP)
        self._meter = RateMeter(SAMPLES_KEPT)
        # (time.monotonic(), sent bytes, sent messages, received bytes, received messages), oldest first
        self.history: deque[tuple[float, int, int, int, int]] = deque(maxlen=HISTORY_KEPT)

    def received(self, size: int, count: int = 1) -> None:
        self.received_bytes += size
        self.received_count += count

    def sent(self, size: int, count: int = 1) -> None:
        self.sent_bytes += size
        self.sent_count += count

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]

    def sample(self, now: float | None = None) -> Rates:
        """Note the totals at ``now``; the rates over the last :data:`RATE_WINDOW` seconds or more."""
        now = time.monotonic() if now is None else now
        totals = (self.sent_bytes, self.sent_count, self.received_bytes, self.received_count)
        if not self.history or now - self.history[-1][0] >= HISTORY_STEP:
            self.history.append((now, *totals))
        return Rates(*self._meter.update(now, totals))
