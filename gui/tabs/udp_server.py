"""UDP server tab: receive datagrams, see who sent each, reply to the last or chosen senders."""

from __future__ import annotations

from tkinter import ttk
from typing import TYPE_CHECKING

from netcore import Peer, Started, describe

from ..i18n import N_, tr, trf
from ..parts.address_form import Address
from ..parts.peer_panel import SenderPanel
from ..tab import UDP_FLOW_LIMIT, EndpointTab

if TYPE_CHECKING:
    from netcore import Endpoint

NO_SELECTION = N_("Select a sender in the list first.")


class UdpServerTab(EndpointTab):
    title = N_("UDP server")
    transport = "udp"
    # UDP does not listen (no listen(), no accept()): the tab binds a port, as the socket API says
    start_label = N_("Open")
    stop_label = N_("Close")
    unix = True  # a Unix datagram socket (AF_UNIX, SOCK_DGRAM) bound to a path
    unix_file = "socklab-dgram.sock"

    def started_text(self, event: Started) -> str:
        return trf("Bound to {address}: datagrams sent there arrive here.",
                   address=", ".join(describe(p) for p in event.local))

    def build_side_panel(self, panes: ttk.PanedWindow) -> SenderPanel:
        self.senders_panel = SenderPanel(panes)
        self.senders, self.target = self.senders_panel.peers, self.senders_panel.target
        return self.senders_panel

    def make_endpoint(self, source: str, address: Address) -> Endpoint:
        from netcore import UdpServer  # imported with the first start, not at start-up
        from netcore.udp_server import ctime_reply

        return UdpServer(self.events, address.host, address.port, max_unconsumed=UDP_FLOW_LIMIT, name=source,
                         echo=self.reply_mode == "echo",
                         reply=ctime_reply if self.reply_mode == "ctime" else None, tracer=self.tracer())

    def send_data(self, data: bytes) -> str | None:
        from netcore import UdpServer

        assert isinstance(self.endpoint, UdpServer)
        if self.target.get() != "selected":
            return describe(self.endpoint.send(data))  # None: the last sender; returns whom it went to
        chosen = [peer for peer in self.senders_panel.selected() if isinstance(peer, Peer)]
        if not chosen:
            self.sendbox.show_error(tr(NO_SELECTION))
            return None
        return ", ".join(describe(self.endpoint.send(data, peer)) for peer in chosen)
