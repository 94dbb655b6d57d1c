"""Socket options, given to an endpoint at construction, applied and read back.

``SocketOptions`` is a frozen value: ``None`` leaves an option at the system's
default (except where an endpoint has its own default, such as TCP_NODELAY on
for TCP and a 4 MiB receive buffer for UDP).  :func:`apply_options` sets them
through the endpoint's :class:`~netcore.sockops.SocketOps`, so the trace shows
each ``setsockopt``; :func:`read_back` reports what the kernel actually gave
(Linux doubles buffer sizes, for instance).  Any thread may build and validate
options; applying them happens on the I/O thread.
"""

from __future__ import annotations

import ipaddress
import socket

from .addresses import parse_host, parse_port
from .errors import N_, NetError
from .sockops import SocketOps
from .values import Value

NOT_OPTIONS = N_("The options must be a SocketOptions value.")
BAD_OPTION = N_("The socket option {name} must be {expected} (you gave “{value}”).")

_BOOL = ("reuse_addr", "nodelay", "keepalive", "broadcast", "multicast_loop")
_SIZE = ("rcvbuf", "sndbuf")


class SocketOptions(Value):
    """What to set on an endpoint's sockets; ``None`` means "leave as it is"."""

    reuse_addr: bool | None = None  # SO_REUSEADDR (TCP servers: on by default, restart at once)
    nodelay: bool | None = None  # TCP_NODELAY (on by default: small messages go at once)
    keepalive: bool | None = None  # SO_KEEPALIVE
    broadcast: bool | None = None  # SO_BROADCAST (UDP: allow sending to a broadcast address)
    rcvbuf: int | None = None  # SO_RCVBUF, bytes asked for
    sndbuf: int | None = None  # SO_SNDBUF
    ttl: int | None = None  # IP_TTL / IPV6_UNICAST_HOPS
    multicast_ttl: int | None = None  # IP_MULTICAST_TTL / IPV6_MULTICAST_HOPS
    multicast_loop: bool | None = None  # IP_MULTICAST_LOOP / IPV6_MULTICAST_LOOP
    # the interface outgoing multicast leaves by: a name ("lo"), an index, or one of its addresses
    # (IP_MULTICAST_IF takes its IPv4 address, IPV6_MULTICAST_IF its index)
    multicast_interface: str | None = None
    bind_host: str | None = None  # clients: the local address to send from
    bind_port: int | None = None  # clients: the local port (0: any)

    def validated(self) -> SocketOptions:
        """These options, checked; raises NetError with a plain message.  Any thread."""
        for name in _BOOL:
            value = getattr(self, name)
            if value is not None and not isinstance(value, bool):
                raise NetError("bad_option", BAD_OPTION, name=name, expected="True or False", value=value)
        for name in _SIZE:
            _check_int(name, getattr(self, name), 1, 1 << 30, "a number of bytes from 1 to 1073741824")
        _check_int("ttl", self.ttl, 1, 255, "a whole number from 1 to 255")
        _check_int("multicast_ttl", self.multicast_ttl, 0, 255, "a whole number from 0 to 255")
        if self.multicast_interface is not None:
            _check_interface(self.multicast_interface)
        bind_host = self.bind_host
        if bind_host is not None:
            bind_host = parse_host(bind_host)
        bind_port = self.bind_port
        if bind_port is not None:
            bind_port = parse_port(bind_port)
        if (bind_host, bind_port) != (self.bind_host, self.bind_port):
            return SocketOptions(**{**{name: getattr(self, name) for name in self._fields},
                                    "bind_host": bind_host, "bind_port": bind_port})
        return self


def check_options(options: object) -> SocketOptions:
    """``options`` validated (None: the defaults); NetError for anything else.  Any thread."""
    if options is None:
        return SocketOptions()
    if not isinstance(options, SocketOptions):
        raise NetError("bad_option", NOT_OPTIONS)
    return options.validated()


def _check_interface(value: object) -> None:
    try:
        ipaddress.IPv4Address(str(value))
        return
    except ValueError:
        pass
    from .interfaces import find  # a name, index or IPv6 address: one of this computer's interfaces

    if not isinstance(value, str) or find(value) is None:
        raise NetError("bad_option", BAD_OPTION, name="multicast_interface",
                       expected="an interface of this computer (a name such as lo, or its address)",
                       value=value)


