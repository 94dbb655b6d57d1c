"""Why a socket error happened, for a beginner: its errno name, what it means, and what to try next.

A :class:`~netcore.errors.NetError` (or an :class:`~netcore.events.Error`
event) already says *what* failed in one sentence.  :func:`explain` adds the
name a programmer would search for (``ECONNREFUSED``, ``EAI_NONAME``), a
short lesson on *why* the system says so, and a next step.  Data only: the
templates are English, marked with ``N_()`` for the GUI's catalogue, and
filled from the error's parameters when shown.

Any thread may call these functions; they never block and never touch the network.
"""

from __future__ import annotations

import errno as errno_codes
import ipaddress
import socket
import string
from collections.abc import Callable, Iterable, Mapping

from .errors import N_
from .values import Value


class Explanation(Value):
    """``name``: the errno (or resolver) name, "" when the system gave none; ``why`` and
    ``next_step``: English templates; ``params``: what fills them."""

    key: str
    name: str
    why: str
    next_step: str
    params: tuple[tuple[str, str], ...] = ()

    def translated(self, tr: Callable[[str], str]) -> tuple[str, str]:
        """``(why, next step)`` in the language of the translator ``tr``."""
        values = dict(self.params)
        return fill(tr(self.why), values), fill(tr(self.next_step), values)


class _Lesson(Value):
    name: str  # the errno name to show when the error carries no number
    why: str
    next_step: str


