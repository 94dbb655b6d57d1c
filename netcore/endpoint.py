"""The I/O thread every endpoint is built on.

One thread per endpoint owns all of its sockets and a ``selectors`` loop.
Other threads never touch those sockets: they append a command to a deque and
write a byte to a ``socketpair`` to wake the loop (closing a socket from
another thread would not wake a blocked ``select`` on Linux).

Thread rules:

* ``start()``, ``stop()``, ``wait_ready()``, ``running`` and the public
  ``send()``-style methods of subclasses may be called from any thread.
* Methods whose names start with ``_io_`` and the selector callbacks run only
  on the I/O thread.
* Events go to ``events.put()``; the loop never waits for whoever reads them.
"""

from __future__ import annotations

import contextlib
import errno as errno_codes
import queue
import selectors
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

from .errors import N_, NetError
from .events import Error, Peer, Started, Stopped

ALREADY_RUNNING = N_("Already started: stop it first.")
NOT_RUNNING = N_("Not started yet: press Start listening, Connect or Open first.")
STOPPED_EARLY = N_("Stopped before it was ready.")
INTERNAL = N_("Unexpected internal error; this tab’s socket was closed: {detail}")

STOP_TIMEOUT = 1.0


class EventSink(Protocol):
    def put(self, item: Any, /) -> None: ...


