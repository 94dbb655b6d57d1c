"""Checking what the user typed as host and port (syntax only; no network).

Any thread may call these functions; they never block.  Looking names up is
:mod:`netcore.resolver`'s job.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Any

from .catalogue import UNIX_PATH_TOO_LONG
from .errors import N_, NetError
from .peer import Peer

BAD_PORT = N_("The port must be a whole number from 0 to 65535 (you typed “{text}”).")
PORT_ZERO = N_("Port 0 cannot be reached: type the port the other side is listening on (1 to 65535).")
EMPTY_HOST = N_("Type a host name or an IP address, for example 127.0.0.1.")
BAD_HOST = N_("“{text}” is not a valid host name or IP address.")
HOST_NOT_TEXT = N_("The host must be text such as 127.0.0.1 or localhost, not {kind}.")
HOST_WITH_PORT = N_("“{text}” has a port in it: type {host} in the Host field and {port} in the Port field.")
BAD_IPV4 = N_(
    "“{text}” is not a valid IPv4 address: it needs four numbers from 0 to 255 separated by dots, "
    "such as 192.168.1.10."
)
UNIX_UNSUPPORTED = N_("Unix socket paths are not supported on this system.")

UNIX_PREFIX = "unix:"
#: sun_path holds 108 bytes on Linux (104 on macOS and the BSDs), one of them the final NUL.
UNIX_PATH_MAX = 107 if os.uname().sysname == "Linux" else 103


def parse_port(text: object, *, allow_zero: bool = True) -> int:
    """The port number in ``text``; 0 means "any free port" and is refused for targets."""
    if isinstance(text, bool):
        raise NetError("bad_port", BAD_PORT, text=str(text))
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


def parse_host(text: object) -> str:
    """Host as typed, trimmed, with IPv6 brackets removed; syntax checked, not resolved."""
    if not isinstance(text, str):
        raise NetError("bad_host", HOST_NOT_TEXT, kind=type(text).__name__)
    host = text.strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not host:
        raise NetError("empty_host", EMPTY_HOST)
    if is_unix_path(host):
        path = unix_path(host)
        if "\0" in path or not path:
            raise NetError("bad_host", BAD_HOST, text=text.strip())
        try:
            size = len(os.fsencode(path))
        except UnicodeEncodeError:  # a lone surrogate no file name can hold (from a script)
            raise NetError("bad_host", BAD_HOST, text=text.strip()) from None
        if size > UNIX_PATH_MAX:
            raise NetError("unix_path_too_long", UNIX_PATH_TOO_LONG, size=size, limit=UNIX_PATH_MAX)
        return host
    if is_ip(host):
        return host
    _explain_near_misses(text.strip(), host)
    labels = host.rstrip(".").split(".")
    ok = len(host) <= 253 and all(
        0 < len(label) <= 63 and all(c.isalnum() or c in "-_" for c in label) and not label.startswith("-")
        for label in labels
    )
    if not ok:
        raise NetError("bad_host", BAD_HOST, text=text.strip())
    return host


def _explain_near_misses(typed: str, host: str) -> None:
    """Say what is wrong with a host that looks like something else: a port glued on, a bad IPv4."""
    name, colon, port = host.rpartition(":")
    looks_like_host = is_ip(name) or "." in name or name.isalpha()
    if colon and name and ":" not in name and port.isdigit() and looks_like_host:
        raise NetError("host_with_port", HOST_WITH_PORT, text=typed, host=name, port=port)
    if colon and name.startswith("[") and name.endswith("]") and port.isdigit():  # [::1]:9999
        raise NetError("host_with_port", HOST_WITH_PORT, text=typed, host=name[1:-1], port=port)
    labels = host.rstrip(".").split(".")
    if all(label.isdigit() for label in labels) and labels != [""]:
        # only digits and dots: an IPv4 address, never a name to look up
        raise NetError("bad_ipv4", BAD_IPV4, text=typed)


def is_ip(host: str) -> bool:
    """True for an IPv4 or IPv6 literal (an IPv6 one may carry a ``%scope``)."""
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def ip_family(host: str) -> int | None:
    """AF_INET or AF_INET6 for an IP literal; None for a name."""
    if not is_ip(host):
        return None
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def describe(peer: Any) -> str:
    """``127.0.0.1:80``, ``[::1]:80``, or a Unix path; takes a Peer or a ``(host, port)`` pair."""
    if isinstance(peer, Peer):
        return str(peer)
    host, port = peer
    if is_unix_path(host) or host == "":
        return host or "(unnamed Unix socket)"
    if ":" in host:
        return f"[{host}]:{port}"
    return f"{host}:{port}"


def is_wildcard(host: str) -> bool:
    """True when a server on ``host`` is reachable from other machines."""
    return host.strip().strip("[]") in ("0.0.0.0", "::", "")
