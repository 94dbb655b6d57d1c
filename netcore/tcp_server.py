"""A TCP server with many clients, served by one I/O thread."""

from __future__ import annotations

import contextlib
import errno as errno_codes
import functools
import selectors
import socket
import threading
import time
from typing import Any

from .addresses import is_unix_path, parse_host, parse_port, unix_path
from .arguments import check_data, check_limit, check_wait
from .binding import bind_sockets, local_peers
from .catalogue import NOT_CONNECTED, TOO_MANY_FILES
from .endpoint import EventSink
from .errors import N_, NetError
from .events import OptionsApplied, PeerConnected
from .limits import (
    ACCEPT_BATCH,
    ACCEPT_ERROR_PAUSE,
    ACCEPT_PAUSE,
    DEFAULT_BACKLOG,
    DEFAULT_MAX_CLIENTS,
    MAX_CLIENTS_LIMIT,
    STOP_TIMEOUT,
)
from .options import SocketOptions, check_options, read_back
from .os_errors import from_os_error
from .peer import Peer
from .resolver import Resolved, resolve
from .sockops import Tracer
from .stream import StreamConn, is_would_block
from .stream_endpoint import StreamEndpoint
from .unix_paths import SocketFile, bind_unix
from .values import Value

NO_CLIENT = N_("No client is connected, so there is nobody to send to.")
UNKNOWN_CLIENT = NOT_CONNECTED
BAD_PEER = N_("Say which client with its connection number or its address, not {kind}.")
AMBIGUOUS_PEER = N_("Several clients share the address {address}: choose one by its connection number.")
TOO_MANY_CLIENTS = N_("{address} was turned away: the limit of {limit} clients is reached.")
TOO_MANY_CLIENTS_TOLD = N_("{address} was turned away (it was told “server full”): the limit of {limit} "
                           "clients is reached.")
# What a client turned away past max_clients reads before the server closes its connection (ASCII,
# one line, so a terminal, netcat or a line-based client shows it; `refusal_line=False`: a bare close)
FULL_LINE = "server full: {limit} clients\n"
BAD_LIMIT = N_("The client limit must be a whole number from 1 to 100000.")

# accept(2): these mean "that one connection failed before we took it": retry at once
_ACCEPT_RETRY = {errno_codes.EINTR, errno_codes.ECONNABORTED, errno_codes.EPROTO, errno_codes.ENETUNREACH,
                 errno_codes.EPERM, errno_codes.ENETDOWN, errno_codes.EHOSTUNREACH, errno_codes.EHOSTDOWN,
                 errno_codes.ENOPROTOOPT, errno_codes.EOPNOTSUPP, errno_codes.ETIMEDOUT}
_OUT_OF_FILES = {errno_codes.EMFILE, errno_codes.ENFILE, errno_codes.ENOBUFS, errno_codes.ENOMEM}

Target = int | Peer | tuple[str, int] | None


class ServerConfig(Value):
    host: str
    port: int
    max_clients: int
    echo: bool
    backlog: int
    options: SocketOptions
    refusal_line: bool


