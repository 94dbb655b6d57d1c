"""A TCP relay: listen, and for each client accepted connect onward to a target, forwarding both ways.

What sokit's "TCP 转发" and ``socat TCP-LISTEN:… TCP:…`` do, on one I/O
thread like every endpoint (a :class:`~netcore.TcpServer` whose every client
gets a partner connection to the target):

* **Flow control**: a side is read only while its partner's write queue is
  under the high-water mark (``write_high``, 1 MiB); it is read again once
  that queue is back at the low mark.  A fast sender facing a slow reader is
  held back by TCP, and memory stays bounded (the mark plus one read batch).
* **Half-close**: EOF from one side becomes ``shutdown(SHUT_WR)`` on the
  other once what was queued for it is written; the other direction goes on
  until that side ends too.
* **Failures**: when one side fails (reset, error) or is disconnected, its
  partner is closed too, after what was queued for it is written, with a
  ``Notice`` saying why.  When the target cannot be reached, the client is
  closed (EOF: nothing is written into its stream, a relay stays
  transparent) and an ``Error`` says why.
* **Events**: every connection is a ``PeerConnected``/``PeerDisconnected``
  of its own, both sides' data is ``DataReceived`` (from the side that sent
  it), and :class:`RelayLinked` pairs them: a client's connection id is
  ``n``, its target connection's ``n + 1``.  ``send(data, conn)`` injects
  bytes towards either side; ``max_clients`` counts clients, not sockets.

A client is not read until its target connection is up, so nothing it sends
early is lost or buffered here: TCP holds it.  Any thread may call the
public methods (see :class:`~netcore.TcpServer`).
"""

from __future__ import annotations

import contextlib
import errno as errno_codes
import functools
import os
import selectors
import socket
import time
from typing import Any

from .addresses import is_unix_path, parse_host, parse_port
from .arguments import check_timeout
from .catalogue import REFUSED
from .endpoint import EventSink
from .errors import N_, NetError, format_address
from .events import CLOSED, CONNECTING, ConnectionState, PeerConnected
from .limits import CONNECT_TIMEOUT
from .os_errors import from_os_error
from .peer import Peer
from .resolver import Resolved, resolve
from .stream import StreamConn
from .tcp_server import ServerConfig, TcpServer
from .values import Value

TARGET_NOT_UNIX = N_("The relay’s target must be a host and a port (a Unix path is not offered here).")
NO_TARGET = N_("{client} was closed: the relay could not reach its target {target}.")
# When one side ends, what was queued for its partner still goes out, for up to this long
PARTNER_FLUSH_TIMEOUT = 30.0
PARTNER_GONE = N_("Closed {other} as well: {peer}, the other end of its relay, is gone.")


class RelayLinked(Value):
    """A client (``client_conn``) and its connection to the target (``target_conn``) are relaying."""

    source: str
    client: Peer
    target: Peer
    client_conn: int
    target_conn: int
    time: float = 0.0


class _Dialling(Value, frozen=False):
    """A client whose connection to the target is being made (I/O thread only)."""

    client: StreamConn
    target_conn: int
    candidates: list[Resolved]
    sock: Any = None
    timer: Any = None
    first_error: Any = None


