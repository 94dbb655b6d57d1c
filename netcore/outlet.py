"""Where a send job's messages go: one endpoint and its target(s), written to on its I/O thread.

A periodic send (:mod:`netcore.periodic`) and a file being sent
(:mod:`netcore.file_sender`) send from the endpoint's I/O thread, not
through ``send()``: no command and wake-up per message, and they can see the
write buffer (TCP) or the socket's refusal to take more (UDP) and wait
instead of queueing without bound.  :func:`outlet_for` checks the target on
the caller's thread (any thread) and raises :class:`NetError` in plain
words; the ``io_*`` methods run on the I/O thread only.

What goes out is told as for ``send()``: a ``DataSent`` per message (TCP
request or datagram), an ``Error`` when it fails.
"""

from __future__ import annotations

import errno as errno_codes
import socket
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .catalogue import FAMILY_MISMATCH
from .datagram import check_size, max_payload
from .errors import N_, NetError
from .events import DataSent
from .peer import Peer

if TYPE_CHECKING:
    from .datagram_endpoint import DatagramEndpoint
    from .endpoint import Endpoint
    from .stream import StreamConn
    from .stream_endpoint import StreamEndpoint
    from .tcp_client import TcpClient
    from .tcp_server import TcpServer
    from .udp_client import UdpClient
    from .udp_server import UdpServer

# what io_send did
SENT = "sent"  # every target took it
FULL = "full"  # a target's write buffer is full (TCP) or the socket took no more (UDP): not sent there
GONE = "gone"  # no target is left (the connection closed)
FAILED = "failed"  # an error was reported (an Error event): the job should end

NOT_CONNECTED_YET = N_("Not connected yet: wait until the connection is open, then start.")
NOT_BOUND_YET = N_("Not ready yet: wait until the socket is open, then start.")
NO_TARGET = N_("Say whom to send to: a client's connection number, several, or None for every client.")
UNKNOWN_KIND = N_("This endpoint cannot send on its own: use a TCP or UDP client or server.")

Target = Any  # what each endpoint's send() accepts; tuples/lists name several


