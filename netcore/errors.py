"""Errors in plain words.

Every failure a user can cause or meet (a bad port, a refused connection, an
oversize datagram, bad hex) becomes a :class:`NetError`.  It carries a stable
``code`` for programs, the errno when the operating system gave one, and an
English message built from a template.  The template is kept apart from its
parameters so that a user interface can translate the template and then fill
it in (``err.translated(tr)``); ``netcore`` itself never needs a translator.

Any thread may create and read these objects.
"""

from __future__ import annotations

import errno as errno_codes
import socket
from collections.abc import Callable, Mapping


def N_(template: str) -> str:
    """Mark an English template for the translation catalog; returns it unchanged.

    The GUI's catalog test scans the sources for ``N_("...")`` and ``tr("...")``
    so that every template the user can see has a Chinese translation.
    """
    return template


class NetError(Exception):
    """A failure explained for a person, with the details a program needs."""

    def __init__(
        self,
        code: str,
        template: str,
        *,
        errno: int | None = None,
        **params: object,
    ) -> None:
        self.code = code
        self.template = template
        self.errno = errno
        self.params: dict[str, str] = {key: str(value) for key, value in params.items()}
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The English message."""
        return self.template.format(**self.params)

    def translated(self, tr: Callable[[str], str]) -> str:
        """The message with its template (and its action verb) passed through ``tr``."""
        return translate_message(tr, self.template, self.params)

    def param_items(self) -> tuple[tuple[str, str], ...]:
        """Parameters as a tuple of pairs, for immutable events."""
        return tuple(sorted(self.params.items()))

    def __reduce__(self):  # keep NetError picklable despite keyword-only params
        return (_rebuild, (self.code, self.template, self.errno, self.params))


def translate_message(tr: Callable[[str], str], template: str, params: Mapping[str, str]) -> str:
    """Fill ``tr(template)``; the ``action`` parameter is one of ACTIONS' phrases, translated too."""
    values = dict(params)
    if "action" in values:
        values["action"] = tr(values["action"])
    return tr(template).format(**values)


def _rebuild(code: str, template: str, errno: int | None, params: Mapping[str, str]) -> NetError:
    return NetError(code, template, errno=errno, **params)


def format_address(host: str, port: int | None) -> str:
    """``127.0.0.1:80``, ``[::1]:80`` or a Unix socket path."""
    if port is None:
        return host
    if ":" in host:
        return f"[{host}]:{port}"
    return f"{host}:{port}"


# Templates shared by several modules.  Each is a plain sentence a beginner can
# act on: what happened, and what to try.
REFUSED = N_("Nobody is listening on {address} — is the server started?")
IN_USE = N_(
    "Port {port} on {host} is already in use by another program (or another tab). "
    "Stop that program or choose another port."
)
PRIVILEGED = N_(
    "Permission denied for port {port}: ports below 1024 are reserved for the system. "
    "Use a port from 1024 to 65535."
)
PERMISSION = N_("Permission denied while trying to {action} {address}.")
NOT_LOCAL = N_(
    "{host} is not an address of this computer, so nothing can listen on it. "
    "Use 127.0.0.1 (this computer only) or 0.0.0.0 (all networks)."
)
HOST_NOT_FOUND = N_(
    "Cannot find the host “{host}”: check the spelling, or use an IP address such as 127.0.0.1."
)
TIMED_OUT = N_(
    "No answer from {address} within {seconds} s: the host may be off, or a firewall may drop the connection."
)
RESET = N_("The connection to {address} was reset: the other side closed it abruptly or crashed.")
BROKEN_PIPE = N_("{address} has already closed the connection, so the data could not be sent.")
TOO_LONG = N_(
    "The datagram is too large: {size} bytes, but one UDP datagram can carry at most {limit} bytes."
)
UNREACHABLE = N_("{address} cannot be reached: check the address and the network.")
TOO_MANY_FILES = N_(
    "Too many connections or files are open: the system limit is reached. Close some and try again."
)
OTHER = N_("Could not {action} {address}: {reason}")

# Verbs used in OTHER and PERMISSION; translated separately.
ACTIONS = {
    "connect": N_("connect to"),
    "listen": N_("listen on"),
    "bind": N_("bind to"),
    "send": N_("send to"),
    "receive": N_("receive from"),
}


def from_os_error(
    exc: BaseException,
    *,
    action: str,
    host: str,
    port: int | None,
    timeout: float | None = None,
) -> NetError:
    """Explain ``exc``, raised while trying to ``action`` ``host:port``."""
    if isinstance(exc, NetError):
        return exc
    address = format_address(host, port)
    if isinstance(exc, socket.gaierror):
        return NetError("host_not_found", HOST_NOT_FOUND, errno=exc.errno, host=host)
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
    if code in (e.EACCES, e.EPERM):
        if action in ("listen", "bind") and port is not None and 0 < port < 1024:
            return NetError("privileged", PRIVILEGED, errno=code, port=port)
        return NetError("permission", PERMISSION, errno=code, action=ACTIONS.get(action, action),
                        address=address)
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
    if code in (e.EMFILE, e.ENFILE, e.ENOBUFS, e.ENOMEM):
        return NetError("too_many_files", TOO_MANY_FILES, errno=code)
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return NetError("os_error", OTHER, errno=code, action=ACTIONS.get(action, action),
                    address=address, reason=reason)
