"""What every role shares: one endpoint, one queue, one loop on the main thread, and how it ends.

The endpoint's I/O thread posts netcore events on :attr:`Session.events`; the
input thread (:mod:`cli.sources`) posts :class:`~cli.sources.Ended` and, with
--show, :class:`~cli.sources.Outgoing`; the signal handlers post
:class:`Interrupted`.  The main thread takes them one at a time and is the only
one that writes to stdout and stderr.  A role (cli/roles_*.py) says what its
endpoint is and what each event means for it, through the ``on_*`` hooks.

Received data is counted back to the endpoint once written
(``max_unconsumed``/``consumed()``): a reader slower than the network holds
the sender back through TCP's flow control instead of filling memory.
"""

from __future__ import annotations

import queue
import signal
import time
from types import FrameType
from typing import Any

from netcore import (
    ConnectionState,
    DatagramsDropped,
    DatagramsReceived,
    DataReceived,
    DataSent,
    Error,
    NetError,
    Notice,
    OptionsApplied,
    PeerConnected,
    PeerDisconnected,
    SocketCall,
    Started,
    Stopped,
    describe,
    is_wildcard,
)
from netcore.event_words import DISCONNECT_REASONS, DISCONNECTED, EXPOSED, PEER_FINISHED, WE_FINISHED
from netcore.events import HALF_CLOSED, PEER_HALF_CLOSED
from netcore.values import Value

from . import exits
from .config import RunConfig
from .output import Output
from .sources import Ended, Outgoing
from .words import N_, error_text, tr, trf, trn

#: Received bytes that may wait for stdout before the endpoint stops reading (then TCP slows the sender).
UNCONSUMED_LIMIT = 8 * 1024 * 1024
#: The longest the loop sleeps without looking at its deadlines (seconds).
TICK = 0.5

DROPPED = (N_("The operating system dropped {count} datagram: it arrived faster than datagrams "
              "were read ({total} dropped since start)."),
           N_("The operating system dropped {count} datagrams: they arrived faster than they "
              "were read ({total} dropped since start)."))


class Interrupted(Value):
    """Ctrl+C (130) or SIGTERM (143): end now, quietly, closing the connection properly."""

    code: int


