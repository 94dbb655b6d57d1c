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
from collections.abc import Callable
from typing import Any, Protocol

from .tracer import EventTracer, Flood, Tally

__all__ = ["HOT_CALLS", "EventTracer", "SocketOps", "Tracer", "data_text", "error_text"]

Sock = socket.socket  # the class; inside SocketOps the name "socket" is its method
HOT_CALLS = frozenset(("recv", "send", "recvfrom", "sendto"))
WOULD_BLOCK = errno_codes.EAGAIN  # what a non-blocking call raises with nothing to do (BlockingIOError)
_FAMILIES: dict[int, str] = {int(socket.AF_INET): "AF_INET", int(socket.AF_INET6): "AF_INET6",
                              int(getattr(socket, "AF_UNIX", -1)): "AF_UNIX"}
_KINDS: dict[int, str] = {int(socket.SOCK_STREAM): "SOCK_STREAM", int(socket.SOCK_DGRAM): "SOCK_DGRAM"}
_EVENTS = {selectors.EVENT_READ: "EVENT_READ", selectors.EVENT_WRITE: "EVENT_WRITE",
           selectors.EVENT_READ | selectors.EVENT_WRITE: "EVENT_READ | EVENT_WRITE"}


class Tracer(Protocol):
    """Receives each socket call; called on the endpoint's I/O thread.

    A tracer may also have ``counter(source, sock, func, errno=None) -> (Tally, Flood)``:
    while ``Flood.on``, the ``recv``/``send``/``recvfrom``/``sendto`` calls that
    succeed (or, with ``errno`` EAGAIN, would block) are only counted into the
    Tally, not reported (see :class:`EventTracer`).
    """

    def call(self, source: str, sock: str, func: str, args: str, result: str,
             errno: int | None, size: int) -> None: ...

    def flush(self, force: bool = False) -> float | None:
        """Called after each turn of the loop (``force``: the endpoint stops); returns when to be
        called again at the latest (``time.monotonic()``), or None."""


def data_text(data: bytes | memoryview) -> str:
    """How a payload appears in a traced call: short ones as bytes, long ones by size."""
    if len(data) <= 24:
        return repr(bytes(data))
    return f"<{len(data):,} bytes>"


def error_text(exc: BaseException) -> str:
    """How a failed call's exception appears: ``ConnectionRefusedError [Errno 111]``."""
    code = getattr(exc, "errno", None)
    name = type(exc).__name__
    return f"{name} [Errno {code}]" if code else name


