"""A UDP server: receives datagrams with their sender, replies to any address."""

from __future__ import annotations

import selectors
import socket

from .addresses import describe, parse_host, parse_port, peer_of, resolve
from .binding import bind_sockets, close_all, local_peers
from .datagram import check_size, read_datagrams
from .endpoint import Endpoint
from .errors import N_, NetError, from_os_error
from .events import DatagramsReceived, DataSent, Peer

NO_SENDER = N_("Nobody has sent a datagram to this server yet, so there is no address to reply to.")
UNIX_DATAGRAM = N_("UDP needs a host and a port; Unix socket paths are for TCP only.")


class UdpServer(Endpoint):
    """Bound to ``host:port``; every datagram arrives with its sender's address.

    :meth:`send` replies to a given address or, by default, to the last
    sender.  With ``echo=True`` each datagram is sent straight back on the
    I/O thread.  Any thread may call :meth:`start`, :meth:`send`,
    :meth:`stop` and read :attr:`last_sender`.
    """

    kind = "udp-server"

    def __init__(self, events=None, host: str = "127.0.0.1", port: int | str = 9999, *,
                 echo: bool = False, name: str | None = None) -> None:
        super().__init__(events, name=name)
        self.host = host
        self.port = port
        self.echo = echo
        self.last_sender: Peer | None = None
        self._sockets: list[socket.socket] = []

    # ----------------------------------------------------------- any thread
    def send(self, data: bytes, peer: Peer | None = None) -> None:
        """Send one datagram to ``peer`` (host, port), or to the last sender."""
        data = bytes(data)
        target = peer or self.last_sender
        if target is None:
            raise NetError("no_sender", NO_SENDER)
        check_size(data, socket.AF_INET6 if ":" in target[0] else socket.AF_INET)
        self._call_soon(lambda: self._io_send(data, (str(target[0]), int(target[1]))))

    def _check_config(self) -> None:
        self.host = parse_host(self.host)
        if self.host.startswith(("/", "unix:")):
            raise NetError("unix_datagram", UNIX_DATAGRAM)
        self.port = parse_port(self.port)

    # ----------------------------------------------------------- I/O thread
    def _io_open(self) -> None:
        self.last_sender = None
        self._sockets = bind_sockets(self.host, int(self.port), socket.SOCK_DGRAM)
        for sock in self._sockets:
            self._io_register(sock, selectors.EVENT_READ, self._on_readable)
        self._io_started(local_peers(self._sockets))

    def _io_close(self) -> None:
        close_all(self._sockets)
        self._sockets = []

    def _on_readable(self, sock: socket.socket, mask: int) -> None:
        datagrams, error = read_datagrams(sock)
        if datagrams:
            self.last_sender = datagrams[-1].peer
            self._post(DatagramsReceived(self.name, tuple(datagrams)))
            if self.echo:
                for datagram in datagrams:
                    self._io_sendto(sock, datagram.data, datagram.peer, datagram.peer)
        if error is not None:
            # an ICMP error left over from an earlier reply; the server keeps going
            peer = self.last_sender or ("?", 0)
            self._io_error(from_os_error(error, action="send", host=peer[0], port=peer[1]))

    def _io_send(self, data: bytes, peer: Peer) -> None:
        try:
            resolved = resolve(peer[0], peer[1], socket.SOCK_DGRAM, passive=False, prefer_ipv4=True,
                               action="send")
        except NetError as err:
            self._io_error(err, peer=peer)
            return
        families = {sock.family: sock for sock in self._sockets}
        for item in resolved:
            sock = families.get(item.family)
            if sock is not None:
                self._io_sendto(sock, data, item.sockaddr, peer)
                return
        # e.g. an IPv6 target while bound to an IPv4 address only
        self._io_sendto(self._sockets[0], data, resolved[0].sockaddr, peer)

    def _io_sendto(self, sock: socket.socket, data: bytes, sockaddr: tuple, peer: Peer) -> None:
        try:
            check_size(data, sock.family)
            sock.sendto(data, sockaddr)
        except NetError as err:
            self._io_error(err, peer=peer)
            return
        except OSError as exc:
            self._io_error(from_os_error(exc, action="send", host=peer[0], port=peer[1]), peer=peer)
            return
        self._post(DataSent(self.name, peer_of(sockaddr) if sockaddr else peer, len(data)))


__all__ = ["UdpServer", "describe"]
