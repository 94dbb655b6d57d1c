"""Keep the C heap's free memory for the next reads instead of giving it back (glibc only).

Every ``recv`` makes a fresh bytes object (up to ``READ_MAX``, 1 MiB) on the
I/O thread, and the consumer frees it a moment later.  With glibc's default,
dynamic settings a free heap top larger than twice the biggest chunk freed so
far (about 2 MiB here) is handed back to the system (``madvise``/``brk``), so
the next reads fault every page in again: 3,000 to 30,000 page faults per GiB
received, a few µs each, which cost a bulk receive up to half its throughput,
more or less from run to run as the heap happened to lie.  Fixed thresholds
keep up to ``TRIM_THRESHOLD`` free per heap and serve reads from it; memory
stays bounded by that, and what is in use by the flow-control limits.  The
threshold must exceed what is in flight: a consumer that takes its events
every 10 ms (as the window does) while 3 GB/s arrive leaves some 35 MB of
reads alive at once, and with 8 MiB kept the heap was still handed back nine
times a GiB (11,000–18,000 page faults per GiB, against 0–900 for a raw
single-threaded ``recv`` loop); with 64 MiB, 600–1,300 after the first GiB.

Process-wide, set once, the first time an endpoint starts; a no-op on other C
libraries and platforms, or when ``NETCORE_MALLOC_DEFAULTS=1`` asks to keep the
allocator's own settings.

Freed memory that is not at the top of a heap (between blocks still in use) is
never handed back by those thresholds: a long-running consumer that keeps
mixed sizes alive (a window's log) sees its resident size creep up by tens
of MiB.  :func:`give_back_free_memory` returns such pages (``malloc_trim``),
and the main heap's free top beyond ``GIVE_BACK_PAD``; a program calls it now
and then, from any thread (it locks each heap in turn, 0.3–4 ms measured in a
flooded window).  The free top of an I/O thread's own heap only goes back
when it passes ``TRIM_THRESHOLD``: it is at most what was once in flight,
which an endpoint with ``max_unconsumed`` (the window's tabs: 8 MiB) bounds.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable

#: Chunks up to this size come from the heap (a read is at most 1 MiB and a
#: little); larger ones are mapped and unmapped as glibc does by default.
MMAP_THRESHOLD = 4 * 1024 * 1024
#: Free memory at the top of a heap kept for reuse before it goes back to the system (64 MiB is
#: also the most one thread's heap in glibc grows to).
TRIM_THRESHOLD = 64 * 1024 * 1024
#: What :func:`give_back_free_memory` leaves at the top of each heap: a long-running program that
#: calls it now and then gives back the rest of a flood's peak.
GIVE_BACK_PAD = 8 * 1024 * 1024

_M_TRIM_THRESHOLD = -1  # malloc.h
_M_MMAP_THRESHOLD = -3

_lock = threading.Lock()
_threshold = TRIM_THRESHOLD  # what keep_heap_warm() sets: keep_less() may lower it before
_done = False
_trim: Callable[[int], int] | None = None
applied = False  # whether the thresholds were set (for tests and the benchmark notes)


def keep_less(threshold: int) -> None:
    """Keep at most ``threshold`` free at a heap's top instead of ``TRIM_THRESHOLD``; call it
    before the first endpoint starts (later, the thresholds are set and it does nothing).

    For a program whose endpoints all have ``max_unconsumed`` (the window: 8 MiB a tab): no
    more is ever in flight, and its resident size stays lower (a flooded window sat 6–13 MiB
    higher with 64 MiB kept).  Any thread; loads nothing.
    """
    global _threshold
    with _lock:
        if not _done:
            _threshold = threshold


def keep_heap_warm() -> bool:
    """Set glibc's trim and mmap thresholds once per process; True if they are set."""
    global _done, applied
    if _done:
        return applied
    with _lock:
        if _done:
            return applied
        _done = True
        if not sys.platform.startswith("linux") or os.environ.get("NETCORE_MALLOC_DEFAULTS") == "1":
            return False
        try:
            import ctypes

            libc = ctypes.CDLL(None)
            libc.gnu_get_libc_version  # noqa: B018 (glibc only: musl's mallopt does nothing)
            mallopt = libc.mallopt
        except (OSError, AttributeError, ImportError):
            return False
        global _trim
        trim = libc.malloc_trim
        trim.argtypes = (ctypes.c_size_t,)
        trim.restype = ctypes.c_int
        _trim = trim
        mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
        mallopt.restype = ctypes.c_int
        applied = bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
            mallopt(_M_TRIM_THRESHOLD, _threshold))
        return applied


def give_back_free_memory() -> bool:
    """Hand free pages of the C heaps back to the system, keeping ``GIVE_BACK_PAD`` at each top
    for the next reads; True if any memory was released.  A no-op where the thresholds were not
    set (another C library, or ``NETCORE_MALLOC_DEFAULTS=1``)."""
    return bool(_trim(GIVE_BACK_PAD)) if _trim is not None else False