class SocketOps:
    """The socket calls of one endpoint, reported to ``tracer`` when it is set."""

    def __init__(self, source: str, tracer: Tracer | None = None) -> None:
        self.source = source
        self.tracer = tracer
        self._names: dict[int, str] = {}
        self._sendto_tallies: dict[int, tuple[Tally, Tally, Flood]] = {}
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
            self._sendto_tallies.pop(id(sock), None)
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
        if names is not None and names[1] == "SO_ERROR":  # a non-blocking connect's outcome
            code: int = sock.getsockopt(level, option)
            self._report(sock, "getsockopt", args,
                         f"{code} ({errno_codes.errorcode.get(code, '?')})" if code else "0", code or None)
            return code
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
    # Traced, each is a small wrapper.  During a flood a tracer with ``counter`` (EventTracer)
    # only wants the calls counted: the wrapper adds them to a Tally, without formatting anything.
    def _counter(self, sock: Sock, func: str) -> tuple[Tally, Tally, Flood]:
        """The tallies of ``sock``'s successful ``func`` calls and of those that would block."""
        name = self.name(sock)
        counter = getattr(self.tracer, "counter", None)
        if counter is None:  # a tracer without the fast path: never on, every call is reported
            return Tally(self.source, name, func), Tally(self.source, name, func, WOULD_BLOCK), Flood()
        tally, flood = counter(self.source, name, func)
        blocked, _ = counter(self.source, name, func, WOULD_BLOCK)
        return tally, blocked, flood

    def recv_fn(self, sock: Sock) -> Callable[[int], bytes]:
        """``sock.recv`` itself, or a traced wrapper when tracing."""
        if self.tracer is None:
            return sock.recv
        tally, blocked, flood = self._counter(sock, "recv")
        pending = flood.dirty.append

        def recv(size: int) -> bytes:
            try:
                data = sock.recv(size)
            except BlockingIOError:  # the usual end of a non-blocking read: counted during a flood
                if flood.on:
                    if not blocked.count:
                        pending(blocked)
                    blocked.count += 1
                    raise
                self._report(sock, "recv", str(size), f"BlockingIOError [Errno {WOULD_BLOCK}]", WOULD_BLOCK)
                raise
            except OSError as exc:
                self._report(sock, "recv", str(size), error_text(exc), exc.errno)
                raise
            if data and flood.on:
                if not tally.count:
                    pending(tally)
                tally.count += 1
                tally.size += len(data)
                return data
            # b'': end of file, the other side closed its sending side
            self._report(sock, "recv", str(size), f"{len(data):,} bytes" if data else "b''", None, len(data))
            return data
        return recv

    def send_fn(self, sock: Sock) -> Callable[[Any], int]:
        if self.tracer is None:
            return sock.send
        tally, blocked, flood = self._counter(sock, "send")
        pending = flood.dirty.append

        def send(data: Any) -> int:
            try:
                sent = sock.send(data)
            except BlockingIOError:
                if flood.on:
                    if not blocked.count:
                        pending(blocked)
                    blocked.count += 1
                    raise
                self._report(sock, "send", data_text(data), f"BlockingIOError [Errno {WOULD_BLOCK}]",
                             WOULD_BLOCK)
                raise
            except OSError as exc:
                self._report(sock, "send", data_text(data), error_text(exc), exc.errno)
                raise
            if flood.on:
                if not tally.count:
                    pending(tally)
                tally.count += 1
                tally.size += sent
                return sent
            self._report(sock, "send", data_text(data), str(sent), None, sent)
            return sent
        return send

    def recvfrom_fn(self, sock: Sock) -> Callable[[int], tuple[bytes, Any]]:
        if self.tracer is None:
            return sock.recvfrom
        tally, blocked, flood = self._counter(sock, "recvfrom")
        pending = flood.dirty.append

        def recvfrom(size: int) -> tuple[bytes, Any]:
            try:
                pair = sock.recvfrom(size)
            except BlockingIOError:
                if flood.on:
                    if not blocked.count:
                        pending(blocked)
                    blocked.count += 1
                    raise
                self._report(sock, "recvfrom", str(size), f"BlockingIOError [Errno {WOULD_BLOCK}]",
                             WOULD_BLOCK)
                raise
            except OSError as exc:
                self._report(sock, "recvfrom", str(size), error_text(exc), exc.errno)
                raise
            if flood.on:
                if not tally.count:
                    pending(tally)
                tally.count += 1
                tally.size += len(pair[0])
                return pair
            data, addr = pair
            self._report(sock, "recvfrom", str(size), f"({len(data):,} bytes, {addr!r})", None, len(data))
            return pair
        return recvfrom

    def sendto(self, sock: Sock, data: bytes, address: Any) -> int:
        """Not a wrapper handed out once (a server sends from its sockets to many addresses): each call
        finds the socket's tally, which is cheap beside formatting it."""
        if self.tracer is None:
            return sock.sendto(data, address)
        try:
            sent = sock.sendto(data, address)
        except OSError as exc:
            self._report(sock, "sendto", f"{data_text(data)}, {address!r}", error_text(exc), exc.errno)
            raise
        counted = self._sendto_tallies.get(id(sock))
        if counted is None:
            counted = self._sendto_tallies[id(sock)] = self._counter(sock, "sendto")
        tally, _, flood = counted
        if flood.on:
            if not tally.count:
                flood.dirty.append(tally)
            tally.count += 1
            tally.size += sent
            return sent
        self._report(sock, "sendto", f"{data_text(data)}, {address!r}", str(sent), None, sent)
        return sent

    def send(self, sock: Sock, data: bytes) -> int:
        return self.send_fn(sock)(data)

    def note(self, sock: Sock, func: str, data: bytes, address: Any, comment: str) -> None:
        """Report a send the impairment lab changed, as the call it stands for with ``comment``
        (``# dropped by the impairment lab``) for its result; no socket call is made here."""
        if self.tracer is not None:
            args = data_text(data) if address is None else f"{data_text(data)}, {address!r}"
            self._report(sock, func, args, comment)

    def flush(self, force: bool = False) -> float | None:
        """Let the tracer post its summaries; returns when it wants this again (see :class:`Tracer`)."""
        return self.tracer.flush(force) if self.tracer is not None else None

