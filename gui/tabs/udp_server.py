"""UDP server tab: receive datagrams, see who sent each, reply to the last or a chosen sender."""

from __future__ import annotations

from tkinter import ttk

from netcore import Endpoint, Peer, Started, UdpServer, describe

from ..i18n import N_, tr, trf
from ..peer_panel import PeerPanel
from ..tab_base import UDP_FLOW_LIMIT, EndpointTab

NO_SELECTION = N_("Select a sender in the list first.")


class UdpServerTab(EndpointTab):
    title = N_("UDP server")
    # UDP does not listen (no listen(), no accept()): the tab binds a port, as the socket API says
    start_label = N_("Open")
    stop_label = N_("Close")

    def started_text(self, event: Started) -> str:
        return trf("Bound to {address}: datagrams sent there arrive here.",
                   address=", ".join(describe(p) for p in event.local))

    def _build_side_panel(self, panes: ttk.PanedWindow) -> None:
        panel = PeerPanel(panes, name="senders_panel", title=N_("Senders"), list_name="senders",
                          choices=[("last", N_("Reply to last sender"), "to_last"),
                                   ("selected", N_("Reply to selected"), "to_selected")])
        panes.add(panel, weight=1)
        self.senders, self.target = panel.peers, panel.target

    def make_endpoint(self, source: str, host: str, port: int) -> Endpoint:
        return UdpServer(self.events, host, port, max_unconsumed=UDP_FLOW_LIMIT, name=source)

    def send_data(self, data: bytes) -> str | None:
        assert isinstance(self.endpoint, UdpServer)
        peer = None
        if self.target.get() == "selected":
            peer = self.senders.selected()
            if peer is None:
                self.sendbox.show_error(tr(NO_SELECTION))
                return None
        assert peer is None or isinstance(peer, Peer)
        to = self.endpoint.send(data, peer)  # None: the last sender; returns whom it went to
        return describe(to)

    def on_data(self, peer: Peer, size: int, conn: int) -> None:
        self.senders.count(peer, received=size)

    def on_sent(self, peer: Peer, size: int, conn: int) -> None:
        self.senders.count(peer, sent=size)

    def after_batch(self) -> None:
        self.senders.refresh()

    def start(self) -> None:
        self.senders.clear_all()
        super().start()
