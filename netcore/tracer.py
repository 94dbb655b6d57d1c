"""The tracer that turns an endpoint's socket calls into :class:`~netcore.events.SocketCall` events.

:class:`~netcore.sockops.SocketOps` reports every call it makes to a tracer
(``call(source, sock, func, args, result, errno, size)``); :class:`EventTracer`
writes each one as a line of Python and posts it, in order.  A flood must cost
a few events per second, not one per call, so it counts the calls of each
interval: past ``budget`` calls in one interval it stops posting lines and adds
the calls up instead, one :class:`_Run` per kind of call (the socket's base name
— ``conn`` for ``conn1``, ``conn2``... —, the method, the outcome), and posts the
runs as summary lines at the end of each interval
(``conn1.recv(…)`` ×4,812 → ``312,000,000 bytes in all``).  When an interval passes
with no more than ``budget`` calls, it posts every call again.  So a chat, a
start or a stop is traced exactly, call by call, and a flood costs at most
``budget`` lines plus one line per kind of call per interval.

While it summarises, the hot calls that succeed (``recv``, ``send``,
``recvfrom``, ``sendto``) are not even reported: their wrappers in SocketOps add
them to a :class:`Tally` (two additions), and the tracer adds the tallies to its
runs when it needs them.  A call that fails, and an end of file, always go
through :meth:`EventTracer.call`, so the order of what matters is kept.
"""

from __future__ import annotations

import time
from typing import Any

from .events import SocketCall

#: How often a summary is posted during a flood (seconds), and how many calls an interval may
#: post one by one before the tracer summarises (5 intervals a second: 200 lines a second at most).
INTERVAL = 0.2
BUDGET = 40
#: Kinds of call added up at once; more (not seen in practice: a kind is a socket base name,
#: a method and an outcome) post what is counted so far, so memory stays bounded.
MAX_RUNS = 64
#: What stands for the parts of a summary that differed between its calls.
VARIES = "…"
#: Calls whose arguments are data or sizes: a summary shows them as ``(…)``, never one call's.
_DATA_CALLS = frozenset(("recv", "send", "recvfrom", "sendto", "sendall"))


def call_text(sock: str, func: str, args: str, result: str, errno: int | None) -> tuple[str, str]:
    """The line of Python for one reported call, and the result to show after it.

    ``socket()`` is reported as ``func`` "=" (``s = socket(AF_INET, SOCK_STREAM)``);
    a successful ``accept`` as ``(conn1, addr)`` and written as the assignment
    it is: ``conn1, addr = s.accept()`` → ``('127.0.0.1', 51234)``.
    """
    if func == "=":
        return f"{sock} = {args}", result
    if func == "accept" and errno is None and result.startswith("(") and ", " in result:
        conn, addr = result[1:-1].split(", ", 1)
        return f"{conn}, addr = {sock}.accept()", addr
    return f"{sock}.{func}({args})", result


def base_name(sock: str) -> str:
    """``conn12`` → ``conn``: the calls of many connections add up to one run."""
    return sock.rstrip("0123456789") or sock


class _Run:
    """The calls of one kind (socket base name, method, outcome) added up during an interval."""

    __slots__ = ("source", "sock", "func", "args", "result", "errno", "count", "size")

    def __init__(self, source: str, sock: str, func: str, args: str, result: str, errno: int | None,
                 size: int, count: int = 1) -> None:
        self.source = source
        self.sock = sock
        self.func = func
        self.args = args
        self.result = result
        self.errno = errno
        self.count = count
        self.size = size

    def add(self, sock: str, args: str, result: str, size: int, count: int = 1) -> None:
        self.count += count
        self.size += size
        if sock != self.sock and not self.sock.endswith("*"):
            self.sock = base_name(sock) + "*"
        if args != self.args:
            self.args = VARIES
        if result != self.result:
            self.result = VARIES

    def event(self, now: float) -> SocketCall:
        func = "socket" if self.func == "=" else self.func
        if self.count == 1:  # one call: its own line, as if it had not been summarised
            text, result = call_text(self.sock, self.func, self.args, self.result, self.errno)
            return SocketCall(self.source, text, result, self.errno, 1, self.size, now, self.sock, func)
        if self.func == "=":
            text = f"{self.sock} = socket(…)"
        elif self.func == "accept" and self.errno is None:
            text = f"conn*, addr = {self.sock}.accept()"  # SocketOps names what accept returns connN
        else:
            text = f"{self.sock}.{self.func}({VARIES if self.func in _DATA_CALLS else self.args})"
        if self.size:
            result = f"{self.size:,} bytes in all"
        elif self.func == "accept" and self.errno is None:
            result = VARIES
        else:
            result = self.result
        return SocketCall(self.source, text, result, self.errno, self.count, self.size, now, self.sock, func)


