"""Looking up host names: the only place netcore calls ``getaddrinfo``.

:func:`resolve` may block for seconds on DNS, so endpoints call it on a
short-lived lookup thread (see ``Endpoint._io_resolve``), never on their I/O
thread, and the GUI never calls it on the Tk thread.  IP literals skip DNS.
Any thread may call these functions.
"""

from __future__ import annotations

import socket
from typing import Any

from .addresses import BAD_HOST, ip_family
from .catalogue import HOST_NOT_FOUND
from .errors import NetError
from .os_errors import from_gai_error
from .values import Value


class Resolved(Value):
    """One address a host stands for: its family and the sockaddr to bind or connect to."""

    family: int
    sockaddr: tuple[Any, ...]


def resolve(host: str, port: int, kind: int, *, passive: bool, prefer_ipv4: bool = False,
            family: int = socket.AF_UNSPEC) -> list[Resolved]:
    """Every address ``host`` stands for, without duplicates; raises NetError.

    ``passive`` is for servers (an empty host then means all interfaces).
    ``prefer_ipv4`` puts IPv4 first, for UDP clients, which cannot fall back
    on a refused connection the way TCP clients do.  ``family`` restricts the
    answer (a reply from an IPv4-only socket), and a literal of the other
    family gets its own message rather than "host not found".
    """
    literal = ip_family(host) if host else None
    if literal is not None and family not in (socket.AF_UNSPEC, literal):
        raise from_gai_error(socket.gaierror(getattr(socket, "EAI_FAMILY", -6), "family"), host, family)
    flags = socket.AI_PASSIVE if passive else 0
    if literal is not None:
        flags |= socket.AI_NUMERICHOST
    try:
        infos = socket.getaddrinfo(host or None, port, family, kind, 0, flags)
    except UnicodeError:
        raise NetError("bad_host", BAD_HOST, text=host) from None
    except socket.gaierror as exc:
        raise from_gai_error(exc, host, None if family == socket.AF_UNSPEC else family) from None
    seen: list[Resolved] = []
    for found_family, _type, _proto, _canon, sockaddr in infos:
        if found_family not in (socket.AF_INET, socket.AF_INET6):
            continue
        item = Resolved(int(found_family), tuple(sockaddr))
        if item not in seen:
            seen.append(item)
    if prefer_ipv4:
        seen.sort(key=lambda r: r.family != socket.AF_INET)
    if not seen:
        raise NetError("host_not_found", HOST_NOT_FOUND, host=host)
    return seen


def needs_lookup(host: str) -> bool:
    """True when resolving ``host`` may ask a name server (it is not an IP literal)."""
    return bool(host) and ip_family(host) is None
