"""This computer's IP addresses, interface by interface: what a server may bind or a client send from.

No extra dependency (no ``psutil``, no ``netifaces``) and no program run
(SockLab starts no processes: tests/test_safe_defaults.py).  Two ways:

1. :func:`netcore.interfaces.list_interfaces` (Linux: the ``SIOCGIFADDR``
   ioctl for IPv4, ``/proc/net/if_inet6`` for IPv6; a few hundred
   microseconds, no network traffic).  Its limit: one IPv4 address per
   interface (the primary one); a secondary address (``ip addr add``) can
   still be typed in the field.
2. Where that finds nothing (macOS, Windows, a system without ``/proc``):
   ``socket.getaddrinfo(socket.gethostname(), None)``, the addresses the host
   name stands for, without interface names.  This one may wait on DNS, so
   call :func:`list_addresses` off the GUI thread.

``127.0.0.1`` and ``::1`` are always in the list (loopback works even where
the listing fails), and with ``wildcards=True`` so are ``0.0.0.0`` and ``::``
(every interface at once: a server bound there is reachable from the network).
A link-local IPv6 address carries its ``%interface`` scope, as a bind needs.
Any thread; nothing is cached here (the caller decides when to list again).
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from .values import Value

if TYPE_CHECKING:
    from .interfaces import Interface

WILDCARD_V4 = "0.0.0.0"
WILDCARD_V6 = "::"
LOOPBACK_V4 = "127.0.0.1"
LOOPBACK_V6 = "::1"
ALL_INTERFACES = "*"  # the interface name shown for a wildcard address


class LocalAddress(Value):
    """One address of this computer: ``address`` as a bind takes it, ``interface`` (``lo``, ``eth0``;
    ``*`` for a wildcard, ``""`` when unknown), and whether it is IPv6."""

    address: str
    interface: str = ""
    ipv6: bool = False

    @property
    def wildcard(self) -> bool:
        return self.address in (WILDCARD_V4, WILDCARD_V6)


def list_addresses(*, wildcards: bool = False,
                   interfaces: Callable[[], Iterable[Interface]] | None = None) -> tuple[LocalAddress, ...]:
    """Loopback first, then every interface's addresses (IPv4 before IPv6), then the wildcards.

    ``interfaces`` lists the interfaces (default: :func:`netcore.interfaces.list_interfaces`).
    """
    if interfaces is None:
        from .interfaces import list_interfaces

        interfaces = list_interfaces
    found = _from_interfaces(interfaces())
    if not found:
        found = _from_hostname()
    linux = sys.platform.startswith("linux")
    loopback = "lo" if linux else ""
    first = [LocalAddress(LOOPBACK_V4, loopback), LocalAddress(LOOPBACK_V6, loopback, True)]
    last = [LocalAddress(WILDCARD_V4, ALL_INTERFACES), LocalAddress(WILDCARD_V6, ALL_INTERFACES, True)] \
        if wildcards else []
    ordered = sorted(found, key=lambda item: item.ipv6)  # stable: interface order kept within a family
    return _unique([*first, *ordered, *last])


def _unique(items: Iterable[LocalAddress]) -> tuple[LocalAddress, ...]:
    seen: dict[str, LocalAddress] = {}
    for item in items:
        seen.setdefault(item.address, item)  # the first (loopback's own, with its name) wins
    return tuple(seen.values())


# ------------------------------------------------------------------- 1: the interfaces
def _from_interfaces(interfaces: Iterable[Interface]) -> list[LocalAddress]:
    import ipaddress

    found: list[LocalAddress] = []
    for interface in interfaces:
        found += [LocalAddress(address, interface.name) for address in interface.ipv4]
        for address in interface.ipv6:
            # a link-local address means nothing without its interface: bind() needs the scope
            scoped = ipaddress.IPv6Address(address.split("%", 1)[0]).is_link_local
            found.append(LocalAddress(f"{address}%{interface.name}" if scoped and "%" not in address
                                      else address, interface.name, True))
    return found


# ------------------------------------------------------------------- 2: the host name
def _from_hostname() -> list[LocalAddress]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    found: list[LocalAddress] = []
    for family, _kind, _proto, _name, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6):
            found.append(LocalAddress(str(sockaddr[0]), "", family == socket.AF_INET6))
    return found
