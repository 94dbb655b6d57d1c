"""A UDP server: receives datagrams with their sender, replies to any address.

On a Unix path (``unix:/path`` or ``/path``) it is a Unix datagram server
(AF_UNIX, SOCK_DGRAM): the same calls, but the address is a file, and a
sender can be answered only if it bound a path of its own.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

from .addresses import is_unix_path, parse_host, parse_port, unix_path
from .arguments import check_data
from .binding import bind_sockets, local_peers
from .catalogue import FAMILY_MISMATCH
from .datagram import check_size
from .datagram_endpoint import DatagramEndpoint
from .endpoint import EventSink
from .errors import N_, NetError, format_address
from .events import OptionsApplied
from .impairer import check_impairment
from .impairment import Impairment
from .options import SocketOptions, check_options, read_back
from .os_errors import family_name
from .peer import Peer
from .resolver import Resolved, resolve
from .sockops import Tracer
from .unix_datagram import family_mismatch, unnamed_peer
from .unix_paths import SocketFile, bind_unix
from .values import Value

NO_SENDER = N_("Nobody has sent a datagram to this server yet, so there is no address to reply to.")
NOT_READY = N_("Not ready yet: the server is still opening its port. Wait for it to start, then send.")
BAD_TARGET = N_("Say where to send with a (host, port) pair such as ('127.0.0.1', 9999), not {kind}.")
AF_UNIX = int(getattr(socket, "AF_UNIX", -1))


class UdpServerConfig(Value):
    host: str
    port: int
    echo: bool
    options: SocketOptions


def ctime_reply(data: bytes) -> bytes:
    """``[Sun Nov 29 18:22:38 2026] data``: the answer of the classic time-stamping UDP server."""
    return f"[{time.ctime()}] ".encode("ascii") + data


def parse_target(target: object, server_is_unix: bool = False) -> tuple[str, int]:
    """A reply target given as a Peer or a ``(host, port)`` pair, checked (caller's thread).

    A Unix path comes back as ``(path, 0)``; a target of the other family than
    the server's is refused with its own message, and so is an unnamed sender.
    """
    if isinstance(target, Peer):
        host, port, is_unix, address = target.host, target.port, target.is_unix, str(target)
    elif isinstance(target, tuple) and len(target) == 2:
        host = parse_host(target[0])
        is_unix = is_unix_path(host)
        if is_unix:
            host, port = unix_path(host), 0
        else:
            port = parse_port(target[1], allow_zero=False)
        address = format_address(host, None if is_unix else port)
    else:
        raise NetError("bad_target", BAD_TARGET, kind=type(target).__name__)
    mismatch = family_mismatch(is_unix, address, server_is_unix)
    if mismatch is not None:
        raise mismatch
    if is_unix and not host:
        raise unnamed_peer()
    return host, port


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
                 tracer: Tracer | None = None, name: str | None = None,
                 impairment: Impairment | None = None) -> None:
        super().__init__(events, name=name, tracer=tracer, max_unconsumed=max_unconsumed)
        self.impairment = check_impairment(impairment)  # the unreliable network lab (set_impairment: live)
        self.host = host
        self.port = port
        self.echo = echo
        self.reply = reply
        self.options = options or SocketOptions()
        self.last_sender: Peer | None = None
        self._families: tuple[int, ...] = ()
        self._socket_file: SocketFile | None = None  # the Unix path bound, removed at stop

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
        cfg: UdpServerConfig = self._cfg
        host, port = parse_target(target, is_unix_path(cfg.host))
        if not self._families:  # its own host name is still being looked up: nothing is bound yet
            raise NetError("not_ready", NOT_READY)
        families = self._families
        if families == (AF_UNIX,):
            check_size(data, AF_UNIX)
            to = Peer.unix(host)
            self._call_soon(lambda: self._io_send(data, Resolved(AF_UNIX, (host,)), to))
            return to
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
            unix_path(host)  # NetError where the system has no Unix sockets
        port = 0 if is_unix_path(host) else parse_port(self.port)
        cfg = UdpServerConfig(host, port, bool(self.echo) or self.reply is not None,
                              check_options(self.options))
        self._echo = cfg.echo  # frozen: the I/O thread reads these, not ``echo`` and ``reply``
        self._reply = self.reply
        return cfg

    # ----------------------------------------------------------- I/O thread
    def _io_reset(self) -> None:
        super()._io_reset()
        self.last_sender = None
        self._families = ()
        self._socket_file = None

    def _io_open(self) -> None:
        cfg: UdpServerConfig = self._cfg
        if is_unix_path(cfg.host):
            path = unix_path(cfg.host)
            sock = bind_unix(self._ops, path, socket.SOCK_DGRAM, 0, cfg.options, self._io_notice)
            self._socket_file = SocketFile(path)
            self._families = (AF_UNIX,)
            self._io_serve_sockets([sock])
            self._io_started(local_peers(self._ops, [sock]))
            return
        self._io_resolve_then(cfg.host, lambda: resolve(cfg.host, cfg.port, socket.SOCK_DGRAM, passive=True),
                              self._io_bind)

    def _io_bind(self, resolved: list[Resolved]) -> None:
        cfg: UdpServerConfig = self._cfg
        sockets = bind_sockets(self._ops, cfg.host, cfg.port, resolved, socket.SOCK_DGRAM, backlog=0,
                               options=cfg.options)
        self._families = tuple(sock.family for sock in sockets)
        self._io_serve_sockets(sockets)
        local = local_peers(self._ops, sockets)
        if cfg.options != SocketOptions():  # asked for: say what the kernel gave each socket
            now = time.monotonic()
            for sock, peer in zip(sockets, local, strict=True):
                self._post(OptionsApplied(self.name, peer, read_back(self._ops, sock, cfg.options), now))
        self._io_started(local)

    def _io_received(self, sock: socket.socket, payloads: list[bytes], senders: list[Peer]) -> None:
        self.last_sender = senders[-1]
        super()._io_received(sock, payloads, senders)

    def _io_receive_error(self, sock: socket.socket, error: OSError) -> None:
        peer = self.last_sender or Peer.ipv4("?", 0)
        self._io_error(self._explain_send_error(error, peer), peer=self.last_sender)

    def _io_send(self, data: bytes, item: Resolved, peer: Peer) -> None:
        for sock in self._sockets:
            if sock.family == item.family:
                self._io_sendto(sock, data, peer.sockaddr if peer.is_unix else item.sockaddr, peer)
                return
        # e.g. an IPv6 target while bound to an IPv4 address only: say so plainly
        self._io_error(NetError("family_mismatch", FAMILY_MISMATCH, host=peer.host,
                                family=family_name(item.family),
                                other=family_name(self._sockets[0].family if self._sockets
                                                  else socket.AF_INET)),
                       peer=peer)


    def _io_close(self) -> None:
        super()._io_close()
        if self._socket_file is not None:
            self._socket_file.remove()
            self._socket_file = None
