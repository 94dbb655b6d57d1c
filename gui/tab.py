"""One tab of the window: an endpoint and the parts that show it.

A tab is composed of parts (gui/parts/), each owning its widgets and its
slice of the events: the address form at the top, the log with a side panel
(server tabs), the send box and the status bar at the bottom.  The tab
itself only runs the life cycle (start, stop, the state the parts follow),
routes its endpoint's events to every part and sends what the send box
encoded.  A tab file (gui/tabs/) says which parts it has and its words.

A tab owns at most one netcore endpoint at a time.  Each start makes a new
endpoint whose source name is ``"<tab>#<n>"``, so late events from an old
one cannot confuse the new one.  The pump hands the tab its events in
batches (:meth:`handle`) and asks it to draw after them (:meth:`redraw`; in a
flood at most every 50 ms).
Tk thread only.
"""

from __future__ import annotations

import queue
import sys
import time
import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from types import TracebackType
from typing import TYPE_CHECKING, Any

from netcore import (
    DatagramsReceived,
    DataReceived,
    NetError,
    Started,
    Stopped,
    describe,
    parse_port,
)

from .i18n import N_, on_language_change, tr, trf, trn
from .learn.error_words import explain_error, lesson_text, with_name
from .learn.sequence_model import SequenceRecorder
from .log_view import DISPLAY_BYTES, LogView
from .parts import TabPart
from .parts.address_form import Address, AddressForm, Field
from .parts.call_record import CallRecord
from .parts.conn_strip import ConnStrip
from .parts.log_feed import LogFeed
from .parts.peer_panel import PeerPanel
from .parts.recording import Recording
from .parts.sockopts import SocketOptionsPart
from .parts.status_bar import STATE_TEXT, StatusBar
from .parts.trace_pane import TracePane
from .send_box import SendBox

if TYPE_CHECKING:  # the endpoints are imported when a tab first starts one
    from netcore import Endpoint, EventTracer

# A TCP endpoint stops reading while this much received data waits for the
# window (TCP then slows the sender): a flood cannot fill memory, nothing is lost.
# 8 MiB still takes 400–450 MB/s through the window; 32 MiB took twice that, but its
# I/O thread then left the Tk thread less of the two cores (heartbeat p99 52–55 ms
# against 42–44 in a flood) and the resident size swung with what was queued.
FLOW_LIMIT = 8 * 1024 * 1024
# A UDP endpoint stops reading while this much datagram payload waits for the window: the
# operating system then drops datagrams and says how many (shown), instead of memory growing.
# Smaller than TCP's: each small datagram also costs a Python object of about 100 bytes.
UDP_FLOW_LIMIT = 8 * 1024 * 1024

NOT_STARTED = N_("Not started yet: press Start listening, Connect or Open first.")
TITLE_CHANGED = "<<TitleChanged>>"  # the tab's title or summary changed (the app relabels)
SAVING_CHANGED = "<<SavingChanged>>"  # saving received data started or stopped (the File menu follows)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType]


