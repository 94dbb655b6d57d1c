"""Multicast groups: checking a group address and an interface, joining and leaving on the I/O thread.

A UDP socket receives a group's datagrams once it is a *member*:
``setsockopt(IPPROTO_IP, IP_ADD_MEMBERSHIP, ip_mreq)`` where ``ip_mreq`` is the
group's 4 bytes then the interface's IPv4 address (0.0.0.0: the system
chooses by its routes); IPv6 uses ``IPV6_JOIN_GROUP`` with the group's 16
bytes then the interface's index (0: the system chooses).  Leaving is
``IP_DROP_MEMBERSHIP`` / ``IPV6_LEAVE_GROUP`` with the same request, and
closing the socket leaves every group.  The system hands a group's datagrams
only to sockets bound to the wildcard address or to the group itself, so a
socket bound to 127.0.0.1 joins but hears nothing: :func:`bind_misses_group`.

:class:`GroupMember` gives a datagram endpoint :meth:`~GroupMember.join_group`,
:meth:`~GroupMember.leave_group` and :meth:`~GroupMember.update_options`, any
thread; the socket calls run on its I/O thread, through its SocketOps (so the
trace shows each ``setsockopt``), and :class:`GroupsChanged` tells the groups
joined after each change.
"""

from __future__ import annotations

import errno as errno_codes
import ipaddress
import socket
import struct
import time
from typing import Any

from .endpoint import Endpoint
from .errors import N_, NetError
from .events import OptionsApplied
from .interfaces import interface_address, interface_index
from .options import SocketOptions, apply_options, check_options, read_back
from .peer import Peer
from .values import Value

NOT_AN_ADDRESS = N_("“{text}” is not an IP address: type a multicast group such as 239.1.2.3 or ff15::1.")
NOT_MULTICAST = N_(
    "{group} is not a multicast group address: IPv4 groups run from 224.0.0.0 to 239.255.255.255 "
    "(239.x.y.z is meant for your own use), and IPv6 groups start with ff (such as ff15::1)."
)
IPV6_GROUPS_UNSUPPORTED = N_("This system cannot join IPv6 multicast groups (it has no IPV6_JOIN_GROUP).")
WRONG_FAMILY = N_(
    "{group} is an {family} group, but this socket is bound to {other} addresses only: open the tab on an "
    "{family} address (such as {wildcard}) to join it."
)
ALREADY_MEMBER = N_("This socket is already a member of {group} on interface {interface}.")
NOT_MEMBER = N_("This socket is not a member of {group}, so there is nothing to leave.")
JOIN_FAILED = N_("Could not join {group} on interface {interface}: {reason}")
NO_SUCH_DEVICE = N_(
    "Could not join {group} on interface {interface}: the system has no route for multicast there "
    "(no such interface, or no default route to choose one by). Choose an interface."
)
OPTION_FAILED = N_("Could not change the socket options: {reason}")
JOINED = N_("Joined the multicast group {group} on interface {interface}.")
LEFT = N_("Left the multicast group {group}.")
BIND_MISSES_GROUP = N_(
    "This socket is bound to {bound}, but the system hands a group's datagrams only to sockets bound to "
    "the wildcard address ({wildcard}) or to the group's own address ({group}): nothing sent to {group} "
    "arrives here until the socket is bound to one of those."
)


class Group(Value):
    """A checked multicast group: its text, family and packed address."""

    address: str
    family: int
    packed: bytes


class GroupsChanged(Value):
    """The groups an endpoint is a member of, after a join or a leave: (group, interface) pairs."""

    source: str
    groups: tuple[tuple[str, str], ...]
    time: float = 0.0


def parse_group(text: object) -> Group:
    """A multicast group address typed by the user; NetError with a plain message otherwise.  Any thread."""
    raw = str(text).strip()
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        raise NetError("bad_group", NOT_AN_ADDRESS, text=raw[:60]) from None
    if not address.is_multicast:
        raise NetError("not_multicast", NOT_MULTICAST, group=str(address))
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    if family == socket.AF_INET6 and not hasattr(socket, "IPV6_JOIN_GROUP"):
        raise NetError("group_unsupported", IPV6_GROUPS_UNSUPPORTED)
    return Group(str(address), family, address.packed)


def is_multicast(host: str) -> bool:
    """True for a multicast address (``239.1.2.3``, ``ff15::1``); False for anything else."""
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_multicast
    except ValueError:
        return False


def membership_request(group: Group, interface: str) -> bytes:
    """``ip_mreq`` (group + interface address) or ``ipv6_mreq`` (group + interface index)."""
    if group.family == socket.AF_INET:
        return group.packed + socket.inet_aton(interface_address(interface))
    return group.packed + struct.pack("@I", interface_index(interface))


def bind_misses_group(bound_host: str, group: str) -> bool:
    """True when a socket bound to ``bound_host`` never receives datagrams sent to ``group``."""
    host = bound_host.split("%", 1)[0]
    return host not in ("0.0.0.0", "::", "", group)


def _options(family: int) -> tuple[str, int, str, int, str, int]:
    """(level name, level, join name, join option, leave name, leave option) for ``family``."""
    if family == socket.AF_INET:
        return ("IPPROTO_IP", socket.IPPROTO_IP, "IP_ADD_MEMBERSHIP", socket.IP_ADD_MEMBERSHIP,
                "IP_DROP_MEMBERSHIP", socket.IP_DROP_MEMBERSHIP)
    return ("IPPROTO_IPV6", socket.IPPROTO_IPV6, "IPV6_JOIN_GROUP", socket.IPV6_JOIN_GROUP,
            "IPV6_LEAVE_GROUP", socket.IPV6_LEAVE_GROUP)


def _family_name(family: int) -> str:
    return "IPv6" if family == socket.AF_INET6 else "IPv4"


