"""TCP connection states as the kernel reports them (LISTEN, ESTABLISHED, CLOSE_WAIT, ...).

netcore's own events say what the *program* knows of a connection (open,
half-closed, closing).  The kernel keeps the real TCP state machine; on
Linux it shows it in ``/proc/net/tcp`` and ``/proc/net/tcp6``, one line per
socket, addresses in hexadecimal.  This module reads those files and finds
the lines of the sockets a caller names by their addresses, so the window
can show, for each of its own connections, the state the kernel gives it.

A connection is named by its local and remote address: the pair is unique
on a machine (the other end of a loopback connection is the same pair
swapped), so it finds this process's socket without listing its file
descriptors.  On a system without these files :func:`available` is false and
the caller says so; nothing here raises for a missing or odd file.

No tkinter.  Reading is plain file I/O (a machine with thousands of sockets
has a file of hundreds of kilobytes), so the window calls :func:`read_table`
from a worker thread; any thread may call anything here.
"""

from __future__ import annotations

import functools
import ipaddress
import os
import socket
import sys
from collections.abc import Iterable

from .values import Value

#: The kernel's state numbers (include/net/tcp_states.h), named as ``ss`` and ``netstat`` name them.
STATE_NAMES: dict[int, str] = {
    1: "ESTABLISHED", 2: "SYN_SENT", 3: "SYN_RECV", 4: "FIN_WAIT1", 5: "FIN_WAIT2", 6: "TIME_WAIT",
    7: "CLOSE", 8: "CLOSE_WAIT", 9: "LAST_ACK", 10: "LISTEN", 11: "CLOSING", 12: "NEW_SYN_RECV",
}
TABLES = ("/proc/net/tcp", "/proc/net/tcp6")

Endpoint = tuple[str, int]  # (host in its canonical text form, port)
_LITTLE_ENDIAN = sys.byteorder == "little"


class TcpEntry(Value):
    """One line of the kernel's table: a socket's addresses, its state and its inode (0: orphaned)."""

    local: Endpoint
    remote: Endpoint
    state: str
    inode: int


def available(tables: Iterable[str] = TABLES) -> bool:
    """True when the kernel's TCP tables can be read here (Linux with /proc mounted)."""
    return any(os.access(path, os.R_OK) for path in tables)


@functools.lru_cache(maxsize=4096)
def _canonical(host: str) -> str:
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(address)


def canonical_host(host: str) -> str:
    """``host`` as this module writes it: IPv4-mapped IPv6 as plain IPv4, IPv6 compressed, no scope."""
    if ":" not in host and "%" not in host:
        return host  # IPv4 text (or a name): nothing to change, and this runs once per client per read
    return _canonical(host)


@functools.lru_cache(maxsize=4096)
def _parse_host(hex_host: str) -> str:
    raw = bytes.fromhex(hex_host)
    if _LITTLE_ENDIAN:
        raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw)
    host = socket.inet_ntop(socket.AF_INET6, raw)
    return host[7:] if host.startswith("::ffff:") and "." in host else host


def parse_address(field: str) -> Endpoint:
    """``"0100007F:1F90"`` → ``("127.0.0.1", 8080)``.

    The kernel prints the address as 32-bit words in the machine's byte order
    (little-endian on x86 and ARM), each as 8 hex digits; the port is big-endian hex.
    A machine's table repeats the same few addresses, so each is decoded once (cached).
    """
    hex_host, hex_port = field.split(":")
    return _parse_host(hex_host), int(hex_port, 16)


def parse_line(line: str) -> TcpEntry | None:
    """One table line as a :class:`TcpEntry`; None for the header or a line it cannot read."""
    parts = line.split()
    if len(parts) < 10 or not parts[0].endswith(":"):
        return None
    try:
        state = STATE_NAMES.get(int(parts[3], 16), f"0x{parts[3]}")
        return TcpEntry(parse_address(parts[1]), parse_address(parts[2]), state, int(parts[9]))
    except ValueError:
        return None


def read_table(ports: Iterable[int] | None = None, tables: Iterable[str] = TABLES) -> tuple[TcpEntry, ...]:
    """Every socket in the kernel's TCP tables (only those with a local or remote port in ``ports``).

    Filtering by port first skips the address parsing of the machine's other
    sockets.  A table that cannot be read is skipped: the result is then empty.
    """
    wanted = None if ports is None else {f":{port:04X}" for port in ports}
    found: list[TcpEntry] = []
    for path in tables:
        try:
            with open(path, encoding="ascii", errors="replace") as table:
                lines = table.readlines()
        except OSError:
            continue
        for line in lines[1:]:
            if wanted is not None:
                parts = line.split(None, 3)
                if len(parts) < 3 or not (parts[1][-5:] in wanted or parts[2][-5:] in wanted):
                    continue
            entry = parse_line(line)
            if entry is not None:
                found.append(entry)
    return tuple(found)


class StateTable:
    """A snapshot of :func:`read_table`, searched by address.  Any thread (it is only read)."""

    def __init__(self, entries: Iterable[TcpEntry]) -> None:
        self.entries = tuple(entries)
        self._by_pair = {(e.local, e.remote): e for e in self.entries}
        self._by_remote: dict[Endpoint, list[TcpEntry]] = {}
        for entry in self.entries:
            if entry.state != "LISTEN":
                self._by_remote.setdefault(entry.remote, []).append(entry)

    def connection(self, local: Endpoint, remote: Endpoint) -> str | None:
        """The state of the connection from ``local`` to ``remote``; None if the kernel has none."""
        entry = self._by_pair.get(((canonical_host(local[0]), local[1]),
                                   (canonical_host(remote[0]), remote[1])))
        return entry.state if entry is not None else None

    def accepted(self, local_ports: Iterable[int], remote: Endpoint) -> str | None:
        """The state of a connection a server accepted from ``remote`` on one of ``local_ports``.

        A server listening on a wildcard address does not know which of its
        addresses a client reached, so only the port is compared on this side.
        """
        ports = local_ports if isinstance(local_ports, (set, frozenset)) else set(local_ports)
        for entry in self._by_remote.get((canonical_host(remote[0]), remote[1]), ()):
            if entry.local[1] in ports:
                return entry.state
        return None

    def listening(self, local: Endpoint) -> str | None:
        """"LISTEN" when a socket listens on exactly ``local`` (``0.0.0.0`` for a wildcard); else None."""
        host = canonical_host(local[0])
        for entry in self.entries:
            if entry.state == "LISTEN" and entry.local[1] == local[1] and entry.local[0] == host:
                return entry.state
        return None

