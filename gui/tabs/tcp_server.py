"""TCP server tab: listen, see every client, send to one or all, disconnect one."""

from __future__ import annotations

from tkinter import ttk

from netcore import ConnectionState, Endpoint, NetError, Peer, TcpServer, describe
from netcore.events import HALF_CLOSED, PEER_HALF_CLOSED

from ..i18n import N_, bind_text, tr, trf
from ..peer_panel import PeerPanel
from ..tab_base import FLOW_LIMIT, EndpointTab
from ..widgets import mark_bad

BAD_MAX_CLIENTS = N_("Max clients must be a whole number from 1 to 100000.")
NO_SELECTION = N_("Select a client in the list first.")
# A client that finished sending is kept this long for an answer, then closed: clients that
# come and go (most close both directions at once) must not fill the client limit.
HALF_OPEN_SECONDS = 60
STATE_LABELS = {PEER_HALF_CLOSED: N_("{client} (finished sending)"),
                HALF_CLOSED: N_("{client} (we finished sending)")}


class TcpServerTab(EndpointTab):
    title = N_("TCP server")

    def _build_extra_fields(self, form: ttk.Frame) -> None:
        bind_text(ttk.Label(form, name="max_clients_label"), "Max clients:").pack(side="left")
        self.max_clients = ttk.Entry(form, name="max_clients", width=6)
        self.max_clients.insert(0, "100")
        self.max_clients.pack(side="left", padx=(4, 10))

    def _form_fields(self) -> list[ttk.Entry]:
        return [self.host, self.port, self.max_clients]

    def _check_extra_fields(self) -> None:
        text = self.max_clients.get().strip()
        if not (text.isdigit() and 1 <= int(text) <= 100_000):
            mark_bad(self.max_clients)
            self._form_problem(tr(BAD_MAX_CLIENTS))
            raise NetError("bad_limit", BAD_MAX_CLIENTS)

    def _build_side_panel(self, panes: ttk.PanedWindow) -> None:
        panel = PeerPanel(panes, name="clients_panel", title=N_("Client list"), list_name="clients",
                          choices=[("all", N_("Send to all"), "to_all"),
                                   ("selected", N_("Send to selected"), "to_selected")])
        panes.add(panel, weight=1)
        self.clients, self.target = panel.peers, panel.target
        self.disconnect_button = bind_text(
            ttk.Button(panel, name="disconnect", command=self.disconnect_selected), "Disconnect selected")
        self.disconnect_button.pack(side="top", fill="x", pady=(4, 0))

    def make_endpoint(self, source: str, host: str, port: int) -> Endpoint:
        return TcpServer(self.events, host, port, max_clients=int(self.max_clients.get()),
                         max_unconsumed=FLOW_LIMIT, half_open_timeout=HALF_OPEN_SECONDS, name=source)

    def half_open_note(self) -> str:
        return trf(" Without a reply it is closed after {seconds} s.", seconds=HALF_OPEN_SECONDS)

    def send_data(self, data: bytes) -> str | None:
        assert isinstance(self.endpoint, TcpServer)
        if self.target.get() == "selected":
            peer = self.clients.selected()
            if peer is None:
                self.sendbox.show_error(tr(NO_SELECTION))
                return None
            self.endpoint.send(data, peer)
            return self.clients.label(peer)
        if not self.clients.peers():
            self.sendbox.show_error(tr("No client is connected, so there is nobody to send to."))
            return None
        self.endpoint.send(data)
        return tr("all clients")

    def disconnect_selected(self) -> None:
        peer = self.clients.selected()
        if peer is None or not isinstance(self.endpoint, TcpServer):
            self.sendbox.show_error(tr(NO_SELECTION))
            return
        try:
            self.endpoint.disconnect(peer)
        except NetError as err:
            self.sendbox.show_error(err.translated(tr))

    def on_peer(self, peer: Peer, connected: bool, conn: int) -> None:
        if connected:
            self.clients.add(conn, self._client_label(peer, conn))
        else:
            self.clients.remove(conn)

    def on_state(self, event: ConnectionState) -> None:
        label = self._client_label(event.peer, event.conn)
        template = STATE_LABELS.get(event.state)
        self.clients.set_label(event.conn, trf(template, client=label) if template else label)

    def _client_label(self, peer: Peer, conn: int) -> str:
        # Unix clients are usually unnamed: the connection number tells them apart
        return describe(peer) if not peer.is_unix else f"#{conn} {describe(peer)}"

    def on_data(self, peer: Peer, size: int, conn: int) -> None:
        self.clients.count(conn, received=size)

    def on_sent(self, peer: Peer, size: int, conn: int) -> None:
        self.clients.count(conn, sent=size)

    def after_batch(self) -> None:
        self.clients.refresh()

    def on_stopped(self) -> None:
        self.clients.clear_all()