class Flood:
    """Shared by a tracer and its hot-call wrappers: ``on`` while it summarises, and the
    :class:`Tally` objects counted since they were last added to the runs."""

    __slots__ = ("on", "dirty")

    def __init__(self) -> None:
        self.on = False
        self.dirty: list[Tally] = []


class Tally:
    """The successful calls of one hot method on one socket, counted by its wrapper during a flood.

    The wrapper (``SocketOps.recv_fn``...) does only this per call while
    ``flood.on``: ``if not tally.count: flood.dirty.append(tally)``, then adds
    1 and the size — no clock, no formatting, no dict — and the tracer adds the
    dirty tallies to its runs before it posts them or takes another call.
    """

    __slots__ = ("source", "sock", "func", "errno", "count", "size")

    def __init__(self, source: str, sock: str, func: str, errno: int | None = None) -> None:
        self.source = source
        self.sock = sock
        self.func = func
        self.errno = errno  # None: the calls succeeded; EAGAIN: they would have blocked
        self.count = 0
        self.size = 0


def _tallied_result(func: str, size: int) -> str:
    """The result of one counted call, written as :func:`SocketOps` would have reported it."""
    if func == "recv":
        return f"{size:,} bytes"
    if func == "recvfrom":
        return f"({size:,} bytes, {VARIES})"
    return str(size)


class EventTracer:
    """A tracer that posts :class:`SocketCall` events on ``sink`` (anything with ``put``).

    Used on one endpoint's I/O thread only (the endpoint calls :meth:`call` for
    each socket call and :meth:`flush` after each turn of its loop).  See the
    module's docstring for how a flood is summarised.
    """

    def __init__(self, sink: Any, interval: float = INTERVAL, budget: int = BUDGET) -> None:
        self.sink = sink
        self.interval = interval
        self.budget = budget
        self._runs: dict[tuple[str, str, int | None, bool, str], _Run] = {}
        self._calls = 0  # calls in this interval
        self.flood = Flood()
        self._interval_end = time.monotonic() + interval

    def call(self, source: str, sock: str, func: str, args: str, result: str,
             errno: int | None, size: int) -> None:
        now = time.monotonic()
        if now >= self._interval_end:
            self._next_interval(now)
        self._calls += 1
        flood = self.flood
        if not flood.on:
            if self._calls <= self.budget:
                text, shown = call_text(sock, func, args, result, errno)
                self.sink.put(SocketCall(source, text, shown, errno, 1, size, now, sock,
                                         "socket" if func == "=" else func))
                return
            flood.on = True
        if flood.dirty:  # what the wrappers counted came before this call
            self._add_tallies()
        self._add(source, sock, func, args, result, errno, size)

    def _add(self, source: str, sock: str, func: str, args: str, result: str, errno: int | None,
             size: int, count: int = 1) -> None:
        # an end of file (recv → b'') is not added to the data before it: it ends the connection; a send
        # the impairment lab changed (its result a "# ..." comment) is added up apart from real ones
        key = (base_name(sock), func, errno, func == "recv" and not size and errno is None,
               result if result.startswith("# ") else "")
        run = self._runs.get(key)
        if run is not None:
            run.add(sock, args, result, size, count)
            return
        if len(self._runs) >= MAX_RUNS:
            self._post_runs(time.monotonic())
        self._runs[key] = _Run(source, sock, func, args, result, errno, size, count)

    def _add_tallies(self) -> None:
        dirty = self.flood.dirty[:]  # the same list object: the wrappers hold its append
        self.flood.dirty.clear()
        for tally in dirty:
            count, size = tally.count, tally.size
            tally.count = tally.size = 0
            self._calls += count
            result = (f"BlockingIOError [Errno {tally.errno}]" if tally.errno
                      else _tallied_result(tally.func, size))
            self._add(tally.source, tally.sock, tally.func, VARIES, result, tally.errno, size, count)

    def counter(self, source: str, sock: str, func: str, errno: int | None = None) -> tuple[Tally, Flood]:
        """What a hot-call wrapper counts into during a flood (see :class:`Tally`); I/O thread."""
        return Tally(source, sock, func, errno), self.flood

    def flush(self, force: bool = False) -> float | None:
        """Post the summaries when the interval is over (or at once with ``force``).

        Returns when the tracer wants to be flushed next (``time.monotonic()``),
        so an idle endpoint still posts a flood's last summary on time; None if
        nothing waits.
        """
        now = time.monotonic()
        if force:
            self._post_runs(now)
        elif now >= self._interval_end:
            self._next_interval(now)
        return self._interval_end if self._runs or self.flood.on else None

    def _next_interval(self, now: float) -> None:
        self._post_runs(now)
        # a quiet interval ends a flood: from now on every call is posted again
        self.flood.on = self.flood.on and self._calls > self.budget
        self._calls = 0
        self._interval_end = now + self.interval

    def _post_runs(self, now: float) -> None:
        if self.flood.dirty:
            self._add_tallies()
        runs, self._runs = self._runs, {}
        for run in runs.values():
            self.sink.put(run.event(now))
