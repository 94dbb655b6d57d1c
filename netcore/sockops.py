"""Every socket call an endpoint makes goes through one :class:`SocketOps`.

With no tracer, each method is the plain socket call (the hot ones,
``recv``/``send``/``recvfrom``/``sendto``, are handed out as the socket's own
bound methods: zero cost).  With a tracer, each call is also reported as a
line of Python and its result — ``s.bind(('127.0.0.1', 9999))``,
``conn1.recv(65536) → 12 bytes``, ``s.connect(...) → ConnectionRefusedError
[Errno 111]`` — which is what the teaching layer shows.  Socket options and
impairments hook in here too.

One SocketOps belongs to one endpoint and is used on its I/O thread only
(``socket()`` for a listener may also run in ``start()`` on the caller's thread
before the I/O thread exists).
"""

from __future__ import annotations

import contextlib
import errno as errno_codes
import selectors
import socket
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from .events import SocketCall

Sock = socket.socket  # the class; inside SocketOps the name "socket" is its method
HOT_CALLS = frozenset(("recv", "send", "recvfrom", "sendto"))
_FAMILIES: dict[int, str] = {int(socket.AF_INET): "AF_INET", int(socket.AF_INET6): "AF_INET6",
                              int(getattr(socket, "AF_UNIX", -1)): "AF_UNIX"}
_KINDS: dict[int, str] = {int(socket.SOCK_STREAM): "SOCK_STREAM", int(socket.SOCK_DGRAM): "SOCK_DGRAM"}
_EVENTS = {selectors.EVENT_READ: "EVENT_READ", selectors.EVENT_WRITE: "EVENT_WRITE",
           selectors.EVENT_READ | selectors.EVENT_WRITE: "EVENT_READ | EVENT_WRITE"}


class Tracer(Protocol):
    """Receives each socket call; called on the endpoint's I/O thread."""

    def call(self, source: str, sock: str, func: str, args: str, result: str,
             errno: int | None, size: int) -> None: ...

    def flush(self, force: bool = False) -> None: ...


def data_text(data: bytes | memoryview) -> str:
    """How a payload appears in a traced call: short ones as bytes, long ones by size."""
    if len(data) <= 24:
        return repr(bytes(data))
    return f"<{len(data):,} bytes>"


def error_text(exc: BaseException) -> str:
    code = getattr(exc, "errno", None)
    if isinstance(exc, BlockingIOError):
        return "BlockingIOError (nothing to do now: would block)"
    name = type(exc).__name__
    return f"{name} [Errno {code}]" if code else name


