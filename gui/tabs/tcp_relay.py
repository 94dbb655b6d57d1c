"""TCP relay tab: listen, and connect each client on to a target, forwarding and logging both directions.

Built like the TCP server tab (it is one, to netcore: :class:`netcore.tcp_relay.TcpRelay`);
the form adds the target (``host:port``), the list shows each client and its
connection to the target, the log names both ends of every chunk
(``client 127.0.0.1:5000 → target 127.0.0.1:9999``).  The send box injects
bytes into the connections selected (towards that side only).  The client limit
is set in Tools → Connection settings… (100 unless changed).
"""

from __future__ import annotations

from tkinter import ttk
from typing import TYPE_CHECKING

from netcore import NetError, Peer, Started, describe, parse_host, parse_port

from ..i18n import N_, tr, trf
from ..parts.address_form import Address, Field
from ..tab import FLOW_LIMIT
from .tcp_server import TcpServerTab

if TYPE_CHECKING:
    from netcore import Endpoint

    from ..parts.relay_panel import RelayPanel

BAD_TARGET = N_("Type the target as host:port, e.g. 127.0.0.1:9999 or [::1]:9999 (you typed “{text}”).")
NO_SELECTION = N_("Select a connection in the list first: what you send goes to that side only.")
FROM_CLIENT = N_("client {client} → target {target}")
FROM_TARGET = N_("target {target} → client {client}")
DEFAULT_MAX_CLIENTS = 100


def parse_target(text: str) -> tuple[str, int]:
    """``host:port`` or ``[IPv6]:port`` → (host, port); NetError with a plain message."""
    typed = text.strip()
    if typed.startswith("["):
        host, closed, rest = typed[1:].partition("]")
        port_text = rest[1:] if closed and rest.startswith(":") else None
    else:
        host, colon, port_text_found = typed.rpartition(":")
        port_text = port_text_found if colon and ":" not in host else None
    if port_text is None or not host.strip():
        raise NetError("bad_target", BAD_TARGET, text=typed)
    host = parse_host(host)
    if host.startswith("unix:"):
        raise NetError("bad_target", BAD_TARGET, text=typed)
    try:
        return host, parse_port(port_text, allow_zero=False)
    except NetError:  # said as the target's mistake, not the listening port's
        raise NetError("bad_target", BAD_TARGET, text=typed) from None


class TcpRelayTab(TcpServerTab):
    title = N_("TCP relay")
    unix = False  # listens on a host and a port; the target is one too
    relays = True
    default_port = "9998"  # beside the TCP server tab's 9999, its default target
    fields = (Field("target", N_("Target:"), "127.0.0.1:9999", 13, parse_target, inet_only=True),)

    def build_side_panel(self, panes: ttk.PanedWindow) -> RelayPanel:
        from ..parts.relay_panel import RelayPanel  # (the tab is built after the window shows)

        self.clients_panel = RelayPanel(panes, disconnect=self.disconnect)
        self.clients, self.target = self.clients_panel.clients, self.clients_panel.target
        return self.clients_panel

    def build(self) -> None:
        if not self.built:
            self._pairs: dict[int, str] = {}  # connection id → how the log names data from it
            self._target_text = ""
            super().build()
            self.feed.label_of = self._label_of

    def make_endpoint(self, source: str, address: Address) -> Endpoint:
        from netcore.tcp_relay import TcpRelay  # imported with the first start, not at start-up

        host, port = address.extra["target"]
        self._target_text = describe(Peer.ipv6(host, port) if ":" in host else Peer.ipv4(host, port))
        return TcpRelay(self.events, address.host, address.port, host, port, max_clients=DEFAULT_MAX_CLIENTS,
                        max_unconsumed=FLOW_LIMIT, name=source, tracer=self.tracer())

    def handle(self, events: list[object]) -> None:
        from netcore.tcp_relay import RelayLinked

        for event in events:  # before the parts: the log names both ends of the data that follows
            if type(event) is RelayLinked:
                assert isinstance(event, RelayLinked)
                client, target = describe(event.client), describe(event.target)
                self._pairs[event.client_conn] = trf(FROM_CLIENT, client=client, target=target)
                self._pairs[event.target_conn] = trf(FROM_TARGET, client=client, target=target)
        super().handle(events)
        if self.state == "stopped":
            self._pairs.clear()

    def _label_of(self, peer: Peer, conn: int) -> str:
        return self._pairs.get(conn) or describe(peer)

    def started_text(self, event: Started) -> str:
        return trf("Relaying: each client of {address} is connected on to {target}.",
                   address=", ".join(describe(p) for p in event.local), target=self._target_text)

    def half_open_note(self) -> str:
        return tr(" The relay passes the half-close on to the other side.")

    def send_data(self, data: bytes) -> str | None:
        from netcore.tcp_relay import TcpRelay

        assert isinstance(self.endpoint, TcpRelay)
        chosen = self.clients_panel.selected()
        if not chosen:
            self.sendbox.show_error(tr(NO_SELECTION))
            return None
        for conn in chosen:
            self.endpoint.send(data, conn)
        return ", ".join(self.clients.label(conn) for conn in chosen)