class Session:
    """One run of a role.  Subclasses set ``transport`` and the hooks; :meth:`run` returns the exit code."""

    transport = "tcp"

    def __init__(self, cfg: RunConfig, out: Output) -> None:
        self.cfg = cfg
        self.out = out
        self.events: queue.SimpleQueue[object] = queue.SimpleQueue()
        self.endpoint: Any = None
        #: Set to end the loop with this exit code.
        self.code: int | None = None
        #: The exit code of the failure that ended (or will end) the run, if any.
        self.failure: int | None = None
        self.received = 0
        self.last_activity = time.monotonic()
        self.idle_clock = False  # --timeout counts from the start (servers) or the connection (clients)
        self.input_done = False
        self._explained: set[str] = set()

    # ------------------------------------------------------------- the loop
    def run(self) -> int:
        self.endpoint = self.make_endpoint()
        try:
            self.endpoint.start()
        except NetError as err:  # checked on this thread: bad input (already checked) or out of descriptors
            self.out.error(error_text(err, self.transport, lesson=True))
            return exits.for_error(err.code)
        previous = self._install_signals()
        try:
            while self.code is None:
                try:
                    item = self.events.get(timeout=self._wait_time())
                except queue.Empty:
                    item = None
                if item is not None:
                    self.dispatch(item)
                self._check_time()
        finally:
            self.endpoint.stop()
            self._drain()
            self._restore_signals(previous)
        return self.code

    def finish(self, code: int) -> None:
        """End the run with ``code`` (the first call decides)."""
        if self.code is None:
            self.code = code

    def _drain(self) -> None:
        """After stop(): what arrived in the meantime still goes to stdout; the rest is told."""
        while True:
            try:
                item = self.events.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, (DataReceived, DatagramsReceived, SocketCall, Error)):
                self.dispatch(item)

    def _wait_time(self) -> float:
        deadline = self._deadline()
        if deadline is None:
            return TICK
        return min(TICK, max(0.0, deadline - time.monotonic()))

    def _deadline(self) -> float | None:
        limit = self.idle_limit()
        if limit is None or not self.idle_clock:
            return None
        return self.last_activity + limit

    def _check_time(self) -> None:
        deadline = self._deadline()
        if deadline is not None and self.code is None and time.monotonic() >= deadline:
            self.on_idle()

    # ------------------------------------------------------------- events
    def dispatch(self, item: object) -> None:
        """One item from the queue; one branch per kind, in one place (main thread)."""
        kind = type(item)
        if kind is DataReceived:
            assert isinstance(item, DataReceived)
            self.take(item.data, describe(item.peer), (item.peer, item.conn), item.time)
            self.on_data(item)
        elif kind is DatagramsReceived:
            assert isinstance(item, DatagramsReceived)
            for peer, data in item:
                self.take(data, describe(peer), peer, item.time, count=False)
            self.endpoint.consumed(sum(map(len, item.payloads)))
            self.on_datagrams(item)
        elif kind is DataSent:
            self.last_activity = time.monotonic()
        elif kind is SocketCall:
            assert isinstance(item, SocketCall)
            self.out.trace(item)
        elif kind is Outgoing:
            assert isinstance(item, Outgoing)
            self.out.message("→", item.peer, item.data, ("→", item.peer))
        elif kind is Started:
            assert isinstance(item, Started)
            self.on_started(item)
        elif kind is PeerConnected:
            assert isinstance(item, PeerConnected)
            self.out.info(trf(N_("{peer} connected."), peer=describe(item.peer)), item.time)
            self.on_connected(item)
        elif kind is PeerDisconnected:
            assert isinstance(item, PeerDisconnected)
            self.out.forget((item.peer, item.conn))
            self.out.info(trf(DISCONNECT_REASONS.get(item.reason, DISCONNECTED), peer=describe(item.peer)),
                          item.time)
            self.on_disconnected(item)
        elif kind is ConnectionState:
            assert isinstance(item, ConnectionState)
            if item.state == PEER_HALF_CLOSED:
                self.out.info(trf(PEER_FINISHED, peer=describe(item.peer)), item.time)
            elif item.state == HALF_CLOSED:
                self.out.info(trf(WE_FINISHED, peer=describe(item.peer)), item.time)
            self.on_state(item)
        elif kind is Error:
            assert isinstance(item, Error)
            self.on_error(item)
        elif kind is Notice:
            assert isinstance(item, Notice)
            self.out.info(item.translated(tr), item.time)
        elif kind is OptionsApplied:
            assert isinstance(item, OptionsApplied)
            values = ", ".join(f"{name}={value}" for name, value in item.values)
            where = describe(item.local) if item.local is not None else ""
            self.out.info(f"{where}  {values}".strip(), item.time)
        elif kind is DatagramsDropped:
            assert isinstance(item, DatagramsDropped)
            self.out.error(trn(*DROPPED, item.count, total=f"{item.total:,}"))
        elif kind is Stopped:
            self.on_stopped()
        elif kind is Ended:
            self.input_done = True
            self.last_activity = time.monotonic()
            self.on_input_end()
        elif isinstance(item, NetError):
            self.on_input_error(item)
        elif kind is Interrupted:
            assert isinstance(item, Interrupted)
            self.finish(item.code)

    def take(self, data: bytes, peer: str, stream: object, when: float, *, count: bool = True) -> None:
        """Received ``data``: to stdout, to --show, counted."""
        self.received += len(data)
        self.last_activity = time.monotonic()
        self.out.message("←", peer, data, stream, when)
        if not self.out.data(data):
            self.finish(exits.OK)  # stdout's reader has gone (| head): nothing more to deliver
        if count:
            self.endpoint.consumed(len(data))

    def report(self, error: Error | NetError) -> None:
        """Print ``error`` as the window says it; its lesson the first time its kind comes up."""
        from netcore.explain import explain  # errors only: the lessons are not needed to start

        found = explain(error.code, error.errno, dict(error.params), transport=self.transport)
        lesson = found is not None and found.key not in self._explained
        if found is not None:
            self._explained.add(found.key)
        self.out.error(error_text(error, self.transport, lesson=lesson))

    # ------------------------------------------------------------- hooks
    def make_endpoint(self) -> Any:
        raise NotImplementedError

    def tracer(self) -> Any:
        """With --trace, netcore's tracer posting each socket call on the session's queue; else None."""
        if not self.cfg.trace:
            return None
        from netcore.tracer import EventTracer

        return EventTracer(self.events)

    def idle_limit(self) -> float | None:
        """Seconds without traffic after which :meth:`on_idle` runs; None: never."""
        return self.cfg.timeout

    def on_idle(self) -> None:
        """--timeout passed with nothing received or sent: exit 4 if nothing came at all, else 0."""
        if self.received:
            self.finish(exits.OK)
            return
        self.out.error(self.timeout_text())
        self.finish(exits.TIMEOUT)

    def timeout_text(self) -> str:
        return trf(N_("Nothing arrived within {seconds} s."), seconds=f"{self.cfg.timeout:g}")

    def on_started(self, event: Started) -> None:
        self.idle_clock = True
        self.last_activity = time.monotonic()

    def say_listening(self, template: str, event: Started) -> None:
        """A server's first line: where it listens (the port 0 chose), and the window's warning when
        every network can reach it."""
        self.out.say(trf(template, address=", ".join(describe(p) for p in event.local)))
        if not self.cfg.unix and is_wildcard(self.cfg.host):
            self.out.say(trf(EXPOSED, host=self.cfg.host))

    def on_data(self, event: DataReceived) -> None:
        """After the bytes went to stdout: answer, if the role does."""

    def on_datagrams(self, event: DatagramsReceived) -> None:
        """After the datagrams went to stdout: answer, if the role does."""

    def on_connected(self, event: PeerConnected) -> None:
        pass

    def on_disconnected(self, event: PeerDisconnected) -> None:
        pass

    def on_state(self, event: ConnectionState) -> None:
        pass

    def on_error(self, event: Error) -> None:
        self.report(event)
        if event.fatal and self.failure is None:
            self.failure = exits.for_error(event.code)

    def on_stopped(self) -> None:
        """The endpoint ended by itself (a fatal error, or a client whose connection is done)."""
        self.finish(self.failure if self.failure is not None else exits.OK)

    def on_input_end(self) -> None:
        """stdin (or the --send message, all --count of it) is done."""

    def on_input_error(self, error: NetError) -> None:
        """A send from the input failed on its own thread (bad hex on a line, a full buffer)."""
        if error.code != "not_running":  # the endpoint stopped meanwhile: said by its own events
            self.report(error)

    # ------------------------------------------------------------- signals
    def _install_signals(self) -> dict[int, Any]:
        previous: dict[int, Any] = {}

        def handler(signum: int, _frame: FrameType | None) -> None:
            if self.code is not None or getattr(handler, "seen", False):
                raise KeyboardInterrupt  # a second Ctrl+C: do not wait for the graceful stop
            handler.seen = True  # type: ignore[attr-defined]
            code = exits.TERMINATED if signum == signal.SIGTERM else exits.INTERRUPTED
            self.events.put(Interrupted(code))  # SimpleQueue.put may be called from a signal handler

        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, handler)
        return previous

    @staticmethod
    def _restore_signals(previous: dict[int, Any]) -> None:
        for signum, old in previous.items():
            signal.signal(signum, old)