def _check_int(name: str, value: object, low: int, high: int, expected: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise NetError("bad_option", BAD_OPTION, name=name, expected=expected, value=value)


def _plan(options: SocketOptions, family: int, kind: int) -> list[tuple[str, str, int, int, object]]:
    """(level name, option name, level, option, value) to set, in order."""
    ipv6 = family == socket.AF_INET6
    stream = kind == socket.SOCK_STREAM
    inet = family in (socket.AF_INET, socket.AF_INET6)
    plan: list[tuple[str, str, int, int, object]] = []
    sol = ("SOL_SOCKET", socket.SOL_SOCKET)
    if options.reuse_addr is not None:
        plan.append((*sol[:1], "SO_REUSEADDR", sol[1], socket.SO_REUSEADDR, int(options.reuse_addr)))
    if options.keepalive is not None and stream:
        plan.append((*sol[:1], "SO_KEEPALIVE", sol[1], socket.SO_KEEPALIVE, int(options.keepalive)))
    if options.broadcast is not None and not stream and not ipv6:
        plan.append((*sol[:1], "SO_BROADCAST", sol[1], socket.SO_BROADCAST, int(options.broadcast)))
    if options.rcvbuf is not None:
        plan.append((*sol[:1], "SO_RCVBUF", sol[1], socket.SO_RCVBUF, options.rcvbuf))
    if options.sndbuf is not None:
        plan.append((*sol[:1], "SO_SNDBUF", sol[1], socket.SO_SNDBUF, options.sndbuf))
    if not inet:
        return plan
    if options.ttl is not None:
        if ipv6:
            plan.append(("IPPROTO_IPV6", "IPV6_UNICAST_HOPS", socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS,
                         options.ttl))
        else:
            plan.append(("IPPROTO_IP", "IP_TTL", socket.IPPROTO_IP, socket.IP_TTL, options.ttl))
    if not stream:
        if options.multicast_ttl is not None:
            if ipv6:
                plan.append(("IPPROTO_IPV6", "IPV6_MULTICAST_HOPS", socket.IPPROTO_IPV6,
                             socket.IPV6_MULTICAST_HOPS, options.multicast_ttl))
            else:
                plan.append(("IPPROTO_IP", "IP_MULTICAST_TTL", socket.IPPROTO_IP, socket.IP_MULTICAST_TTL,
                             options.multicast_ttl))
        if options.multicast_loop is not None:
            if ipv6:
                plan.append(("IPPROTO_IPV6", "IPV6_MULTICAST_LOOP", socket.IPPROTO_IPV6,
                             socket.IPV6_MULTICAST_LOOP, int(options.multicast_loop)))
            else:
                plan.append(("IPPROTO_IP", "IP_MULTICAST_LOOP", socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP,
                             int(options.multicast_loop)))
        if options.multicast_interface is not None:
            from .interfaces import interface_address, interface_index  # only when asked for

            if ipv6:
                plan.append(("IPPROTO_IPV6", "IPV6_MULTICAST_IF", socket.IPPROTO_IPV6,
                             socket.IPV6_MULTICAST_IF, interface_index(options.multicast_interface)))
            else:
                plan.append(("IPPROTO_IP", "IP_MULTICAST_IF", socket.IPPROTO_IP, socket.IP_MULTICAST_IF,
                             socket.inet_aton(interface_address(options.multicast_interface))))
    return plan


def apply_options(ops: SocketOps, sock: socket.socket, options: SocketOptions) -> None:
    """Set ``options`` on ``sock`` (before bind/connect); OSError propagates."""
    for level_name, name, level, option, value in _plan(options, sock.family, sock.type):
        assert isinstance(value, (int, bytes))
        ops.setsockopt(sock, level, option, value, (level_name, name))


def read_back(ops: SocketOps, sock: socket.socket, options: SocketOptions, *,
              listening: bool = False) -> tuple[tuple[str, str], ...]:
    """What the kernel reports for each option that was set, plus the buffer sizes and TCP_NODELAY.

    ``listening``: ``sock`` is a server's listening socket, whose TCP_NODELAY
    means nothing (it is set on each accepted connection), so it is left out.
    Last comes ``("timeout", "0.0")``: Python's own ``gettimeout()`` (no system
    call), which says the endpoint's socket is non-blocking.
    """
    out: list[tuple[str, str]] = []
    names: set[str] = set()
    for level_name, name, level, option, _value in _plan(options, sock.family, sock.type):
        names.add(name)
        if name == "IP_MULTICAST_IF":
            raw = ops.getsockopt(sock, level, option, 4, (level_name, name))
            out.append((name, socket.inet_ntoa(raw[:4])))
            continue
        out.append((name, str(ops.getsockopt(sock, level, option, 0, (level_name, name)))))
    for name, level, option, level_name in (("SO_RCVBUF", socket.SOL_SOCKET, socket.SO_RCVBUF, "SOL_SOCKET"),
                                            ("SO_SNDBUF", socket.SOL_SOCKET, socket.SO_SNDBUF, "SOL_SOCKET")):
        if name not in names:
            out.append((name, str(ops.getsockopt(sock, level, option, 0, (level_name, name)))))
    if sock.type == socket.SOCK_STREAM and sock.family in (socket.AF_INET, socket.AF_INET6) and not listening:
        out.append(("TCP_NODELAY", str(ops.getsockopt(sock, socket.IPPROTO_TCP, socket.TCP_NODELAY, 0,
                                                       ("IPPROTO_TCP", "TCP_NODELAY")))))
    out.append(("timeout", repr(sock.gettimeout())))
    return tuple(out)
