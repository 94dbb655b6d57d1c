"""What a tab's socket options window holds, checked: the values behind the widgets, no tkinter.

A tab owns one :class:`OptionsChoice`.  Its window edits the flags and texts;
the tab calls :meth:`OptionsChoice.parse` at each start, so a bad value (text
in a buffer size, a negative timeout) stops the start with a message in the
user's language instead of reaching the socket.  A flag left at what SockLab
does anyway becomes ``None`` in the :class:`~netcore.SocketOptions` (nothing is
set: the endpoint behaves exactly as without the window).

Blocking and the timeout are not socket options the endpoint can use: SockLab
serves its sockets from one loop with a selector, so they are always
non-blocking (``gettimeout()`` → 0.0, read back after start).  They are kept
here for the code SockLab shows (a blocking script, like the seed's programs,
calls ``settimeout``/``setblocking`` with them).  Tk thread only (plain data).
"""

from __future__ import annotations

from netcore import NetError, SocketOptions
from netcore.values import Value

from ..i18n import N_

MAX_BUFFER = 1 << 30
MAX_TIMEOUT = 3600.0

BAD_SIZE = N_("{option} must be a whole number of bytes from 1 to 1,073,741,824, or empty for the default "
              "(you typed “{text}”).")
BAD_TIMEOUT = N_("The timeout must be a number of seconds from 0 to 3600, or empty for none "
                 "(you typed “{text}”).")
BAD_TTL = N_("The multicast TTL must be a whole number from 0 to 255, or empty for the default "
            "(you typed “{text}”).")
TIMEOUT_WITHOUT_BLOCKING = N_("A non-blocking socket has no timeout: clear the timeout or tick Blocking.")

FLAGS = ("reuse_addr", "nodelay", "keepalive", "broadcast")
SIZES = ("rcvbuf", "sndbuf")
OPTION_NAMES = {"reuse_addr": "SO_REUSEADDR", "nodelay": "TCP_NODELAY", "keepalive": "SO_KEEPALIVE",
                "broadcast": "SO_BROADCAST", "rcvbuf": "SO_RCVBUF", "sndbuf": "SO_SNDBUF"}


class OptionError(NetError):
    """A value the user must fix; ``field`` names it (``"rcvbuf"``, ``"timeout"``)."""

    def __init__(self, field_name: str, template: str, **params: object) -> None:
        super().__init__("bad_option", template, **params)
        self.field = field_name


class ChosenOptions(Value):
    """The checked choice: what the endpoint gets, and what the shown code uses."""

    socket: SocketOptions
    timeout: float | None  # settimeout(...) in the shown code; None: blocks for ever
    blocking: bool  # setblocking(...) in the shown code


def defaults_for(kind: str) -> dict[str, bool]:
    """The flags a tab of ``kind`` offers, at what SockLab does without being asked."""
    if kind.startswith("tcp"):
        # a TCP server sets SO_REUSEADDR to restart at once (netcore/binding.py); both set TCP_NODELAY
        return {"reuse_addr": kind == "tcp-server", "nodelay": True, "keepalive": False}
    return {"reuse_addr": False, "broadcast": False}


class OptionsChoice:
    """The flags and texts of one tab's options window (``kind``: "tcp-server", "udp-client"...)."""

    def __init__(self, kind: str, flags: dict[str, bool] | None = None, texts: dict[str, str] | None = None,
                 blocking: bool = True) -> None:
        self.kind = kind
        self.flags = {**defaults_for(kind), **(flags or {})}
        self.texts = {"rcvbuf": "", "sndbuf": "", "timeout": "", **(texts or {})}
        self.blocking = blocking
        # UDP: what is sent to a multicast group (Tools → Broadcast and multicast…); "" / True: the defaults
        self.multicast_ttl = ""
        self.multicast_loop = True
        self.multicast_interface = ""  # an interface name such as "lo" ("": the system chooses)

    def parse(self) -> ChosenOptions:
        """The choice checked; raises :class:`OptionError` naming the first field to fix."""
        defaults = defaults_for(self.kind)
        values: dict[str, object] = {name: (None if self.flags[name] == defaults[name] else self.flags[name])
                                     for name in defaults}
        for name in SIZES:
            values[name] = parse_size(name, self.texts.get(name, ""))
        if self.kind.startswith("udp"):
            values["multicast_ttl"] = parse_ttl(self.multicast_ttl)
            values["multicast_loop"] = None if self.multicast_loop else False
            values["multicast_interface"] = self.multicast_interface or None
        timeout = parse_timeout(self.texts.get("timeout", ""))
        if timeout is not None and not self.blocking:
            raise OptionError("timeout", TIMEOUT_WITHOUT_BLOCKING)
        return ChosenOptions(SocketOptions(**values), timeout, self.blocking)  # type: ignore[arg-type]


def parse_size(name: str, text: str) -> int | None:
    """A buffer size typed by the user: empty is the default (None)."""
    clean = text.strip().replace(",", "").replace("_", "")
    if not clean:
        return None
    if not (clean.isascii() and clean.isdigit()) or len(clean) > 10 or not 1 <= int(clean) <= MAX_BUFFER:
        raise OptionError(name, BAD_SIZE, option=OPTION_NAMES[name], text=text.strip()[:40])
    return int(clean)


def parse_ttl(text: str) -> int | None:
    """A multicast TTL (hop limit) typed by the user: empty is the system's default (None, which is 1)."""
    clean = text.strip()
    if not clean:
        return None
    if not (clean.isascii() and clean.isdigit()) or len(clean) > 3 or int(clean) > 255:
        raise OptionError("multicast_ttl", BAD_TTL, text=clean[:40])
    return int(clean)


def parse_timeout(text: str) -> float | None:
    clean = text.strip()
    if not clean:
        return None
    try:
        value = float(clean)
    except ValueError:
        value = -1.0
    if not 0 <= value <= MAX_TIMEOUT:  # (NaN fails this too)
        raise OptionError("timeout", BAD_TIMEOUT, text=clean[:40])
    return value
