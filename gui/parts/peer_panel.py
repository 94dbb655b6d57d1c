"""The panel beside a server tab's log: its peers, whom to send to, and what to do with them.

:class:`ClientPanel` lists a TCP server's connections (rows keyed by
connection id; several may be selected), with Disconnect selected,
Disconnect all and a right-click menu.  :class:`SenderPanel` lists who sent
datagrams to a UDP server.  Each takes its slice of the tab's events.  Tk
thread only.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Hashable, Sequence
from tkinter import ttk

from netcore import (
    ConnectionState,
    DatagramsReceived,
    DataReceived,
    DataSent,
    Peer,
    PeerConnected,
    PeerDisconnected,
    describe,
)
from netcore.events import HALF_CLOSED, PEER_HALF_CLOSED

from .. import theme
from ..i18n import N_, bind_text, on_language_change, tr, trf
from . import TabPart
from .peer_list import PeerList

STATE_LABELS = {PEER_HALF_CLOSED: N_("{client} (finished sending)"),
                HALF_CLOSED: N_("{client} (we finished sending)")}


class PeerPanel(ttk.Frame, TabPart):
    """A titled :class:`PeerList`, radio buttons choosing the target, and a right-click menu.

    ``choices`` are (value, English label, widget name); choosing a row in the
    list switches the target to "selected".
    """

    def __init__(self, master: tk.Misc, *, name: str, title: str, list_name: str,
                 choices: Sequence[tuple[str, str, str]], states: bool = False,
                 choices_in_a_row: bool = False) -> None:
        super().__init__(master, name=name, padding=(8, 0, 0, 0))
        bind_text(ttk.Label(self, name=f"{list_name}_label"), title).pack(side="top", anchor="w")
        # the controls are packed from the bottom before the list: when the window is short
        # the list gives up rows, never a button
        self.controls = ttk.Frame(self, name="controls")
        self.controls.pack(side="bottom", fill="x")
        body = ttk.Frame(self, name="body")
        body.pack(side="top", fill="both", expand=True)
        self.peers = PeerList(body, name=list_name, states=states)
        scroll = ttk.Scrollbar(body, name="yscroll", orient="vertical", command=self.peers.yview)
        self.peers.configure(yscrollcommand=scroll.set)
        scroll.pack(side="right", fill="y")
        self.peers.pack(side="left", fill="both", expand=True)
        if states:
            # the State column must not widen the panel (at the minimum size the log beside it would
            # lose its buttons): the list asks for the room it asked for without that column
            body.pack_propagate(False)
            body.configure(width=self.peers.base_width() + scroll.winfo_reqwidth(),
                           height=max(self.peers.winfo_reqheight(), scroll.winfo_reqheight()))
        self.target = tk.StringVar(self, value=choices[0][0] if choices else "selected")
        # ``choices_in_a_row`` (the TCP server's short labels): side by side, so that at the minimum
        # size the list above keeps room for a client's row (stacked, they left it none once the TCP
        # tabs got the connection-state strip); else one under the other
        for index, (value, label, widget_name) in enumerate(choices):
            button = ttk.Radiobutton(self.controls, name=widget_name, variable=self.target, value=value)
            row, column = (0, index) if choices_in_a_row else (index, 0)
            bind_text(button, label).grid(row=row, column=column, sticky="w", padx=(0, 12),
                                          pady=(4 if row == 0 else 0, 0))
        self.controls.columnconfigure(len(choices), weight=1)
        self._controls_row = 1 if choices_in_a_row else len(choices)  # where a subclass puts its buttons
        self.peers.bind("<<TreeviewSelect>>", self._selection_changed)
        self.menu = tk.Menu(self, name="menu", tearoff=False)
        self._menu_items: list[str] = []
        self.peers.bind("<Button-3>", self._popup)
        if self._is_mac():  # macOS: the right button is Button-2, or Control-click
            self.peers.bind("<Button-2>", self._popup)
            self.peers.bind("<Control-Button-1>", self._popup)
        self.add_menu_item(N_("Copy address"), self.copy_addresses)
        on_language_change(self._relabel_menu)

    def add_menu_item(self, label: str, command: Callable[[], None]) -> None:
        self.menu.add_command(label=tr(label), command=command)
        self._menu_items.append(label)

    def selected(self) -> list[Hashable]:
        return self.peers.selected()

    def copy_addresses(self) -> None:
        text = "\n".join(self.peers.label(key) for key in self.selected())
        if text:
            self.clipboard_clear()
            self.clipboard_append(text)

    def _selection_changed(self, _event: object) -> None:
        if self.peers.selection():
            self.target.set("selected")

    def _popup(self, event: tk.Event) -> str:
        if self.peers.select_at(event.y):
            colours = theme.palette()
            self.menu.configure(background=colours["field"], foreground=colours["fg"],
                                activebackground=colours["select"], activeforeground=colours["fg"])
            self.menu.tk_popup(event.x_root, event.y_root)
        return "break"

    def _relabel_menu(self) -> None:
        for index, label in enumerate(self._menu_items):
            self.menu.entryconfigure(index, label=tr(label))

    def _is_mac(self) -> bool:
        return str(self.tk.call("tk", "windowingsystem")) == "aqua"

    def redraw(self) -> None:
        self.peers.refresh()


CLIENT_CHOICES = (("all", N_("Send to all"), "to_all"), ("selected", N_("Send to selected"), "to_selected"))


class ClientPanel(PeerPanel):
    """A TCP server's connections.  ``disconnect(conn_ids)`` asks the tab to close them.

    ``choices`` () leaves out whom to send to (the relay sends to the selected connections only).
    """

    def __init__(self, master: tk.Misc, *, disconnect: Callable[[list[int]], None],
                 title: str = N_("Client list"),
                 choices: Sequence[tuple[str, str, str]] = CLIENT_CHOICES) -> None:
        super().__init__(master, name="clients_panel", title=title, list_name="clients",
                         choices=choices, states=True, choices_in_a_row=True)
        self._disconnect = disconnect
        buttons = ttk.Frame(self.controls, name="buttons")
        buttons.grid(row=self._controls_row, column=0, columnspan=3, sticky="ew", pady=(4, 0))
        self.disconnect_button = bind_text(
            ttk.Button(buttons, name="disconnect", command=self.disconnect_selected),
            N_("Disconnect selected"))
        self.disconnect_button.pack(side="left", fill="x", expand=True)
        self.disconnect_all_button = bind_text(
            ttk.Button(buttons, name="disconnect_all", command=self.disconnect_all), N_("Disconnect all"))
        self.disconnect_all_button.pack(side="left", fill="x", expand=True, padx=(4, 0))
        if choices:
            self.add_menu_item(N_("Send to selected"), lambda: self.target.set("selected"))
        self.add_menu_item(N_("Disconnect"), self.disconnect_selected)

    @property
    def clients(self) -> PeerList:
        return self.peers

    def disconnect_selected(self) -> None:
        self._disconnect([key for key in self.selected() if isinstance(key, int)])

    def disconnect_all(self) -> None:
        self._disconnect([key for key in self.peers.peers() if isinstance(key, int)])

    def handle(self, events: Sequence[object]) -> None:
        peers = self.peers
        for event in events:
            if isinstance(event, DataReceived):
                peers.count(event.conn, received=len(event.data), messages_in=1)
            elif isinstance(event, DataSent):  # a partial one: bytes, not a message (as the status line)
                peers.count(event.conn, sent=event.size, messages_out=0 if event.partial else 1)
            elif isinstance(event, PeerConnected):
                peers.add(event.conn, client_label(event.peer, event.conn))
            elif isinstance(event, PeerDisconnected):
                peers.remove(event.conn)
            elif isinstance(event, ConnectionState):
                label = client_label(event.peer, event.conn)
                template = STATE_LABELS.get(event.state)
                peers.set_label(event.conn, trf(template, client=label) if template else label)

    def set_state(self, state: str) -> None:
        if state == "stopped":
            self.peers.clear_all()


class SenderPanel(PeerPanel):
    """Who sent datagrams to a UDP server (cleared at each start)."""

    def __init__(self, master: tk.Misc) -> None:
        super().__init__(master, name="senders_panel", title=N_("Senders"), list_name="senders",
                         choices=[("last", N_("Reply to last sender"), "to_last"),
                                  ("selected", N_("Reply to selected"), "to_selected")])
        self.add_menu_item(N_("Reply to selected"), lambda: self.target.set("selected"))

    def handle(self, events: Sequence[object]) -> None:
        count = self.peers.count
        for event in events:
            if isinstance(event, DatagramsReceived):
                senders = event.peers
                if senders and senders.count(senders[0]) == len(senders):
                    # a flood mostly comes from one sender: counted without a loop in Python
                    count(senders[0], received=sum(map(len, event.payloads)), messages_in=len(senders))
                    continue
                # several senders: add up runs from the same one, count once
                last, size, messages = None, 0, 0
                for data, peer in zip(event.payloads, event.peers, strict=True):
                    if peer is not last:
                        if last is not None:
                            count(last, received=size, messages_in=messages)
                        last, size, messages = peer, 0, 0
                    size += len(data)
                    messages += 1
                if last is not None:
                    count(last, received=size, messages_in=messages)
            elif isinstance(event, DataSent) and event.peer is not None:
                count(event.peer, sent=event.size, messages_out=0 if event.partial else 1)

    def set_state(self, state: str) -> None:
        if state == "starting":
            self.peers.clear_all()


def client_label(peer: Peer, conn: int) -> str:
    # Unix clients are usually unnamed: the connection number tells them apart
    return describe(peer) if not peer.is_unix else f"#{conn} {describe(peer)}"
