"""Opening server sockets on every address a host name stands for.

A name such as ``localhost`` may resolve to both ``::1`` and ``127.0.0.1``, in
either order.  Binding all of them (as asyncio's ``create_server`` does) means
a client reaches the server whichever family it tries first.
"""

from __future__ import annotations

import contextlib
import errno as errno_codes
import os
import socket
import stat

from .addresses import is_unix_path, peer_of, resolve, unix_path
from .errors import NetError, from_os_error
from .events import Peer

# Receive buffer asked for on datagram sockets so a burst is not dropped by
# the kernel while the loop is busy; Linux caps it at net.core.rmem_max.
UDP_RCVBUF = 4 * 1024 * 1024


def bind_sockets(host: str, port: int, kind: int, *, backlog: int = 128) -> list[socket.socket]:
    """Bound (and for streams listening) non-blocking sockets for ``host:port``.

    Raises NetError explained for the user; nothing stays open on failure.
    """
    if is_unix_path(host):
        return [_bind_unix(unix_path(host), kind, backlog)]
    resolved = resolve(host, port, kind, passive=True, action="listen")
    sockets: list[socket.socket] = []
    try:
        for index, item in enumerate(resolved):
            sockaddr = item.sockaddr
            if sockets and port == 0:  # same port on every address
                sockaddr = (sockaddr[0], sockets[0].getsockname()[1], *sockaddr[2:])
            sock = socket.socket(item.family, kind)
            try:
                if os.name == "posix" and kind == socket.SOCK_STREAM:
                    # lets a server restart at once although old connections linger in TIME_WAIT
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if item.family == socket.AF_INET6 and len(resolved) > 1:
                    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                if kind == socket.SOCK_DGRAM:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, UDP_RCVBUF)
                sock.bind(sockaddr)
                if kind == socket.SOCK_STREAM:
                    sock.listen(backlog)
                sock.setblocking(False)
            except OSError as exc:
                sock.close()
                # a secondary address the machine lacks (IPv6 switched off) is skipped
                if index > 0 and exc.errno in (errno_codes.EADDRNOTAVAIL, errno_codes.EAFNOSUPPORT):
                    continue
                raise from_os_error(exc, action="listen", host=host, port=port) from None
            sockets.append(sock)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def _bind_unix(path: str, kind: int, backlog: int) -> socket.socket:
    try:
        # a socket file left by a server that died is removed; any other file is kept
        if stat.S_ISSOCK(os.stat(path).st_mode) and not _unix_in_use(path, kind):
            os.unlink(path)
    except OSError:
        pass
    sock = socket.socket(socket.AF_UNIX, kind)
    try:
        sock.bind(path)
        if kind == socket.SOCK_STREAM:
            sock.listen(backlog)
        sock.setblocking(False)
    except OSError as exc:
        sock.close()
        raise from_os_error(exc, action="listen", host=path, port=None) from None
    return sock


def _unix_in_use(path: str, kind: int) -> bool:
    probe = socket.socket(socket.AF_UNIX, kind)
    probe.settimeout(0.2)  # a live server with a full backlog must not stall the I/O thread
    try:
        probe.connect(path)
        return True
    except OSError:
        return False
    finally:
        probe.close()


def local_peers(sockets: list[socket.socket]) -> tuple[Peer, ...]:
    out = []
    for sock in sockets:
        name = sock.getsockname()
        out.append((name, 0) if isinstance(name, str) else peer_of(name))
    return tuple(out)


def close_all(sockets: list[socket.socket]) -> None:
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.close()


__all__ = ["bind_sockets", "close_all", "local_peers", "NetError"]
