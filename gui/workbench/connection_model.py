"""What Tools → Connection settings… holds for one tab, checked, and how it reaches the tab's next endpoint.

Plain data (no tkinter): the window edits the texts and flags, the tab calls
:meth:`ConnectionChoice.apply` on each new endpoint before starting it
(``EndpointTab.connection``), so a bad value stops the start with a message in
the user's language, as a bad port does.  What each kind of tab offers:

* TCP client: auto-reconnect (off by default; :class:`netcore.reconnect.Backoff`'s
  waits: 0.5 s doubling to 30 s, ±10 %), and the local address and port to
  connect from (bind before connect; empty: the system chooses);
* UDP client: the local address to send from (its port is in the form);
* TCP server: whether a client past the limit is told "server full" before
  the close (on by default) or only closed;
* TCP relay: its client limit (100).

Tk thread only (it is the window's model).
"""

from __future__ import annotations

from typing import Any

from netcore import NetError, parse_host, parse_port
from netcore.addresses import ip_family
from netcore.limits import MAX_CLIENTS_LIMIT

from ..i18n import N_

BAD_LOCAL_HOST = N_("The local address must be an IP address of this computer, such as 127.0.0.1 or ::1, "
                    "or empty to let the system choose (you typed “{text}”).")
BAD_LOCAL_PORT = N_("The local port must be a whole number from 0 to 65535 (0 or empty: any free port).")
BAD_MAX_CLIENTS = N_("Max clients must be a whole number from 1 to {limit}.")

#: What the window shows for each kind of tab (its fields, in order)
FIELDS = {
    "tcp-client": ("reconnect", "local_host", "local_port"),
    "udp-client": ("local_host",),
    "tcp-server": ("refusal_line",),
    "tcp-relay": ("max_clients",),
}


class ChoiceError(NetError):
    """A value the user must fix; ``field`` names it."""

    def __init__(self, field_name: str, template: str, **params: object) -> None:
        super().__init__("bad_connection_setting", template, **params)
        self.field = field_name


class ConnectionChoice:
    """One tab's choice (``kind``: "tcp-client", ...), as the window's fields hold it."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.reconnect = False
        self.local_host = ""
        self.local_port = ""
        self.refusal_line = True
        self.max_clients = "100"

    @property
    def fields(self) -> tuple[str, ...]:
        return FIELDS.get(self.kind, ())

    def local_address(self) -> tuple[str | None, int | None]:
        """The checked local (source) address and port; None: the system chooses.  Raises ChoiceError."""
        text = self.local_host.strip()
        host: str | None = None
        if text:
            try:
                host = parse_host(text)
            except NetError:
                host = None
            if host is None or ip_family(host) is None:  # a name would be looked up on the I/O thread
                raise ChoiceError("local_host", BAD_LOCAL_HOST, text=text)
        port: int | None = None
        if "local_port" in self.fields and self.local_port.strip():
            try:
                port = parse_port(self.local_port) or None
            except NetError:
                raise ChoiceError("local_port", BAD_LOCAL_PORT) from None
        return host, port

    def checked_max_clients(self) -> int:
        text = self.max_clients.strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 6 and 1 <= int(text) <= MAX_CLIENTS_LIMIT):
            raise ChoiceError("max_clients", BAD_MAX_CLIENTS, limit=f"{MAX_CLIENTS_LIMIT:,}")
        return int(text)

    def check(self) -> None:
        """Raise ChoiceError for the first value to fix (the window says it at once)."""
        if "local_host" in self.fields:
            self.local_address()
        if "max_clients" in self.fields:
            self.checked_max_clients()

    def apply(self, endpoint: Any) -> None:
        """Give ``endpoint`` (not started yet) this choice; raises ChoiceError (a NetError)."""
        from netcore.values import replace

        fields = self.fields
        if "local_host" in fields:
            host, port = self.local_address()
            if host is not None or port is not None:
                endpoint.options = replace(endpoint.options, bind_host=host, bind_port=port)
        if "reconnect" in fields:
            from netcore.reconnect import Backoff

            endpoint.reconnect = Backoff() if self.reconnect else None
        if "refusal_line" in fields:
            endpoint.refusal_line = self.refusal_line
        if "max_clients" in fields:
            endpoint.max_clients = self.checked_max_clients()
