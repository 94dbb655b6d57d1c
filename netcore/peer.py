"""Who is at the other end (or this end) of a socket: a value that knows its family.

A :class:`Peer` is made on the I/O thread from what the socket call returned
(``accept``, ``recvfrom``, ``getpeername``, ``getsockname``) and then only
read, from any thread.  It formats itself the way a person writes addresses:
``127.0.0.1:80``, ``[::1]:80``, ``[fe80::1%eth0]:80``, ``/tmp/app.sock`` or,
for a Unix client socket that was never bound, ``(unnamed Unix socket)``.

Two connections from the same address over time are told apart by their
connection id in the events, never by a made-up port.
"""

from __future__ import annotations

import socket
from typing import Any

from .values import Value

IPV4 = "ipv4"
IPV6 = "ipv6"
UNIX = "unix"
FAMILIES = (IPV4, IPV6, UNIX)

UNNAMED = "(unnamed Unix socket)"


class Peer(Value):
    """An IPv4 or IPv6 address and port, or a Unix socket path (``""`` when unnamed)."""

    family: str
    host: str
    port: int = 0
    scope_id: int = 0

    # ------------------------------------------------------------ building
    @staticmethod
    def ipv4(host: str, port: int) -> Peer:
        return Peer(IPV4, host, port)

    @staticmethod
    def ipv6(host: str, port: int, scope_id: int = 0) -> Peer:
        return Peer(IPV6, host, port, scope_id)

    @staticmethod
    def unix(path: str) -> Peer:
        return Peer(UNIX, path)

    @staticmethod
    def from_sockaddr(sockaddr: Any, family: int | None = None) -> Peer:
        """The peer for what a socket call returned (any address family)."""
        if isinstance(sockaddr, (str, bytes)) or sockaddr is None:
            if isinstance(sockaddr, bytes):  # Linux abstract namespace: b"\0name"
                sockaddr = sockaddr.decode("utf-8", "backslashreplace")
            return Peer(UNIX, sockaddr or "")
        if len(sockaddr) >= 4 or family == socket.AF_INET6:
            host = str(sockaddr[0])
            scope = int(sockaddr[3]) if len(sockaddr) >= 4 else 0
            if "%" in host:  # getnameinfo style "fe80::1%eth0": the scope is kept as a number
                host = host.split("%", 1)[0]
            return Peer(IPV6, host, int(sockaddr[1]), scope)
        return Peer(IPV4, str(sockaddr[0]), int(sockaddr[1]))

    # ------------------------------------------------------------ reading
    @property
    def is_unix(self) -> bool:
        return self.family == UNIX

    @property
    def address(self) -> tuple[str, int]:
        """``(host, port)``; ``(path, 0)`` for a Unix socket."""
        return (self.host, self.port)

    @property
    def sockaddr(self) -> Any:
        """What ``connect``/``sendto`` take for this peer."""
        if self.family == UNIX:
            return self.host
        if self.family == IPV6:
            return (self.host, self.port, 0, self.scope_id)
        return (self.host, self.port)

    @property
    def socket_family(self) -> int:
        if self.family == UNIX:
            return int(getattr(socket, "AF_UNIX", -1))
        return socket.AF_INET6 if self.family == IPV6 else socket.AF_INET

    def __str__(self) -> str:
        if self.family == UNIX:
            return self.host or UNNAMED
        if self.family == IPV6:
            scope = f"%{_scope_name(self.scope_id)}" if self.scope_id else ""
            return f"[{self.host}{scope}]:{self.port}"
        return f"{self.host}:{self.port}"


def _scope_name(scope_id: int) -> str:
    try:
        return socket.if_indextoname(scope_id)
    except (OSError, AttributeError):
        return str(scope_id)


class PeerCache:
    """Peers by raw sockaddr, so a flood from one sender builds one Peer, not one per datagram.

    Bounded: cleared when it holds ``limit`` addresses.  One thread only.
    """

    __slots__ = ("_peers", "_limit", "_family")

    def __init__(self, family: int, limit: int = 4096) -> None:
        self._peers: dict[Any, Peer] = {}
        self._limit = limit
        self._family = family

    @property
    def known(self) -> dict[Any, Peer]:
        """The dict itself, for a hot loop's bound ``known.get`` (miss: call :meth:`add`)."""
        return self._peers

    def add(self, sockaddr: Any) -> Peer:
        if len(self._peers) >= self._limit:
            self._peers.clear()
        peer = self._peers[sockaddr] = Peer.from_sockaddr(sockaddr, self._family)
        return peer
