"""The I/O loop every endpoint runs on: a selector, a wake-up pipe, commands and timers.

One thread owns the loop and every socket registered with it.  Other threads
never touch those sockets: they append a command to a deque and write a byte
to a ``socketpair`` to wake the loop (closing a socket from another thread
would not wake a blocked ``select`` on Linux).  Timers live in a heap, as in
asyncio's ``base_events``: :meth:`IoLoop.call_later` returns a handle whose
``cancel()`` any thread may call.

A failing command, timer or selector callback is reported through
``on_failure`` and the loop goes on (asyncio's ``call_exception_handler``);
only a failure of the loop itself (``select()`` breaking) ends it.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import math
import selectors
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from .catalogue import TOO_MANY_FILES
from .errors import NetError
from .os_errors import from_os_error

Callback = Callable[[], None]
# a selector callback: (file object, event mask)
IoCallback = Callable[[Any, int], None]


class TimerHandle:
    """A callback due at ``when`` (``time.monotonic()``); ``cancel()`` from any thread."""

    __slots__ = ("when", "callback", "cancelled", "_seq")

    def __init__(self, when: float, callback: Callback, seq: int) -> None:
        self.when = when
        self.callback = callback
        self.cancelled = False
        self._seq = seq

    def cancel(self) -> None:
        self.cancelled = True

    def __lt__(self, other: TimerHandle) -> bool:
        return (self.when, self._seq) < (other.when, other._seq)


def _new_selector() -> selectors.BaseSelector:
    if hasattr(selectors, "EpollSelector") and issubclass(selectors.DefaultSelector, selectors.EpollSelector):
        lean = LeanEpollSelector()
        if hasattr(lean, "_fd_to_key") and hasattr(lean, "_selector"):  # the internals it reads
            return lean
        lean.close()
    return selectors.DefaultSelector()


if hasattr(selectors, "EpollSelector"):
    import select as _select

    _READ, _WRITE = selectors.EVENT_READ, selectors.EVENT_WRITE
    _EPOLLIN = _select.EPOLLIN
    _EPOLLOUT = _select.EPOLLOUT

    class LeanEpollSelector(selectors.EpollSelector):
        """``EpollSelector`` whose ``select()`` does less Python per ready socket.

        The same results as the standard one (3.11's, which calls a method with
        a ``try`` for every key); the loop runs this once per turn, and an echo
        turns the loop once per message.
        """

        def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
            fd_to_key = self._fd_to_key  # type: ignore[attr-defined]
            found = []
            for fd, event in self._poll(timeout):
                key = fd_to_key.get(fd)
                if key is not None:
                    mask = (_WRITE if event & ~_EPOLLIN else 0) | (_READ if event & ~_EPOLLOUT else 0)
                    found.append((key, mask & key.events))
            return found

        def _poll(self, timeout: float | None) -> list[tuple[int, int]]:
            """epoll's (fd, events) ready within ``timeout`` seconds (None: no limit)."""
            if timeout is None:
                wait = -1.0
            elif timeout <= 0:
                wait = 0.0
            else:  # epoll_wait() counts in whole milliseconds: round up, or it spins
                wait = math.ceil(timeout * 1e3) * 1e-3
            try:
                ready: list[tuple[int, int]] = self._selector.poll(  # type: ignore[attr-defined]
                    wait, max(len(self._fd_to_key), 1))  # type: ignore[attr-defined]
            except InterruptedError:
                return []
            return ready

        def serve(self, timeout: float | None, stop: Callable[[], bool],
                  on_failure: Callable[[str, BaseException, Any], None]) -> None:
            """``select(timeout)`` and call each ready key's ``data(fileobj, mask)``, without the list
            of keys in between: an echo turns the loop once per message, and the round trip waits
            for this (0.35-0.5 µs less per turn here, a tenth of the Python before the echo's
            ``send``).  Each key is looked up as it is when its turn comes: one an earlier callback
            of the same turn unregistered is not called.  Stops calling when ``stop()``; a failing
            callback goes to ``on_failure`` (as ``IoLoop.run_once``)."""
            fd_to_key = self._fd_to_key  # type: ignore[attr-defined]
            for fd, event in self._poll(timeout):
                key = fd_to_key.get(fd)
                if key is None:
                    continue
                if stop():
                    break
                try:
                    key.data(key.fileobj,
                             ((_WRITE if event & ~_EPOLLIN else 0) | (_READ if event & ~_EPOLLOUT else 0))
                             & key.events)
                except Exception as exc:  # one connection's failure is that connection's only
                    on_failure("io", exc, key.fileobj)


