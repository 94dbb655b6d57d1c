"""What a periodic send and a file send share: a job on an endpoint's I/O thread that can always stop.

A job is made on any thread (its arguments and its target are checked there:
:class:`NetError` in plain words), ``start()``-ed, and then runs on the
endpoint's I/O thread on netcore's timers.  It ends exactly once, posting its
``…Done`` event and setting :attr:`SendJob.done`, when it finishes, when
``stop()`` is called (from any thread, at any time, however often), when it
fails, when its target goes away, or when the endpoint stops (before what
is queued is flushed).  Progress events are coalesced: at most one per
:data:`PROGRESS_INTERVAL`.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from typing import TYPE_CHECKING

from .errors import N_, NetError
from .outlet import Outlet, Target, outlet_for

if TYPE_CHECKING:
    from .endpoint import Endpoint
    from .loop import TimerHandle

#: At most this often (seconds) a job posts its progress: ten a second is smooth to watch and costs
#: the window nothing, whatever the message rate.
PROGRESS_INTERVAL = 0.1

# How a job ended (the ``reason`` of its Done event)
DONE = "done"  # everything was sent
STOPPED = "stopped"  # stop() (or cancel) was called
ENDPOINT_STOPPED = "endpoint-stopped"  # the endpoint stopped (closed, failed, the tab closed)
GONE = "gone"  # nobody left to send to (the connection closed)
FAILED = "error"  # a send or a file read failed: see ``code``/``template``/``params``

ALREADY_STARTED = N_("This job has already been started: make a new one.")

_job_ids = itertools.count(1)


class SendJob:
    """Base class; subclasses implement :meth:`_io_run` and :meth:`_io_done_event`.  See the module."""

    #: The targets are those of the start, not of each send (a file: see :func:`outlet_for`).
    fixed_targets = False

    def __init__(self, endpoint: Endpoint, target: Target = None) -> None:
        self.endpoint = endpoint
        self.outlet: Outlet = outlet_for(endpoint, target, fixed=self.fixed_targets)
        self.id = next(_job_ids)
        #: Set once the job has ended (any thread may wait on it).
        self.done = threading.Event()
        #: How it ended (see the reasons above); "" while it runs.
        self.reason = ""
        #: Why it failed, when ``reason`` is "error".
        self.error: NetError | None = None
        self.started_at = 0.0  # monotonic time of start on the I/O thread
        self.ended_at = 0.0
        self._stop_asked = False  # read on the I/O thread before each step: stop() wins at once
        self._started = False
        self._timer: TimerHandle | None = None
        self._last_progress = 0.0

    # ----------------------------------------------------------- any thread
    def start(self) -> SendJob:
        """Begin on the I/O thread; returns at once (itself).  NetError if the endpoint is not running."""
        if self._started:
            raise NetError("already_started", ALREADY_STARTED)
        self._started = True
        self.endpoint._call_soon(self._io_begin)
        return self

    def stop(self) -> None:
        """End the job: no message is sent after the step running now, if any.  Any thread; idempotent.

        The ``…Done`` event (reason "stopped") follows from the I/O thread; if the endpoint has
        stopped meanwhile, it has ended the job already (reason "endpoint-stopped").
        """
        self._stop_asked = True
        timer = self._timer
        if timer is not None:
            timer.cancel()
        loop = self.endpoint._loop
        told = self._started and loop is not None and loop.call_soon_threadsafe(lambda: self._io_end(STOPPED))
        # not told: the I/O thread is gone or going, and its stop hooks end a started job; one never
        # started, or whose endpoint has ended, is ended here
        if not told and (not self._started or not self.endpoint.running):
            self._end_here(STOPPED)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job has ended; True if it has."""
        return self.done.wait(timeout)

    @property
    def running(self) -> bool:
        return self._started and not self.done.is_set()

    def _end_here(self, reason: str) -> None:
        if not self.done.is_set():
            self.reason = reason
            self.ended_at = time.monotonic()
            self.done.set()

    # ----------------------------------------------------------- I/O thread
    def _io_begin(self) -> None:
        if self._stop_asked:
            self._io_end(STOPPED)
            return
        self.started_at = self._last_progress = time.monotonic()
        self.endpoint._io_on_stop(self, lambda: self._io_end(ENDPOINT_STOPPED))
        try:
            self._io_run()
        except NetError as err:
            self._io_end(FAILED, err)

    def _io_at(self, when: float, step: object) -> None:
        """Run ``step`` at ``when`` (monotonic), unless the job ends first."""
        assert callable(step)
        self._timer = self.endpoint._io_loop.call_at(when, step)

    def _io_live(self) -> bool:
        """True when the job may take another step (call first thing in each)."""
        self._timer = None
        if self.done.is_set():
            return False
        if self._stop_asked:
            self._io_end(STOPPED)
            return False
        return True

    def _io_progress(self, now: float, force: bool = False) -> None:
        if force or now - self._last_progress >= PROGRESS_INTERVAL:
            self._last_progress = now
            self._io_sample(now)
            self.endpoint._post(self._io_progress_event(now))

    def _io_end(self, reason: str, error: NetError | None = None, reported: bool = False) -> None:
        """End the job once: cancel its timer, release what it holds, post its Done event.

        ``error`` is posted as an Error event first, unless ``reported`` already.
        """
        if self.done.is_set():
            return
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self.endpoint._io_on_stop(self, None)
        self.reason = reason
        self.error = error
        self.ended_at = time.monotonic()
        try:
            self._io_release()
        finally:
            if error is not None and not reported:
                self.endpoint._io_error(error)
            self.endpoint._post(self._io_done_event(self.ended_at))
            self.done.set()

    # ------------------------------------------------------ subclass hooks
    def _io_run(self) -> None:
        raise NotImplementedError

    def _io_sample(self, now: float) -> None:
        """Note the count for the recent rate (just before each progress event)."""

    def _io_release(self) -> None:
        """Close what the job holds (a file)."""

    def _io_progress_event(self, now: float) -> object:
        raise NotImplementedError

    def _io_done_event(self, now: float) -> object:
        raise NotImplementedError


class RateMeter:
    """A count's recent rate per second, from the samples taken with each progress event (about a second)."""

    def __init__(self, samples: int = 11) -> None:
        self._samples: deque[tuple[float, int]] = deque(maxlen=samples)

    def note(self, now: float, value: int) -> None:
        self._samples.append((now, value))

    def rate(self) -> float:
        if len(self._samples) < 2:
            return 0.0
        (first_time, first), (last_time, last) = self._samples[0], self._samples[-1]
        span = last_time - first_time
        return (last - first) / span if span > 0 else 0.0


def error_fields(error: NetError | None) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """``(code, template, params)`` of a Done event: empty when it did not fail."""
    if error is None:
        return "", "", ()
    return error.code, error.template, error.param_items()
