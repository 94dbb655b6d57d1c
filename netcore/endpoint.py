"""The life cycle every endpoint shares: start, stop (flushing first), events, flow control.

Thread rules:

* ``start()``, ``stop()``, ``wait_ready()``, ``running``, ``consumed()``,
  ``call_later()`` and the public ``send()``-style methods of subclasses may
  be called from any thread.  Arguments are checked on the caller's thread
  and a mistake raises :class:`NetError` there, with a plain message.
* Methods whose names start with ``_io_`` and the selector callbacks run only
  on the I/O thread.  They read the configuration frozen by ``start()``
  (``self._cfg``), never the public attributes a caller may change.
* Events go to ``events.put()``; the loop never waits for whoever reads them,
  so ``put()`` must not block (a ``queue.SimpleQueue`` or an unbounded
  ``queue.Queue``: a bounded one would stall the I/O thread when full).

Stopping: ``stop()`` refuses new commands, lets the I/O thread run the ones
already accepted, write out what is queued (for most of the stop timeout),
report in an ``Error`` event whatever could not be sent, close every socket
and post ``Stopped``.
"""

from __future__ import annotations

import math
import queue
import threading
import time
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from .arguments import check_limit
from .catalogue import COMMAND_FAILED, INTERNAL
from .errors import N_, NetError
from .events import Error, Notice, Started, Stopped
from .heap import keep_heap_warm
from .limits import STOP_FLUSH_SHARE, STOP_TIMEOUT
from .loop import IoLoop, TimerHandle, lookup_thread
from .peer import Peer
from .resolver import needs_lookup
from .sockops import SocketOps, Tracer

if TYPE_CHECKING:  # the rules module is loaded by whoever makes rules, not with every endpoint
    from .autoreply import AutoReply, Replier

ALREADY_RUNNING = N_("Already started: stop it first.")
NOT_RUNNING = N_("Not started yet: press Start listening, Connect or Open first.")
STOPPED_EARLY = N_("Stopped before it was ready.")
BAD_DELAY = N_("The delay must be a number of seconds from 0 to {limit}.")
BAD_CALLBACK = N_("The timer callback must be a function.")
BAD_STOP_TIMEOUT = N_("The stop timeout must be a number of seconds (0: do not wait).")
BAD_SIZE = N_("consumed() takes a whole number of bytes.")

T = TypeVar("T")
MAX_DELAY = 366 * 24 * 3600.0


class EventSink(Protocol):
    def put(self, item: Any, /) -> None: ...


class Lookup(Generic[T]):
    """The result of a name lookup run off the I/O thread: a value or a NetError."""

    __slots__ = ("value", "error")

    def __init__(self, value: T | None, error: NetError | None) -> None:
        self.value = value
        self.error = error


