"""A UDP client: sends datagrams to one target and receives its replies."""

from __future__ import annotations

import errno as errno_codes
import selectors
import socket

from .addresses import parse_host, parse_port, peer_of, resolve
from .datagram import check_size, read_datagrams
from .endpoint import Endpoint
from .errors import N_, NetError, format_address, from_os_error
from .events import DatagramsReceived, DataSent, Peer
from .udp_server import UNIX_DATAGRAM

NO_REPLY = N_(
    "Nobody is listening on {address}: the datagram was refused (the other side answered "
    "“port unreachable”). Is the server started?"
)


class UdpClient(Endpoint):
    """A UDP socket aimed at ``host:port``.

    The socket is *connected* to the target: the kernel then only delivers
    datagrams from that target, and reports "port unreachable" as an error on
    the next send or receive, so a beginner learns that nobody is listening
    (an unconnected UDP socket would stay silent).  ``local_port`` (0: any)
    chooses the port replies come back to.  A host name with both IPv4 and
    IPv6 addresses is aimed at its IPv4 one.  Any thread may call
    :meth:`start`, :meth:`send` and :meth:`stop`.
    """

    kind = "udp-client"

    def __init__(self, events=None, host: str = "127.0.0.1", port: int | str = 9999, *,
                 local_port: int | str = 0, name: str | None = None) -> None:
        super().__init__(events, name=name)
        self.host = host
        self.port = port
        self.local_port = local_port
        self.remote: Peer | None = None
        self._family = socket.AF_INET
        self._sock: socket.socket | None = None

    # ----------------------------------------------------------- any thread
    def send(self, data: bytes) -> None:
        """Send ``data`` as one datagram to the target."""
        data = bytes(data)
        check_size(data, self._family)
        self._call_soon(lambda: self._io_send(data))

    def _check_config(self) -> None:
        self.host = parse_host(self.host)
        if self.host.startswith(("/", "unix:")):
            raise NetError("unix_datagram", UNIX_DATAGRAM)
        self.port = parse_port(self.port, allow_zero=False)
        self.local_port = parse_port(self.local_port)
        self._family = socket.AF_INET6 if ":" in self.host else socket.AF_INET

    # ----------------------------------------------------------- I/O thread
    def _io_open(self) -> None:
        target = resolve(self.host, int(self.port), socket.SOCK_DGRAM, passive=False, prefer_ipv4=True)[0]
        self._family = target.family
        sock = socket.socket(target.family, socket.SOCK_DGRAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
            if self.local_port:
                any_host = "::" if target.family == socket.AF_INET6 else "0.0.0.0"
                try:
                    sock.bind((any_host, int(self.local_port)))
                except OSError as exc:
                    raise from_os_error(exc, action="bind", host=any_host,
                                        port=int(self.local_port)) from None
            try:
                sock.connect(target.sockaddr)
            except OSError as exc:
                raise from_os_error(exc, action="connect", host=self.host, port=int(self.port)) from None
            sock.setblocking(False)
        except BaseException:
            sock.close()
            raise
        self._sock = sock
        self.remote = (self.host, int(self.port))
        self._io_register(sock, selectors.EVENT_READ, self._on_readable)
        self._io_started((peer_of(sock.getsockname()),), peer_of(target.sockaddr))

    def _io_close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def _on_readable(self, sock: socket.socket, mask: int) -> None:
        datagrams, error = read_datagrams(sock)
        if datagrams:
            self._post(DatagramsReceived(self.name, tuple(datagrams)))
        if error is not None:
            self._io_report(error)

    def _io_send(self, data: bytes) -> None:
        sock = self._sock
        if sock is None:
            return
        try:
            sock.send(data)
        except OSError as exc:
            self._io_report(exc)
            return
        assert self.remote is not None
        self._post(DataSent(self.name, self.remote, len(data)))

    def _io_report(self, exc: OSError) -> None:
        address = format_address(self.host, int(self.port))
        if exc.errno == errno_codes.ECONNREFUSED:
            err = NetError("refused", NO_REPLY, errno=exc.errno, address=address)
        else:
            err = from_os_error(exc, action="send", host=self.host, port=int(self.port))
        self._io_error(err, peer=self.remote)
