"""A TCP server with many clients, served by one I/O thread."""

from __future__ import annotations

import contextlib
import errno as errno_codes
import functools
import os
import selectors
import socket
import threading

from .addresses import describe, is_unix_path, parse_host, parse_port, peer_of, unix_path
from .binding import bind_sockets, close_all, local_peers
from .endpoint import is_would_block, monotonic
from .errors import N_, TOO_MANY_FILES, NetError
from .events import Peer, PeerConnected, PeerDisconnected
from .stream import StreamConn
from .stream_endpoint import StreamEndpoint

NO_CLIENT = N_("No client is connected, so there is nobody to send to.")
UNKNOWN_CLIENT = N_("{address} is no longer connected.")
TOO_MANY_CLIENTS = N_("{address} was turned away: the limit of {limit} clients is reached.")
BAD_LIMIT = N_("The client limit must be a whole number from 1 to 100000.")

DEFAULT_MAX_CLIENTS = 1000
ACCEPT_BATCH = 64
ACCEPT_PAUSE = 0.5  # seconds without accepting after running out of file descriptors


class TcpServer(StreamEndpoint):
    """Listens on ``host:port`` and talks to every client that connects.

    Any thread may call :meth:`start`, :meth:`stop`, :meth:`send`,
    :meth:`disconnect` and :meth:`peers`.  With ``echo=True`` every byte
    received is sent back to its sender on the I/O thread.
    """

    kind = "tcp-server"

    def __init__(self, events=None, host: str = "127.0.0.1", port: int | str = 9999, *,
                 max_clients: int = DEFAULT_MAX_CLIENTS, echo: bool = False, backlog: int = 128,
                 max_unconsumed: int | None = None, name: str | None = None) -> None:
        super().__init__(events, name=name)
        self.max_unconsumed = max_unconsumed  # see Endpoint.consumed()
        self.host = host
        self.port = port
        self.max_clients = max_clients
        self.echo = echo
        self.backlog = backlog
        self._listeners: list[socket.socket] = []
        self._conns: dict[Peer, StreamConn] = {}
        # guards _conns' membership for peers() on other threads; the I/O thread
        # alone mutates it, so its own reads need no lock
        self._conns_lock = threading.Lock()
        self._unix_count = 0
        self._accept_resume: float | None = None
        self._out_of_files = False  # "too many open files" was reported and not yet cleared

    # ----------------------------------------------------------- any thread
    def peers(self) -> tuple[Peer, ...]:
        """The clients connected now, in the order they arrived."""
        with self._conns_lock:
            return tuple(self._conns)

    def send(self, data: bytes, peer: Peer | None = None) -> None:
        """Send ``data`` to ``peer``, or to every client when ``peer`` is None."""
        data = bytes(data)
        self._call_soon(lambda: self._io_send(data, peer))

    def disconnect(self, peer: Peer) -> None:
        """Close the connection to ``peer``."""
        self._call_soon(lambda: self._io_drop(peer, "kicked"))

    def _check_config(self) -> None:
        self.host = parse_host(self.host)
        self.port = 0 if is_unix_path(self.host) else parse_port(self.port)
        if not isinstance(self.max_clients, int) or not 1 <= self.max_clients <= 100_000:
            raise NetError("bad_limit", BAD_LIMIT)

    # ----------------------------------------------------------- I/O thread
    def _io_open(self) -> None:
        self._conns = {}
        self._accept_resume = None
        self._out_of_files = False
        self._listeners = bind_sockets(self.host, int(self.port), socket.SOCK_STREAM, backlog=self.backlog)
        for sock in self._listeners:
            self._io_register(sock, selectors.EVENT_READ, self._on_accept)
        self._io_started(local_peers(self._listeners))

    def _io_close(self) -> None:
        for peer in list(self._conns):
            self._io_drop(peer, "stopped")
        close_all(self._listeners)
        if is_unix_path(self.host) and self._listeners:
            with contextlib.suppress(OSError):
                os.unlink(unix_path(self.host))
        self._listeners = []

    def _io_timeout(self) -> float | None:
        if self._accept_resume is None:
            return None
        return max(0.0, self._accept_resume - monotonic())

    def _io_tick(self) -> None:
        if self._accept_resume is not None and monotonic() >= self._accept_resume:
            self._accept_resume = None
            for sock in self._listeners:
                self._io_register(sock, selectors.EVENT_READ, self._on_accept)

    def _on_accept(self, listener: socket.socket, mask: int) -> None:
        for _ in range(ACCEPT_BATCH):
            try:
                sock, addr = listener.accept()
            except OSError as exc:
                if is_would_block(exc) or exc.errno in (errno_codes.EINTR, errno_codes.ECONNABORTED):
                    return
                if exc.errno in (errno_codes.EMFILE, errno_codes.ENFILE, errno_codes.ENOBUFS,
                                 errno_codes.ENOMEM):
                    # keep serving the clients we have; try accepting again shortly.  Said once
                    # until an accept succeeds again, not every ACCEPT_PAUSE (that would flood the log)
                    if not self._out_of_files:
                        self._out_of_files = True
                        self._io_error(NetError("too_many_files", TOO_MANY_FILES, errno=exc.errno))
                    for listening in self._listeners:
                        self._io_unregister(listening)
                    self._accept_resume = monotonic() + ACCEPT_PAUSE
                    return
                raise
            self._out_of_files = False
            if isinstance(addr, str) or not addr:
                self._unix_count += 1
                peer: Peer = (unix_path(self.host), self._unix_count)
            else:
                peer = peer_of(addr)
            if len(self._conns) >= self.max_clients:
                sock.close()
                self._io_error(NetError("too_many_clients", TOO_MANY_CLIENTS, address=describe(peer),
                                        limit=self.max_clients), peer=peer)
                continue
            sock.setblocking(False)
            if sock.family != socket.AF_UNIX:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn = StreamConn(sock, peer, describe(peer))
            with self._conns_lock:
                self._conns[peer] = conn
            conn.callback = functools.partial(self._on_conn, conn)
            self._io_watch(conn)
            self._post(PeerConnected(self.name, peer))

    def _on_conn(self, conn: StreamConn, sock: socket.socket, mask: int) -> None:
        self._io_serve(conn, mask)

    def _io_send(self, data: bytes, peer: Peer | None) -> None:
        if peer is None:
            targets = list(self._conns.values())
            if not targets:
                self._io_error(NetError("no_client", NO_CLIENT))
                return
        else:
            conn = self._conns.get(tuple(peer))  # type: ignore[arg-type]
            if conn is None:
                self._io_error(NetError("unknown_client", UNKNOWN_CLIENT, address=describe(tuple(peer))),
                               peer=tuple(peer))  # type: ignore[arg-type]
                return
            targets = [conn]
        for conn in targets:
            self._io_queue(conn, data)

    def _io_pause_reading(self) -> None:
        for conn in self._conns.values():
            self._io_watch(conn)

    _io_resume_reading = _io_pause_reading  # both: watch what each connection needs now

    def _io_end(self, conn: StreamConn, reason: str) -> None:
        self._io_drop(conn.peer, reason)

    def _io_drop(self, peer: Peer, reason: str) -> None:
        with self._conns_lock:
            conn = self._conns.pop(tuple(peer), None)  # type: ignore[arg-type]
        if conn is None:
            return
        conn.closed = True
        self._io_unregister(conn.sock)
        conn.sock.close()
        self._post(PeerDisconnected(self.name, conn.peer, reason))