class IoLoop:
    """A selector loop with a thread-safe command queue and a timer heap.

    Made and closed by its owner; ``run_once`` runs on the I/O thread only;
    ``call_soon_threadsafe``, ``wake`` and ``TimerHandle.cancel`` on any thread.
    """

    def __init__(self, on_failure: Callable[[str, BaseException, Any], None]) -> None:
        """``on_failure(what, exc, context)`` is told of each failing callback (on the I/O thread).

        Raises NetError (too many open files...) with nothing left open.
        """
        self._on_failure = on_failure
        self._commands: deque[Callback] = deque()
        # a command is queued, or refused, atomically with the stop closing the gate: none
        # can slip in after the last drain and be lost without a word
        self._gate = threading.Lock()
        self._accepting = True
        self._timers: list[TimerHandle] = []
        self._seq = itertools.count()
        selector: selectors.BaseSelector | None = None
        wake_r = wake_w = None
        try:
            selector = _new_selector()
            wake_r, wake_w = socket.socketpair()
            wake_r.setblocking(False)
            wake_w.setblocking(False)
            selector.register(wake_r, selectors.EVENT_READ, self._on_wake)
        except OSError as exc:
            for thing in (selector, wake_r, wake_w):
                if thing is not None:
                    with contextlib.suppress(OSError):
                        thing.close()
            err = from_os_error(exc, action="listen", host="", port=None)
            if err.code == "os_error":
                err = NetError("too_many_files", TOO_MANY_FILES, errno=exc.errno)
            raise err from None
        self.selector: selectors.BaseSelector = selector
        self._serve: Callable[[float | None, Callable[[], bool], Callable[[str, BaseException, Any], None]],
                              None] | None = getattr(selector, "serve", None)
        self._wake_r: socket.socket = wake_r
        self._wake_w: socket.socket | None = wake_w

    # ----------------------------------------------------------- any thread
    def call_soon_threadsafe(self, command: Callback) -> bool:
        """Queue ``command`` for the I/O thread; False once the loop takes no more (it is stopping)."""
        with self._gate:
            if not self._accepting:
                return False
            self._commands.append(command)
        self.wake()
        return True

    def close_gate(self) -> None:
        """Take no more commands: what was queued before is still run (I/O thread, when stopping)."""
        with self._gate:
            self._accepting = False

    def wake(self) -> None:
        wake_w = self._wake_w
        if wake_w is None:
            return
        # a full pipe means the loop is already awake; a closed one, already stopped
        with contextlib.suppress(OSError):
            wake_w.send(b"\0")

    # ----------------------------------------------------------- I/O thread
    def call_at(self, when: float, callback: Callback) -> TimerHandle:
        """Run ``callback`` on the I/O thread at ``when``; I/O thread only."""
        if not math.isfinite(when):
            raise ValueError("timer deadline must be finite")
        return self.schedule(self.new_handle(when, callback))

    def new_handle(self, when: float, callback: Callback) -> TimerHandle:
        """A timer not yet scheduled; any thread (``schedule`` it on the I/O thread)."""
        return TimerHandle(when, callback, next(self._seq))

    def schedule(self, handle: TimerHandle) -> TimerHandle:
        """Put ``handle`` in the heap; I/O thread only."""
        heapq.heappush(self._timers, handle)
        return handle

    def call_later(self, delay: float, callback: Callback) -> TimerHandle:
        return self.call_at(time.monotonic() + max(0.0, delay), callback)

    def timeout(self, limit: float | None = None) -> float | None:
        """Seconds until the next timer is due (None: none), capped at ``limit``."""
        timers = self._timers
        while timers and timers[0].cancelled:
            heapq.heappop(timers)
        if self._commands:
            return 0.0
        if not timers:
            return limit
        wait = max(0.0, timers[0].when - time.monotonic())
        return wait if limit is None else min(wait, limit)

    def run_once(self, timeout: float | None, stop: Callable[[], bool]) -> None:
        """Wait up to ``timeout`` for sockets, serve them, then run the timers that are due."""
        serve = self._serve
        if serve is not None:  # LeanEpollSelector: the same, with less Python per turn
            serve(timeout, stop, self._on_failure)
            if self._timers:
                self.run_timers()
            return
        keys = self.selector.get_map()
        for key, mask in self.selector.select(timeout):
            if stop():
                break
            current = keys.get(key.fileobj)  # as it is now: an earlier callback of this turn may
            if current is None:              # have unregistered or modified it (as serve() sees it)
                continue
            callback: IoCallback = current.data
            try:
                callback(key.fileobj, mask & current.events)
            except Exception as exc:  # one connection's failure is that connection's only
                self._on_failure("io", exc, key.fileobj)
        if self._timers:
            self.run_timers()

    def run_timers(self) -> None:
        timers = self._timers
        if not timers:
            return
        now = time.monotonic()
        while timers and timers[0].when <= now:
            handle = heapq.heappop(timers)
            if handle.cancelled:
                continue
            handle.cancelled = True  # ran: a later cancel() is harmless
            try:
                handle.callback()
            except Exception as exc:
                self._on_failure("timer", exc, None)

    def run_commands(self) -> None:
        """Run every queued command, oldest first, each failure reported on its own."""
        commands = self._commands
        while commands:
            command = commands.popleft()
            try:
                command()
            except Exception as exc:
                self._on_failure("command", exc, None)

    def _on_wake(self, sock: socket.socket, mask: int) -> None:
        with contextlib.suppress(OSError):
            while sock.recv(4096):
                pass
        self.run_commands()

    def registered(self) -> list[Any]:
        """Every file object registered, the wake-up socket excepted."""
        return [key.fileobj for key in self.selector.get_map().values() if key.fileobj is not self._wake_r]

    def close(self) -> None:
        """Close the selector and the wake-up pipe (not the sockets: their owner does)."""
        wake_w, self._wake_w = self._wake_w, None
        self.selector.close()
        for sock in (self._wake_r, wake_w):
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.close()
        self._timers.clear()


def lookup_thread(name: str, work: Callback) -> threading.Thread:
    """Run ``work`` (a blocking name lookup) on its own short-lived daemon thread."""
    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    return thread