class TcpServer(StreamEndpoint):
    """Listens on ``host:port`` and talks to every client that connects.

    Any thread may call :meth:`start`, :meth:`stop`, :meth:`send`,
    :meth:`shutdown_write`, :meth:`disconnect`, :meth:`peers` and
    :meth:`connections`.  A client is named by its connection id (``conn``
    in the events) or by its :class:`Peer` address.  With ``echo=True`` every
    byte received is sent back to its sender on the I/O thread.

    A client past ``max_clients`` is accepted and closed at once, after it is
    sent :data:`FULL_LINE` (``server full: 5 clients``), unless
    ``refusal_line=False`` (then it only sees the close); each is reported
    in an ``Error`` event naming it.
    """

    kind = "tcp-server"

    def __init__(self, events: EventSink | None = None, host: str = "127.0.0.1", port: int | str = 9999, *,
                 max_clients: int = DEFAULT_MAX_CLIENTS, echo: bool = False, backlog: int = DEFAULT_BACKLOG,
                 max_unconsumed: int | None = None, options: SocketOptions | None = None,
                 tracer: Tracer | None = None, name: str | None = None, refusal_line: bool = True,
                 **flow: Any) -> None:
        super().__init__(events, name=name, tracer=tracer, max_unconsumed=max_unconsumed, **flow)
        self.host = host
        self.port = port
        self.max_clients = max_clients
        self.refusal_line = refusal_line
        self.echo = echo
        self.backlog = backlog
        self.options = options or SocketOptions()
        self._listeners: list[socket.socket] = []
        self._socket_file: SocketFile | None = None  # the Unix path this server bound, removed at stop
        self._conns: dict[int, StreamConn] = {}
        self._by_sock: dict[int, StreamConn] = {}
        # guards _conns' membership for other threads; the I/O thread alone mutates it
        self._conns_lock = threading.Lock()
        self._next_conn = 0
        self._accept_timer: Any = None
        self._out_of_files = False  # "too many open files" was reported and not yet cleared
        self._accept_error: int | None = None  # the last unexpected accept() errno reported
        self._accepting = False

    # ----------------------------------------------------------- any thread
    def peers(self) -> tuple[Peer, ...]:
        """The addresses of the clients connected now, in the order they arrived."""
        with self._conns_lock:
            return tuple(conn.peer for conn in self._conns.values())

    def connections(self) -> tuple[tuple[int, Peer], ...]:
        """``(connection id, address)`` of every client connected now."""
        with self._conns_lock:
            return tuple((conn_id, conn.peer) for conn_id, conn in self._conns.items())

    def send(self, data: bytes, peer: Target = None, *, wait: float = 0.0) -> tuple[int, ...]:
        """Send ``data`` to one client (id or address), or to every client when ``peer`` is None.

        Returns the connection ids it went to.  Raises NetError on the caller's
        thread for bad data, an unknown client, or a client that already has
        ``max_buffered`` bytes waiting (after waiting up to ``wait`` seconds).
        For a broadcast, clients that are full are skipped and reported in an
        ``Error`` event each.
        """
        data = check_data(data)
        wait = check_wait(wait)
        self._require_loop()
        targets = self._targets(peer)
        accepted: list[StreamConn] = []
        skipped: list[tuple[StreamConn, NetError]] = []
        for conn in targets:
            try:
                self.budget.reserve(conn.conn_id, len(data), conn.label, wait if peer is not None else 0.0)
            except NetError as err:
                if peer is not None:
                    raise
                skipped.append((conn, err))
                continue
            accepted.append(conn)
        try:
            self._call_soon(lambda: self._io_send(data, accepted, skipped))
        except NetError:
            for conn in accepted:
                self.budget.release(conn.conn_id, len(data))
            raise
        return tuple(conn.conn_id for conn in accepted)

    def shutdown_write(self, peer: Target) -> None:
        """Send EOF to one client once what is queued for it is written; it may still send to us."""
        self._require_loop()  # "not started" before "no such client", as send() says
        (conn,) = self._targets(self._need_peer(peer))
        self._call_soon(lambda: self._io_shutdown_write(conn))

    def disconnect(self, peer: Target, *, abort: bool = False) -> None:
        """Close the connection to one client: after writing what is queued, or at once with ``abort``."""
        self._require_loop()  # "not started" before "no such client", as send() says
        (conn,) = self._targets(self._need_peer(peer))
        if abort:
            self._call_soon(lambda: self._io_end(conn, "kicked"))
        else:
            self._call_soon(lambda: self._io_close_gracefully(conn, "kicked"))

    def _need_peer(self, peer: Target) -> Target:
        if peer is None:
            raise NetError("bad_peer", BAD_PEER, kind="None")
        return peer

    def _targets(self, peer: Target) -> list[StreamConn]:
        """The connections ``peer`` names (caller's thread); NetError when none."""
        if isinstance(peer, bool) or not isinstance(peer, (int, Peer, tuple, type(None))):
            raise NetError("bad_peer", BAD_PEER, kind=type(peer).__name__)
        if isinstance(peer, int):  # the common case: one dict lookup, even with 10,000 clients
            with self._conns_lock:
                one = self._conns.get(peer)
            if one is None:
                raise NetError("unknown_client", UNKNOWN_CLIENT, address=f"#{peer}")
            return [one]
        with self._conns_lock:
            conns = list(self._conns.values())
        if peer is None:
            if not conns:
                raise NetError("no_client", NO_CLIENT)
            return conns
        if isinstance(peer, tuple) and not (len(peer) == 2 and isinstance(peer[0], str)
                                            and isinstance(peer[1], int)):
            raise NetError("bad_peer", BAD_PEER, kind=repr(peer)[:40])
        key = peer.address if isinstance(peer, Peer) else (peer[0], peer[1])
        found = [conn for conn in conns if conn.peer.address == key]
        address = str(peer) if isinstance(peer, Peer) else f"{peer[0]}:{peer[1]}"
        if not found:
            raise NetError("unknown_client", UNKNOWN_CLIENT, address=address)
        if len(found) > 1:
            raise NetError("ambiguous_peer", AMBIGUOUS_PEER, address=address)
        return found

    def _check_config(self) -> ServerConfig:
        host = parse_host(self.host)
        port = 0 if is_unix_path(host) else parse_port(self.port)
        if isinstance(self.max_clients, bool) or not isinstance(self.max_clients, int) \
                or not 1 <= self.max_clients <= MAX_CLIENTS_LIMIT:
            raise NetError("bad_limit", BAD_LIMIT)
        backlog = check_limit("backlog", self.backlog) or DEFAULT_BACKLOG
        self._check_flow()
        options = check_options(self.options)
        return ServerConfig(host, port, self.max_clients, bool(self.echo), backlog, options,
                            bool(self.refusal_line))

    # ----------------------------------------------------------- I/O thread
    def _io_reset(self) -> None:
        self._conns = {}
        self._by_sock = {}
        self._accept_timer = None
        self._out_of_files = False
        self._accept_error = None
        self._socket_file = None

    def _io_open(self) -> None:
        cfg: ServerConfig = self._cfg
        if is_unix_path(cfg.host):
            self._io_listen([])
        else:
            self._io_resolve_then(
                cfg.host, lambda: resolve(cfg.host, cfg.port, socket.SOCK_STREAM, passive=True),
                self._io_listen)

    def _io_listen(self, resolved: list[Resolved]) -> None:
        cfg: ServerConfig = self._cfg
        if is_unix_path(cfg.host):
            path = unix_path(cfg.host)
            self._listeners = [bind_unix(self._ops, path, socket.SOCK_STREAM, cfg.backlog, cfg.options,
                                         self._io_notice)]
            self._socket_file = SocketFile(path)
        else:
            self._listeners = bind_sockets(self._ops, cfg.host, cfg.port, resolved, socket.SOCK_STREAM,
                                           backlog=cfg.backlog, options=cfg.options)
        self._io_accepting(True)
        local = local_peers(self._ops, self._listeners)
        if cfg.options != SocketOptions():  # asked for: say what the kernel gave each listening socket
            now = time.monotonic()
            for sock, peer in zip(self._listeners, local, strict=True):
                self._post(OptionsApplied(self.name, peer, read_back(self._ops, sock, cfg.options,
                                                                     listening=True), now))
        self._io_started(local)

    def _io_accepting(self, on: bool) -> None:
        self._accepting = on
        selector = self._io_loop.selector
        for sock in self._listeners:
            if on:
                self._ops.register(selector, sock, selectors.EVENT_READ, self._on_accept)
            else:
                self._ops.unregister(selector, sock)

    def _io_pause_accepting(self, seconds: float) -> None:
        self._io_accepting(False)
        if self._accept_timer is not None:
            self._accept_timer.cancel()
        self._accept_timer = self._io_loop.call_later(seconds, lambda: self._io_accepting(True))

    def _on_accept(self, listener: socket.socket, mask: int) -> None:
        cfg: ServerConfig = self._cfg
        for _ in range(ACCEPT_BATCH):
            try:
                sock, addr = self._ops.accept(listener)
            except OSError as exc:
                if is_would_block(exc):
                    return
                if exc.errno in _ACCEPT_RETRY:
                    continue  # that connection failed before we took it; others may wait
                if exc.errno in _OUT_OF_FILES:
                    # keep serving the clients we have; try accepting again shortly.  Said once
                    # until an accept succeeds again, not every ACCEPT_PAUSE (that would flood the log)
                    if not self._out_of_files:
                        self._out_of_files = True
                        self._io_error(NetError("too_many_files", TOO_MANY_FILES, errno=exc.errno))
                    self._io_pause_accepting(ACCEPT_PAUSE)
                    return
                # anything else: report once per errno, pause briefly, keep serving
                if self._accept_error != exc.errno:
                    self._accept_error = exc.errno
                    self._io_error(from_os_error(exc, action="listen", host=cfg.host, port=cfg.port))
                self._io_pause_accepting(ACCEPT_ERROR_PAUSE)
                return
            self._out_of_files = False
            self._accept_error = None
            peer = Peer.from_sockaddr(addr)  # the address's shape tells its family (no syscall)
            if self._io_full():
                self._io_turn_away(sock, peer)
                continue
            self._io_adopt(sock, peer)

    def _io_full(self) -> bool:
        """True when one more client would pass ``max_clients`` (a relay counts its pairs)."""
        limit: int = self._cfg.max_clients
        return len(self._conns) >= limit

    def _io_turn_away(self, sock: socket.socket, peer: Peer) -> None:
        """Close a client past the limit; first tell it why, in one line, unless told not to.

        The line goes into an empty send buffer of a fresh connection, so one
        non-blocking send takes it whole; shutdown(SHUT_WR) then sends EOF
        after it.  What the client sent already is read and dropped: closing a
        socket with unread input sends a reset, which could destroy the line
        before the client reads it.  (A client that goes on sending after that
        may still get a reset: the socket is gone.)
        """
        cfg: ServerConfig = self._cfg
        told = False
        if cfg.refusal_line:
            with contextlib.suppress(OSError):
                self._ops.setblocking(sock, False)
                told = self._ops.send(sock, FULL_LINE.format(limit=cfg.max_clients).encode("ascii")) > 0
                self._ops.shutdown(sock, socket.SHUT_WR)
                sock.recv(65536)  # (untraced: it only drops what came, usually nothing: EAGAIN)
        self._ops.close(sock)
        self._io_error(NetError("too_many_clients", TOO_MANY_CLIENTS_TOLD if told else TOO_MANY_CLIENTS,
                                address=str(peer), limit=cfg.max_clients), peer=peer)

    def _io_adopt(self, sock: socket.socket, peer: Peer) -> None:
        cfg: ServerConfig = self._cfg
        self._next_conn += 1
        conn_id = self._next_conn
        try:
            self._ops.setblocking(sock, False)
            if not peer.is_unix:
                if cfg.options.nodelay is not False:
                    self._ops.setsockopt(sock, socket.IPPROTO_TCP, socket.TCP_NODELAY, 1,
                                         ("IPPROTO_TCP", "TCP_NODELAY"))
                if cfg.options.keepalive is not None:
                    self._ops.setsockopt(sock, socket.SOL_SOCKET, socket.SO_KEEPALIVE,
                                         int(cfg.options.keepalive), ("SOL_SOCKET", "SO_KEEPALIVE"))
        except OSError as exc:  # reset before we could set it up: that client only
            self._ops.close(sock)
            self._io_error(from_os_error(exc, action="receive", host=str(peer), port=None), peer=peer,
                           conn=conn_id)
            return
        conn = StreamConn(sock, peer, conn_id, self._ops.recv_fn(sock), self._ops.send_fn(sock))
        with self._conns_lock:
            self._conns[conn_id] = conn
        self._by_sock[id(sock)] = conn
        conn.callback = functools.partial(self._io_serve, conn)
        now = time.monotonic()
        self._post(PeerConnected(self.name, peer, conn_id, now))  # "open": no ConnectionState too
        self._io_watch(conn)

    def _io_fault(self, fileobj: Any, err: NetError) -> bool:
        conn = self._by_sock.get(id(fileobj))
        if conn is not None:  # that connection only
            self._io_error(err, peer=conn.peer, conn=conn.conn_id)
            self._io_end(conn, "error")
            return True
        if any(fileobj is sock for sock in self._listeners):
            self._io_error(err)
            self._io_pause_accepting(ACCEPT_ERROR_PAUSE)
            return True
        return False

    def _io_send(self, data: bytes, targets: list[StreamConn],
                 skipped: list[tuple[StreamConn, NetError]]) -> None:
        for skipped_conn, err in skipped:  # say which client missed the broadcast
            self._io_error(err, peer=skipped_conn.peer, conn=skipped_conn.conn_id)
        for conn in targets:
            if conn.closed:
                self.budget.release(conn.conn_id, len(data))
                self._io_error(NetError("unknown_client", UNKNOWN_CLIENT, address=conn.label),
                               peer=conn.peer, conn=conn.conn_id)
                continue
            self._io_queue(conn, data)

    def _io_pause_reading(self) -> None:
        for conn in list(self._conns.values()):
            self._io_watch(conn)

    _io_resume_reading = _io_pause_reading  # both: watch what each connection needs now

    def _io_forget(self, conn: StreamConn, reason: str) -> None:
        with self._conns_lock:
            self._conns.pop(conn.conn_id, None)
        self._by_sock.pop(id(conn.sock), None)

    def _io_begin_stop(self) -> None:
        if self._accept_timer is not None:
            self._accept_timer.cancel()
        self._io_accepting(False)
        self._io_close_listeners()
        for conn in list(self._conns.values()):
            self._io_close_gracefully(conn, "stopped", STOP_TIMEOUT)

    def _io_flushed(self) -> bool:
        return not self._conns

    def _io_close_listeners(self) -> None:
        for sock in self._listeners:
            self._ops.close(sock)
        if self._socket_file is not None:
            self._socket_file.remove()
            self._socket_file = None
        self._listeners = []

    def _io_close(self) -> None:
        for conn in list(self._conns.values()):
            self._io_end(conn, "stopped")
        self._io_close_listeners()
