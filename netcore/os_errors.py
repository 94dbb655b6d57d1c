"""From what the operating system said (an errno, a resolver code) to a plain-words NetError.

Any thread may call these functions.
"""

from __future__ import annotations

import errno as errno_codes
import ipaddress
import socket

from .catalogue import (
    ACTIONS,
    BROADCAST_DENIED,
    BROKEN_PIPE,
    DNS_FAILED,
    DNS_NO_ADDRESS,
    DNS_TEMPORARY,
    FAMILY_MISMATCH,
    FAMILY_UNSUPPORTED,
    GROUP_NO_ROUTE,
    HOST_NOT_FOUND,
    IN_USE,
    NO_LOCAL_PORT,
    NOT_LOCAL,
    OTHER,
    PERMISSION,
    PRIVILEGED,
    REFUSED,
    RESET,
    TIMED_OUT,
    TOO_LONG,
    TOO_MANY_FILES,
    UNREACHABLE,
)
from .errors import NetError, format_address

# getaddrinfo's codes; some are missing from the socket module on some systems.
_EAI_NONAME = {getattr(socket, name) for name in ("EAI_NONAME",) if hasattr(socket, name)}
_EAI_NODATA = {getattr(socket, name) for name in ("EAI_NODATA", "EAI_ADDRFAMILY") if hasattr(socket, name)}
_EAI_AGAIN = getattr(socket, "EAI_AGAIN", None)
_EAI_FAMILY = getattr(socket, "EAI_FAMILY", None)
_EAI_MEMORY = getattr(socket, "EAI_MEMORY", None)
_EAI_SYSTEM = getattr(socket, "EAI_SYSTEM", None)


def family_name(family: int) -> str:
    names: dict[int, str] = {int(socket.AF_INET): "IPv4", int(socket.AF_INET6): "IPv6"}
    return names.get(int(family), "Unix")


def from_gai_error(exc: socket.gaierror, host: str, family: int | None = None) -> NetError:
    """Explain a failed name lookup of ``host`` (for a socket of ``family``, if known)."""
    code = exc.errno
    if code == _EAI_FAMILY or (code in _EAI_NODATA | _EAI_NONAME and family is not None and _is_ip(host)):
        host_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        if family is not None and host_family != family:
            return NetError("family_mismatch", FAMILY_MISMATCH, errno=code, host=host,
                            family=family_name(host_family), other=family_name(family))
    if code in _EAI_NONAME:
        return NetError("host_not_found", HOST_NOT_FOUND, errno=code, host=host)
    if code in _EAI_NODATA:
        return NetError("no_address", DNS_NO_ADDRESS, errno=code, host=host)
    if code == _EAI_AGAIN:
        return NetError("dns_temporary", DNS_TEMPORARY, errno=code, host=host)
    if code == _EAI_MEMORY:
        return NetError("too_many_files", TOO_MANY_FILES, errno=code)
    reason = exc.strerror or str(exc)
    if code == _EAI_SYSTEM and exc.errno is not None:
        reason = str(exc)
    return NetError("dns_failed", DNS_FAILED, errno=code, host=host, reason=reason)


def _is_ip(host: str) -> bool:
    try:
        socket.inet_pton(socket.AF_INET6 if ":" in host else socket.AF_INET, host.split("%", 1)[0])
        return True
    except (OSError, ValueError):
        return False


def from_os_error(
    exc: BaseException,
    *,
    action: str,
    host: str,
    port: int | None,
    timeout: float | None = None,
    family: int | None = None,
) -> NetError:
    """Explain ``exc``, raised while trying to ``action`` ``host:port``."""
    if isinstance(exc, NetError):
        return exc
    address = format_address(host, port)
    if isinstance(exc, socket.gaierror):
        return from_gai_error(exc, host, family)
    if isinstance(exc, TimeoutError) and not getattr(exc, "errno", None):
        return NetError("timed_out", TIMED_OUT, errno=errno_codes.ETIMEDOUT, address=address,
                        seconds=f"{timeout:g}" if timeout else "?")
    code = getattr(exc, "errno", None)
    e = errno_codes
    # connecting to a Unix socket path that does not exist: nobody is listening there either
    if code == e.ECONNREFUSED or (code == e.ENOENT and action == "connect"):
        return NetError("refused", REFUSED, errno=code, address=address)
    if code == e.EADDRINUSE:
        if port is None:  # a Unix socket path has no port to name
            return NetError("in_use", OTHER, errno=code, action=ACTIONS.get(action, action),
                            address=address, reason=getattr(exc, "strerror", None) or str(exc))
        return NetError("in_use", IN_USE, errno=code, host=host, port=port)
    if code == e.EACCES and action == "send":
        # sendto(2): "an attempt was made to send to a network/broadcast address as though it was a
        # unicast address" -- EACCES is what a datagram to a broadcast address without SO_BROADCAST gets
        return NetError("broadcast_denied", BROADCAST_DENIED, errno=code, address=address)
    if action == "send" and code in (e.ENETUNREACH, e.ENODEV, e.EADDRNOTAVAIL) and _is_multicast(host):
        return NetError("group_no_route", GROUP_NO_ROUTE, errno=code, address=address,
                        reason=getattr(exc, "strerror", None) or str(exc))
    if code in (e.EACCES, e.EPERM):
        if action in ("listen", "bind") and port is not None and 0 < port < 1024:
            return NetError("privileged", PRIVILEGED, errno=code, port=port)
        return NetError("permission", PERMISSION, errno=code, action=ACTIONS.get(action, action),
                        address=address)
    if code == e.EADDRNOTAVAIL and action in ("connect", "send"):
        return NetError("no_local_port", NO_LOCAL_PORT, errno=code, address=address)
    if code == e.EADDRNOTAVAIL:
        return NetError("not_local", NOT_LOCAL, errno=code, host=host)
    if code == e.ETIMEDOUT:
        return NetError("timed_out", TIMED_OUT, errno=code, address=address,
                        seconds=f"{timeout:g}" if timeout else "?")
    if code in (e.ECONNRESET, e.ECONNABORTED):
        return NetError("reset", RESET, errno=code, address=address)
    if code == e.EPIPE:
        return NetError("broken_pipe", BROKEN_PIPE, errno=code, address=address)
    if code == e.EMSGSIZE:
        return NetError("too_long", TOO_LONG, errno=code, size="?", limit=65507)
    if code in (e.ENETUNREACH, e.EHOSTUNREACH, e.ENETDOWN, e.EHOSTDOWN):
        return NetError("unreachable", UNREACHABLE, errno=code, address=address)
    if code in (e.EAFNOSUPPORT, e.EPROTONOSUPPORT, e.EPFNOSUPPORT):
        return NetError("family_unsupported", FAMILY_UNSUPPORTED, errno=code,
                        family=family_name(family if family is not None else _guess_family(host)))
    if code in (e.EMFILE, e.ENFILE, e.ENOBUFS, e.ENOMEM):
        return NetError("too_many_files", TOO_MANY_FILES, errno=code)
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return NetError("os_error", OTHER, errno=code, action=ACTIONS.get(action, action),
                    address=address, reason=reason)


def _is_multicast(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_multicast
    except ValueError:
        return False


def _guess_family(host: str) -> int:
    return socket.AF_INET6 if ":" in host else socket.AF_INET if host[:1].isdigit() else -1
