"""A UDP server: receives datagrams with their sender, replies to any address."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

from .addresses import is_unix_path, parse_host, parse_port
from .arguments import check_data
from .binding import bind_sockets, local_peers
from .catalogue import FAMILY_MISMATCH
from .datagram import check_size
from .datagram_endpoint import DatagramEndpoint
from .endpoint import EventSink
from .errors import N_, NetError
from .options import SocketOptions, check_options
from .os_errors import family_name
from .peer import Peer
from .resolver import Resolved, resolve
from .sockops import Tracer

NO_SENDER = N_("Nobody has sent a datagram to this server yet, so there is no address to reply to.")
NOT_READY = N_("Not ready yet: the server is still opening its port. Wait for it to start, then send.")
UNIX_DATAGRAM = N_("UDP needs a host and a port; Unix socket paths are for TCP only.")
BAD_TARGET = N_("Say where to send with a (host, port) pair such as ('127.0.0.1', 9999), not {kind}.")


@dataclass(frozen=True, slots=True)
class UdpServerConfig:
    host: str
    port: int
    echo: bool
    options: SocketOptions


def ctime_reply(data: bytes) -> bytes:
    """``[Sun Nov 29 18:22:38 2026] data``: the answer of the classic time-stamping UDP server."""
    return f"[{time.ctime()}] ".encode("ascii") + data


def parse_target(target: object) -> tuple[str, int]:
    """A reply target given as a Peer or a ``(host, port)`` pair, checked (caller's thread)."""
    if isinstance(target, Peer):
        if target.is_unix:
            raise NetError("unix_datagram", UNIX_DATAGRAM)
        return target.host, target.port
    if not (isinstance(target, tuple) and len(target) == 2):
        raise NetError("bad_target", BAD_TARGET, kind=type(target).__name__)
    host = parse_host(target[0])
    if is_unix_path(host):
        raise NetError("unix_datagram", UNIX_DATAGRAM)
    return host, parse_port(target[1], allow_zero=False)


class UdpServer(DatagramEndpoint):
    """Bound to ``host:port``; every datagram arrives with its sender's address.

    :meth:`send` replies to a given address or, by default, to the last
    sender, and returns the Peer it went to.  With ``echo=True`` each
    datagram is sent straight back on the I/O thread; with ``reply=`` (a
    function of the data, run on the I/O thread, e.g. :func:`ctime_reply`)
    what it returns is sent back instead.  With
    ``max_unconsumed`` it stops reading while the consumer lags (the system
    then drops datagrams, and ``DatagramsDropped`` says how many).  Any
    thread may call :meth:`start`, :meth:`send`, :meth:`stop` and read
    :attr:`last_sender`.
    """

    kind = "udp-server"

    def __init__(self, events: EventSink | None = None, host: str = "127.0.0.1", port: int | str = 9999, *,
                 echo: bool = False, reply: Callable[[bytes], bytes] | None = None,
                 max_unconsumed: int | None = None, options: SocketOptions | None = None,
                 tracer: Tracer | None = None, name: str | None = None) -> None:
        super().__init__(events, name=name, tracer=tracer, max_unconsumed=max_unconsumed)
        self.host = host
        self.port = port
        self.echo = echo
        self.reply = reply
        self.options = options or SocketOptions()
        self.last_sender: Peer | None = None
        self._families: tuple[int, ...] = ()

    # ----------------------------------------------------------- any thread
    def send(self, data: bytes, peer: Peer | tuple[str, int] | None = None) -> Peer:
        """Send one datagram to ``peer``, or to the last sender; returns whom it went to.

        The target is read once and looked up here, on the caller's thread,
        so the Peer returned is the one the datagram goes to.
        """
        data = check_data(data)
        self._require_loop()
        target = peer if peer is not None else self.last_sender
        if target is None:
            raise NetError("no_sender", NO_SENDER)
        host, port = parse_target(target)
        if not self._families:  # its own host name is still being looked up: nothing is bound yet
            raise NetError("not_ready", NOT_READY)
        families = self._families
        family = families[0] if len(families) == 1 else socket.AF_UNSPEC
        resolved = resolve(host, port, socket.SOCK_DGRAM, passive=False, prefer_ipv4=True, family=family)
        usable = [item for item in resolved if item.family in families] or resolved
        item = usable[0]
        check_size(data, item.family)
        to = Peer.from_sockaddr(item.sockaddr, item.family)
        self._call_soon(lambda: self._io_send(data, item, to))
        return to

    def _check_config(self) -> UdpServerConfig:
        host = parse_host(self.host)
        if is_unix_path(host):
            raise NetError("unix_datagram", UNIX_DATAGRAM)
        cfg = UdpServerConfig(host, parse_port(self.port), bool(self.echo) or self.reply is not None,
                              check_options(self.options))
        self._echo = cfg.echo  # frozen: the I/O thread reads these, not ``echo`` and ``reply``
        self._reply = self.reply
        return cfg

    # ----------------------------------------------------------- I/O thread
    def _io_reset(self) -> None:
        super()._io_reset()
        self.last_sender = None
        self._families = ()

    def _io_open(self) -> None:
        cfg: UdpServerConfig = self._cfg
        self._io_resolve_then(cfg.host, lambda: resolve(cfg.host, cfg.port, socket.SOCK_DGRAM, passive=True),
                              self._io_bind)

    def _io_bind(self, resolved: list[Resolved]) -> None:
        cfg: UdpServerConfig = self._cfg
        sockets = bind_sockets(self._ops, cfg.host, cfg.port, resolved, socket.SOCK_DGRAM, backlog=0,
                               options=cfg.options)
        self._families = tuple(sock.family for sock in sockets)
        self._io_serve_sockets(sockets)
        self._io_started(local_peers(self._ops, sockets))

    def _io_received(self, sock: socket.socket, payloads: list[bytes], senders: list[Peer]) -> None:
        self.last_sender = senders[-1]
        super()._io_received(sock, payloads, senders)

    def _io_receive_error(self, sock: socket.socket, error: OSError) -> None:
        peer = self.last_sender or Peer.ipv4("?", 0)
        self._io_error(self._explain_send_error(error, peer), peer=self.last_sender)

    def _io_send(self, data: bytes, item: Resolved, peer: Peer) -> None:
        for sock in self._sockets:
            if sock.family == item.family:
                self._io_sendto(sock, data, item.sockaddr, peer)
                return
        # e.g. an IPv6 target while bound to an IPv4 address only: say so plainly
        self._io_error(NetError("family_mismatch", FAMILY_MISMATCH, host=peer.host,
                                family=family_name(item.family),
                                other=family_name(self._sockets[0].family if self._sockets
                                                  else socket.AF_INET)),
                       peer=peer)

