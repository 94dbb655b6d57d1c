"""This computer's network interfaces: name, index, addresses and whether they carry multicast.

Used to choose the interface a multicast group is joined on and group
datagrams leave by.  The standard library lists names and indexes
(``socket.if_nameindex()``) but not addresses, so on Linux each interface's
IPv4 address is asked with one ``SIOCGIFADDR`` ioctl and the IPv6 ones read
from ``/proc/net/if_inet6``; elsewhere only names and indexes are listed.
Any thread may call these functions; they take a few hundred microseconds
(no network traffic) and never raise for a missing file or a failed ioctl.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import struct
import sys

from .errors import N_, NetError
from .values import Value

NO_INTERFACE = N_("There is no network interface “{name}” on this computer: choose one from the list.")
NO_IPV4_ON_INTERFACE = N_(
    "The interface {name} has no IPv4 address, so an IPv4 group cannot be joined on it: choose another."
)

SIOCGIFADDR = 0x8915  # Linux: the interface's (first) IPv4 address
IFF_UP = 0x1
IFF_LOOPBACK = 0x8
IFF_MULTICAST = 0x1000


class Interface(Value):
    """One network interface.  ``flags``: Linux's IFF_* bits (0 where unknown)."""

    name: str
    index: int
    ipv4: tuple[str, ...] = ()
    ipv6: tuple[str, ...] = ()
    flags: int = 0

    @property
    def loopback(self) -> bool:
        return bool(self.flags & IFF_LOOPBACK) or self.name.startswith("lo")

    @property
    def multicast(self) -> bool:
        """The interface says it carries multicast (IFF_MULTICAST); unknown flags count as yes."""
        return not self.flags or bool(self.flags & IFF_MULTICAST)

    @property
    def up(self) -> bool:
        return not self.flags or bool(self.flags & IFF_UP)


def list_interfaces() -> tuple[Interface, ...]:
    """Every interface, by index; its addresses where this system can tell."""
    try:
        pairs = sorted(socket.if_nameindex())
    except OSError:
        return ()
    linux = sys.platform.startswith("linux")
    ipv6 = _linux_ipv6() if linux else {}
    found = []
    for index, name in pairs:
        ipv4 = _linux_ipv4(name) if linux else ()
        flags = _linux_flags(name) if linux else 0
        found.append(Interface(name, index, ipv4, tuple(ipv6.get(name, ())), flags))
    return tuple(found)


def find(text: str) -> Interface | None:
    """The interface named ``text`` (``lo``), numbered ``text`` (``1``) or owning the address ``text``."""
    text = text.strip()
    for interface in list_interfaces():
        if text in (interface.name, str(interface.index)) or text in interface.ipv4 or \
                text.split("%", 1)[0] in interface.ipv6:
            return interface
    return None


def _linux_ipv4(name: str) -> tuple[str, ...]:
    try:
        import fcntl  # Unix only, and only needed here
    except ImportError:
        return ()
    request = struct.pack("256s", name.encode()[:15])
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            answer = fcntl.ioctl(probe.fileno(), SIOCGIFADDR, request)
    except OSError:  # no IPv4 address (EADDRNOTAVAIL), or the interface went away
        return ()
    return (socket.inet_ntoa(answer[20:24]),)


def _linux_ipv6() -> dict[str, list[str]]:
    """IPv6 addresses by interface name, from ``/proc/net/if_inet6``.

    One line per address: ``<32 hex digits> <index> <prefix> <scope> <flags> <name>``.
    """
    found: dict[str, list[str]] = {}
    with contextlib.suppress(OSError, ValueError), open("/proc/net/if_inet6", encoding="ascii") as table:
        for line in table:
            fields = line.split()
            if len(fields) >= 6 and len(fields[0]) == 32:
                address = str(ipaddress.IPv6Address(int(fields[0], 16)))
                found.setdefault(fields[5], []).append(address)
    return found


def _linux_flags(name: str) -> int:
    path = f"/sys/class/net/{name}/flags"
    with contextlib.suppress(OSError, ValueError), open(path, encoding="ascii") as flags:
        return int(flags.read().strip(), 16)
    return 0


def interface_address(text: str) -> str:
    """The IPv4 address naming interface ``text`` in an ``ip_mreq`` or ``IP_MULTICAST_IF`` ("": 0.0.0.0)."""
    text = text.strip()
    if not text:
        return "0.0.0.0"
    try:
        return str(ipaddress.IPv4Address(text))
    except ValueError:
        pass
    found = find(text)
    if found is None:
        raise NetError("no_interface", NO_INTERFACE, name=text[:40])
    if not found.ipv4:
        raise NetError("no_interface", NO_IPV4_ON_INTERFACE, name=found.name)
    return found.ipv4[0]


def interface_index(text: str) -> int:
    """The index that names interface ``text`` for IPv6 ("" → 0: the system chooses)."""
    text = text.strip()
    if not text:
        return 0
    if text.isdigit():
        return int(text)
    try:
        return socket.if_nametoindex(text)
    except (OSError, ValueError):
        pass
    found = find(text)
    if found is None:
        raise NetError("no_interface", NO_INTERFACE, name=text[:40])
    return found.index