class _Membership(Value):
    sock_id: int
    family: int
    request: bytes


class GroupMember(Endpoint):
    """Multicast membership for an endpoint whose datagram sockets are in ``self._sockets``.

    :meth:`join_group`, :meth:`leave_group` and :meth:`update_options` may be
    called from any thread while the endpoint runs (NetError otherwise, or for a
    bad group or interface, on the caller's thread); failures of the socket calls
    themselves arrive as ``Error`` events.  :attr:`groups` is the latest list.
    """

    _sockets: list[socket.socket]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups: tuple[tuple[str, str], ...] = ()
        self._memberships: dict[tuple[str, str], _Membership] = {}

    # ----------------------------------------------------------- any thread
    def join_group(self, group: str, interface: str = "") -> None:
        """Join ``group`` on ``interface`` (a name such as ``lo``, an index, an address; "": any)."""
        checked = parse_group(group)
        request = membership_request(checked, interface)
        shown = self._interface_text(checked, interface, request)
        self._call_soon(lambda: self._io_join(checked, shown, request))

    def leave_group(self, group: str) -> None:
        """Leave ``group`` on every interface it was joined on."""
        checked = parse_group(group)
        self._call_soon(lambda: self._io_leave(checked))

    def update_options(self, options: SocketOptions) -> None:
        """Set ``options`` (broadcast, multicast TTL, loop, interface) on the running sockets now.

        What the kernel then reports comes in an ``OptionsApplied`` event per socket.
        """
        checked = check_options(options)
        self._call_soon(lambda: self._io_update_options(checked))

    @staticmethod
    def _interface_text(group: Group, interface: str, request: bytes) -> str:
        if group.family == socket.AF_INET:
            address = socket.inet_ntoa(request[4:8])
            name = interface.strip()
            return address if name in ("", address) else f"{name} ({address})"
        index = struct.unpack("@I", request[16:20])[0]
        name = interface.strip()
        return str(index) if name in ("", str(index)) else f"{name} ({index})"

    # ----------------------------------------------------------- I/O thread
    def _io_forget_groups(self) -> None:
        self.groups = ()
        self._memberships = {}

    def _io_join(self, group: Group, interface: str, request: bytes) -> None:
        sock = next((s for s in self._sockets if s.family == group.family), None)
        if sock is None:
            other = self._sockets[0].family if self._sockets else socket.AF_INET
            self._io_error(NetError("group_family", WRONG_FAMILY, group=group.address,
                                    family=_family_name(group.family), other=_family_name(other),
                                    wildcard="::" if group.family == socket.AF_INET6 else "0.0.0.0"))
            return
        level_name, level, join_name, join, _leave_name, _leave = _options(group.family)
        try:
            self._ops.setsockopt(sock, level, join, request, (level_name, join_name))
        except OSError as exc:
            self._io_error(_join_error(exc, group.address, interface))
            return
        self._memberships[(group.address, interface)] = _Membership(id(sock), group.family, request)
        self._io_notice("group_joined", JOINED, {"group": group.address, "interface": interface})
        bound = Peer.from_sockaddr(sock.getsockname(), sock.family).host
        if bind_misses_group(bound, group.address):
            self._io_notice("group_needs_bind", BIND_MISSES_GROUP, {
                "bound": bound, "group": group.address,
                "wildcard": "::" if group.family == socket.AF_INET6 else "0.0.0.0"})
        self._io_groups_changed()

    def _io_leave(self, group: Group) -> None:
        keys = [key for key in self._memberships if key[0] == group.address]
        if not keys:
            self._io_error(NetError("not_member", NOT_MEMBER, group=group.address))
            return
        level_name, level, _join_name, _join, leave_name, leave = _options(group.family)
        for key in keys:
            membership = self._memberships.pop(key)
            sock = next((s for s in self._sockets if id(s) == membership.sock_id), None)
            if sock is None:
                continue
            try:
                self._ops.setsockopt(sock, level, leave, membership.request, (level_name, leave_name))
            except OSError as exc:
                self._io_error(_join_error(exc, group.address, key[1]))
        self._io_notice("group_left", LEFT, {"group": group.address})
        self._io_groups_changed()

    def _io_groups_changed(self) -> None:
        self.groups = tuple(self._memberships)
        self._post(GroupsChanged(self.name, self.groups, time.monotonic()))

    def _io_update_options(self, options: SocketOptions) -> None:
        now = time.monotonic()
        for sock in self._sockets:
            if sock.family not in (socket.AF_INET, socket.AF_INET6):
                continue
            try:
                apply_options(self._ops, sock, options)
            except NetError as err:
                self._io_error(err)
                continue
            except OSError as exc:
                self._io_error(NetError("option_failed", OPTION_FAILED, errno=exc.errno,
                                        reason=exc.strerror or str(exc)))
                continue
            local = Peer.from_sockaddr(self._ops.getsockname(sock), sock.family)
            self._post(OptionsApplied(self.name, local, read_back(self._ops, sock, options), now))


def _join_error(exc: OSError, group: str, interface: str) -> NetError:
    if exc.errno == errno_codes.EADDRINUSE:
        return NetError("already_member", ALREADY_MEMBER, errno=exc.errno, group=group, interface=interface)
    if exc.errno == errno_codes.EADDRNOTAVAIL:
        return NetError("not_member", NOT_MEMBER, errno=exc.errno, group=group)
    if exc.errno in (errno_codes.ENODEV, errno_codes.ENXIO):
        return NetError("group_no_device", NO_SUCH_DEVICE, errno=exc.errno, group=group, interface=interface)
    return NetError("group_failed", JOIN_FAILED, errno=exc.errno, group=group, interface=interface,
                    reason=exc.strerror or str(exc))
