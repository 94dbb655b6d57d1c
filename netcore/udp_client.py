"""A UDP client: sends datagrams to one target and receives replies.

Aimed at a Unix path (``unix:/path`` or ``/path``) it is a Unix datagram
client (AF_UNIX, SOCK_DGRAM) instead; see :meth:`UdpClient._io_open_unix`.
"""

from __future__ import annotations

import errno as errno_codes
import socket
import time
from typing import Any

from .addresses import is_unix_path, parse_host, parse_port, unix_path
from .arguments import check_data
from .catalogue import UNSENT
from .datagram import AF_UNIX, check_size
from .datagram_endpoint import DatagramEndpoint
from .endpoint import EventSink
from .errors import N_, NetError, format_address
from .events import DataSent, OptionsApplied
from .impairer import check_impairment
from .impairment import Impairment
from .limits import UDP_RCVBUF
from .options import SocketOptions, apply_options, check_options, read_back
from .os_errors import from_os_error
from .peer import Peer
from .resolver import Resolved, resolve
from .sockops import Tracer
from .stream import WriteBudget
from .unix_paths import PRIVATE_PATH, PrivatePath
from .values import Value

#: What may wait for a UDP client's target name to be looked up (bytes of datagrams).
EARLY_LIMIT = 1024 * 1024

NO_REPLY = N_(
    "Nobody is listening on {address}: the datagram was refused (the other side answered "
    "“port unreachable”). Is the server started?"
)


def _family_of(host: str) -> int:
    """The family ``host`` will have, guessed before it is looked up (for the size limit)."""
    if is_unix_path(host):
        return AF_UNIX
    return socket.AF_INET6 if ":" in host else socket.AF_INET


class UdpClientConfig(Value):
    host: str
    port: int
    local_port: int
    connect: bool
    options: SocketOptions