class SocketOps:
    """The socket calls of one endpoint, reported to ``tracer`` when it is set."""

    def __init__(self, source: str, tracer: Tracer | None = None) -> None:
        self.source = source
        self.tracer = tracer
        self._names: dict[int, str] = {}
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------ names
    def name(self, sock: Any, base: str | None = None) -> str:
        """The variable name the trace uses for ``sock`` (``s``, ``conn3``...)."""
        key = id(sock)
        name = self._names.get(key)
        if name is None:
            base = base or "s"
            with self._lock:
                count = self._counts.get(base, 0) + 1
                self._counts[base] = count
            name = base if count == 1 and base == "s" else f"{base}{count}"
            self._names[key] = name
        return name

    def _report(self, sock: Any, func: str, args: str, result: str, errno: int | None = None,
                size: int = 0) -> None:
        assert self.tracer is not None
        self.tracer.call(self.source, self.name(sock), func, args, result, errno, size)

    def _do(self, sock: Any, func: str, args: str, call: Callable[[], Any],
            show: Callable[[Any], str] = lambda r: "" if r is None else repr(r)) -> Any:
        if self.tracer is None:
            return call()
        try:
            result = call()
        except OSError as exc:
            self._report(sock, func, args, error_text(exc), exc.errno)
            raise
        self._report(sock, func, args, show(result))
        return result

    # ------------------------------------------------------- life cycle
    def socket(self, family: int, kind: int, base: str = "s") -> Sock:
        sock = socket.socket(family, kind) if self.tracer is None else None
        if sock is not None:
            return sock
        try:
            sock = socket.socket(family, kind)
        except OSError as exc:
            assert self.tracer is not None
            self.tracer.call(self.source, base, "=", f"socket({_FAMILIES.get(family, family)}, "
                             f"{_KINDS.get(kind, kind)})", error_text(exc), exc.errno, 0)
            raise
        name = self.name(sock, base)
        assert self.tracer is not None
        self.tracer.call(self.source, name, "=",
                         f"socket({_FAMILIES.get(family, family)}, {_KINDS.get(kind, kind)})", "", None, 0)
        return sock

    def adopt(self, sock: Sock, base: str) -> str:
        """Name a socket made by ``accept``."""
        return self.name(sock, base)

    def close(self, sock: Sock) -> None:
        if self.tracer is not None and id(sock) in self._names:
            self._report(sock, "close", "", "")
            self._names.pop(id(sock), None)
        with contextlib.suppress(OSError):
            sock.close()

    def setblocking(self, sock: Sock, flag: bool) -> None:
        if self.tracer is None:
            return sock.setblocking(flag)
        self._do(sock, "setblocking", repr(flag), lambda: sock.setblocking(flag))

    def setsockopt(self, sock: Sock, level: int, option: int, value: int | bytes,
                   names: tuple[str, str] | None = None) -> None:
        if self.tracer is None:
            return sock.setsockopt(level, option, value)
        args = f"{names[0]}, {names[1]}, {value!r}" if names else f"{level}, {option}, {value!r}"
        self._do(sock, "setsockopt", args, lambda: sock.setsockopt(level, option, value))

    def getsockopt(self, sock: Sock, level: int, option: int, buflen: int = 0,
                   names: tuple[str, str] | None = None) -> Any:
        if self.tracer is None:
            return sock.getsockopt(level, option, buflen) if buflen else sock.getsockopt(level, option)
        args = f"{names[0]}, {names[1]}" if names else f"{level}, {option}"
        if buflen:
            return self._do(sock, "getsockopt", f"{args}, {buflen}",
                            lambda: sock.getsockopt(level, option, buflen))
        return self._do(sock, "getsockopt", args, lambda: sock.getsockopt(level, option))

    def bind(self, sock: Sock, address: Any) -> None:
        if self.tracer is None:
            return sock.bind(address)
        self._do(sock, "bind", repr(address), lambda: sock.bind(address))

    def listen(self, sock: Sock, backlog: int) -> None:
        if self.tracer is None:
            return sock.listen(backlog)
        self._do(sock, "listen", str(backlog), lambda: sock.listen(backlog))

    def accept(self, sock: Sock) -> tuple[Sock, Any]:
        if self.tracer is None:
            return sock.accept()
        try:
            conn, addr = sock.accept()
        except OSError as exc:
            self._report(sock, "accept", "", error_text(exc), exc.errno)
            raise
        name = self.adopt(conn, "conn")
        self._report(sock, "accept", "", f"({name}, {addr!r})")
        return conn, addr

    def connect_ex(self, sock: Sock, address: Any) -> int:
        if self.tracer is None:
            return sock.connect_ex(address)
        code: int = self._do(sock, "connect_ex", repr(address), lambda: sock.connect_ex(address),
                             lambda r: f"{r} ({errno_codes.errorcode.get(r, 'OK')})" if r else "0")
        return code

    def connect(self, sock: Sock, address: Any) -> None:
        if self.tracer is None:
            return sock.connect(address)
        self._do(sock, "connect", repr(address), lambda: sock.connect(address))

    def shutdown(self, sock: Sock, how: int) -> None:
        if self.tracer is None:
            return sock.shutdown(how)
        names = {socket.SHUT_RD: "SHUT_RD", socket.SHUT_WR: "SHUT_WR", socket.SHUT_RDWR: "SHUT_RDWR"}
        self._do(sock, "shutdown", names.get(how, str(how)), lambda: sock.shutdown(how))

    def getsockname(self, sock: Sock) -> Any:
        if self.tracer is None:
            return sock.getsockname()
        return self._do(sock, "getsockname", "", sock.getsockname)

    def getpeername(self, sock: Sock) -> Any:
        if self.tracer is None:
            return sock.getpeername()
        return self._do(sock, "getpeername", "", sock.getpeername)

    # ---------------------------------------------------------- selector
    def register(self, selector: selectors.BaseSelector, sock: Sock, events: int,
                 data: Any, new: bool | None = None) -> None:
        """Watch ``sock`` for ``events``; ``new`` says whether it is registered yet, when the caller knows.

        (Asking the selector costs more than it seems: a miss formats the socket's
        repr for its KeyError, two system calls per new connection.)
        """
        if new is None:
            new = selector.get_map().get(sock) is None
        if new:
            selector.register(sock, events, data)
            verb = "register"
        else:
            selector.modify(sock, events, data)
            verb = "modify"
        if self.tracer is not None:
            self.tracer.call(self.source, "sel", verb, f"{self.name(sock)}, {_EVENTS.get(events, events)}",
                             "", None, 0)

    def unregister(self, selector: selectors.BaseSelector, sock: Sock) -> None:
        try:
            selector.unregister(sock)
        except (KeyError, ValueError):  # a closed socket (fileno -1)
            return
        if self.tracer is not None and id(sock) in self._names:
            self.tracer.call(self.source, "sel", "unregister", self.name(sock), "", None, 0)

    # ----------------------------------------------------------- hot calls
    def recv_fn(self, sock: Sock) -> Callable[[int], bytes]:
        """``sock.recv`` itself, or a traced wrapper when tracing."""
        if self.tracer is None:
            return sock.recv

        def recv(size: int) -> bytes:
            try:
                data = sock.recv(size)
            except OSError as exc:
                self._report(sock, "recv", str(size), error_text(exc), exc.errno)
                raise
            self._report(sock, "recv", str(size),
                         f"{len(data):,} bytes" if data else "b'' (the other side closed its sending side)",
                         None, len(data))
            return data
        return recv

    def send_fn(self, sock: Sock) -> Callable[[Any], int]:
        if self.tracer is None:
            return sock.send

        def send(data: Any) -> int:
            try:
                sent = sock.send(data)
            except OSError as exc:
                self._report(sock, "send", data_text(data), error_text(exc), exc.errno)
                raise
            self._report(sock, "send", data_text(data), str(sent), None, sent)
            return sent
        return send

    def recvfrom_fn(self, sock: Sock) -> Callable[[int], tuple[bytes, Any]]:
        if self.tracer is None:
            return sock.recvfrom

        def recvfrom(size: int) -> tuple[bytes, Any]:
            try:
                data, addr = sock.recvfrom(size)
            except OSError as exc:
                self._report(sock, "recvfrom", str(size), error_text(exc), exc.errno)
                raise
            self._report(sock, "recvfrom", str(size), f"({len(data):,} bytes, {addr!r})", None, len(data))
            return data, addr
        return recvfrom

    def sendto(self, sock: Sock, data: bytes, address: Any) -> int:
        if self.tracer is None:
            return sock.sendto(data, address)
        try:
            sent = sock.sendto(data, address)
        except OSError as exc:
            self._report(sock, "sendto", f"{data_text(data)}, {address!r}", error_text(exc), exc.errno)
            raise
        self._report(sock, "sendto", f"{data_text(data)}, {address!r}", str(sent), None, sent)
        return sent

    def send(self, sock: Sock, data: bytes) -> int:
        return self.send_fn(sock)(data)

    def flush(self, force: bool = False) -> None:
        if self.tracer is not None:
            self.tracer.flush(force)


