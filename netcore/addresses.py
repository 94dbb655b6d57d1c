"""Checking and resolving what the user typed as host and port.

Any thread may call these functions; :func:`resolve` may block on DNS, so the
endpoints call it on their I/O thread, never on the GUI thread.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

from .errors import HOST_NOT_FOUND, N_, NetError, from_os_error

BAD_PORT = N_("The port must be a whole number from 0 to 65535 (you typed “{text}”).")
PORT_ZERO = N_("Port 0 cannot be reached: type the port the other side is listening on (1 to 65535).")
EMPTY_HOST = N_("Type a host name or an IP address, for example 127.0.0.1.")
BAD_HOST = N_("“{text}” is not a valid host name or IP address.")
UNIX_UNSUPPORTED = N_("Unix socket paths are not supported on this system.")

UNIX_PREFIX = "unix:"


def parse_port(text: str | int, *, allow_zero: bool = True) -> int:
    """The port number in ``text``; 0 means "any free port" and is refused for targets."""
    raw = str(text).strip()
    digits = raw.lstrip("0") or "0"  # int() refuses strings of over 4300 digits: measure first
    if not raw.isdigit() or not raw.isascii() or len(digits) > 5 or int(digits) > 65535:
        raise NetError("bad_port", BAD_PORT, text=str(text))
    port = int(digits)
    if port == 0 and not allow_zero:
        raise NetError("port_zero", PORT_ZERO)
    return port


def is_unix_path(host: str) -> bool:
    """True for ``unix:/path`` or an absolute path: a Unix-domain stream socket."""
    return host.startswith(UNIX_PREFIX) or host.startswith("/")


def unix_path(host: str) -> str:
    if not hasattr(socket, "AF_UNIX"):
        raise NetError("unix_unsupported", UNIX_UNSUPPORTED)
    return host[len(UNIX_PREFIX):] if host.startswith(UNIX_PREFIX) else host


def parse_host(text: str) -> str:
    """Host as typed, trimmed, with IPv6 brackets removed; syntax checked, not resolved."""
    host = text.strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not host:
        raise NetError("empty_host", EMPTY_HOST)
    if is_unix_path(host):
        return host
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        return host
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    ok = len(host) <= 253 and all(
        0 < len(label) <= 63 and all(c.isalnum() or c in "-_" for c in label) and not label.startswith("-")
        for label in labels
    )
    if not ok:
        raise NetError("bad_host", BAD_HOST, text=text.strip())
    return host


@dataclass(frozen=True, slots=True)
class Resolved:
    family: int
    sockaddr: tuple


def resolve(host: str, port: int, kind: int, *, passive: bool, prefer_ipv4: bool = False,
            action: str = "connect") -> list[Resolved]:
    """Every address ``host`` stands for, without duplicates.

    ``passive`` is for servers (an empty host then means all interfaces).
    ``prefer_ipv4`` puts IPv4 first, for UDP clients, which cannot fall back
    on a refused connection the way TCP clients do.
    """
    try:
        infos = socket.getaddrinfo(host or None, port, socket.AF_UNSPEC, kind, 0,
                                   socket.AI_PASSIVE if passive else 0)
    except (socket.gaierror, UnicodeError) as exc:
        if isinstance(exc, UnicodeError):
            raise NetError("bad_host", BAD_HOST, text=host) from None
        raise from_os_error(exc, action=action, host=host, port=port) from None
    seen: list[Resolved] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        item = Resolved(family, tuple(sockaddr))
        if item not in seen:
            seen.append(item)
    if prefer_ipv4:
        seen.sort(key=lambda r: r.family != socket.AF_INET)
    if not seen:
        raise NetError("host_not_found", HOST_NOT_FOUND, host=host)
    return seen


def peer_of(sockaddr: object) -> tuple[str, int]:
    """``(host, port)`` from any inet sockaddr (IPv6 flow info and scope dropped)."""
    if isinstance(sockaddr, tuple) and len(sockaddr) >= 2:
        return (str(sockaddr[0]), int(sockaddr[1]))
    return (str(sockaddr or ""), 0)


def describe(peer: tuple[str, int]) -> str:
    """``127.0.0.1:80``, ``[::1]:80``, or ``/path#3`` for a Unix peer."""
    host, port = peer
    if is_unix_path(host) or host == "":
        return f"{host}#{port}"
    if ":" in host:
        return f"[{host}]:{port}"
    return f"{host}:{port}"


def is_wildcard(host: str) -> bool:
    """True when a server on ``host`` is reachable from other machines."""
    return host.strip().strip("[]") in ("0.0.0.0", "::", "")