class Endpoint:
    """Base class: the loop, the wake-up pipe and the start/stop life cycle."""

    kind = "endpoint"

    def __init__(self, events: EventSink | None = None, *, name: str | None = None) -> None:
        self.events: EventSink = events if events is not None else queue.SimpleQueue()
        self.name = name or self.kind
        self._lock = threading.Lock()
        self._commands: deque[Callable[[], None]] = deque()
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._ready = threading.Event()
        self._start_error: NetError | None = None
        self._stop_reason = "stopped"
        self._selector: selectors.BaseSelector | None = None
        self._wake_r: socket.socket | None = None
        self._wake_w: socket.socket | None = None
        self.local_addresses: tuple[Peer, ...] = ()
        # Flow control (opt-in, see max_unconsumed): bytes posted but not yet
        # acknowledged through consumed(), shared by the I/O and consumer threads.
        self.max_unconsumed: int | None = None
        self._unconsumed = 0
        self._reading_paused = False
        self._flow_lock = threading.Lock()

    # ----------------------------------------------------------- any thread
    def consumed(self, size: int) -> None:
        """Tell the endpoint that ``size`` received bytes have been dealt with.

        Only for an endpoint with ``max_unconsumed`` set: it then stops reading
        from its sockets (TCP flow control slows the sender down) while more
        than that many received bytes wait for the consumer, so a consumer that
        falls behind a flood keeps memory bounded and loses nothing.  It reads
        again once the consumer has caught up halfway.  Any thread.
        """
        if self.max_unconsumed is None or size <= 0:
            return
        with self._flow_lock:
            self._unconsumed -= size
            resume = self._reading_paused and self._unconsumed <= self.max_unconsumed // 2
            if resume:
                self._reading_paused = False
        if resume and self.running:
            self._commands.append(self._io_resume_if_still_wanted)
            self._wake()

    @property
    def running(self) -> bool:
        """True from ``start()`` until the I/O thread has ended."""
        thread = self._thread
        return thread is not None and thread.is_alive()

    def start(self) -> None:
        """Start the I/O thread; returns at once.

        Input that can be checked without the network (port, host syntax) is
        checked here and raises :class:`NetError`.  Anything found later
        (refused, port in use, host not found) arrives as an ``Error`` event
        followed by ``Stopped``; :meth:`wait_ready` raises it too.
        """
        with self._lock:
            if self.running:
                raise NetError("already_running", ALREADY_RUNNING)
            self._check_config()
            self._stopping.clear()
            self._ready.clear()
            self._start_error = None
            self._stop_reason = "stopped"
            self._commands.clear()
            self._unconsumed = 0
            self._reading_paused = False
            self._selector = selectors.DefaultSelector()
            self._wake_r, self._wake_w = socket.socketpair()
            self._wake_r.setblocking(False)
            self._wake_w.setblocking(False)
            self._selector.register(self._wake_r, selectors.EVENT_READ, self._on_wake)
            self._thread = threading.Thread(target=self._run, name=f"netcore-{self.name}", daemon=True)
            self._thread.start()

    def wait_ready(self, timeout: float = 10.0) -> tuple[Peer, ...]:
        """Block until started; return the local addresses or raise the start-up error."""
        if not self._ready.wait(timeout):
            raise TimeoutError(f"{self.name} did not start within {timeout} s")
        if self._start_error is not None:
            raise self._start_error
        return self.local_addresses

    def stop(self, timeout: float = STOP_TIMEOUT) -> bool:
        """Close every socket and end the I/O thread; True if it ended in time."""
        thread = self._thread
        if thread is None:
            return True
        self._stopping.set()
        self._wake()
        if thread is threading.current_thread():
            return False
        thread.join(timeout)
        return not thread.is_alive()

    def _call_soon(self, command: Callable[[], None]) -> None:
        """Run ``command`` on the I/O thread."""
        if not self.running or self._stopping.is_set():
            raise NetError("not_running", NOT_RUNNING)
        self._commands.append(command)
        self._wake()

    def _wake(self) -> None:
        wake_w = self._wake_w
        if wake_w is None:
            return
        # a full pipe means the loop is already awake; a closed one, already stopped
        with contextlib.suppress(OSError):
            wake_w.send(b"\0")

    # ------------------------------------------------------ subclass hooks
    def _check_config(self) -> None:
        """Validate settings on the caller's thread; raise NetError."""

    def _io_open(self) -> None:
        """Create, bind or connect sockets; call ``_io_started`` when ready."""
        raise NotImplementedError

    def _io_close(self) -> None:
        """Close every socket the subclass opened."""

    def _io_timeout(self) -> float | None:
        """Seconds until the subclass needs ``_io_tick``; None for no deadline."""
        return None

    def _io_tick(self) -> None:
        """Called after every loop iteration."""

    def _io_pause_reading(self) -> None:
        """Stop reading from the sockets (flow control); subclasses that can, do."""

    def _io_resume_reading(self) -> None:
        """Read again after :meth:`_io_pause_reading`."""

    def _io_resume_if_still_wanted(self) -> None:
        with self._flow_lock:
            paused = self._reading_paused  # it may have paused again since the consumer asked
        if not paused:
            self._io_resume_reading()

    def _io_received(self, size: int) -> None:
        """Count ``size`` bytes just posted; pause reading when the consumer is too far behind."""
        if self.max_unconsumed is None:
            return
        with self._flow_lock:
            self._unconsumed += size
            pause = not self._reading_paused and self._unconsumed > self.max_unconsumed
            if pause:
                self._reading_paused = True
        if pause:
            self._io_pause_reading()

    @property
    def reading_paused(self) -> bool:
        """True while flow control holds reading back (any thread; for tests and status)."""
        return self._reading_paused

    # --------------------------------------------------------- I/O thread
    def _post(self, event: object) -> None:
        self.events.put(event)

    def _io_error(self, err: NetError, *, peer: Peer | None = None, fatal: bool = False) -> None:
        self._post(Error(self.name, err.code, err.message, err.template, err.param_items(),
                         err.errno, peer, fatal))

    def _io_started(self, local: tuple[Peer, ...], remote: Peer | None = None) -> None:
        self.local_addresses = local
        self._post(Started(self.name, local, remote))
        self._ready.set()

    def _io_fail(self, err: NetError) -> None:
        """Give up: report ``err`` and stop the loop."""
        if not self._ready.is_set():
            self._start_error = err
        self._io_error(err, fatal=True)
        self._io_request_stop(err.code)

    def _io_request_stop(self, reason: str) -> None:
        self._stop_reason = reason
        self._stopping.set()

    def _io_register(self, sock: socket.socket, events: int, callback: Callable[..., None]) -> None:
        assert self._selector is not None
        try:
            self._selector.modify(sock, events, callback)
        except KeyError:
            self._selector.register(sock, events, callback)

    def _io_watch(self, conn: Any) -> None:
        """Make the selector watch ``conn`` (a StreamConn) for what it needs now."""
        interest = conn.interest(reading=not self._reading_paused)
        if interest == conn.mask:
            return
        conn.mask = interest
        if interest:
            self._io_register(conn.sock, interest, conn.callback)
        else:
            self._io_unregister(conn.sock)

    def _io_unregister(self, sock: socket.socket) -> None:
        assert self._selector is not None
        with contextlib.suppress(KeyError, ValueError):
            self._selector.unregister(sock)

    def _on_wake(self, sock: socket.socket, mask: int) -> None:
        try:
            while sock.recv(4096):
                pass
        except BlockingIOError:
            pass
        while self._commands and not self._stopping.is_set():
            self._commands.popleft()()

    def _run(self) -> None:
        selector = self._selector
        assert selector is not None
        try:
            try:
                self._io_open()
            except NetError as err:
                self._io_fail(err)
            while not self._stopping.is_set():
                for key, mask in selector.select(self._io_timeout()):
                    if self._stopping.is_set():
                        break
                    key.data(key.fileobj, mask)
                self._io_tick()
        except Exception as exc:  # a bug must not kill the thread silently
            self._stop_reason = "internal"
            err = NetError("internal", INTERNAL, detail=f"{type(exc).__name__}: {exc}")
            if not self._ready.is_set():
                self._start_error = err
            self._io_error(err, fatal=True)
        finally:
            try:
                self._io_close()
            finally:
                self._io_close_selector()
                if not self._ready.is_set() and self._start_error is None:
                    # stopped before it was ready: wait_ready() must not pretend it started
                    self._start_error = NetError("not_running", STOPPED_EARLY)
                self._ready.set()
                self._post(Stopped(self.name, self._stop_reason))

    def _io_close_selector(self) -> None:
        selector = self._selector
        if selector is None:
            return
        for key in list(selector.get_map().values()):
            fileobj = key.fileobj
            if fileobj not in (self._wake_r,):
                _close_quietly(fileobj)
        selector.close()
        wake_r, wake_w = self._wake_r, self._wake_w
        self._wake_w = None
        _close_quietly(wake_r)
        _close_quietly(wake_w)


def _close_quietly(sock: Any) -> None:
    with contextlib.suppress(OSError):
        sock.close()


def is_would_block(exc: OSError) -> bool:
    return isinstance(exc, BlockingIOError) or exc.errno in (errno_codes.EAGAIN, errno_codes.EWOULDBLOCK)


def monotonic() -> float:
    return time.monotonic()
