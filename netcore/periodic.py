"""Send a message every ``interval`` seconds (down to 1 ms), a number of times or until stopped.

Runs on the endpoint's I/O thread on its timers, so the sender's own window
(or script) stays free.  Each tick is due at an absolute deadline
(``start + n × interval``), so the rate does not drift with the time each
send takes.  A tick that comes late (the machine busy) is still sent, and
the ones due meanwhile follow at once, for up to :data:`CATCH_UP` seconds'
worth and at most :data:`CATCH_UP_TICKS` messages back to back; after a
longer stall (a suspended laptop, a debugger) it does not burst to make up
the rest: those ticks are skipped and counted as ``missed``.  A TCP target whose write
buffer is above its high-water mark is not written to on that tick (counted
as ``skipped``): memory stays bounded however slow the peer reads.  A UDP
socket that takes no more (its send buffer full) is skipped the same way.

Usable from scripts and the command line::

    job = PeriodicSend(client, b"ping\\n", interval=0.010, count=1000).start()
    job.wait(30)
    print(job.sent, job.achieved_rate)   # 1000  ~99.9 messages/s

``interval`` is in seconds (``--interval MS`` is ``ms / 1000``); ``count`` None
sends until :meth:`~netcore.send_job.SendJob.stop`.  ``data`` may be a function
of the message number (0, 1, …) returning the bytes, run on the I/O thread.
Events: :class:`PeriodicProgress` (at most ten a second) and one
:class:`PeriodicDone`; the messages themselves are told by ``DataSent``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from .arguments import check_data
from .errors import N_, NetError
from .outlet import FAILED as SEND_FAILED
from .outlet import FULL, GONE, Target
from .send_job import DONE, FAILED, RateMeter, SendJob, error_fields
from .send_job import GONE as JOB_GONE
from .values import Value

if TYPE_CHECKING:
    from .endpoint import Endpoint

MIN_INTERVAL = 0.001  # 1 ms: the selector's timeout is counted in whole milliseconds
MAX_INTERVAL = 24 * 3600.0
MAX_COUNT = 1_000_000_000
#: How far behind (seconds) the ticks still due are sent back to back rather than skipped, and how
#: many at most (at least 2): the scheduling jitter of a busy machine (tens of ms under load) costs no
#: message, a stall costs no burst a device could choke on.
CATCH_UP = 0.050
CATCH_UP_TICKS = 10

BAD_INTERVAL = N_("The interval must be a number of milliseconds from 1 to 86,400,000 (one day).")
BAD_COUNT = N_("The count must be a whole number from 1 to 1,000,000,000, or 0 to send until stopped.")
BAD_MESSAGE = N_("The message function failed: {detail}")
EMPTY_MESSAGE = N_("The message is empty: there is nothing to send.")


class PeriodicProgress(Value):
    """A periodic send's state: ``sent`` of ``count`` (0: until stopped), and how fast it really goes.

    ``skipped``: ticks on which a target could take no more (TCP above the high-water mark, a
    full UDP send buffer); ``missed``: ticks passed over after a stall; ``rate``: messages per
    second over about the last second.
    """

    source: str
    job: int
    sent: int
    count: int
    skipped: int
    missed: int
    rate: float
    interval: float
    time: float = 0.0


class PeriodicDone(Value):
    """A periodic send ended (``reason``: done, stopped, endpoint-stopped, gone, error).

    ``rate``: messages per second achieved between the first and the last message sent;
    ``elapsed``: seconds from the start to the end.  ``code``/``template``/``params``: the
    error, when it failed (translated like :class:`~netcore.events.Error`).
    """

    source: str
    job: int
    reason: str
    sent: int
    count: int
    skipped: int
    missed: int
    rate: float
    elapsed: float
    interval: float
    code: str = ""
    template: str = ""
    params: tuple[tuple[str, str], ...] = ()
    time: float = 0.0


def check_interval(interval: object) -> float:
    """``interval`` in seconds, checked (any thread)."""
    if isinstance(interval, bool) or not isinstance(interval, (int, float)) or math.isnan(interval) \
            or not MIN_INTERVAL - 1e-12 <= interval <= MAX_INTERVAL:
        raise NetError("bad_interval", BAD_INTERVAL)
    return float(interval)


def check_count(count: object) -> int | None:
    """``count`` checked: None or 0 mean until stopped (any thread)."""
    if count is None or count == 0:
        return None
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        raise NetError("bad_count", BAD_COUNT)
    return count


class PeriodicSend(SendJob):
    """See the module.  ``start``, ``stop``, ``wait`` and the counters: any thread."""

    def __init__(self, endpoint: Endpoint, data: bytes | Callable[[int], bytes], interval: float,
                 count: int | None = None, target: Target = None) -> None:
        self.interval = check_interval(interval)
        self.count = check_count(count)
        if callable(data):
            self._message: Callable[[int], bytes] = data
        else:
            fixed = check_data(data)
            if not fixed:
                raise NetError("empty", EMPTY_MESSAGE)
            self._message = lambda _n: fixed
        super().__init__(endpoint, target)
        if not callable(data):
            self.outlet.check_message(fixed)  # a datagram too large: said now, not at the first tick
        self.sent = 0
        self.skipped = 0
        self.missed = 0
        self.first_sent_at = 0.0
        self.last_sent_at = 0.0
        self._tick = 0  # the number of the tick due next: due at started_at + tick × interval
        # ticks that may be sent back to back: 10 at 1 ms, 5 at 10 ms, 2 at 100 ms and beyond
        self._catch_up = min(CATCH_UP_TICKS, max(2, int(CATCH_UP / self.interval)))
        self._meter = RateMeter()

    @property
    def achieved_rate(self) -> float:
        """Messages per second between the first and the last message sent (0 with fewer than two)."""
        span = self.last_sent_at - self.first_sent_at
        return (self.sent - 1) / span if self.sent > 1 and span > 0 else 0.0

    # ----------------------------------------------------------- I/O thread
    def _io_run(self) -> None:
        self._meter.note(self.started_at, 0)
        self._io_step()

    def _io_step(self) -> None:
        if not self._io_live():
            return
        try:
            data = self._message(self.sent)
            if not isinstance(data, (bytes, bytearray, memoryview)) or not data:
                raise TypeError("it must return non-empty bytes")
            data = bytes(data)
            self.outlet.check_message(data)
        except NetError as err:
            self._io_end(FAILED, err)
            return
        except Exception as exc:
            self._io_end(FAILED, NetError("bad_message", BAD_MESSAGE, detail=f"{type(exc).__name__}: {exc}"))
            return
        result = self.outlet.io_send(data)
        now = time.monotonic()
        if result == GONE:
            self._io_end(JOB_GONE)
            return
        if result == SEND_FAILED:  # the outlet has posted the Error: the user sees why it stopped
            self._io_end(FAILED, self.outlet.error, reported=True)
            return
        if result == FULL:
            self.skipped += 1
        else:
            self.sent += 1
            if self.sent == 1:
                self.first_sent_at = now
            self.last_sent_at = now
        if self.count is not None and self.sent >= self.count:
            self._io_end(DONE)
            return
        # the next tick by absolute deadline; if more than CATCH_UP is due already, pass over the
        # oldest (a stall is not made up with a burst) and count them
        start, interval = self.started_at, self.interval
        tick = self._tick + 1
        oldest_kept = int((now - start) / interval) - self._catch_up
        if oldest_kept > tick:
            self.missed += oldest_kept - tick
            tick = oldest_kept
        self._tick = tick
        self._io_progress(now, force=self.sent + self.skipped == 1)  # the first at once: it has begun
        self._io_at(start + tick * interval, self._io_step)

    def _io_sample(self, now: float) -> None:
        self._meter.note(now, self.sent)

    def _io_progress_event(self, now: float) -> PeriodicProgress:
        return PeriodicProgress(self.endpoint.name, self.id, self.sent, self.count or 0, self.skipped,
                                self.missed, self._meter.rate(), self.interval, now)

    def _io_done_event(self, now: float) -> PeriodicDone:
        code, template, params = error_fields(self.error)
        elapsed = now - self.started_at if self.started_at else 0.0
        return PeriodicDone(self.endpoint.name, self.id, self.reason, self.sent, self.count or 0,
                            self.skipped, self.missed, self.achieved_rate, elapsed, self.interval, code,
                            template, params, now)
