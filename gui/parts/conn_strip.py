"""The strip under a TCP tab's form: the kernel's TCP state, live, and "Shut down sending".

The client tab shows its connection's state (SYN_SENT, ESTABLISHED,
FIN_WAIT2...) with one line saying what it means; the server tab shows its
listening socket's (LISTEN), or the selected client's, and fills the State
column of its client list.  The states are the kernel's own
(:mod:`netcore.tcp_states`, from /proc on Linux), read by a worker thread
(:class:`~gui.learn.states_run.StateReader`) at most twice a second, and only
while the strip is on screen and the endpoint runs: a hidden or stopped tab
costs nothing.  The kernel writes its whole table for each read (about 25 ms
for 4,000 sockets), so a slow read spaces the next ones (at most a tenth of a
core).  Where the table cannot be read the strip says so.

"Shut down sending" calls ``shutdown(SHUT_WR)`` through the endpoint
(``shutdown_write``): our side sends FIN and may still receive.  On the
server it acts on the selected clients.  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import TYPE_CHECKING, Any

from netcore import NetError, Peer, describe
from netcore.tcp_states import StateTable, available

from ..i18n import N_, bind_text, on_language_change, tr, trf
from ..learn.states_run import StateReader
from ..learn.tcp_state_words import meaning
from . import TabPart

if TYPE_CHECKING:
    from ..tab import EndpointTab

POLL_MS = 500  # at most two reads of the kernel's table a second
SLOW_READ_FACTOR = 10  # wait at least ten times as long as the last read took
COLLECT_MS = 40  # after a request: time for the worker to read the table (taken later if it is slower)
STATE_LINE = N_("Kernel TCP state: {state} — {meaning}")
CLIENT_STATE_LINE = N_("Client {client}: {state} — {meaning}")
LISTENING_LINE = N_("Listening socket: {state} — {meaning}")
NO_STATE = N_("Kernel TCP state: none (the kernel has no such connection now)")
NOT_RUNNING_CLIENT = N_("Kernel TCP state: not connected.")
NOT_RUNNING_SERVER = N_("Kernel TCP state: not listening.")
UNIX_SOCKET = N_("Kernel TCP state: a Unix socket has none (no TCP underneath).")
NOT_AVAILABLE = N_("Kernel TCP state: not available on this system (SockLab reads it from /proc on Linux).")
NOT_STARTED = N_("Not started yet: press Start listening, Connect or Open first.")
NO_SELECTION = N_("Select a client in the list first.")
SHUT_DOWN = N_("Shut down sending")


class ConnStrip(ttk.Frame, TabPart):
    """A state line and the shut-down button, for a TCP tab (``tab.is_server`` picks the behaviour)."""

    def __init__(self, tab: EndpointTab, *, name: str = "conn_strip") -> None:
        super().__init__(tab, name=name)
        self.tab = tab
        self.server = tab.is_server
        self.available = available()
        self.reader = StateReader()
        self.table: StateTable | None = None
        self._running = False
        self._after_id: str | None = None
        self.button = bind_text(ttk.Button(self, name="shutdown", command=self.shut_down), SHUT_DOWN)
        self.button.pack(side="right", padx=(6, 0))
        # width=1: a long explanation never widens the window; it is cut at the edge instead
        self.label = ttk.Label(self, name="state", anchor="w", width=1)
        self.label.pack(side="left", fill="x", expand=True)
        if self.server:
            tab.clients_panel.add_menu_item(SHUT_DOWN, self.shut_down)
            tab.clients.bind("<<TreeviewSelect>>", lambda e: self._show(), add="+")
        self._forget_language = on_language_change(self._show)
        self.bind("<Map>", lambda e: self._schedule(0), add="+")
        self.bind("<Destroy>", self._destroyed, add="+")
        self.set_state("stopped")

    # ----------------------------------------------------------- actions
    def shut_down(self) -> None:
        """Send FIN: ``shutdown(SHUT_WR)`` on the connection (the selected clients on a server)."""
        endpoint = self.tab.endpoint
        if endpoint is None or self.tab.state != "running":
            self.tab.sendbox.show_error(tr(NOT_STARTED))
            return
        try:
            if self.server:
                chosen = [key for key in self.tab.clients_panel.selected() if isinstance(key, int)]
                if not chosen:
                    self.tab.sendbox.show_error(tr(NO_SELECTION))
                    return
                for conn in chosen:
                    endpoint.shutdown_write(conn)  # type: ignore[attr-defined]
            else:
                endpoint.shutdown_write()  # type: ignore[attr-defined]
        except NetError as err:
            self.tab.sendbox.show_error(err.translated(tr))
            return
        self.tab.sendbox.clear_error()
        self._schedule(100)  # show the new state soon, not at the next half second

    # ------------------------------------------------------------ endpoint
    # No handle(): the strip reads what it needs from the endpoint when it polls (at most twice a
    # second), so a flood of events costs it nothing.
    def _local(self) -> tuple[Peer, ...]:
        endpoint = self.tab.endpoint
        return endpoint.local_addresses if endpoint is not None and self._running else ()

    def _clients(self) -> dict[int, Peer]:
        """The server's connections now (``connections()`` is safe from any thread)."""
        endpoint = self.tab.endpoint
        if not self.server or endpoint is None or not self._running:
            return {}
        return dict(endpoint.connections())  # type: ignore[attr-defined]

    def set_state(self, state: str) -> None:
        self._running = state == "running"
        self.button.state(["!disabled"] if self._running else ["disabled"])
        if not self._running:
            self.table = None
        self._show()
        self._schedule(0)

    # ------------------------------------------------------------ polling
    def _schedule(self, delay_ms: int) -> None:
        if self._after_id is not None:
            self.after_cancel(self._after_id)
            self._after_id = None
        if self._wanted():
            self._after_id = self.after(delay_ms, self._tick)

    def _wanted(self) -> bool:
        """Read the kernel's table only while it is worth it: shown, running, TCP over IP, on Linux."""
        local = self._local()
        return self.available and bool(local) and not local[0].is_unix and bool(self.winfo_ismapped())

    def _tick(self) -> None:
        """Ask the worker for a fresh table, and collect it shortly after."""
        self._after_id = None
        if not self._wanted():
            return  # <Map> or the next start schedules it again
        self.reader.request(peer.port for peer in self._local())
        self._after_id = self.after(COLLECT_MS, self._collect)

    def _collect(self) -> None:
        self._after_id = None
        table = self.reader.take()  # None: the read is not done yet; it is taken at the next collect
        if table is not None and self._running:
            self.table = table
            self._show()
        if self._wanted():
            # a slow read (thousands of sockets on the machine) spaces the next: at most a tenth of
            # one core goes to it, whatever the machine holds
            pause = max(POLL_MS, int(self.reader.last_duration * 1000 * SLOW_READ_FACTOR))
            self._after_id = self.after(pause - COLLECT_MS, self._tick)

    # ------------------------------------------------------------ drawing
    def _show(self) -> None:
        clients = self._clients()
        self.label.configure(text=self._line(clients))
        if self.server and self.table is not None:
            rows = self.tab.clients
            ports = frozenset(peer.port for peer in self._local())
            for conn, peer in clients.items():
                rows.set_tcp_state(conn, self.table.accepted(ports, peer.address) or "")
            rows.refresh()

    def _line(self, clients: dict[int, Peer]) -> str:
        local = self._local()
        if not local:
            return tr(NOT_RUNNING_SERVER if self.server else NOT_RUNNING_CLIENT)
        if local[0].is_unix:
            return tr(UNIX_SOCKET)
        if not self.available:
            return tr(NOT_AVAILABLE)
        table = self.table
        if table is None:
            return ""
        if not self.server:
            remote = getattr(self.tab.endpoint, "remote", None)
            if remote is None:
                return ""
            return self._state_line(STATE_LINE, table.connection(local[0].address, remote.address))
        selected = [key for key in self.tab.clients_panel.selected() if key in clients]
        if selected:
            conn = selected[0]
            return self._state_line(CLIENT_STATE_LINE, self.tab.clients.tcp_state(conn) or None,
                                    client=describe(clients[conn]))
        return self._state_line(LISTENING_LINE, table.listening(local[0].address))

    def _state_line(self, template: str, state: str | None, **more: Any) -> str:
        if state is None:
            return tr(NO_STATE)
        return trf(template, state=state, meaning=meaning(state), **more)

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is not self:
            return
        self._forget_language()
        if self._after_id is not None:
            self.after_cancel(self._after_id)
            self._after_id = None
        self.reader.close()

