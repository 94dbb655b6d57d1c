"""A TCP client: connects with a timeout, sends, receives, half-closes."""

from __future__ import annotations

import errno as errno_codes
import os
import selectors
import socket
import time
from typing import Any

from .addresses import is_unix_path, parse_host, parse_port, unix_path
from .arguments import check_data, check_timeout, check_wait
from .catalogue import REFUSED, UNSENT
from .endpoint import EventSink
from .errors import NetError, format_address
from .events import CONNECTING, ConnectionState, OptionsApplied
from .limits import CONNECT_TIMEOUT, STOP_TIMEOUT
from .options import SocketOptions, apply_options, check_options, read_back
from .os_errors import from_os_error
from .peer import Peer
from .reconnect import BAD_BACKOFF, RECONNECTING, Backoff, Reconnecting
from .resolver import Resolved, needs_lookup, resolve
from .sockops import Tracer
from .stream import StreamConn
from .stream_endpoint import StreamEndpoint
from .values import Value

CONN_ID = 1  # a client has one connection per start


class ClientConfig(Value):
    host: str
    port: int
    timeout: float
    options: SocketOptions
    reconnect: Backoff | None


class TcpClient(StreamEndpoint):
    """One connection to ``host:port`` (or a Unix socket path).

    ``start()`` begins connecting and returns at once (a name is looked up
    off the I/O thread); ``Started`` arrives when connected, or ``Error`` +
    ``Stopped`` when it cannot be.  A name with several addresses
    (``localhost`` → ``::1`` and ``127.0.0.1``) is tried address by address
    until one answers.  When the server ends its sending side the connection
    stays open for our replies (``ConnectionState`` "half-closed-by-peer");
    the client stops by itself once both sides are done or the connection
    fails.  Any thread may call :meth:`start`, :meth:`send`,
    :meth:`shutdown_write` and :meth:`stop`; data sent before the connection
    is up waits for it (within the same write budget).

    With ``reconnect=Backoff()`` (off by default) a connection that ends
    without ``stop()``, or a connect that fails, is tried again after a
    growing wait, announced by a :class:`~netcore.reconnect.Reconnecting`
    event, until it connects or ``stop()`` is called (see
    :mod:`netcore.reconnect`); each connection posts its own ``Started``, and
    ``wait_ready()`` returns at the first.  With it, the server's EOF ends
    the connection (after what is queued is written) rather than leaving it
    half-open for a reply.
    """

    kind = "tcp-client"

    def __init__(self, events: EventSink | None = None, host: str = "127.0.0.1", port: int | str = 9999, *,
                 timeout: float = CONNECT_TIMEOUT, max_unconsumed: int | None = None,
                 options: SocketOptions | None = None, tracer: Tracer | None = None,
                 name: str | None = None, reconnect: Backoff | None = None, **flow: Any) -> None:
        super().__init__(events, name=name, tracer=tracer, max_unconsumed=max_unconsumed, **flow)
        #: Try again after a drop or a failed connect (None: off); read at start().
        self.reconnect = reconnect
        self.host = host
        self.port = port
        self.timeout = timeout
        self.options = options or SocketOptions()
        self.remote: Peer | None = None
        self._conn: StreamConn | None = None
        self._sock: socket.socket | None = None
        self._candidates: list[Resolved] = []
        self._resolved = ""  # the addresses a host *name* stood for, in the order tried ("::1,127.0.0.1")
        self._deadline_timer: Any = None
        self._first_error: NetError | None = None
        self._early: list[bytes] = []
        self._shut_after_connect = False  # shutdown_write() came before the connection was up
        # auto-reconnect (I/O thread; ``_waiting`` is also read by send() on the caller's thread)
        self._retry_timer: Any = None
        self._attempt = 0  # retries since the last connection that stayed up
        self._connected_at: float | None = None
        self._waiting = False  # between a drop and the next connection

    # ----------------------------------------------------------- any thread
    def send(self, data: bytes, *, wait: float = 0.0) -> None:
        """Send ``data`` to the server.

        Raises NetError on the caller's thread for bad data, or when
        ``max_buffered`` bytes already wait to be sent (after waiting up to
        ``wait`` seconds for room).
        """
        data = check_data(data)
        wait = check_wait(wait)
        self._require_loop()
        if self._waiting:  # not queued for a server that may never come back
            raise NetError("reconnecting", RECONNECTING, address=str(self.remote or self.host))
        self.budget.reserve(CONN_ID, len(data), str(self.remote or self.host), wait)
        try:
            self._call_soon(lambda: self._io_send(data))
        except NetError:
            self.budget.release(CONN_ID, len(data))
            raise

    def shutdown_write(self) -> None:
        """Send EOF once what is queued is written; replies may still arrive."""
        self._call_soon(self._io_shutdown_requested)

    def _check_config(self) -> ClientConfig:
        host = parse_host(self.host)
        port = 0 if is_unix_path(host) else parse_port(self.port, allow_zero=False)
        timeout = check_timeout(self.timeout)
        if self.reconnect is not None and not isinstance(self.reconnect, Backoff):
            raise NetError("bad_backoff", BAD_BACKOFF)
        self._check_flow()
        return ClientConfig(host, port, timeout, check_options(self.options), self.reconnect)

    # ----------------------------------------------------------- I/O thread
    def _io_reset(self) -> None:
        self._conn = None
        self._sock = None
        self._early = []
        self._shut_after_connect = False
        self._first_error = None
        self._candidates = []
        self._resolved = ""
        self.remote = None
        self._retry_timer = None
        self._attempt = 0
        self._connected_at = None
        self._waiting = False

    def _io_open(self) -> None:
        cfg: ClientConfig = self._cfg
        if is_unix_path(cfg.host):
            path = unix_path(cfg.host)
            self._candidates = [Resolved(int(socket.AF_UNIX), (path,))]
            self._io_try_next()
        else:
            self._io_resolve_then(
                cfg.host, lambda: resolve(cfg.host, cfg.port, socket.SOCK_STREAM, passive=False),
                self._io_connect_to)

    def _io_connect_to(self, candidates: list[Resolved]) -> None:
        self._candidates = list(candidates)
        # kept for the refused error: "localhost" tried at ::1 while the server is on 127.0.0.1
        if needs_lookup(self._cfg.host):
            self._resolved = ",".join(str(item.sockaddr[0]) for item in candidates)
        self._io_try_next()

    def _io_try_next(self) -> None:
        cfg: ClientConfig = self._cfg
        while self._candidates and not self._stopping.is_set():
            item = self._candidates.pop(0)
            unix = item.family == getattr(socket, "AF_UNIX", -1)
            sockaddr: Any = item.sockaddr[0] if unix else item.sockaddr
            try:
                sock = self._ops.socket(item.family, socket.SOCK_STREAM)
            except OSError as exc:
                self._io_note_failure(exc, item.family)
                continue
            try:
                apply_options(self._ops, sock, cfg.options)
                if cfg.options.bind_host is not None or cfg.options.bind_port:
                    self._ops.bind(sock, (cfg.options.bind_host or ("::" if item.family == socket.AF_INET6
                                                                    else "0.0.0.0"),
                                          cfg.options.bind_port or 0))
                self._ops.setblocking(sock, False)
                code = self._ops.connect_ex(sock, sockaddr)
            except OSError as exc:
                self._ops.close(sock)
                self._io_note_failure(exc, item.family, action="bind" if exc.errno == errno_codes.EADDRINUSE
                                      else "connect")
                continue
            if code in (0, errno_codes.EINPROGRESS, errno_codes.EWOULDBLOCK, errno_codes.EAGAIN):
                self._sock = sock
                self._ops.register(self._io_loop.selector, sock, selectors.EVENT_WRITE, self._on_connect)
                self._deadline_timer = self._io_loop.call_later(cfg.timeout, self._io_connect_timed_out)
                target = Peer.from_sockaddr(sockaddr, item.family)
                self._post(ConnectionState(self.name, target, CONNECTING, CONN_ID, time.monotonic()))
                return
            self._ops.close(sock)
            self._io_note_failure(OSError(code, os.strerror(code)), item.family)
        if not self._stopping.is_set():
            self._io_give_up()

    def _io_note_failure(self, exc: OSError, family: int, action: str = "connect") -> None:
        cfg: ClientConfig = self._cfg
        port = None if is_unix_path(cfg.host) else cfg.port
        err = from_os_error(exc, action=action, host=cfg.host, port=port, timeout=cfg.timeout, family=family)
        # "refused" on the first address is more useful than "unreachable" on a later one
        if self._first_error is None:
            if self._resolved and err.code == "refused":
                err = NetError(err.code, err.template, errno=err.errno, **err.params, resolved=self._resolved)
            self._first_error = err

    def _io_give_up(self) -> None:
        cfg: ClientConfig = self._cfg
        self._io_fail(self._first_error or NetError(
            "refused", REFUSED, address=format_address(cfg.host, cfg.port or None)))

    def _io_connect_timed_out(self) -> None:
        sock = self._sock
        if sock is None or self._conn is not None:
            return
        self._ops.unregister(self._io_loop.selector, sock)
        self._ops.close(sock)
        self._sock = None
        self._io_note_failure(TimeoutError(), sock.family)
        self._io_try_next()

    def _on_connect(self, sock: socket.socket, mask: int) -> None:
        cfg: ClientConfig = self._cfg
        if self._deadline_timer is not None:
            self._deadline_timer.cancel()
        code = self._ops.getsockopt(sock, socket.SOL_SOCKET, socket.SO_ERROR, 0, ("SOL_SOCKET", "SO_ERROR"))
        self._ops.unregister(self._io_loop.selector, sock)
        unix = sock.family == getattr(socket, "AF_UNIX", None)
        if code == 0:
            try:
                if unix:
                    remote = Peer.unix(unix_path(cfg.host))
                    local = Peer.from_sockaddr(self._ops.getsockname(sock), sock.family)
                else:
                    if cfg.options.nodelay is not False:
                        self._ops.setsockopt(sock, socket.IPPROTO_TCP, socket.TCP_NODELAY, 1,
                                             ("IPPROTO_TCP", "TCP_NODELAY"))
                    remote = Peer.from_sockaddr(self._ops.getpeername(sock), sock.family)
                    local = Peer.from_sockaddr(self._ops.getsockname(sock), sock.family)
            except OSError as exc:
                # reset by the server in the meantime (getpeername: ENOTCONN): a failed connect
                code = (sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) or exc.errno
                        or errno_codes.ECONNRESET)
        if code != 0:
            self._ops.close(sock)
            self._sock = None
            self._io_note_failure(OSError(code, os.strerror(code)), sock.family)
            self._io_try_next()
            return
        self.remote = remote
        self._waiting = False
        self._connected_at = time.monotonic()
        conn = StreamConn(sock, remote, CONN_ID, self._ops.recv_fn(sock), self._ops.send_fn(sock))
        conn.callback = self._on_io
        self._conn = conn
        now = time.monotonic()
        if self.tracer is not None or cfg.options != SocketOptions():
            self._post(OptionsApplied(self.name, local, read_back(self._ops, sock, cfg.options), now))
        self._io_watch(conn)
        self._io_started((local,), remote)
        early, self._early = self._early, []
        for index, data in enumerate(early):
            if conn.closed:  # the connection failed while its early data went out: say what was left
                left = sum(map(len, early[index:]))
                self.budget.release(CONN_ID, left)
                self._io_error(NetError("unsent", UNSENT, address=conn.label, size=left), peer=conn.peer,
                               conn=CONN_ID)
                break
            self._io_queue(conn, data)
        if self._shut_after_connect and not conn.closed:
            self._io_shutdown_write(conn)
        if self._stopping.is_set() and not conn.closed:
            self._io_close_gracefully(conn, "stopped")

    def _on_io(self, sock: socket.socket, mask: int) -> None:
        if self._conn is not None:
            self._io_serve(self._conn, sock, mask)

    def _io_fault(self, fileobj: Any, err: NetError) -> bool:
        conn = self._conn
        if conn is not None and fileobj is conn.sock and not conn.closed:
            self._io_error(err, peer=conn.peer, conn=conn.conn_id)
            self._io_end(conn, "error")
            return True
        return False

    def _io_send(self, data: bytes) -> None:
        conn = self._conn
        if conn is None:
            self._early.append(data)
            return
        self._io_queue(conn, data)

    def _io_shutdown_requested(self) -> None:
        if self._conn is not None:
            self._io_shutdown_write(self._conn)
        else:
            self._shut_after_connect = True  # still connecting: EOF follows the early data

    def _io_pause_reading(self) -> None:
        if self._conn is not None and not self._conn.closed:
            self._io_watch(self._conn)

    _io_resume_reading = _io_pause_reading  # both: watch what the connection needs now

    def _io_forget(self, conn: StreamConn, reason: str) -> None:
        if self._stopping.is_set():
            return
        if self._cfg.reconnect is not None:
            self._conn = None
            self._io_retry_later(reason)
        else:
            self._io_request_stop(reason)

    def _io_peer_eof(self, conn: StreamConn) -> None:
        super()._io_peer_eof(conn)
        if self._cfg.reconnect is not None and not conn.closed:
            # reconnecting keeps a live link, not a half-open one: the server's EOF means it went away
            # (or will), so finish writing, close, and call again
            self._io_close_gracefully(conn, "closed")

    def _io_fail(self, err: NetError) -> None:
        """A connect failed (refused, timed out, not found): with reconnect on, say so and try again."""
        if self._cfg is None or self._cfg.reconnect is None or self._stopping.is_set():
            super()._io_fail(err)
            return
        self._io_error(err)  # not fatal: the client goes on, and tries again
        self._io_retry_later(err.code)

    def _io_retry_later(self, reason: str) -> None:
        """Arm the next attempt on the I/O thread's timer and announce it (``Reconnecting``)."""
        cfg: ClientConfig = self._cfg
        backoff = cfg.reconnect
        assert backoff is not None
        now = time.monotonic()
        if self._connected_at is not None and now - self._connected_at >= backoff.stable:
            self._attempt = 0  # that connection held: start the waits from the shortest again
        self._connected_at = None
        if self._sock is not None and self._conn is None:  # (an attempt still half made)
            self._ops.close(self._sock)
        self._sock = None
        self._waiting = True
        self._attempt += 1
        delay = backoff.delay(self._attempt)
        if self._retry_timer is not None:
            self._retry_timer.cancel()
        self._retry_timer = self._io_loop.call_later(delay, self._io_retry)
        address = format_address(cfg.host, cfg.port or None)
        self._post(Reconnecting(self.name, self._attempt, delay, reason, address, now))

    def _io_retry(self) -> None:
        self._retry_timer = None
        if self._stopping.is_set():
            return
        self._candidates = []
        self._first_error = None
        self._resolved = ""
        self._shut_after_connect = False
        try:
            self._io_open()
        except NetError as err:
            self._io_fail(err)

    def _io_begin_stop(self) -> None:
        if self._retry_timer is not None:  # stop() always wins over a pending retry
            self._retry_timer.cancel()
            self._retry_timer = None
        conn = self._conn
        if conn is not None:
            self._io_close_gracefully(conn, "stopped", STOP_TIMEOUT)

    def _io_flushed(self) -> bool:
        conn = self._conn
        if conn is not None:
            return conn.closed
        # still connecting with data waiting for the connection: give it the flush budget
        return not (self._early and self._sock is not None)

    def _io_close(self) -> None:
        cfg: ClientConfig | None = self._cfg
        conn = self._conn
        if conn is not None:
            self._io_end(conn, "stopped")
        elif self._early:
            size = sum(len(data) for data in self._early)
            address = format_address(cfg.host, cfg.port or None) if cfg is not None else "?"
            self._io_error(NetError("unsent", UNSENT, address=address, size=size), conn=CONN_ID)
            self._early = []
        self.budget.forget(CONN_ID)
        if self._sock is not None and conn is None:
            self._ops.close(self._sock)
        self._sock = None
        self._candidates = []

