"""What the four tabs share: the address form, the log, the send box, the status line.

A tab owns at most one netcore endpoint at a time.  Each start makes a new
endpoint whose source name is ``"<tab>#<n>"``, so late events from an old one
cannot confuse the new one.  The pump hands the tab its events in batches
(:meth:`handle`); the tab merges them and redraws once.  Tk thread only.
"""

from __future__ import annotations

import queue
import time
import tkinter as tk
from tkinter import ttk

from netcore import (
    ConnectionState,
    DatagramsDropped,
    DatagramsReceived,
    DataReceived,
    DataSent,
    Endpoint,
    Error,
    NetError,
    Peer,
    PeerConnected,
    PeerDisconnected,
    Started,
    Stopped,
    describe,
    is_wildcard,
    parse_host,
    parse_port,
)
from netcore.events import HALF_CLOSED, PEER_HALF_CLOSED

from .i18n import N_, bind_text, on_language_change, tr, trf
from .log_view import DISPLAY_BYTES, LogView, arrival_time
from .recorder import ReceiveRecorder
from .send_box import SendBox
from .widgets import mark_bad, mark_good

# Datagrams shown per tick in a flood; every one is still counted.
DATAGRAMS_PER_TICK = 500
# A TCP endpoint stops reading while this much received data waits for the
# window (TCP then slows the sender): a flood cannot fill memory, nothing is lost.
FLOW_LIMIT = 32 * 1024 * 1024
# A UDP endpoint stops reading while this much datagram payload waits for the window: the
# operating system then drops datagrams and says how many (shown), instead of memory growing.
# Smaller than TCP's: each small datagram also costs a Python object of about 100 bytes.
UDP_FLOW_LIMIT = 8 * 1024 * 1024

NOT_STARTED = N_("Not started yet: press Start listening, Connect or Open first.")
STATE_TEXT = {
    "stopped": N_("Stopped"),
    "starting": N_("Starting…"),
    "running": N_("Running"),
    "stopping": N_("Stopping…"),
}


