"""Opening server sockets on every address a host name stands for.

A name such as ``localhost`` may resolve to both ``::1`` and ``127.0.0.1``, in
either order.  Binding all of them (as asyncio's ``create_server`` does) means
a client reaches the server whichever family it tries first.  The names are
looked up before (off the I/O thread); this module only makes sockets, through
the endpoint's :class:`~netcore.sockops.SocketOps`.  Unix socket paths: :mod:`netcore.unix_paths`.
"""

from __future__ import annotations

import errno as errno_codes
import os
import socket

from .errors import NetError
from .limits import UDP_RCVBUF
from .options import SocketOptions, apply_options
from .os_errors import from_os_error
from .peer import Peer
from .resolver import Resolved
from .sockops import SocketOps


def bind_sockets(ops: SocketOps, host: str, port: int, resolved: list[Resolved], kind: int, *,
                 backlog: int, options: SocketOptions) -> list[socket.socket]:
    """Bound (and for streams listening) non-blocking sockets for ``host:port``.

    Raises NetError explained for the user; nothing stays open on failure.
    """
    sockets: list[socket.socket] = []
    try:
        for index, item in enumerate(resolved):
            sockaddr = item.sockaddr
            if sockets and port == 0:  # same port on every address
                sockaddr = (sockaddr[0], sockets[0].getsockname()[1], *sockaddr[2:])
            try:
                sock = ops.socket(item.family, kind)
            except OSError as exc:
                if index > 0 and exc.errno in (errno_codes.EAFNOSUPPORT,):
                    continue  # IPv6 switched off: the IPv4 socket serves
                raise from_os_error(exc, action="listen", host=host, port=port, family=item.family) from None
            try:
                if os.name == "posix" and kind == socket.SOCK_STREAM and options.reuse_addr is None:
                    # lets a server restart at once although old connections linger in TIME_WAIT
                    ops.setsockopt(sock, socket.SOL_SOCKET, socket.SO_REUSEADDR, 1,
                                   ("SOL_SOCKET", "SO_REUSEADDR"))
                if item.family == socket.AF_INET6 and len(resolved) > 1:
                    ops.setsockopt(sock, socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1,
                                   ("IPPROTO_IPV6", "IPV6_V6ONLY"))
                if kind == socket.SOCK_DGRAM and options.rcvbuf is None:
                    ops.setsockopt(sock, socket.SOL_SOCKET, socket.SO_RCVBUF, UDP_RCVBUF,
                                   ("SOL_SOCKET", "SO_RCVBUF"))
                apply_options(ops, sock, options)
                ops.bind(sock, sockaddr)
                if kind == socket.SOCK_STREAM:
                    ops.listen(sock, backlog)
                ops.setblocking(sock, False)
            except OSError as exc:
                ops.close(sock)
                # a secondary address the machine lacks (IPv6 switched off) is skipped
                if index > 0 and exc.errno in (errno_codes.EADDRNOTAVAIL, errno_codes.EAFNOSUPPORT):
                    continue
                raise from_os_error(exc, action="listen", host=host, port=port, family=item.family) from None
            sockets.append(sock)
    except BaseException:
        for sock in sockets:
            ops.close(sock)
        raise
    return sockets


def local_peers(ops: SocketOps, sockets: list[socket.socket]) -> tuple[Peer, ...]:
    return tuple(Peer.from_sockaddr(ops.getsockname(sock), sock.family) for sock in sockets)


__all__ = ["bind_sockets", "local_peers", "NetError"]