# ------------------------------------------------------------------ the lessons
LESSONS: dict[str, _Lesson] = {
    "refused": _Lesson(
        "ECONNREFUSED",
        N_("The computer at that address exists, but no program is listening on that port, so its "
           "system answered “no” at once (a TCP reset)."),
        N_("Start the server first (the TCP server tab, or your own program), then check that both "
           "sides use the same address and port {port}."),
    ),
    "refused_unix": _Lesson(
        "ENOENT",
        N_("A Unix socket is a file that the server creates when it starts listening; there is no "
           "such socket file at that path (or nothing is listening on it)."),
        N_("Start the server first, and check that both sides use exactly the same path."),
    ),
    "refused_udp": _Lesson(
        "ECONNREFUSED",
        N_("UDP has no connection, but when a datagram reaches a port where nothing listens, the other "
           "computer answers with an ICMP “port unreachable” message. A connected UDP socket reports "
           "that answer as ECONNREFUSED on its next send or receive."),
        N_("Start the UDP server first and check port {port}. Without that answer you would see "
           "nothing at all: UDP itself never says whether anyone received a datagram."),
    ),
    "localhost_ipv6": _Lesson(
        "ECONNREFUSED",
        N_("“{host}” stands for two addresses here: {first} (tried first) and {other}. A server "
           "listens on one address, so a server on 127.0.0.1 (IPv4) cannot be reached at ::1 (IPv6), "
           "and the other way round."),
        N_("Type the same address on both sides: 127.0.0.1 in the server and in the client (or ::1 in "
           "both), instead of the name."),
    ),
    "in_use": _Lesson(
        "EADDRINUSE",
        N_("Only one socket at a time may listen on an address and port. Another program (or another "
           "tab) has it, or a server that just stopped left its connections in TIME_WAIT, which keeps "
           "the port busy for up to a minute."),
        N_("Choose another port, or stop the other program (“ss -ltnup” shows which one). A server that "
           "sets SO_REUSEADDR before bind() can start again at once despite TIME_WAIT."),
    ),
    "privileged": _Lesson(
        "EACCES",
        N_("Ports below 1024 are reserved for system services: only the administrator (root) may "
           "listen on them, so that an ordinary program cannot pose as a web or mail server."),
        N_("Use a port from 1024 to 65535, for example 8080 or 9999."),
    ),
    "permission": _Lesson(
        "EACCES",
        N_("The system refused the operation: a firewall or security rule forbids it, or the address "
           "is a broadcast address and the socket lacks the SO_BROADCAST option."),
        N_("Check the address. To send to a broadcast address, set SO_BROADCAST; otherwise check the "
           "firewall."),
    ),
    "broadcast_denied": _Lesson(
        "EACCES",
        N_("A broadcast reaches every computer on a network at once, so the system makes a program ask for "
           "it on purpose: without the SO_BROADCAST option, a datagram to 255.255.255.255 or to a "
           "network's last address (such as 192.168.1.255) is refused with EACCES, “permission denied”, "
           "even for the administrator."),
        N_("Set SO_BROADCAST on the socket before sending (in SockLab: Allow broadcast, in Tools → "
           "Broadcast and multicast…), then send again."),
    ),
    "group_no_route": _Lesson(
        "",
        N_("A multicast datagram leaves by one interface: the one chosen with IP_MULTICAST_IF (IPv6: "
           "IPV6_MULTICAST_IF), else the one the routes point to. None fits here: no route leads to the "
           "group, or the interface cannot carry multicast (on Linux, lo carries IPv4 groups but not IPv6 "
           "ones)."),
        N_("Choose an interface that carries multicast. To keep the datagrams on this computer, set the "
           "TTL (hop limit) to 0 with loopback on, or use an interface-local IPv6 group (ff01:: or ff11::)."),
    ),
    "host_not_found": _Lesson(
        "EAI_NONAME",
        N_("Before connecting, a name is looked up (in /etc/hosts, then DNS) to find its IP address, "
           "and nobody knows “{host}”."),
        N_("Check the spelling, or type an IP address instead: 127.0.0.1 is this computer."),
    ),
    "no_address": _Lesson(
        "EAI_NODATA",
        N_("The name exists, but it has no IPv4 or IPv6 address a socket could use."),
        N_("Type an IP address instead, or ask whoever runs that name."),
    ),
    "dns_temporary": _Lesson(
        "EAI_AGAIN",
        N_("The name server did not answer in time, so the name could not be looked up now."),
        N_("Check the network connection and try again, or type an IP address instead."),
    ),
    "dns_failed": _Lesson(
        "EAI_FAIL",
        N_("Looking the name up failed for a reason the resolver reported."),
        N_("Try again, or type an IP address instead."),
    ),
    "family_mismatch": _Lesson(
        "EAI_FAMILY",
        N_("Every socket belongs to one address family: an IPv4 socket (AF_INET) cannot reach an "
           "IPv6 address (AF_INET6), nor the other way round."),
        N_("Use an address of the same family on both sides: 127.0.0.1 with 127.0.0.1, ::1 with ::1."),
    ),
    "family_unsupported": _Lesson(
        "EAFNOSUPPORT",
        N_("This computer has that address family switched off or missing (often IPv6)."),
        N_("Use an IPv4 address such as 127.0.0.1."),
    ),
    "not_local": _Lesson(
        "EADDRNOTAVAIL",
        N_("A server can only listen on an address of this computer. 127.0.0.1 means “this computer "
           "only”: other computers cannot connect. 0.0.0.0 means “every network interface”: other "
           "computers can connect, if the firewall lets them."),
        N_("Listen on 127.0.0.1 for tests on this computer, or on 0.0.0.0 to accept other computers."),
    ),
    "no_local_port": _Lesson(
        "EADDRNOTAVAIL",
        N_("Every connection needs a free local port of its own, and this computer has none left for "
           "that address (or an IPv6 link-local address lacks its %interface)."),
        N_("Close some connections and try again; for fe80:: addresses add the interface, as in "
           "fe80::1%eth0."),
    ),
    "timed_out": _Lesson(
        "ETIMEDOUT",
        N_("Connecting sends a request and waits for an answer, and none came in time. Nobody "
           "listening answers “refused” at once; silence instead means a firewall drops the packets, "
           "the computer is off, or the server is too busy to accept (its queue of waiting "
           "connections is full)."),
        N_("Check the address and that the server is running and accepting, check the firewall, or "
           "raise the timeout."),
    ),
    "reset": _Lesson(
        "ECONNRESET",
        N_("The other side ended the connection abruptly (a TCP reset, RST) instead of closing it "
           "normally: its program crashed or was killed, it closed with data still unread, or it "
           "closed on purpose with SO_LINGER set to 0."),
        N_("Look at what happened to the other program, then connect again. Data sent just before "
           "the reset may be lost."),
    ),
    "broken_pipe": _Lesson(
        "EPIPE",
        N_("Data was sent on a connection that the other side had already closed."),
        N_("Connect again. A program should stop sending once recv() returns no data (b''): that is "
           "how a socket says the other side closed."),
    ),
    "too_long": _Lesson(
        "EMSGSIZE",
        N_("A datagram travels whole or not at all, and it has a size limit: at most 65,507 bytes of "
           "data over IPv4 (65,527 over IPv6). Only about 1,472 bytes fit in one Ethernet frame; "
           "bigger ones are cut into fragments and more easily lost."),
        N_("Send less per datagram: split the data into several datagrams, or use TCP for large data."),
    ),
    "net_unreachable": _Lesson(
        "ENETUNREACH",
        N_("This computer has no route to that network: no interface or gateway leads there."),
        N_("Check the address and the network settings (is the cable or Wi-Fi connected?)."),
    ),
    "host_unreachable": _Lesson(
        "EHOSTUNREACH",
        N_("The network is known, but the host did not answer: it is off, or the address is wrong, or "
           "a router or firewall said it cannot be reached."),
        N_("Check the address and that the other computer is on."),
    ),
    "too_many_files": _Lesson(
        "EMFILE",
        N_("Every socket uses a file descriptor, and this program (or the system) has reached its "
           "limit of open ones."),
        N_("Close connections you no longer need; “ulimit -n” shows the limit."),
    ),
    "no_reply": _Lesson(
        "",
        N_("UDP sends a datagram without asking whether anyone receives it: there is no connection and "
           "no acknowledgement. When nothing answers, you see nothing — no error either."),
        N_("Check that the server is started on port {port} and really replies (the UDP server tab "
           "can answer each datagram), and that no firewall drops the datagrams."),
    ),
    "os_error": _Lesson(
        "",
        N_("The operating system reported an error that SockLab has no lesson for: {reason}."),
        N_("Search the web for the name in brackets: it is the standard name of this error."),
    ),
}