class EventTracer:
    """A tracer that posts :class:`SocketCall` events, summarising floods.

    The first of a run of repeated hot calls (``recv``/``send``/``recvfrom``/
    ``sendto``, or a would-block on them) on one socket is posted as it is;
    the repeats are counted and posted as one summary line (``conn1.recv(...)
    ×4,812``, with the bytes they moved) at most every ``interval`` seconds,
    or as soon as another kind of call comes.  So a flood costs a few events
    per second, never one per call.  Used on one I/O thread only.
    """

    def __init__(self, sink: Any, interval: float = 0.2) -> None:
        self.sink = sink
        self.interval = interval
        self._runs: dict[tuple[str, str, str], list[Any]] = {}
        self._last_flush = time.monotonic()

    def call(self, source: str, sock: str, func: str, args: str, result: str,
             errno: int | None, size: int) -> None:
        now = time.monotonic()
        if func == "=":
            text = f"{sock} = {args}"
        elif func in HOT_CALLS:
            key = (source, sock, func)
            run = self._runs.get(key)
            if run is not None:
                run[0] += 1
                run[1] += size
                run[2] = errno
                if now - self._last_flush >= self.interval:
                    self.flush(force=True)
                return
            if len(self._runs) >= 256:  # thousands of sockets: summarise what we have now
                self.flush(force=True)
            self._runs[key] = [0, 0, None]
            text = f"{sock}.{func}({args})"
        else:
            self.flush(force=True)  # keep the order: the summary of the run before this call
            text = f"{sock}.{func}({args})"
        self.sink.put(SocketCall(source, text, result, errno, 1, size, now))

    def flush(self, force: bool = False) -> None:
        """Post the summaries of the runs so far (when ``interval`` has passed, or ``force``)."""
        now = time.monotonic()
        if not self._runs or (not force and now - self._last_flush < self.interval):
            return
        self._last_flush = now
        runs, self._runs = self._runs, {}
        for (source, sock, func), (count, size, errno) in runs.items():
            if count:
                result = f"{size:,} bytes in all" if size else "would block"
                self.sink.put(SocketCall(source, f"{sock}.{func}(…)", result, errno, count, size, now))
