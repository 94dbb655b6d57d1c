"""A TCP client: connects with a timeout, sends, receives, notices the peer closing."""

from __future__ import annotations

import errno as errno_codes
import os
import selectors
import socket

from .addresses import describe, is_unix_path, parse_host, parse_port, peer_of, resolve, unix_path
from .endpoint import monotonic
from .errors import N_, REFUSED, NetError, format_address, from_os_error
from .events import Peer, PeerDisconnected
from .stream import StreamConn
from .stream_endpoint import StreamEndpoint

BAD_TIMEOUT = N_("The timeout must be a number of seconds greater than 0.")


class TcpClient(StreamEndpoint):
    """One connection to ``host:port`` (or a Unix socket path).

    ``start()`` begins connecting and returns at once; ``Started`` arrives
    when connected, or ``Error`` + ``Stopped`` when it cannot be.  A name
    with several addresses (``localhost`` → ``::1`` and ``127.0.0.1``) is tried
    address by address until one answers.  When the server closes the
    connection the client stops by itself.  Any thread may call
    :meth:`start`, :meth:`send` and :meth:`stop`; data sent before the
    connection is up waits for it.
    """

    kind = "tcp-client"

    def __init__(self, events=None, host: str = "127.0.0.1", port: int | str = 9999, *,
                 timeout: float = 5.0, max_unconsumed: int | None = None, name: str | None = None) -> None:
        super().__init__(events, name=name)
        self.max_unconsumed = max_unconsumed  # see Endpoint.consumed()
        self.host = host
        self.port = port
        self.timeout = timeout
        self._conn: StreamConn | None = None
        self._sock: socket.socket | None = None
        self._candidates: list[tuple[int, tuple]] = []
        self._deadline: float | None = None
        self._first_error: NetError | None = None
        self._early: list[bytes] = []
        self.remote: Peer | None = None

    # ----------------------------------------------------------- any thread
    def send(self, data: bytes) -> None:
        """Send ``data`` to the server."""
        data = bytes(data)
        self._call_soon(lambda: self._io_send(data))

    def _check_config(self) -> None:
        self.host = parse_host(self.host)
        self.port = 0 if is_unix_path(self.host) else parse_port(self.port, allow_zero=False)
        try:
            timeout = float(self.timeout)
        except (TypeError, ValueError):
            timeout = 0.0
        if not timeout > 0:
            raise NetError("bad_timeout", BAD_TIMEOUT)
        self.timeout = timeout

    # ----------------------------------------------------------- I/O thread
    def _io_open(self) -> None:
        self._conn = None
        self._early = []
        self._first_error = None
        if is_unix_path(self.host):
            self._candidates = [(socket.AF_UNIX, unix_path(self.host))]  # type: ignore[list-item]
        else:
            self._candidates = [(r.family, r.sockaddr) for r in
                                resolve(self.host, int(self.port), socket.SOCK_STREAM, passive=False)]
        self._io_try_next()

    def _io_try_next(self) -> None:
        while self._candidates:
            family, sockaddr = self._candidates.pop(0)
            sock = socket.socket(family, socket.SOCK_STREAM)
            sock.setblocking(False)
            code = sock.connect_ex(sockaddr)
            if code in (0, errno_codes.EINPROGRESS, errno_codes.EWOULDBLOCK, errno_codes.EAGAIN):
                self._sock = sock
                self._deadline = monotonic() + float(self.timeout)
                self._io_register(sock, selectors.EVENT_WRITE, self._on_connect)
                return
            sock.close()
            self._io_note_failure(OSError(code, os.strerror(code)))
        self._io_give_up()

    def _io_note_failure(self, exc: OSError) -> None:
        port = None if is_unix_path(self.host) else int(self.port)
        err = from_os_error(exc, action="connect", host=self.host, port=port, timeout=float(self.timeout))
        # "refused" on the first address is more useful than "unreachable" on a later one
        if self._first_error is None:
            self._first_error = err

    def _io_give_up(self) -> None:
        self._io_fail(self._first_error or NetError(
            "refused", REFUSED, address=format_address(self.host, int(self.port) or None)))

    def _on_connect(self, sock: socket.socket, mask: int) -> None:
        code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        self._io_unregister(sock)
        if code == 0:
            try:
                if sock.family != socket.AF_UNIX:
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    remote = peer_of(sock.getpeername())
                    local = peer_of(sock.getsockname())
                else:
                    remote = (unix_path(self.host), 0)
                    local = (str(sock.getsockname() or ""), 0)
            except OSError as exc:
                # reset by the server in the meantime (getpeername: ENOTCONN): a failed connect
                code = (sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) or exc.errno
                        or errno_codes.ECONNRESET)
        if code != 0:
            sock.close()
            self._sock = None
            self._io_note_failure(OSError(code, os.strerror(code)))
            self._io_try_next()
            return
        self._deadline = None
        self.remote = remote
        conn = StreamConn(sock, remote, describe(remote))
        conn.callback = self._on_io
        self._conn = conn
        self._io_watch(conn)
        self._io_started((local,), remote)
        for data in self._early:
            self._io_queue(conn, data)
        self._early = []

    def _io_timeout(self) -> float | None:
        if self._deadline is None:
            return None
        return max(0.0, self._deadline - monotonic())

    def _io_tick(self) -> None:
        if self._deadline is not None and monotonic() >= self._deadline and self._sock is not None:
            sock = self._sock
            self._io_unregister(sock)
            sock.close()
            self._sock = None
            self._deadline = None
            self._io_note_failure(TimeoutError())
            self._io_try_next()

    def _on_io(self, sock: socket.socket, mask: int) -> None:
        if self._conn is not None:
            self._io_serve(self._conn, mask)

    def _io_send(self, data: bytes) -> None:
        if self._conn is None:
            self._early.append(data)
            return
        self._io_queue(self._conn, data)

    def _io_pause_reading(self) -> None:
        if self._conn is not None and not self._conn.closed:
            self._io_watch(self._conn)

    _io_resume_reading = _io_pause_reading  # both: watch what the connection needs now

    def _io_end(self, conn: StreamConn, reason: str) -> None:
        self._io_close_conn(reason)

    def _io_close_conn(self, reason: str) -> None:
        conn = self._conn
        if conn is None or conn.closed:
            return
        conn.closed = True
        self._io_unregister(conn.sock)
        conn.sock.close()
        self._post(PeerDisconnected(self.name, conn.peer, reason))
        if reason != "stopped":
            self._io_request_stop(reason)

    def _io_close(self) -> None:
        self._io_close_conn("stopped")
        if self._sock is not None and self._conn is None:
            self._sock.close()
        self._sock = None
        self._candidates = []
        self._deadline = None