class EndpointTab(ttk.Frame):
    """Base class; subclasses set the labels and build the endpoint."""

    title = ""
    is_server = True
    start_label = N_("Start listening")
    stop_label = N_("Stop listening")
    default_port = "9999"

    def __init__(self, master: tk.Misc, events: queue.SimpleQueue, *, name: str) -> None:
        super().__init__(master, name=name, padding=8)
        self.events = events
        self.endpoint: Endpoint | None = None
        self.state = "stopped"
        self._generation = 0
        self.sent_bytes = self.sent_count = self.received_bytes = self.received_count = 0
        self.dropped = 0  # datagrams the operating system dropped (UDP)
        self._typed_port: str | None = None  # "0" while the field shows the port the system chose
        self.recorder = ReceiveRecorder()

        self.form = ttk.Frame(self, name="form")
        self.form.pack(side="top", fill="x")
        self._build_form(self.form)
        # shown only while they have something to say (see _say)
        self.form_error = ttk.Label(self, name="form_error", style="Error.TLabel", anchor="w")
        self.network_warning = ttk.Label(self, name="network_warning", style="Error.TLabel", anchor="w")
        if self.is_server:
            self.host.bind("<KeyRelease>", lambda e: self._check_exposure(), add="+")

        self.middle = ttk.Frame(self, name="middle")
        self.middle.pack(side="top", fill="both", expand=True, pady=(4, 4))
        self.panes = ttk.PanedWindow(self.middle, name="panes", orient="horizontal")
        self.panes.pack(fill="both", expand=True)
        self.log = LogView(self.panes)
        self.panes.add(self.log, weight=3)
        self._build_side_panel(self.panes)

        self.sendbox = SendBox(self, self._send_from_box)
        self.sendbox.pack(side="top", fill="x")
        self.status = ttk.Label(self, name="status", anchor="w")
        self.status.pack(side="top", fill="x", pady=(6, 0))
        self._update_state("stopped")
        on_language_change(self._relabel)

    # ------------------------------------------------------------ layout
    def _build_form(self, form: ttk.Frame) -> None:
        bind_text(ttk.Label(form, name="host_label"), self.host_label).pack(side="left")
        self.host = ttk.Entry(form, name="host", width=22)
        self.host.insert(0, "127.0.0.1")
        self.host.pack(side="left", padx=(4, 10))
        bind_text(ttk.Label(form, name="port_label"), "Port:").pack(side="left")
        self.port = ttk.Entry(form, name="port", width=7)
        self.port.insert(0, self.default_port)
        self.port.pack(side="left", padx=(4, 10))
        self._build_extra_fields(form)
        self.start_button = ttk.Button(form, name="start", command=self.toggle, style="Accent.TButton")
        self.start_button.pack(side="left", padx=(6, 0))
        for entry in self._form_fields():  # every field: Enter starts (or stops), typing clears the mark
            entry.bind("<Return>", lambda e: self.toggle())
            entry.bind("<KP_Enter>", lambda e: self.toggle())
            entry.bind("<Key>", lambda e, w=entry: mark_good(w), add="+")

    host_label = N_("Host:")

    def _build_extra_fields(self, form: ttk.Frame) -> None:
        """Subclasses add fields between the port and the button."""

    def _build_side_panel(self, panes: ttk.PanedWindow) -> None:
        """Server tabs add their peer list beside the log."""

    # ----------------------------------------------------------- actions
    def toggle(self) -> None:
        if self.state in ("running", "starting"):
            self.stop()
        elif self.state == "stopped":
            self.start()

    def start(self) -> None:
        self._say(self.form_error, "")
        try:
            host = self._field(self.host, parse_host)
            port = self._field(self.port, self._parse_port)
            self._check_extra_fields()
        except NetError:
            return
        self._generation += 1
        source = f"{self.winfo_name()}#{self._generation}"
        try:
            endpoint = self.make_endpoint(source, host, port)
            endpoint.start()
        except NetError as err:
            self._form_problem(err.translated(tr))
            return
        self.endpoint = endpoint
        self.log.forget_stream()
        self._update_state("starting")

    def stop(self) -> None:
        if self.endpoint is not None:
            self.endpoint.stop(timeout=0)  # the Stopped event finishes the job
            self._update_state("stopping")

    def shutdown(self, timeout: float = 1.0) -> None:
        """Stop the endpoint and wait for its thread (window closing)."""
        if self.endpoint is not None:
            self.endpoint.stop(timeout=timeout)

    def record_only(self, events: list[object]) -> None:
        """Save the data in ``events`` without drawing anything (the window is closing)."""
        for event in events:
            if isinstance(event, DataReceived):
                self._record(event.data)
            elif isinstance(event, DatagramsReceived):
                for datagram in event.datagrams:
                    self._record(datagram.data)

    def _parse_port(self, text: str) -> int:
        return parse_port(text)

    def _check_extra_fields(self) -> None:
        """Subclasses validate their own fields (raise NetError after marking)."""

    def _field(self, entry: ttk.Entry, parse):
        try:
            return parse(entry.get())
        except NetError as err:
            mark_bad(entry)
            self._form_problem(err.translated(tr))
            raise

    def _check_exposure(self) -> None:
        """Warn while the host field would make the server reachable from other computers."""
        host = self.host.get().strip()
        text = ""
        if is_wildcard(host):
            text = trf("Warning: {host} opens this port to the network, so other computers can connect. "
                       "Use 127.0.0.1 to stay on this computer.", host=host or "*")
        self._say(self.network_warning, text)

    def _say(self, label: ttk.Label, text: str) -> None:
        """Show ``label`` under the form with ``text``, or hide it when empty."""
        label.configure(text=text, wraplength=max(400, self.winfo_width() - 20))
        if text:
            label.pack(side="top", fill="x", after=self.form, pady=(4, 0))
        else:
            label.pack_forget()

    def save_received_to(self, path: str | None) -> None:
        """Save every byte received from now on to ``path``; None stops saving."""
        if self.recorder.active:
            size = self.recorder.stop()
            self.log.add_message("info", trf("Stopped saving received data: {size} B are in {path}.",
                                             size=f"{size:,}", path=self.recorder.path))
        if path:
            try:
                self.recorder.start(path)
            except OSError as exc:
                self.log.add_message("error", trf("Cannot write to {path}: {reason}", path=path,
                                                  reason=exc.strerror or exc))
            else:
                self.log.add_message("info", trf("Saving every byte received from now on to {path}.",
                                                 path=path))
        self.log.flush()
        self._update_status()

    def _record(self, data: bytes) -> None:
        if not self.recorder.active:
            return
        try:
            self.recorder.write(data)
        except OSError as exc:
            self.log.add_message("error", trf("Stopped saving received data to {path}: {reason}",
                                              path=self.recorder.path, reason=exc.strerror or exc))

    def _form_problem(self, message: str) -> None:
        self._say(self.form_error, message)
        self.log.add_message("error", message)
        self.log.flush()

    def make_endpoint(self, source: str, host: str, port: int) -> Endpoint:
        raise NotImplementedError

    # ------------------------------------------------------------ sending
    def _send_from_box(self, data: bytes) -> bool:
        if self.endpoint is None or self.state != "running":
            self.sendbox.show_error(tr(NOT_STARTED))
            return False
        try:
            label = self.send_data(data)
        except NetError as err:
            self.sendbox.show_error(err.translated(tr))
            return False
        if label is None:
            return False
        self.log.add_data("sent", label, data[:DISPLAY_BYTES], len(data), when=time.time())
        self.log.flush()
        return True

    def send_data(self, data: bytes) -> str | None:
        """Hand ``data`` to the endpoint; return whom it goes to, for the log."""
        raise NotImplementedError

    # ------------------------------------------------------------- events
    def handle(self, events: list[object]) -> None:
        """Events from the pump, oldest first; merged, logged, then drawn once.

        What was received is acknowledged to the endpoint (flow control) even if
        handling fails half-way: a bug here must not leave reading paused for good.
        """
        endpoint = self.endpoint
        current = endpoint.name if endpoint is not None else None
        consumed = 0
        for event in events:
            if getattr(event, "source", None) != current:
                continue
            if isinstance(event, DataReceived):
                consumed += len(event.data)
            elif isinstance(event, DatagramsReceived):
                consumed += sum(map(len, event.payloads))
        try:
            self._handle(events, current)
        finally:
            if consumed and endpoint is not None:
                endpoint.consumed(consumed)  # dealt with: the endpoint may read again

    def _handle(self, events: list[object], current: str | None) -> None:
        # consecutive reads from one connection become one log entry
        run_peer: tuple[Peer, int] | None = None
        run: list[bytes] = []
        run_time = 0.0
        shown_datagrams = hidden_datagrams = 0
        for event in events:
            if isinstance(event, DataReceived):
                self._record(event.data)
                self.received_bytes += len(event.data)
                self.received_count += 1
                key = (event.peer, event.conn)
                self.on_data(event.peer, len(event.data), event.conn)
                if run and run_peer != key:
                    self._log_received(run_peer, run, run_time)
                    run = []
                if not run:
                    run_time = event.time
                run_peer = key
                run.append(event.data)
                continue
            if run:
                self._log_received(run_peer, run, run_time)
                run = []
            if isinstance(event, DatagramsReceived):
                shown_datagrams, hidden = self._handle_datagrams(event, shown_datagrams)
                hidden_datagrams += hidden
            elif isinstance(event, DataSent):
                self.sent_bytes += event.size
                self.sent_count += 1
                self.on_sent(event.peer, event.size, event.conn)
            elif isinstance(event, PeerConnected):
                self.log.add_message("info", lambda e=event: trf("{peer} connected.", peer=describe(e.peer)))
                self.on_peer(event.peer, True, event.conn)
            elif isinstance(event, PeerDisconnected):
                self.log.forget_stream((event.peer, event.conn))
                self.log.add_message("info", lambda e=event: self._disconnect_text(e))
                self.on_peer(event.peer, False, event.conn)
            elif isinstance(event, ConnectionState):
                self.on_state(event)
                text = self._state_text(event)
                if text:
                    self.log.add_message("info", text)
            elif isinstance(event, DatagramsDropped):
                self.dropped += event.count
                self.log.add_message("error", trf(
                    "The operating system dropped {count} datagrams: they arrived faster than they were read "
                    "({total} dropped since start).", count=f"{event.count:,}", total=f"{event.total:,}"))
            elif isinstance(event, Error):
                self.log.add_message("error", lambda e=event: e.translated(tr))
                if event.fatal and event.source == current:
                    self._say(self.form_error, event.translated(tr))
            elif isinstance(event, Started) and event.source == current:
                self._update_state("running")
                self._show_chosen_port(event)
                self.log.add_message("info", lambda e=event: self.started_text(e))
            elif isinstance(event, Stopped) and event.source == current:
                self.endpoint = None
                if self._typed_port is not None:  # back to what the user typed ("0": any free port)
                    self._set_field(self.port, self._typed_port)
                    self._typed_port = None
                self._update_state("stopped")
                self.on_stopped()
                self.log.add_message("info", lambda: tr("Stopped."))
        if run:
            self._log_received(run_peer, run, run_time)
        if hidden_datagrams:  # once per screen refresh, not once per batch the socket delivered
            self.log.add_message("info", trf("{count} more datagrams arrived at once: counted, not shown.",
                                              count=hidden_datagrams))
        self.after_batch()
        self.log.flush()
        self._update_status()

    def _handle_datagrams(self, event: DatagramsReceived, shown: int) -> tuple[int, int]:
        """Count and record every datagram; show those that fit this tick: (shown so far, hidden here)."""
        for data, peer in zip(event.payloads, event.peers, strict=True):
            self._record(data)
            self.received_bytes += len(data)
            self.on_data(peer, len(data), 0)
        self.received_count += len(event.payloads)
        datagrams = event.datagrams
        room = max(DATAGRAMS_PER_TICK - shown, 0)
        hidden = max(len(datagrams) - room, 0)
        datagrams = datagrams[:room]
        when = arrival_time(event.time)
        for datagram in datagrams:
            self.log.add_data("received", describe(datagram.peer), datagram.data[:DISPLAY_BYTES],
                              len(datagram.data), when=when)
        return shown + len(datagrams), hidden

    def _log_received(self, key: tuple[Peer, int], chunks: list[bytes], when: float) -> None:
        size = sum(map(len, chunks))
        head = chunks[0]
        if len(head) < min(size, DISPLAY_BYTES):  # join as much as is shown
            parts, taken = [], 0
            for chunk in chunks:
                parts.append(chunk)
                taken += len(chunk)
                if taken >= DISPLAY_BYTES:
                    break
            head = b"".join(parts)
        self.log.add_data("received", describe(key[0]), head[:DISPLAY_BYTES], size,
                          when=arrival_time(when), stream=key)

    def _show_chosen_port(self, event: Started) -> None:
        """A server started on port 0 shows the port the system chose while it runs."""
        if not self.is_server or not event.local or event.local[0].is_unix:
            return
        typed = self.port.get()
        if typed.strip().isdigit() and int(typed.strip()) == 0:
            self._typed_port = typed
            self._set_field(self.port, str(event.local[0].port))

    @staticmethod
    def _set_field(entry: ttk.Entry, text: str) -> None:
        disabled = entry.instate(["disabled"])
        entry.state(["!disabled"])
        entry.delete(0, "end")
        entry.insert(0, text)
        if disabled:
            entry.state(["disabled"])

    def _state_text(self, event: ConnectionState) -> str:
        if event.state == PEER_HALF_CLOSED:
            text = trf("{peer} finished sending (it half-closed the connection): it can still receive, "
                       "so you may reply, then disconnect.", peer=describe(event.peer))
            return text + self.half_open_note()
        if event.state == HALF_CLOSED:
            return trf("Finished sending to {peer} (half-close); its replies can still arrive.",
                       peer=describe(event.peer))
        return ""

    def _disconnect_text(self, event: PeerDisconnected) -> str:
        peer = describe(event.peer)
        reasons = {
            "closed": N_("{peer} closed the connection."),
            "kicked": N_("Disconnected {peer}."),
            "stopped": N_("Closed the connection to {peer}: this side stopped."),
            "reset": N_("The connection to {peer} was reset."),
        }
        return trf(reasons.get(event.reason, N_("The connection to {peer} ended.")), peer=peer)

    # ---------------------------------------------------- subclass hooks
    def started_text(self, event: Started) -> str:
        return trf("Listening on {address}.", address=", ".join(describe(p) for p in event.local))

    def on_data(self, peer: Peer, size: int, conn: int) -> None:
        """A peer (on connection ``conn``; 0 for UDP) sent ``size`` bytes (for per-peer counters)."""

    def on_sent(self, peer: Peer, size: int, conn: int) -> None:
        """``size`` bytes went to ``peer``."""

    def half_open_note(self) -> str:
        """Added to the half-close message: what happens if nobody answers."""
        return ""

    def on_state(self, event: ConnectionState) -> None:
        """A TCP connection changed state (half-closed, closing...)."""

    def on_peer(self, peer: Peer, connected: bool, conn: int) -> None:
        """A TCP peer came or went."""

    def on_stopped(self) -> None:
        """The endpoint has stopped."""

    def after_batch(self) -> None:
        """A batch of events was handled (redraw per-tick things here)."""

    # ------------------------------------------------------------- status
    def _update_state(self, state: str) -> None:
        self.state = state
        running = state in ("running", "starting")
        self.start_button.configure(text=tr(self.stop_label if running else self.start_label))
        self.start_button.state(["disabled"] if state == "stopping" else ["!disabled"])
        for entry in self._form_fields():
            entry.state(["disabled"] if state != "stopped" else ["!disabled"])
        self.sendbox.set_enabled(state == "running")
        self._update_status()

    def _form_fields(self) -> list[ttk.Entry]:
        return [self.host, self.port]

    def _update_status(self) -> None:
        self.status.configure(text=trf(
            "{state} · sent {sent_bytes} B in {sent_count} messages · "
            "received {received_bytes} B in {received_count} messages",
            state=tr(STATE_TEXT[self.state]), sent_bytes=f"{self.sent_bytes:,}", sent_count=self.sent_count,
            received_bytes=f"{self.received_bytes:,}", received_count=self.received_count)
            + (trf(" · {count} datagrams dropped by the OS", count=f"{self.dropped:,}")
               if self.dropped else "")
            + (trf(" · saving to {path}", path=self.recorder.path) if self.recorder.active else ""))

    def _relabel(self) -> None:
        self._update_state(self.state)
        if self.is_server:
            self._check_exposure()
