"""This computer's IP addresses, interface by interface: what a server may bind or a client send from.

No extra dependency (no ``psutil``, no ``netifaces``).  Three ways, best first:

1. ``ip -j addr`` (iproute2's JSON, on nearly every Linux): every address of
   every interface, secondary IPv4 addresses and IPv6 scopes included.
2. :func:`netcore.interfaces.list_interfaces` (``/proc/net/if_inet6`` for
   IPv6, the ``SIOCGIFADDR`` ioctl for IPv4; Linux without iproute2, e.g. a
   slim container): the primary IPv4 address per interface only.
3. ``socket.getaddrinfo(socket.gethostname(), None)`` (anywhere else: macOS,
   Windows): the addresses the host name stands for, without interface names.
   This one may wait on DNS, so call :func:`list_addresses` off the GUI thread.

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

from .values import Value

IP_TIMEOUT = 2.0  # seconds `ip -j addr` may take before the next way is tried
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


def list_addresses(*, wildcards: bool = False, run: Callable[[], str | None] | None = None
                   ) -> tuple[LocalAddress, ...]:
    """Loopback first, then every interface's addresses (IPv4 before IPv6), then the wildcards.

    ``run`` returns ``ip -j addr``'s output, or None when it cannot (tests pass their own).
    """
    found = _from_ip_json((run or _run_ip)())
    if found is None:
        found = _from_interfaces()
    if not found:
        found = _from_hostname()
    first = [LocalAddress(LOOPBACK_V4, "lo" if sys.platform.startswith("linux") else ""),
             LocalAddress(LOOPBACK_V6, "lo" if sys.platform.startswith("linux") else "", True)]
    last = [LocalAddress(WILDCARD_V4, ALL_INTERFACES), LocalAddress(WILDCARD_V6, ALL_INTERFACES, True)] \
        if wildcards else []
    ordered = sorted(found, key=lambda item: item.ipv6)  # stable: interface order kept within a family
    return _unique([*first, *ordered, *last])


def _unique(items: Iterable[LocalAddress]) -> tuple[LocalAddress, ...]:
    seen: dict[str, LocalAddress] = {}
    for item in items:
        seen.setdefault(item.address, item)  # the first (loopback's own, with its name) wins
    return tuple(seen.values())


# ------------------------------------------------------------------- 1: ip -j addr
def _run_ip() -> str | None:
    import subprocess  # only when listing: not on anybody's start-up path

    try:
        done = subprocess.run(["ip", "-j", "addr"], capture_output=True, text=True, timeout=IP_TIMEOUT,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _from_ip_json(text: str | None) -> list[LocalAddress] | None:
    """``ip -j addr``'s interfaces and addresses; None when ``text`` is not its JSON."""
    if not text:
        return None
    import json

    try:
        interfaces = json.loads(text)
    except ValueError:
        return None
    if not isinstance(interfaces, list):
        return None
    found: list[LocalAddress] = []
    for interface in interfaces:
        if not isinstance(interface, dict):
            continue
        name = str(interface.get("ifname", ""))
        for info in interface.get("addr_info") or ():
            if not isinstance(info, dict) or info.get("family") not in ("inet", "inet6"):
                continue
            address = str(info.get("local", ""))
            if not address:
                continue
            ipv6 = info["family"] == "inet6"
            if ipv6 and info.get("scope") == "link":
                address = f"{address}%{name}"  # bind() needs the scope of a link-local address
            found.append(LocalAddress(address, name, ipv6))
    return found


# ------------------------------------------------------- 2: /proc/net/if_inet6 + ioctl
def _from_interfaces() -> list[LocalAddress]:
    """What :func:`netcore.interfaces.list_interfaces` finds (``SIOCGIFADDR``, ``/proc/net/if_inet6``)."""
    import ipaddress

    from .interfaces import list_interfaces

    found: list[LocalAddress] = []
    for interface in list_interfaces():
        found += [LocalAddress(address, interface.name) for address in interface.ipv4]
        for address in interface.ipv6:
            scoped = ipaddress.IPv6Address(address).is_link_local  # bind() needs the interface
            found.append(LocalAddress(f"{address}%{interface.name}" if scoped else address, interface.name,
                                      True))
    return found


# ------------------------------------------------------------------- 3: the host name
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