class Outlet:
    """Base: ``stream`` (TCP: a write buffer, drain waits) or not (UDP: ``max_message`` per datagram)."""

    stream = False
    max_message: int | None = None

    def __init__(self, endpoint: Endpoint, label: str) -> None:
        self.endpoint = endpoint
        self.label = label  # the target(s) in words, for messages
        self.error: NetError | None = None  # what made io_send return FAILED (already posted)

    def check_message(self, data: bytes) -> None:
        """Raise NetError if ``data`` cannot go as one message (a datagram too large); any thread."""
        if self.max_message is not None and len(data) > self.max_message:
            check_size(data, self.family)

    family: int = socket.AF_INET

    # ----------------------------------------------------------- I/O thread
    def io_send(self, data: bytes, skip_full: bool = True) -> str:
        raise NotImplementedError

    def io_full(self) -> bool:
        """True while a target can take no more (wait before sending a file's next chunk)."""
        return False

    def io_gone(self) -> bool:
        """True when no target is left to send to."""
        return False

    def io_buffered(self) -> int:
        """Bytes accepted and not yet handed to the kernel (TCP), for every target."""
        return 0

    def io_when_drained(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once (on the I/O thread) when a full target has room again or is gone."""
        self.endpoint._io_loop.call_later(0.001, callback)


class StreamOutlet(Outlet):
    """TCP (or Unix stream): one connection (a client), several, or every client of a server."""

    stream = True

    def __init__(self, endpoint: StreamEndpoint, label: str,
                 conns: Callable[[], Sequence[StreamConn]]) -> None:
        super().__init__(endpoint, label)
        self._stream_endpoint = endpoint
        self._conns = conns  # the open connections to send to now (I/O thread)

    def io_send(self, data: bytes, skip_full: bool = True) -> str:
        conns = [conn for conn in self._conns() if not conn.closed]
        if not conns:
            return GONE
        skipped = False
        queue = self._stream_endpoint._io_queue
        for conn in conns:
            if skip_full and conn.write_paused:  # above the high-water mark: this tick is skipped there
                skipped = True
                continue
            # not counted in the send() budget (that is the caller's side): what a job queues is
            # bounded by the high-water mark it waits at
            queue(conn, data, False)
        return FULL if skipped else SENT

    def io_full(self) -> bool:
        return any(conn.write_paused for conn in self._conns() if not conn.closed)

    def io_gone(self) -> bool:
        return all(conn.closed for conn in self._conns())

    def io_buffered(self) -> int:
        return sum(conn.out_size for conn in self._conns() if not conn.closed)

    def io_when_drained(self, callback: Callable[[], None]) -> None:
        full = [conn for conn in self._conns() if not conn.closed and conn.write_paused]
        if not full:
            super().io_when_drained(callback)
            return
        for conn in full:
            self._stream_endpoint._io_when_drained(conn, callback)


class DatagramOutlet(Outlet):
    """UDP (or Unix datagram): the client's target, or chosen peers of a server."""

    def __init__(self, endpoint: DatagramEndpoint, label: str, sock: Callable[[int], socket.socket | None],
                 targets: Sequence[tuple[int, Any, Peer]], connected: bool, family: int) -> None:
        super().__init__(endpoint, label)
        self._datagram_endpoint = endpoint
        self._sock = sock  # the socket of a family, once it is open (I/O thread)
        self._targets = targets  # (family, sockaddr, peer)
        self._connected = connected
        self.family = family
        self.max_message = max_payload(family)
        self._refused: Sequence[tuple[int, Any, Peer]] = ()
        self._refused_data: bytes | None = None

    def io_send(self, data: bytes, skip_full: bool = True) -> str:
        endpoint = self._datagram_endpoint
        ops = endpoint._ops
        # the same datagram again after FULL (a file's, which waits): only to the targets that refused
        # it; a periodic send's (skip_full) skipped that tick everywhere and starts afresh
        retry = not skip_full and data is self._refused_data
        targets = self._refused if retry else self._targets
        refused: list[tuple[int, Any, Peer]] = []
        for item in targets:
            family, sockaddr, peer = item
            sock = self._sock(family)
            if sock is None:
                return GONE
            impairer = endpoint._impairer  # the impairment lab (netcore/impairer.py), as for send()
            if impairer is not None and impairer.take(sock, data, None if self._connected else sockaddr,
                                                      peer):
                continue  # dropped, or held back
            try:
                if self._connected:
                    ops.send(sock, data)
                else:
                    ops.sendto(sock, data, sockaddr)
            except OSError as exc:
                if isinstance(exc, BlockingIOError) or exc.errno in (errno_codes.EAGAIN, errno_codes.ENOBUFS):
                    refused.append(item)  # the socket's send buffer is full: try again a little later
                    continue
                self.error = endpoint._explain_send_error(exc, peer)
                endpoint._io_error(self.error, peer=peer)
                return FAILED
            endpoint._post(DataSent(endpoint.name, peer, len(data), 0, time.monotonic()))
        self._refused, self._refused_data = refused, (data if refused else None)
        return FULL if refused else SENT


def outlet_for(endpoint: Endpoint, target: Target = None, *, fixed: bool = False) -> Outlet:
    """The outlet for ``endpoint`` and ``target``, checked now (any thread); NetError in plain words.

    * TcpClient: its connection (``target`` unused).
    * TcpServer: ``None`` for every client connected at each send (with ``fixed``: every client
      connected now, as a file needs: one who comes later must not get it from the middle), a
      connection id or address, or a tuple/list of them.
    * UdpClient: its target (``target`` unused).
    * UdpServer: a Peer or ``(host, port)``, a list of them, or None for the last sender.
    """
    from .tcp_client import TcpClient
    from .tcp_server import TcpServer
    from .udp_client import UdpClient
    from .udp_server import UdpServer

    endpoint._require_loop()  # "not started" first, as send() says
    if isinstance(endpoint, TcpClient):
        return _tcp_client(endpoint)
    if isinstance(endpoint, TcpServer):
        return _tcp_server(endpoint, target, fixed)
    if isinstance(endpoint, UdpClient):
        return _udp_client(endpoint)
    if isinstance(endpoint, UdpServer):
        return _udp_server(endpoint, target)
    raise NetError("bad_endpoint", UNKNOWN_KIND)


def _tcp_client(client: TcpClient) -> Outlet:
    if client.remote is None:
        raise NetError("not_connected", NOT_CONNECTED_YET)

    def conns() -> list[StreamConn]:
        conn = client._conn
        return [conn] if conn is not None else []

    return StreamOutlet(client, str(client.remote), conns)


def _tcp_server(server: TcpServer, target: Target, fixed: bool) -> Outlet:
    if target is None:
        now = server._targets(None)  # NetError "no client is connected" now rather than at the first tick
        if fixed:
            return StreamOutlet(server, "*", lambda: now)

        def everyone() -> list[StreamConn]:
            return list(server._conns.values())

        return StreamOutlet(server, "*", everyone)
    items = list(target) if isinstance(target, list) or (
        isinstance(target, tuple) and not (len(target) == 2 and isinstance(target[0], str))) else [target]
    if not items:
        raise NetError("bad_peer", NO_TARGET)
    chosen: dict[int, StreamConn] = {}
    for item in items:
        for conn in server._targets(item):
            chosen[conn.conn_id] = conn
    conns = list(chosen.values())
    return StreamOutlet(server, ", ".join(conn.label for conn in conns), lambda: conns)


def _udp_client(client: UdpClient) -> Outlet:
    target, remote = client._target, client.remote
    if target is None or remote is None:
        raise NetError("not_ready", NOT_BOUND_YET)
    cfg = client._cfg
    sockaddr = client._send_to

    def sock(_family: int) -> socket.socket | None:
        return client._sockets[0] if client._sockets else None

    return DatagramOutlet(client, str(remote), sock, [(target.family, sockaddr, remote)],
                          bool(cfg.connect), target.family)


def _udp_server(server: UdpServer, target: Target) -> Outlet:
    from .addresses import is_unix_path
    from .os_errors import family_name
    from .resolver import resolve
    from .udp_server import AF_UNIX, NO_SENDER, NOT_READY, parse_target

    if target is None:
        target = server.last_sender
        if target is None:
            raise NetError("no_sender", NO_SENDER)
    items = list(target) if isinstance(target, list) else [target]
    if not items:
        raise NetError("no_sender", NO_SENDER)
    families = server._families
    if not families:
        raise NetError("not_ready", NOT_READY)
    resolved: list[tuple[int, Any, Peer]] = []
    for item in items:
        host, port = parse_target(item, is_unix_path(server._cfg.host))
        if families == (AF_UNIX,):
            peer = Peer.unix(host)
            resolved.append((AF_UNIX, host, peer))
            continue
        family = families[0] if len(families) == 1 else socket.AF_UNSPEC
        found = resolve(host, port, socket.SOCK_DGRAM, passive=False, prefer_ipv4=True, family=family)
        usable = [one for one in found if one.family in families]
        if not usable:  # e.g. an IPv6 peer while bound to an IPv4 address only
            raise NetError("family_mismatch", FAMILY_MISMATCH, host=host, family=family_name(found[0].family),
                           other=family_name(families[0]))
        one = usable[0]
        resolved.append((one.family, one.sockaddr, Peer.from_sockaddr(one.sockaddr, one.family)))

    def sock(family: int) -> socket.socket | None:
        for candidate in server._sockets:
            if candidate.family == family:
                return candidate
        return None

    smallest = min((family for family, _, _ in resolved), key=lambda f: max_payload(f))
    return DatagramOutlet(server, ", ".join(str(peer) for _, _, peer in resolved), sock, resolved,
                          False, smallest)


__all__ = ["FAILED", "FULL", "GONE", "SENT", "DatagramOutlet", "Outlet", "StreamOutlet",
           "outlet_for"]
