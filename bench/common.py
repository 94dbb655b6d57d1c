"""What every benchmark shares: rounds, statistics, result rows, process helpers.

Absolute times drift on a shared machine; the ratio between SockLab and the
reference measured in the same run is the result.  Everything talks only to
loopback and every loop is bounded in count and time.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
T = TypeVar("T")


@dataclass
class Stat:
    median: float
    low: float
    high: float
    samples: list[float] = field(default_factory=list)

    @classmethod
    def of(cls, samples: list[float]) -> Stat:
        return cls(statistics.median(samples), min(samples), max(samples), list(samples))


@dataclass
class Row:
    """One line of the table: SockLab against the reference, and the target."""

    benchmark: str
    metric: str
    unit: str
    socklab: Stat
    reference: Stat | None
    target: str
    met: bool
    higher_is_better: bool = True
    note: str = ""
    # the judged ratio where it is not the ratio of the medians: see paired_ratio()
    paired: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.paired is not None:
            return self.paired
        if self.reference is None or not self.reference.median:
            return None
        return self.socklab.median / self.reference.median

    def to_json(self) -> dict:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def rounds(count: int, measure: Callable[[], float]) -> Stat:
    return Stat.of([measure() for _ in range(count)])


def paired_rounds(count: int, ours: Callable[[], T], reference: Callable[[], T],
                  beside: Callable[[int], None] | None = None) -> tuple[list[T], list[T]]:
    """``count`` rounds of each, run in pairs, taking turns at going first (so neither side is
    always the one that runs on a machine just warmed, or just disturbed, by the other);
    ``beside(index)`` runs after each pair (something measured next to it)."""
    mine: list[T] = []
    theirs: list[T] = []
    for index in range(count):
        if index % 2:
            theirs.append(reference())
            mine.append(ours())
        else:
            mine.append(ours())
            theirs.append(reference())
        if beside is not None:
            beside(index)
    return mine, theirs


def paired_ratio(ours: list[float], reference: list[float]) -> float:
    """The median of the rounds' own ratios: each SockLab round against the reference round run
    beside it.

    This machine's speed drifts over seconds for both sides in step (one run's TCP bulk rounds
    went from 3,100 to 4,700 MiB/s and back, SockLab's and the reference's alike), and a ratio
    within a pair cancels the drift that a ratio of the two medians keeps.  Resampling 40 rounds
    of each: with 21 rounds the ratio of the faster halves' medians fell anywhere in 0.90-1.11
    (5-95 %), the ratio of the medians in 0.94-1.06, this one in 0.96-1.05; for TCP echo with 15
    rounds, 1.13-1.44 against 1.17-1.27.
    """
    return statistics.median([mine / theirs for mine, theirs in zip(ours, reference, strict=True)])


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def rss_mib(pid: int | None = None) -> float:
    """Resident memory now, from /proc (Linux)."""
    path = f"/proc/{pid or 'self'}/status"
    with open(path, encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def raise_file_limit(wanted: int) -> int:
    """Raise RLIMIT_NOFILE's soft limit towards ``wanted``; returns the limit in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(wanted, hard) if hard != resource.RLIM_INFINITY else wanted
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def spawn(module: str, *args: str, env: dict | None = None) -> subprocess.Popen:
    """Start ``python -m bench.<module> args`` with the repo on the path; stdout is a pipe."""
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    return subprocess.Popen([PYTHON, "-m", f"bench.{module}", *args], cwd=ROOT, env=full_env,
                            stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True)


def read_line(process: subprocess.Popen, timeout: float = 30.0) -> str:
    """One line from a helper process, or fail (bounded in time)."""
    import selectors

    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    try:
        if not selector.select(timeout):
            process.kill()
            raise TimeoutError(f"no answer from helper process within {timeout} s")
    finally:
        selector.close()
    line = process.stdout.readline()
    if not line:
        raise RuntimeError(f"helper process ended (exit {process.wait(5)})")
    return line.strip()


def finish(process: subprocess.Popen, timeout: float = 30.0) -> None:
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


class Deadline:
    """A time budget for one loop, so no benchmark can run away."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def expired(self) -> bool:
        return time.monotonic() > self.end

    def check(self, what: str) -> None:
        if self.expired():
            raise TimeoutError(f"{what} did not finish in its time budget")


def drain_like_the_window(events, stop, interval: float = 0.01, on_event=None) -> None:
    """Empty ``events`` every ``interval`` s until ``stop`` is set, as SockLab's window pump does.

    Taking everything waiting in one go, rather than waking for each event,
    is how the app consumes, so the benchmarks consume the same way.
    """
    import queue as queue_module

    get = events.get_nowait
    while not stop.is_set():
        while True:
            try:
                event = get()
            except queue_module.Empty:
                break
            if on_event is not None:
                on_event(event)
        stop.wait(interval)