# NetError codes whose errno field holds a resolver (getaddrinfo) code, not an errno
_RESOLVER_CODES = {"host_not_found", "no_address", "dns_temporary", "dns_failed"}
_EAI_NAMES = {int(getattr(socket, name)): name for name in dir(socket)
              if name.startswith("EAI_") and isinstance(getattr(socket, name), int)}


def errno_name(code: str, number: int | None) -> str:
    """``ECONNREFUSED`` for ``("refused", 111)``; a resolver name for lookups; "" when unknown."""
    if number is None:
        return ""
    if code in _RESOLVER_CODES or number < 0:  # getaddrinfo's codes are negative on Linux
        return _EAI_NAMES.get(number, "")
    return errno_codes.errorcode.get(number, "")


def explain(code: str, number: int | None = None, params: Mapping[str, str] | None = None, *,
            transport: str = "tcp") -> Explanation | None:
    """The lesson for a NetError ``code`` (its errno ``number``, its ``params``) on a ``transport``
    ("tcp" or "udp") socket; None for errors that are not the system's (bad input, internal)."""
    values = dict(params or {})
    for name, value in zip(("host", "port"), split_address(values.get("address", "")), strict=True):
        values.setdefault(name, value)
    key = _lesson_key(code, number, values, transport)
    if key is None:
        return None
    lesson = LESSONS[key]
    if key == "localhost_ipv6":
        first, other = values["resolved"].split(",")[:2]
        values.update(first=first, other=other)
    name = errno_name(code, number) or lesson.name
    return Explanation(key, name, lesson.why, lesson.next_step, tuple(sorted(values.items())))


def no_reply(port: int) -> Explanation:
    """The gentle hint for a UDP client whose datagrams got no answer (and no error) for a while."""
    lesson = LESSONS["no_reply"]
    return Explanation("no_reply", "", lesson.why, lesson.next_step, (("port", str(port)),))


def _lesson_key(code: str, number: int | None, params: Mapping[str, str], transport: str) -> str | None:
    if code == "refused":
        if number == errno_codes.ENOENT or params.get("address", "").startswith("/"):
            return "refused_unix"
        if transport == "udp":
            return "refused_udp"
        if localhost_ipv6_case(params.get("host", ""), params.get("resolved", "").split(",")):
            return "localhost_ipv6"
        return "refused"
    if code == "unreachable":
        return "net_unreachable" if number == errno_codes.ENETUNREACH else "host_unreachable"
    if code == "os_error":
        return "os_error" if number is not None else None
    return code if code in LESSONS and code not in ("no_reply", "refused_udp", "refused_unix") else None


def localhost_ipv6_case(host: str, resolved: Iterable[str]) -> bool:
    """True when a connect to the *name* ``host`` was refused at an IPv6 loopback address it
    resolved to first, while it also stands for an IPv4 one: the classic "localhost is ::1,
    but my server listens on 127.0.0.1".  ``resolved``: the addresses, in the order tried."""
    addresses = [_ip(text) for text in resolved]
    if not host or _ip(host) is not None or not addresses or addresses[0] is None:
        return False
    first = addresses[0]
    return first.version == 6 and first.is_loopback and any(
        a is not None and a.version == 4 for a in addresses[1:])


def split_address(address: str) -> tuple[str, str]:
    """``("::1", "80")`` from ``[::1]:80``, ``("localhost", "9")`` from ``localhost:9``; a Unix
    path (or anything else) gives ``(address, "")``."""
    host, sep, port = address.rpartition(":")
    if not sep or not port.isdigit() or address.startswith("/"):
        return address, ""
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host, port


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip().split("%", 1)[0])
    except ValueError:
        return None


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` filled from ``values``; a missing value shows as "?" instead of raising."""
    return string.Formatter().vformat(template, (), _Missing(values))
