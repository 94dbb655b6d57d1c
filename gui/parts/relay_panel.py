"""The relay tab's connection list: each client and, under an arrow, its connection on to the target.

A :class:`~gui.parts.peer_panel.ClientPanel` without "send to all" (what the
relay tab sends goes to the connections selected), whose target rows read
``→ 127.0.0.1:9999`` so the two sides of each pair are told apart.  Tk thread
only.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Sequence

from netcore.tcp_relay import RelayLinked

from ..i18n import N_
from .peer_panel import ClientPanel

ARROW = "→ "


class RelayPanel(ClientPanel):
    def __init__(self, master: tk.Misc, *, disconnect: Callable[[list[int]], None]) -> None:
        super().__init__(master, disconnect=disconnect, title=N_("Connections"), choices=())
        self.targets: set[int] = set()  # connection ids of the relay's connections to the target

    def handle(self, events: Sequence[object]) -> None:
        super().handle(events)
        touched: set[int] = set()
        for event in events:
            if type(event) is RelayLinked:
                assert isinstance(event, RelayLinked)
                self.targets.add(event.target_conn)
                touched.add(event.target_conn)
            else:
                conn = getattr(event, "conn", 0)
                if conn in self.targets:
                    touched.add(conn)
        peers = self.peers
        for conn in touched:
            label = peers.label(conn)
            if not label.startswith(ARROW):  # (the base class relabels a row on each state change)
                peers.set_label(conn, ARROW + label)

    def set_state(self, state: str) -> None:
        super().set_state(state)
        if state == "starting":
            self.targets.clear()