class EndpointTab(ttk.Frame):
    """Base class; a tab file sets the words and fields and builds the endpoint."""

    title = ""
    is_server = True
    unix = False  # offers a Unix-domain socket path (stream on the TCP tabs, datagram on the UDP tabs)
    unix_file = "socklab.sock"  # the default path's file name, in the temporary folder
    stream = False  # TCP: a strip shows the kernel's connection state and offers shutdown(SHUT_WR)
    transport = "tcp"  # or "udp": the lessons for an error differ (a refused datagram is ICMP's doing)
    relays = False  # True: passes bytes on between two peers (no auto-reply rules, no framing there)
    start_label = N_("Start listening")
    stop_label = N_("Stop listening")
    host_label = N_("Host:")
    default_port = "9999"
    fields: tuple[Field, ...] = ()

    def __init__(self, master: tk.Misc, events: queue.SimpleQueue, *, name: str,
                 on_built: Callable[[EndpointTab], None] | None = None) -> None:
        """Only the frame: the parts come with :meth:`build` (the app builds the tab shown first at
        once and the others a moment later, so the first window appears sooner)."""
        super().__init__(master, name=name, padding=8)
        self.events = events
        self.endpoint: Endpoint | None = None
        self.state = "stopped"
        self.unread = 0  # messages received while another tab was shown (the app resets it)
        self.local_text = ""  # where the running endpoint is, for the window title
        # how a server tab answers by itself during one run ("echo", "ctime"; "": the user answers);
        # the Learn menu's presets set it before starting, and it ends with the run
        self.reply_mode = ""
        # report every socket call to the tab (Learn → Record socket calls): off by default, since a
        # traced recv costs about 3 µs more per call (it doubles the cost of a small datagram)
        # socket calls are traced unless Learn → Record socket calls is off: the trace pane and
        # Export are complete whenever opened; in a flood the tracer only counts calls (about 0.5 µs
        # each) and posts a few summaries a second
        self.record_calls = True
        self._generation = 0
        # called with each new endpoint before it starts (the Tools menu's features set theirs up)
        self.before_start: list[Callable[[Endpoint], None]] = []
        self._on_built = on_built
        self.built = False

    def __getattr__(self, name: str) -> Any:
        # a part asked for before the tab was built (a script, a test): build it now
        if not name.startswith("_") and self.__dict__.get("built") is False:
            self.build()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def build(self) -> None:
        """Create the parts (once)."""
        if self.built:
            return
        self.built = True
        self.form = AddressForm(self, host_label=self.host_label, default_port=self.default_port,
                                parse_port=self.parse_port, fields=self.fields, unix=self.unix,
                                start_label=self.start_label, stop_label=self.stop_label,
                                on_submit=self.toggle, server=self.is_server,
                                transport=self.transport,
                                unix_file=self.unix_file)
        self.middle = ttk.Frame(self, name="middle")
        self.panes = ttk.PanedWindow(self.middle, name="panes", orient="horizontal")
        self.panes.pack(fill="both", expand=True)
        self.log = LogView(self.panes)
        self.panes.add(self.log, weight=3)
        self.side = self.build_side_panel(self.panes)
        if self.side is not None:
            self.panes.add(self.side, weight=1)
        self.sendbox = SendBox(self, self._send_from_box)
        self.recording = Recording(self.log, on_change=self.saving_changed)
        self.status_bar = StatusBar(self, saving=lambda: self.recording.path)
        self.feed = LogFeed(self.log, started_text=self.started_text, half_open_note=self.half_open_note,
                            transport=self.transport)
        # the socket options window's choice (Learn → Socket options…): kind "tcp-server" from "tcp_server"
        self.sockopts = SocketOptionsPart(self, self.winfo_name().replace("_", "-"))
        self.calls = CallRecord()  # the calls traced, for Learn → Export calls as script
        self.trace_pane = TracePane(self.middle, before=self.panes)  # shown with Learn → Socket calls

        # the bottom is packed before the log: at the minimum size the log gives up room, never
        # the send box or the status line
        self.form.pack(side="top", fill="x")
        self.status_bar.pack(side="bottom", fill="x", pady=(6, 0))
        self.sendbox.pack(side="bottom", fill="x")
        self.conn_strip: ConnStrip | None = None
        if self.stream:
            self.conn_strip = ConnStrip(self)
            self.conn_strip.pack(side="top", fill="x", pady=(4, 0))
        self.middle.pack(side="top", fill="both", expand=True, pady=(4, 4))

        self.sequence = SequenceRecorder(self.transport)  # what the Learn menu's sequence diagram draws
        self.parts: list[TabPart] = [self.recording, self.status_bar, self.form, self.feed, self.sockopts,
                                     self.sequence, self.calls, self.trace_pane]
        if self.side is not None:
            self.parts.append(self.side)
            self.side.add_menu_item(N_("Save received data from selected…"), self._save_selected_peers)
        if self.conn_strip is not None:
            self.parts.append(self.conn_strip)
        self._update_state("stopped")
        on_language_change(lambda: self.event_generate(TITLE_CHANGED))
        if self._on_built is not None:
            self._on_built(self)

    # ------------------------------------------------- what tab files say
    def build_side_panel(self, panes: ttk.PanedWindow) -> PeerPanel | None:
        """Server tabs return their peer panel (it is put beside the log)."""
        return None

    def parse_port(self, text: str) -> int:
        return parse_port(text)

    def make_endpoint(self, source: str, address: Address) -> Endpoint:
        raise NotImplementedError

    def send_data(self, data: bytes) -> str | None:
        """Hand ``data`` to the endpoint; return whom it goes to, for the log (None: not sent, said why)."""
        raise NotImplementedError

    def tracer(self) -> EventTracer | None:
        """What reports the endpoint's socket calls to this tab (the trace pane, Export calls as script).

        None once Learn → Record socket calls is turned off: the endpoint then makes plain socket
        calls, at no cost.
        """
        if not self.record_calls:
            return None
        from netcore import EventTracer

        return EventTracer(self.events)

    def started_text(self, event: Started) -> str:
        return trf("Listening on {address}.", address=", ".join(describe(p) for p in event.local))

    def half_open_note(self) -> str:
        """Added to the half-close message: what happens if nobody answers."""
        return ""

    # ----------------------------------------------------------- actions
    def toggle(self) -> None:
        if self.state in ("running", "starting"):
            self.stop()
        elif self.state == "stopped":
            self.start()

    def start(self) -> None:
        try:
            address = self.form.address()
        except NetError as err:
            self._form_problem(err)
            return
        try:
            options = self.sockopts.check()  # a bad socket option stops the start, said in words
        except NetError as err:
            self.form.show_error(err.translated(tr))
            self._form_problem(err)
            return
        self._generation += 1
        source = f"{self.winfo_name()}#{self._generation}"
        try:
            endpoint = self.make_endpoint(source, address)
            endpoint.options = options.socket  # every endpoint reads its ``options`` when it starts
            for set_up in self.before_start:
                set_up(endpoint)
            endpoint.start()
        except NetError as err:
            self.form.show_error(err.translated(tr), explain_error(err, self.transport))
            self._form_problem(err)
            return
        self.endpoint = endpoint
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
        self.recording.handle(events)

    def save_received_to(self, path: str | None) -> None:
        """Save every byte received from now on to ``path``; None stops saving."""
        self.recording.save_to(path)
        self.saving_changed()

    def saving_changed(self) -> None:
        """Saving received data started or stopped (also by itself: a full disk, the peer left)."""
        self.status_bar.redraw()
        self.event_generate(SAVING_CHANGED)  # however it started or stopped: the File menu follows

    def _save_selected_peers(self) -> None:
        from .workbench.saving import save_selected_peers  # the first use

        save_selected_peers(self)

    def _form_problem(self, err: NetError) -> None:
        found = explain_error(err, self.transport)
        self.log.add_message("error", lambda: with_name(err.translated(tr), found)
                             + ("\n" + lesson_text(found) if found is not None else ""))
        self.log.flush()

    # ------------------------------------------------------------ sending
    def send_message(self, data: bytes) -> bool:
        """Send ``data`` as the Send button would (logged, counted); False (and said why) if not sent."""
        return self._send_from_box(data)

    def _send_from_box(self, data: bytes) -> bool:
        if self.endpoint is None or self.state != "running":
            self.sendbox.show_error(tr(NOT_STARTED))
            return False
        try:
            label = self.send_data(data)
        except NetError as err:
            found = explain_error(err, self.transport)
            self.sendbox.show_error(with_name(err.translated(tr), found))
            if found is not None:  # a socket error (not a typo): its lesson goes to the log
                self._form_problem(err)
            return False
        if label is None:
            return False
        self.sequence.note_sent(data)
        self.log.add_data("sent", label, data[:DISPLAY_BYTES], len(data), when=time.time())
        self.log.flush()
        return True

    # ------------------------------------------------------------- events
    def handle(self, events: list[object]) -> None:
        """Events from the pump, oldest first: every part gets them, then the state moves on.

        What was received is acknowledged to the endpoint (flow control) even if
        a part fails: a bug in one part must not leave reading paused for good,
        nor keep the other parts from their events.
        """
        endpoint = self.endpoint
        current = endpoint.name if endpoint is not None else None
        consumed = messages = 0
        batch: list[object] = []
        for event in events:
            source = getattr(event, "source", None)
            if isinstance(event, DataReceived):
                messages += 1
                consumed += len(event.data) if source == current else 0
            elif isinstance(event, DatagramsReceived):
                messages += len(event.payloads)
                consumed += sum(map(len, event.payloads)) if source == current else 0
            elif isinstance(event, (Started, Stopped)) and source != current:
                continue  # an older endpoint's: it no longer decides this tab's state
            batch.append(event)
        try:
            failure = self._each_part(lambda part: part.handle(batch))
            self.unread += messages
            for event in batch:
                if isinstance(event, Started):
                    self.local_text = ", ".join(describe(p) for p in event.local)
                    self._update_state("running")
                elif isinstance(event, Stopped):
                    self.endpoint = None
                    self.local_text = ""
                    self.reply_mode = ""
                    self._update_state("stopped")
            if failure is not None:
                raise failure[1].with_traceback(failure[2])
        finally:
            if consumed and endpoint is not None:
                endpoint.consumed(consumed)  # dealt with: the endpoint may read again

    def redraw(self) -> None:
        """Draw what the batches since the last draw changed, once."""
        failure = self._each_part(lambda part: part.redraw())
        if failure is not None:
            raise failure[1].with_traceback(failure[2])

    def _each_part(self, call) -> ExcInfo | None:
        """Run ``call(part)`` for every part; a failing part does not stop the others.

        Returns the first failure, for the caller to report.
        """
        first: ExcInfo | None = None
        for part in self.parts:
            try:
                call(part)
            except Exception:
                if first is None:
                    first = sys.exc_info()  # type: ignore[assignment]
        return first

    # ------------------------------------------------------------- state
    def _update_state(self, state: str) -> None:
        self.state = state
        for part in self.parts:
            part.set_state(state)
        self.sendbox.set_enabled(state == "running")
        self.event_generate(TITLE_CHANGED)

    def title_text(self) -> str:
        """The notebook tab's text: the title, a mark while running, unread messages."""
        text = tr(self.title)
        if self.state in ("running", "starting"):
            text = "● " + text
        if self.unread:
            text += " " + (trn("({count} new)", "({count} new)", self.unread) if self.unread < 1000
                           else tr("(999+ new)"))
        return text

    def summary(self) -> str:
        """What the window title says while this tab is shown."""
        text = f"{tr(self.title)} · {tr(STATE_TEXT[self.state])}"
        return f"{text} {self.local_text}" if self.local_text else text

    # ------------------------------------- read by the app, scripts, tests
    @property
    def host(self) -> ttk.Entry:
        return self.form.host

    @property
    def port(self) -> ttk.Entry:
        return self.form.port

    @property
    def start_button(self) -> ttk.Button:
        return self.form.start_button

    @property
    def recorder(self):  # noqa: ANN201 - the ReceiveRecorder
        return self.recording.recorder

    @property
    def received_bytes(self) -> int:
        return self.status_bar.traffic.received_bytes

    @property
    def received_count(self) -> int:
        return self.status_bar.traffic.received_count

    @property
    def sent_bytes(self) -> int:
        return self.status_bar.traffic.sent_bytes

    @property
    def sent_count(self) -> int:
        return self.status_bar.traffic.sent_count