class UdpClient(DatagramEndpoint):
    """A UDP socket aimed at ``host:port``.

    By default the socket is *connected* to the target: the kernel then only
    delivers datagrams from that target, and reports "port unreachable" as an
    error on the next send or receive, so a beginner learns that nobody is
    listening.  With ``connect=False`` it stays unconnected: replies from any
    address and port arrive (a device that answers from another port), each
    with its sender, and sends go out with ``sendto``.  ``local_port`` (0: any)
    chooses the port replies come back to.  A host name with both IPv4 and
    IPv6 addresses is aimed at its IPv4 one.  A Unix path target gets a Unix
    datagram socket bound to a private path of its own (``local_port`` and
    ``connect`` do not apply).  Any thread may call :meth:`start`,
    :meth:`send` and :meth:`stop`.
    """

    kind = "udp-client"

    def __init__(self, events: EventSink | None = None, host: str = "127.0.0.1", port: int | str = 9999, *,
                 local_port: int | str = 0, connect: bool = True, max_unconsumed: int | None = None,
                 options: SocketOptions | None = None, tracer: Tracer | None = None,
                 name: str | None = None, impairment: Impairment | None = None) -> None:
        super().__init__(events, name=name, tracer=tracer, max_unconsumed=max_unconsumed)
        self.impairment = check_impairment(impairment)  # the unreliable network lab (set_impairment: live)
        self.host = host
        self.port = port
        self.local_port = local_port
        self.connect = connect
        self.options = options or SocketOptions()
        self.remote: Peer | None = None
        self._target: Resolved | None = None
        self._send_to: Any = None  # what sendto() takes for the target: its sockaddr, or a Unix path
        self._private: PrivatePath | None = None  # a Unix datagram client's own path, removed at stop
        self._early: list[bytes] = []  # sent while the name was still being looked up
        # bytes handed to send() and not yet sent: bounded while the lookup holds them back
        self._waiting = WriteBudget(EARLY_LIMIT)

    # ----------------------------------------------------------- any thread
    def send(self, data: bytes) -> Peer | None:
        """Send ``data`` as one datagram to the target; returns the target (None while it is looked up).

        Datagrams sent while the target's name is still being looked up wait for
        it, up to ``EARLY_LIMIT`` bytes; beyond that send() raises NetError.
        """
        data = check_data(data)
        self._require_loop()
        target = self._target
        cfg: UdpClientConfig = self._cfg
        check_size(data, target.family if target is not None else _family_of(cfg.host))
        self._waiting.reserve(0, len(data), cfg.host)
        try:
            self._call_soon(lambda: self._io_send(data))
        except NetError:
            self._waiting.release(0, len(data))
            raise
        return self.remote

    def _check_config(self) -> UdpClientConfig:
        host = parse_host(self.host)
        options = check_options(self.options)
        if is_unix_path(host):
            unix_path(host)  # NetError where the system has no Unix sockets
            return UdpClientConfig(host, 0, 0, False, options)
        local_port = parse_port(self.local_port)
        if options.bind_port:
            local_port = options.bind_port
        return UdpClientConfig(host, parse_port(self.port, allow_zero=False), local_port, bool(self.connect),
                               options)

    # ----------------------------------------------------------- I/O thread
    def _io_reset(self) -> None:
        super()._io_reset()
        self._early = []
        self.remote = None
        self._target = None
        self._send_to = None
        self._private = None

    def _io_open(self) -> None:
        cfg: UdpClientConfig = self._cfg
        if is_unix_path(cfg.host):
            self._io_open_unix(unix_path(cfg.host))
            return

        def lookup() -> Resolved:
            return resolve(cfg.host, cfg.port, socket.SOCK_DGRAM, passive=False, prefer_ipv4=True)[0]

        self._io_resolve_then(cfg.host, lookup, self._io_open_socket)

    def _io_open_socket(self, target: Resolved) -> None:
        cfg: UdpClientConfig = self._cfg
        ops = self._ops
        try:
            sock = ops.socket(target.family, socket.SOCK_DGRAM)
        except OSError as exc:
            raise from_os_error(exc, action="connect", host=cfg.host, port=cfg.port,
                                family=target.family) from None
        try:
            if cfg.options.rcvbuf is None:
                ops.setsockopt(sock, socket.SOL_SOCKET, socket.SO_RCVBUF, UDP_RCVBUF,
                               ("SOL_SOCKET", "SO_RCVBUF"))
            apply_options(ops, sock, cfg.options)
            # unconnected, it is bound now (as sendto would do later) so Started gives the real port
            if cfg.local_port or cfg.options.bind_host or not cfg.connect:
                any_host = "::" if target.family == socket.AF_INET6 else "0.0.0.0"
                bind_host = cfg.options.bind_host or any_host
                try:
                    ops.bind(sock, (bind_host, cfg.local_port))
                except OSError as exc:
                    raise from_os_error(exc, action="bind", host=bind_host, port=cfg.local_port,
                                        family=target.family) from None
            if cfg.connect:
                try:
                    ops.connect(sock, target.sockaddr)
                except OSError as exc:
                    # connecting a UDP socket to a broadcast address without SO_BROADCAST is refused
                    # (EACCES) as sending to it would be: explained as that
                    action = "send" if exc.errno == errno_codes.EACCES else "connect"
                    raise from_os_error(exc, action=action, host=cfg.host, port=cfg.port,
                                        family=target.family) from None
            ops.setblocking(sock, False)
            local = Peer.from_sockaddr(ops.getsockname(sock), target.family)
        except BaseException:
            ops.close(sock)
            raise
        self._target = target
        self._send_to = target.sockaddr
        self.remote = Peer.from_sockaddr(target.sockaddr, target.family)
        if self.tracer is not None or cfg.options != SocketOptions():
            self._post(OptionsApplied(self.name, local, read_back(ops, sock, cfg.options)))
        self._io_serve_sockets([sock])
        self._io_started((local,), self.remote)
        self._io_send_early()

    def _io_send_early(self) -> None:
        early, self._early = self._early, []
        for data in early:
            self._io_send(data)
        # (each _io_send released its bytes)

    def _io_open_unix(self, path: str) -> None:
        """A Unix datagram socket bound to a private path of its own, sending to ``path`` with sendto.

        Bound, because the server can only answer a sender that has a path (an
        unbound one is "unnamed").  Not connected, because a Unix datagram
        socket connected to a server that stops stays cut off from it even
        when a new server binds the same path: with sendto, a restarted
        server is reached again.
        """
        cfg: UdpClientConfig = self._cfg
        ops = self._ops
        private = PrivatePath()
        try:
            try:
                sock = ops.socket(AF_UNIX, socket.SOCK_DGRAM)
            except OSError as exc:
                raise from_os_error(exc, action="connect", host=path, port=None) from None
            try:
                apply_options(ops, sock, cfg.options)
                try:
                    ops.bind(sock, private.path)
                except OSError as exc:
                    raise from_os_error(exc, action="bind", host=private.path, port=None) from None
                ops.setblocking(sock, False)
                local = Peer.from_sockaddr(ops.getsockname(sock), AF_UNIX)
            except BaseException:
                ops.close(sock)
                raise
        except BaseException:
            private.remove()
            raise
        self._private = private
        self._target = Resolved(AF_UNIX, (path,))
        self._send_to = path
        self.remote = Peer.unix(path)
        self._io_notice("private_path", PRIVATE_PATH, {"path": private.path})
        self._io_serve_sockets([sock])
        self._io_started((local,), self.remote)
        self._io_send_early()

    def _io_send(self, data: bytes) -> None:
        cfg: UdpClientConfig = self._cfg
        if not self._sockets or self._target is None or self.remote is None:
            self._early.append(data)  # the lookup is not done yet: sent once the socket is open
            return
        self._waiting.release(0, len(data))
        sock = self._sockets[0]
        if cfg.connect:
            self._io_post_held()  # what was read before goes before the send's trace line
            if self._impairer is not None and self._impairer.take(sock, data, None, self.remote):
                return  # the impairment lab dropped it or holds it back (netcore/impairer.py)
            try:
                self._ops.send(sock, data)
            except OSError as exc:
                self._io_error(self._explain_send_error(exc, self.remote), peer=self.remote)
                return
            self._post(DataSent(self.name, self.remote, len(data), 0, time.monotonic()))
            return
        self._io_sendto(sock, data, self._send_to, self.remote)

    def _io_reply_to(self, sock: socket.socket, data: bytes, peer: Peer) -> bool:
        """A connected socket answers with send() (sendto with an address fails on some systems)."""
        cfg: UdpClientConfig = self._cfg
        if not cfg.connect or self.remote is None:
            return super()._io_reply_to(sock, data, peer)
        self._io_post_held()
        if self._impairer is not None and self._impairer.take(sock, data, None, self.remote):
            return True  # the impairment lab dropped it or holds it back (netcore/impairer.py)
        try:
            check_size(data, sock.family)
            self._ops.send(sock, data)
        except NetError as err:
            self._io_error(err, peer=peer)
            return False
        except OSError as exc:
            self._io_error(self._explain_send_error(exc, self.remote), peer=self.remote)
            return False
        self._post(DataSent(self.name, self.remote, len(data), 0, time.monotonic()))
        return True

    def _io_impaired_deliver(self, sock: socket.socket, data: bytes, sockaddr: Any, peer: Peer) -> None:
        """Send what the impairment lab lets through, as _io_send does (unconnected: _io_sendto)."""
        if sockaddr is not None:
            self._io_sendto(sock, data, sockaddr, peer)
            return
        self._io_post_held()
        try:
            self._ops.send(sock, data)
        except OSError as exc:
            self._io_error(self._explain_send_error(exc, peer), peer=peer)
            return
        self._post(DataSent(self.name, peer, len(data), 0, time.monotonic()))

    def _explain_send_error(self, exc: OSError, peer: Peer) -> NetError:
        cfg: UdpClientConfig = self._cfg
        if peer.is_unix:
            return super()._explain_send_error(exc, peer)
        if exc.errno == errno_codes.ECONNREFUSED:
            return NetError("refused", NO_REPLY, errno=exc.errno, address=format_address(cfg.host, cfg.port))
        return from_os_error(exc, action="send", host=cfg.host, port=cfg.port, family=peer.socket_family)

    def _io_close(self) -> None:
        if self._early:  # the lookup failed or the client stopped before it finished
            cfg: UdpClientConfig | None = self._cfg
            address = format_address(cfg.host, cfg.port) if cfg is not None else str(self.host)
            self._io_error(NetError("unsent", UNSENT, address=address, size=sum(map(len, self._early))))
            self._early = []
        self._waiting.forget(0)
        super()._io_close()
        if self._private is not None:
            self._private.remove()  # after the socket closed: its file goes with the folder
            self._private = None

    def _io_receive_error(self, sock: socket.socket, error: OSError) -> None:
        assert self.remote is not None
        self._io_error(self._explain_send_error(error, self.remote), peer=self.remote)