class TcpRelay(TcpServer):
    """Listens on ``host:port``; each client is relayed to ``target_host:target_port``."""

    kind = "tcp-relay"

    def __init__(self, events: EventSink | None = None, host: str = "127.0.0.1", port: int | str = 9998,
                 target_host: str = "127.0.0.1", target_port: int | str = 9999, *,
                 connect_timeout: float = CONNECT_TIMEOUT, **kwargs: Any) -> None:
        kwargs.setdefault("refusal_line", False)  # a relay is transparent: a full one only closes
        super().__init__(events, host, port, **kwargs)
        self.target_host = target_host
        self.target_port = target_port
        self.connect_timeout = connect_timeout
        self._target: tuple[str, int, float] = ("", 0, CONNECT_TIMEOUT)  # frozen by start()
        self._target_addresses: list[Resolved] = []
        self._partner: dict[int, StreamConn] = {}
        self._clients: set[int] = set()
        self._dialling: dict[int, _Dialling] = {}

    def _check_config(self) -> ServerConfig:
        cfg = super()._check_config()
        host = parse_host(self.target_host)
        if is_unix_path(host):
            raise NetError("bad_host", TARGET_NOT_UNIX)
        port = parse_port(self.target_port, allow_zero=False)
        self._target = (host, port, check_timeout(self.connect_timeout))
        self._echo = False
        return cfg

    # ----------------------------------------------------------- I/O thread
    def _io_reset(self) -> None:
        super()._io_reset()
        self._target_addresses = []
        self._partner = {}
        self._clients = set()
        self._dialling = {}

    def _io_open(self) -> None:
        host, port, _timeout = self._target

        def listen(found: list[Resolved]) -> None:
            self._target_addresses = found
            super(TcpRelay, self)._io_open()  # then listen, as a server does

        self._io_resolve_then(host, lambda: resolve(host, port, socket.SOCK_STREAM, passive=False), listen)

    def _io_full(self) -> bool:
        limit: int = self._cfg.max_clients
        return len(self._clients) >= limit

    def _io_adopt(self, sock: socket.socket, peer: Peer) -> None:
        before = self._next_conn
        super()._io_adopt(sock, peer)  # not read yet: _io_reading_wanted waits for its partner
        client = self._conns.get(self._next_conn)
        if self._next_conn == before or client is None:  # it failed before it was set up
            return
        self._clients.add(client.conn_id)
        self._next_conn += 1  # the target connection's id: the client's + 1
        dialling = _Dialling(client, self._next_conn, list(self._target_addresses))
        self._dialling[client.conn_id] = dialling
        self._io_dial(dialling)

    def _io_dial(self, dialling: _Dialling) -> None:
        """Try the target's next address (a name may stand for several); give up when none is left."""
        ops = self._ops
        while dialling.candidates:
            item = dialling.candidates.pop(0)
            try:
                sock = ops.socket(item.family, socket.SOCK_STREAM, base="target")
            except OSError as exc:
                self._io_dial_failed(dialling, exc, item.family)
                continue
            try:
                ops.setblocking(sock, False)
                code = ops.connect_ex(sock, item.sockaddr)
            except OSError as exc:
                ops.close(sock)
                self._io_dial_failed(dialling, exc, item.family)
                continue
            if code in (0, errno_codes.EINPROGRESS, errno_codes.EWOULDBLOCK, errno_codes.EAGAIN):
                dialling.sock = sock
                ops.register(self._io_loop.selector, sock, selectors.EVENT_WRITE,
                             functools.partial(self._on_target_connect, dialling))
                dialling.timer = self._io_loop.call_later(self._target[2],
                                                          functools.partial(self._io_dial_timeout, dialling))
                target = Peer.from_sockaddr(item.sockaddr, item.family)
                self._post(ConnectionState(self.name, target, CONNECTING, dialling.target_conn,
                                           time.monotonic()))
                return
            ops.close(sock)
            self._io_dial_failed(dialling, OSError(code, os.strerror(code)), item.family)
        self._io_no_target(dialling)

    def _io_dial_failed(self, dialling: _Dialling, exc: OSError, family: int) -> None:
        if dialling.first_error is None:  # the first address's failure says most ("refused")
            host, port, timeout = self._target
            dialling.first_error = from_os_error(exc, action="connect", host=host, port=port, timeout=timeout,
                                                 family=family)

    def _io_dial_timeout(self, dialling: _Dialling) -> None:
        sock, dialling.sock, dialling.timer = dialling.sock, None, None
        if sock is None:
            return
        self._ops.unregister(self._io_loop.selector, sock)
        self._ops.close(sock)
        self._io_dial_failed(dialling, TimeoutError(), sock.family)
        self._io_dial(dialling)

    def _on_target_connect(self, dialling: _Dialling, sock: socket.socket, mask: int) -> None:
        if dialling.timer is not None:
            dialling.timer.cancel()
            dialling.timer = None
        ops = self._ops
        code = ops.getsockopt(sock, socket.SOL_SOCKET, socket.SO_ERROR, 0, ("SOL_SOCKET", "SO_ERROR"))
        ops.unregister(self._io_loop.selector, sock)
        dialling.sock = None
        remote: Peer | None = None
        if code == 0:
            try:
                ops.setsockopt(sock, socket.IPPROTO_TCP, socket.TCP_NODELAY, 1,
                               ("IPPROTO_TCP", "TCP_NODELAY"))
                remote = Peer.from_sockaddr(ops.getpeername(sock), sock.family)
            except OSError as exc:  # reset in the meantime
                code = exc.errno or errno_codes.ECONNRESET
        if code != 0 or remote is None:
            ops.close(sock)
            self._io_dial_failed(dialling, OSError(code, os.strerror(code)), sock.family)
            self._io_dial(dialling)
            return
        client = dialling.client
        self._dialling.pop(client.conn_id, None)
        target = StreamConn(sock, remote, dialling.target_conn, ops.recv_fn(sock), ops.send_fn(sock))
        target.callback = functools.partial(self._io_serve, target)
        with self._conns_lock:
            self._conns[target.conn_id] = target
        self._by_sock[id(sock)] = target
        self._partner[client.conn_id] = target
        self._partner[target.conn_id] = client
        now = time.monotonic()
        self._post(PeerConnected(self.name, remote, target.conn_id, now))
        self._post(RelayLinked(self.name, client.peer, remote, client.conn_id, target.conn_id, now))
        self._io_watch(target)
        self._io_watch(client)

    def _io_no_target(self, dialling: _Dialling) -> None:
        """No address of the target answered: say why, and close the client (EOF, not a reset)."""
        client = dialling.client
        self._dialling.pop(client.conn_id, None)
        host, port, _timeout = self._target
        target = format_address(host, port)
        err = dialling.first_error or NetError("refused", REFUSED, address=target)
        self._io_error(err, peer=client.peer, conn=client.conn_id)
        self._io_notice("no_target", NO_TARGET, {"client": client.label, "target": target})
        with contextlib.suppress(Exception):
            client.read_batch()  # drop what it sent (unread input would turn the close into a reset)
        self._io_close_gracefully(client, "no_target")

    # ------------------------------------------------------------- relaying
    def _io_reading_wanted(self, conn: StreamConn) -> bool:
        partner = self._partner.get(conn.conn_id)
        if partner is None or partner.state == CLOSED or partner.write_paused:
            return False  # no partner yet, or its queue is full: TCP holds the sender back
        return super()._io_reading_wanted(conn)

    def _io_deliver(self, conn: StreamConn, chunks: list[bytes], reply: bool = True) -> None:
        super()._io_deliver(conn, chunks, reply)  # the events (the log, the counters; framing, if set)
        partner = self._partner.get(conn.conn_id)
        if partner is None or partner.closed:
            return
        for data in chunks:
            self._io_queue(partner, data, False)
            if partner.closed:
                return
        if partner.write_paused:
            self._io_watch(conn)  # stop reading until the partner's queue is back at the low mark

    def _io_wrote(self, conn: StreamConn, written: int, error: OSError | None) -> None:
        paused = conn.write_paused
        super()._io_wrote(conn, written, error)
        if paused and not conn.write_paused and not conn.closed:
            partner = self._partner.get(conn.conn_id)
            if partner is not None:
                self._io_watch(partner)  # room again: read its partner again

    def _io_peer_eof(self, conn: StreamConn) -> None:
        super()._io_peer_eof(conn)
        if conn.closed:
            return  # both directions done: _io_forget tells the partner
        partner = self._partner.get(conn.conn_id)
        if partner is not None and not partner.closed:
            self._io_shutdown_write(partner)  # EOF one way becomes EOF the same way on the other side

    def _io_forget(self, conn: StreamConn, reason: str) -> None:
        super()._io_forget(conn, reason)
        self._clients.discard(conn.conn_id)
        dialling = self._dialling.pop(conn.conn_id, None)
        if dialling is not None:  # the client left (or was closed) while its target was dialled
            if dialling.timer is not None:
                dialling.timer.cancel()
            if dialling.sock is not None:
                self._ops.unregister(self._io_loop.selector, dialling.sock)
                self._ops.close(dialling.sock)
        partner = self._partner.pop(conn.conn_id, None)
        if partner is None:
            return
        self._partner.pop(partner.conn_id, None)
        if partner.closed:
            return
        if reason == "closed" and partner.peer_eof:
            # both directions ended in order: the partner's peer had finished too, so end the
            # partner the same way, once what is queued for it is written (no time limit: it is flowing)
            self._io_shutdown_write(partner)
            return
        if reason not in ("stopped", "closed"):
            self._io_notice("partner_gone", PARTNER_GONE, {"other": partner.label, "peer": conn.label})
        why = reason if reason in ("stopped", "kicked", "closed") else "partner_gone"
        self._io_close_gracefully(partner, why, PARTNER_FLUSH_TIMEOUT)

    def _io_close(self) -> None:
        for dialling in list(self._dialling.values()):
            if dialling.sock is not None:
                self._ops.close(dialling.sock)
        self._dialling = {}
        super()._io_close()
