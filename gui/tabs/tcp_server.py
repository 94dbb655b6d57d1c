"""TCP server tab: listen (host and port, or a Unix socket path), see every client, send to some or all."""

from __future__ import annotations

from tkinter import ttk
from typing import TYPE_CHECKING

from netcore import NetError
from netcore.limits import MAX_CLIENTS_LIMIT

from ..i18n import N_, tr, trf, trn
from ..parts.address_form import Address, Field
from ..parts.peer_panel import ClientPanel
from ..tab import FLOW_LIMIT, EndpointTab

if TYPE_CHECKING:
    from netcore import Endpoint

BAD_MAX_CLIENTS = N_("Max clients must be a whole number from 1 to {limit}.")
NO_SELECTION = N_("Select a client in the list first.")
NO_CLIENT = N_("No client is connected, so there is nobody to send to.")
# A client that finished sending is kept this long for an answer, then closed: clients that
# come and go (most close both directions at once) must not fill the client limit.
HALF_OPEN_SECONDS = 60


def parse_max_clients(text: str) -> int:
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 6 and 1 <= int(text) <= MAX_CLIENTS_LIMIT):
        raise NetError("bad_limit", BAD_MAX_CLIENTS, limit=f"{MAX_CLIENTS_LIMIT:,}")
    return int(text)


class TcpServerTab(EndpointTab):
    title = N_("TCP server")
    unix = True
    stream = True
    fields = (Field("max_clients", N_("Max clients:"), "100", 6, parse_max_clients),)

    def build_side_panel(self, panes: ttk.PanedWindow) -> ClientPanel:
        self.clients_panel = ClientPanel(panes, disconnect=self.disconnect)
        self.clients, self.target = self.clients_panel.clients, self.clients_panel.target
        return self.clients_panel

    def make_endpoint(self, source: str, address: Address) -> Endpoint:
        from netcore import TcpServer  # imported with the first start, not at start-up

        return TcpServer(self.events, address.host, address.port, max_clients=address.extra["max_clients"],
                         max_unconsumed=FLOW_LIMIT, half_open_timeout=HALF_OPEN_SECONDS, name=source,
                         echo=self.reply_mode == "echo", tracer=self.tracer())

    def half_open_note(self) -> str:
        return trf(" Without a reply it is closed after {seconds} s.", seconds=HALF_OPEN_SECONDS)

    def send_data(self, data: bytes) -> str | None:
        from netcore import TcpServer

        assert isinstance(self.endpoint, TcpServer)
        if self.target.get() == "selected":
            chosen = self.clients_panel.selected()
            if not chosen:
                self.sendbox.show_error(tr(NO_SELECTION))
                return None
            for conn in chosen:
                self.endpoint.send(data, conn)
            return ", ".join(self.clients.label(conn) for conn in chosen)
        if not self.clients.peers():
            self.sendbox.show_error(tr(NO_CLIENT))
            return None
        self.endpoint.send(data)
        return trn("all clients ({count})", "all clients ({count})", len(self.clients.peers()))

    def disconnect(self, conns: list[int]) -> None:
        """Close the connections ``conns`` (the panel's buttons and menu)."""
        if not conns or self.endpoint is None:
            self.sendbox.show_error(tr(NO_SELECTION if self.clients.peers() else NO_CLIENT))
            return
        for conn in conns:
            try:
                self.endpoint.disconnect(conn)
            except NetError as err:
                self.sendbox.show_error(err.translated(tr))
                return
        self.sendbox.clear_error()
