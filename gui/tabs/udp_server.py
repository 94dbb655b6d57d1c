"""UDP server tab: receive datagrams, see who sent each, reply to the last or a chosen sender."""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from netcore import Endpoint, UdpServer, describe

from ..i18n import N_, bind_text, tr
from ..peer_list import PeerList
from ..tab_base import EndpointTab

NO_SELECTION = N_("Select a sender in the list first.")


class UdpServerTab(EndpointTab):
    title = N_("UDP server")
    start_label = N_("Start listening")
    stop_label = N_("Stop listening")

    def _build_side_panel(self, panes: ttk.PanedWindow) -> None:
        side = ttk.Frame(panes, name="senders_panel", padding=(8, 0, 0, 0))
        panes.add(side, weight=1)
        bind_text(ttk.Label(side, name="senders_label"), "Senders").pack(side="top", anchor="w")
        self.senders = PeerList(side, name="senders")
        self.senders.pack(side="top", fill="both", expand=True)
        self.target = tk.StringVar(self, value="last")
        bind_text(ttk.Radiobutton(side, name="to_last", variable=self.target, value="last"),
                  "Reply to last sender").pack(side="top", anchor="w", pady=(4, 0))
        bind_text(ttk.Radiobutton(side, name="to_selected", variable=self.target, value="selected"),
                  "Reply to selected").pack(side="top", anchor="w")
        self.senders.bind("<<TreeviewSelect>>", lambda e: self.target.set("selected"))

    def make_endpoint(self, source: str, host: str, port: int) -> Endpoint:
        return UdpServer(self.events, host, port, name=source)

    def send_data(self, data: bytes) -> str | None:
        assert isinstance(self.endpoint, UdpServer)
        peer = None
        if self.target.get() == "selected":
            peer = self.senders.selected()
            if peer is None:
                self.sendbox.show_error(tr(NO_SELECTION))
                return None
        self.endpoint.send(data, peer)  # None: the last sender
        return describe(peer or self.endpoint.last_sender or ("?", 0))

    def on_data(self, peer: tuple[str, int], size: int) -> None:
        self.senders.count(peer, received=size)

    def on_sent(self, peer: tuple[str, int], size: int) -> None:
        self.senders.count(peer, sent=size)

    def after_batch(self) -> None:
        self.senders.refresh()

    def start(self) -> None:
        self.senders.clear_all()
        super().start()