class Endpoint:
    """Base class: the I/O thread, the loop, start/stop, and receive flow control."""

    kind = "endpoint"

    def __init__(self, events: EventSink | None = None, *, name: str | None = None,
                 tracer: Tracer | None = None, max_unconsumed: int | None = None) -> None:
        self.events: EventSink = events if events is not None else queue.SimpleQueue()
        self.name = name or self.kind
        self.tracer = tracer
        #: Receive flow control (opt-in): see :meth:`consumed`.
        self.max_unconsumed = max_unconsumed
        self.local_addresses: tuple[Peer, ...] = ()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._loop: IoLoop | None = None
        self._ops = SocketOps(self.name, tracer)
        self._stopping = threading.Event()
        self._ready = threading.Event()
        self._start_error: NetError | None = None
        self._stop_reason = "stopped"
        self._flush_budget = STOP_TIMEOUT * STOP_FLUSH_SHARE
        self._run_id = 0
        self._cfg: Any = None
        self._unconsumed = 0
        self._reading_paused = False
        self._max_unconsumed: int | None = None
        self._flow_lock = threading.Lock()
        self.lookups: list[threading.Thread] = []  # name lookups in flight (tests join them)
        self._last_failure: tuple[str, float] | None = None
        #: Auto-reply rules (:mod:`netcore.autoreply`): see :meth:`set_auto_reply`.
        self.auto_reply: AutoReply | None = None
        self._replier: Replier | None = None  # the I/O thread's, built from auto_reply
        # what to tell when the endpoint stops (a periodic send, a file being sent): key -> callback
        self._stop_hooks: dict[object, Callable[[], None]] = {}

    # ----------------------------------------------------------- any thread
    @property
    def running(self) -> bool:
        """True from ``start()`` until the I/O thread has ended."""
        thread = self._thread
        return thread is not None and thread.is_alive()

    @property
    def unconsumed(self) -> int:
        """Bytes read and not yet :meth:`consumed` (with ``max_unconsumed`` set; else 0); any thread.

        Data in transit to the consumer: it sits in memory until taken, at most about
        ``max_unconsumed`` (benchmarks subtract it from the process's size).
        """
        return self._unconsumed

    @property
    def reading_paused(self) -> bool:
        """True while receive flow control holds reading back (for tests and status)."""
        return self._reading_paused

    def start(self) -> None:
        """Start the I/O thread; returns at once.

        Input that can be checked without the network (port, host syntax,
        options) is checked here and raises :class:`NetError`, as does a
        system out of file descriptors.  Anything found later (refused, port
        in use, host not found) arrives as an ``Error`` event followed by
        ``Stopped``; :meth:`wait_ready` raises it too.
        """
        with self._lock:
            if self.running:
                raise NetError("already_running", ALREADY_RUNNING)
            cfg = self._check_config()
            keep_heap_warm()  # once per process: reads reuse freed memory instead of faulting it in
            max_unconsumed = check_limit("max_unconsumed", self.max_unconsumed)
            loop = IoLoop(self._io_failure)  # NetError when out of descriptors; nothing leaks
            self._cfg = cfg
            self._max_unconsumed = max_unconsumed
            self._loop = loop
            self._ops = SocketOps(self.name, self.tracer)
            self._run_id += 1
            self._stopping.clear()
            self._ready.clear()
            self._start_error = None
            self._stop_reason = "stopped"
            self._flush_budget = STOP_TIMEOUT * STOP_FLUSH_SHARE
            self._unconsumed = 0
            self._reading_paused = False
            self._io_reset()
            self._io_use_auto_reply(self.auto_reply, fresh=True)  # (the thread does not run yet)
            thread = threading.Thread(target=self._run, name=f"netcore-{self.name}", daemon=True)
            self._thread = thread
            try:
                thread.start()
            except RuntimeError as exc:  # "can't start new thread": the system is out of threads
                self._thread = None
                self._loop = None
                loop.close()
                raise NetError("internal", INTERNAL, detail=str(exc)) from None

    def wait_ready(self, timeout: float = 10.0) -> tuple[Peer, ...]:
        """Block until started; return the local addresses or raise the start-up error."""
        if not self._ready.wait(timeout):
            raise TimeoutError(f"{self.name} did not start within {timeout} s")
        if self._start_error is not None:
            raise self._start_error
        return self.local_addresses

    def stop(self, timeout: float = STOP_TIMEOUT) -> bool:
        """Flush what was accepted, close every socket, end the I/O thread.

        Returns True if the thread ended within ``timeout`` (0: do not wait;
        the ``Stopped`` event tells when it is done).  Most of the timeout
        (``STOP_FLUSH_SHARE``; of ``STOP_TIMEOUT`` when not waiting) goes to
        writing out what ``send()`` accepted before; what could not be sent
        is reported in an ``Error`` event with its size.
        """
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or math.isnan(timeout):
            raise NetError("bad_timeout", BAD_STOP_TIMEOUT)
        thread = self._thread
        if thread is None:
            return True
        if not self._stopping.is_set():
            budget = timeout if timeout > 0 and math.isfinite(timeout) else STOP_TIMEOUT
            self._flush_budget = min(budget, STOP_TIMEOUT) * STOP_FLUSH_SHARE
            self._stopping.set()
        loop = self._loop
        if loop is not None:
            loop.wake()
        if thread is threading.current_thread() or timeout <= 0:
            return not thread.is_alive()
        thread.join(timeout if math.isfinite(timeout) else None)  # inf: until it has ended
        return not thread.is_alive()

    def consumed(self, size: int) -> None:
        """Tell the endpoint that ``size`` received bytes have been dealt with.

        Only for an endpoint with ``max_unconsumed`` set: it then stops reading
        from its sockets while more than that many received bytes wait for the
        consumer (TCP then slows the sender down; for UDP the system drops
        datagrams and the drops are counted), so a consumer that falls behind a
        flood keeps memory bounded.  It reads again once the consumer has caught
        up halfway.  Any thread.
        """
        if isinstance(size, bool) or not isinstance(size, int):
            raise NetError("bad_size", BAD_SIZE)
        limit = self._max_unconsumed
        if limit is None or size <= 0:
            return
        with self._flow_lock:
            self._unconsumed -= size
            resume = self._reading_paused and self._unconsumed <= limit // 2
            if resume:
                self._reading_paused = False
        if resume:
            self._call_threadsafe(self._io_resume_if_still_wanted)

    def set_auto_reply(self, rules: AutoReply | None) -> None:
        """Answer received messages by ``rules`` (None: stop auto-replying); any thread.

        Applies to the running endpoint at once (handed to the I/O thread, which
        alone reads the rules) and to every later start.  Replies go out on the
        I/O thread as messages arrive, without waiting for whoever reads the events.
        """
        with self._lock:
            self.auto_reply = rules
            self._call_threadsafe(lambda: self._io_use_auto_reply(rules), self._run_id)

    def call_later(self, delay: float, callback: Callable[[], None]) -> TimerHandle:
        """Run ``callback`` on the I/O thread after ``delay`` seconds; any thread.

        Returns a handle; ``handle.cancel()`` (any thread) stops it from running.
        A failing callback is reported as an ``Error`` event; the endpoint goes on.
        """
        if isinstance(delay, bool) or not isinstance(delay, (int, float)) or not 0 <= delay <= MAX_DELAY:
            raise NetError("bad_delay", BAD_DELAY, limit=int(MAX_DELAY))
        if not callable(callback):
            raise NetError("bad_callback", BAD_CALLBACK)
        loop = self._require_loop()
        handle = loop.new_handle(time.monotonic() + float(delay), callback)

        def arm() -> None:
            loop.schedule(handle)
        self._call_soon(arm)
        return handle

    def _require_loop(self) -> IoLoop:
        loop = self._loop
        if loop is None or not self.running or self._stopping.is_set():
            raise NetError("not_running", NOT_RUNNING)
        return loop

    def _call_soon(self, command: Callable[[], None]) -> None:
        """Run ``command`` on the I/O thread; NetError if the endpoint is not running."""
        if not self._require_loop().call_soon_threadsafe(command):
            raise NetError("not_running", NOT_RUNNING)

    def _call_threadsafe(self, command: Callable[[], None], run_id: int | None = None) -> None:
        """Like ``_call_soon`` but silent when stopped (late results are dropped)."""
        loop = self._loop
        if loop is None or not self.running or (run_id is not None and run_id != self._run_id):
            return
        loop.call_soon_threadsafe(command)

    # ------------------------------------------------------ subclass hooks
    def _check_config(self) -> Any:
        """Validate settings on the caller's thread; return them frozen; raise NetError."""
        return None

    def _io_reset(self) -> None:
        """Forget the state of a previous run (called by start(), before the thread runs)."""

    def _io_open(self) -> None:
        """Create, bind or connect sockets; call ``_io_started`` when ready."""
        raise NotImplementedError

    def _io_begin_stop(self) -> None:
        """Stop taking new work (accepting, reading); what is queued is written out next."""

    def _io_flushed(self) -> bool:
        """True when nothing is left to write (the stop may finish)."""
        return True

    def _io_close(self) -> None:
        """Report what was not sent and close every socket the subclass opened."""

    def _io_fault(self, fileobj: Any, err: NetError) -> bool:
        """A callback serving ``fileobj`` failed: close what it serves; True if handled."""
        return False

    def _io_use_auto_reply(self, rules: AutoReply | None, fresh: bool = False) -> None:
        """Answer by ``rules`` from now on (I/O thread; or ``start()`` before the thread runs, ``fresh``).

        A change keeps the loop guard's memory: editing the rules does not let a loop restart.
        """
        old = None if fresh or self._replier is None else self._replier.guard
        self._replier = None if rules is None else rules.replier(self._io_notice, old)
        self._io_receive_hooks_changed()

    def _io_receive_hooks_changed(self) -> None:
        """Auto-reply (or framing) was turned on or off: subclasses choose their receive path."""

    def _io_pause_reading(self) -> None:
        """Stop reading from the sockets (flow control); subclasses that can, do."""

    def _io_resume_reading(self) -> None:
        """Read again after :meth:`_io_pause_reading`."""

    # --------------------------------------------------------- I/O thread
    @property
    def _io_loop(self) -> IoLoop:
        loop = self._loop
        assert loop is not None
        return loop

    def _post(self, event: object) -> None:
        self.events.put(event)

    def _io_error(self, err: NetError, *, peer: Peer | None = None, fatal: bool = False,
                  conn: int = 0) -> None:
        self._post(Error(self.name, err.code, err.message, err.template, err.param_items(),
                         err.errno, peer, fatal, conn, time.monotonic()))

    def _io_notice(self, code: str, template: str, params: dict[str, str]) -> None:
        """Tell the user something that is not a failure (a ``Notice`` event)."""
        self._post(Notice(self.name, code, template.format(**params), template, tuple(sorted(params.items())),
                          time.monotonic()))

    def _io_started(self, local: tuple[Peer, ...], remote: Peer | None = None) -> None:
        self.local_addresses = local
        self._post(Started(self.name, local, remote, time.monotonic()))
        self._ready.set()

    def _io_fail(self, err: NetError) -> None:
        """Give up: report ``err`` and stop the loop."""
        if not self._ready.is_set():
            self._start_error = err
        self._io_error(err, fatal=True)
        self._io_request_stop(err.code)

    def _io_request_stop(self, reason: str) -> None:
        """End the endpoint from the I/O thread (the peer closed, a fatal error)."""
        self._stop_reason = reason
        self._stopping.set()

    def _io_failure(self, what: str, exc: BaseException, fileobj: Any) -> None:
        """A command, timer or callback raised: report it; the endpoint goes on."""
        if isinstance(exc, NetError):
            err = exc
        else:
            frame = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
            where = f" ({frame[0].name}:{frame[0].lineno})" if frame else ""
            err = NetError("internal", COMMAND_FAILED, detail=f"{type(exc).__name__}: {exc}{where} in {what}")
        if fileobj is not None and self._io_fault(fileobj, err):
            return
        # a socket that stays readable fails again on every turn of the loop: say that once a
        # second (commands and timers are the caller's own, finite, and each is reported)
        now = time.monotonic()
        if what == "io":
            if self._last_failure is not None and self._last_failure[0] == err.message \
                    and now - self._last_failure[1] < 1.0:
                return
            self._last_failure = (err.message, now)
        self._io_error(err)

    def _io_on_stop(self, key: object, callback: Callable[[], None] | None) -> None:
        """Call ``callback`` once when the endpoint stops (None: forget ``key``'s); I/O thread only.

        For work that runs on the I/O thread beside the endpoint (netcore.send_job): it ends
        before what is queued is flushed, and says so, however the endpoint stops.
        """
        if callback is None:
            self._stop_hooks.pop(key, None)
        else:
            self._stop_hooks[key] = callback

    def _io_run_stop_hooks(self) -> None:
        hooks, self._stop_hooks = self._stop_hooks, {}
        for callback in hooks.values():
            try:
                callback()
            except Exception as exc:  # one job's bug must not keep the endpoint from closing
                self._io_failure("command", exc, None)

    def _io_counted(self, size: int) -> None:
        """Count ``size`` bytes just read for the consumer (posted, or held a moment to be posted with
        a flood's next ones); pause reading when the consumer is too far behind."""
        limit = self._max_unconsumed
        if limit is None:
            return
        with self._flow_lock:
            self._unconsumed += size
            pause = not self._reading_paused and self._unconsumed > limit
            if pause:
                self._reading_paused = True
        if pause:
            self._io_pause_reading()

    def _io_resume_if_still_wanted(self) -> None:
        with self._flow_lock:
            paused = self._reading_paused  # it may have paused again since the consumer asked
        if not paused:
            self._io_resume_reading()

    def _io_lookup(self, work: Callable[[], T], then: Callable[[Lookup[T]], None]) -> None:
        """Run ``work`` (which may block on DNS) off the I/O thread; ``then`` gets its result here.

        ``then`` is not called when the endpoint was stopped meanwhile.
        """
        run_id = self._run_id

        def done(result: Lookup[T]) -> None:
            if not self._stopping.is_set():
                then(result)

        def lookup() -> None:
            try:
                result: Lookup[T] = Lookup(work(), None)
            except NetError as err:
                result = Lookup(None, err)
            except Exception as exc:  # a resolver bug must still end the wait
                result = Lookup(None, NetError("internal", INTERNAL, detail=f"{type(exc).__name__}: {exc}"))
            self._call_threadsafe(lambda: done(result), run_id)

        self.lookups = [t for t in self.lookups if t.is_alive()]
        self.lookups.append(lookup_thread(f"netcore-{self.name}-lookup", lookup))

    def _io_resolve_then(self, host: str, lookup: Callable[[], T], then: Callable[[T], None]) -> None:
        """Look ``host`` up and hand the answer to ``then``, on the I/O thread.

        An IP literal is answered at once; a name is looked up off the I/O
        thread (see :meth:`_io_lookup`).  A NetError from the lookup or from
        ``then`` (binding, connecting) ends the endpoint with its plain message.
        """
        if not needs_lookup(host):
            then(lookup())  # a NetError here reaches _run, which reports it
            return

        def done(result: Lookup[T]) -> None:
            try:
                if result.error is not None:
                    raise result.error
                assert result.value is not None
                then(result.value)
            except NetError as err:
                self._io_fail(err)
            except Exception as exc:  # a bug while binding or connecting: still fail plainly, not hang
                self._io_fail(NetError("internal", INTERNAL, detail=f"{type(exc).__name__}: {exc}"))

        self._io_lookup(lookup, done)

    def _run(self) -> None:
        loop = self._io_loop
        stopping = self._stopping.is_set
        try:
            try:
                self._io_open()
            except NetError as open_error:
                self._io_fail(open_error)
            # the tracer's summaries are flushed after each turn; without one there is nothing to do
            flush_trace = self._ops.flush if self._ops.tracer is not None else None
            trace_due: float | None = None  # when the tracer's summary is due: wake up for it
            while not stopping():
                timeout = loop.timeout()
                if trace_due is not None:
                    wait = max(0.0, trace_due - time.monotonic())
                    timeout = wait if timeout is None else min(timeout, wait)
                loop.run_once(timeout, stopping)
                if flush_trace is not None:
                    trace_due = flush_trace()
            self._io_stop_gracefully(loop)
        except Exception as exc:  # the loop itself broke: report it, close everything
            self._stop_reason = "internal"
            err = NetError("internal", INTERNAL, detail=f"{type(exc).__name__}: {exc}")
            if not self._ready.is_set():
                self._start_error = err
            self._io_error(err, fatal=True)
        finally:
            try:
                self._io_run_stop_hooks()  # (a loop that broke skipped the graceful stop)
                self._io_close()
            finally:
                for fileobj in loop.registered():
                    self._ops.close(fileobj)
                self._ops.flush(force=True)
                loop.close()
                if not self._ready.is_set() and self._start_error is None:
                    # stopped before it was ready: wait_ready() must not pretend it started
                    self._start_error = NetError("not_running", STOPPED_EARLY)
                self._ready.set()
                self._post(Stopped(self.name, self._stop_reason, time.monotonic()))

    def _io_stop_gracefully(self, loop: IoLoop) -> None:
        """Run the accepted commands, then write out what is queued, for the flush budget."""
        deadline = time.monotonic() + self._flush_budget
        loop.close_gate()  # from here on send() says "not running"; what it accepted before runs now
        loop.run_commands()
        self._io_run_stop_hooks()  # a periodic send or a file ends here: nothing new is queued to flush
        self._io_begin_stop()
        loop.run_commands()
        while not self._io_flushed():
            left = deadline - time.monotonic()
            if left <= 0:
                break
            loop.run_once(min(left, 0.05), lambda: False)
            loop.run_commands()

