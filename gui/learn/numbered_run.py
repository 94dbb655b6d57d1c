"""One run of the numbered-messages demonstration: start the tabs if needed, send 1..N, listen for them.

A run uses the window's own tabs of one protocol: the client tab sends
``#<run> 1/N`` … ``#<run> N/N`` (over TCP each ends with a newline, since a
stream keeps no boundaries) through its send box's path, so the log, the
counters and the trace show them as any message; the server tab's events
are read by an :class:`Arrivals` part added to it for the run.  A server tab
that is stopped is opened on 127.0.0.1 (a port the system chooses), a client
tab that is stopped is aimed at it; tabs already running are used as they
are, if the client is aimed at the server.  Tk thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from netcore import DatagramsReceived, DataReceived
from netcore.arrivals import (
    ArrivalRow,
    ArrivalSummary,
    arrival_rows,
    numbered_payload,
    parse_numbered,
    summarise,
)

from ..i18n import N_
from ..parts import TabPart
from ..parts.address_form import IPV4, IPV6

if TYPE_CHECKING:
    from ..app import App
    from ..tab import EndpointTab

TABS = {"udp": ("udp_server", "udp_client"), "tcp": ("tcp_server", "tcp_client")}
POLL_MS = 20
POLLS = 250  # five seconds for a tab to open or stop
SEND_CHUNK = 50  # numbers sent per turn of the Tk loop
LONGEST_LINE = 64  # a TCP line longer than any numbered message is not one of ours: dropped, not kept

# what a run says about itself (the window shows the translation)
STARTING = N_("Opening the tabs on this computer (127.0.0.1)…")
SENT = N_("Sent {count} numbered messages; the list fills in as they arrive.")
SERVER_FAILED = N_("The {tab} tab could not start: its log says why.")
CLIENT_FAILED = N_("The {tab} tab could not connect or open: its log says why.")
ON_A_PATH = N_("The {tab} tab uses a Unix path: close it, then run the demonstration again.")
AIMED_ELSEWHERE = N_("The {client} tab is aimed at {remote}, not at the {server} tab: close it, then run the "
                     "demonstration again.")
SEND_FAILED = N_("Sending stopped after {count}: the {tab} tab says why under its send box.")


class Arrivals(TabPart):
    """The numbers of run ``run`` (of ``total``) that reach a server tab, in arrival order."""

    def __init__(self, run: int, total: int, changed: Callable[[], None]) -> None:
        self.run = run
        self.total = total
        self.numbers: list[int] = []
        self.reads = 0  # TCP: recv() results that carried some of the numbers
        self._changed = changed
        self._dirty = False
        self._partial: dict[tuple[str, int], bytes] = {}  # (endpoint, connection) → the line begun

    def handle(self, events: Sequence[object]) -> None:
        for event in events:
            if isinstance(event, DatagramsReceived):
                for payload in event.payloads:
                    self._take(payload)
            elif isinstance(event, DataReceived):
                key = (event.source, event.conn)
                lines = (self._partial.pop(key, b"") + event.data).split(b"\n")
                if len(lines[-1]) <= LONGEST_LINE:
                    self._partial[key] = lines[-1]
                before = len(self.numbers)
                for line in lines[:-1]:
                    self._take(line)
                if len(self.numbers) > before:
                    self.reads += 1

    def _take(self, payload: bytes) -> None:
        number = parse_numbered(payload, self.run, self.total)
        if number is not None:
            self.numbers.append(number)
            self._dirty = True

    def redraw(self) -> None:
        if self._dirty:
            self._dirty = False
            self._changed()

    def summary(self, sent: int) -> ArrivalSummary:
        return summarise(sent, self.numbers)

    def rows(self, sent: int) -> list[ArrivalRow]:
        return arrival_rows(sent, self.numbers)


class NumberedRun:
    """Run ``run`` over ``protocol`` ("udp" or "tcp"): ``say(template, **params)`` tells the window how it
    goes, ``changed()`` that more arrived."""

    def __init__(self, app: App, protocol: str, run: int, total: int, say: Callable[..., None],
                 changed: Callable[[], None]) -> None:
        self.app = app
        self.protocol = protocol
        self.total = total
        self.say = say
        self.server_name, self.client_name = TABS[protocol]
        self.server: EndpointTab = app.tabs[self.server_name]
        self.client: EndpointTab = app.tabs[self.client_name]
        self.arrivals = Arrivals(run, total, changed)
        self.sent = 0
        self.port = 0  # the server tab's, once it runs
        self.cancelled = False

    def begin(self) -> None:
        for tab in (self.server, self.client):
            tab.build()
        self.server.parts.append(self.arrivals)
        if self.server.state == "stopped":
            self.say(STARTING)
            self._open(self.server, "127.0.0.1", 0)
        self._when(self.server, self._server_ready)

    def end(self) -> None:
        """Stop listening (the window closes, or a new run replaces this one)."""
        self.cancelled = True
        if self.arrivals in self.server.parts:
            self.server.parts.remove(self.arrivals)

    # ----------------------------------------------------------- steps
    def _when(self, tab: EndpointTab, then: Callable[[], None], polls: int = POLLS) -> None:
        """Run ``then`` once ``tab`` is running or stopped (not starting or stopping)."""
        if self.cancelled or self.app.closed:
            return
        if tab.state in ("running", "stopped") or polls <= 0:
            then()
        else:
            self.app.root.after(POLL_MS, self._when, tab, then, polls - 1)

    def _open(self, tab: EndpointTab, host: str, port: int) -> None:
        form = tab.form
        family = IPV6 if ":" in host else IPV4
        if form.family.get() != family:
            form.family.set(family)
        for entry, text in ((form.host, host), (form.port, str(port))):
            entry.delete(0, "end")
            entry.insert(0, text)
        form.start_button.invoke()

    def _server_ready(self) -> None:
        server = self.server
        endpoint = server.endpoint
        local = getattr(endpoint, "local_addresses", ()) if server.state == "running" else ()
        if not local:
            self.say(SERVER_FAILED, tab=server.title)
            return
        if local[0].is_unix:
            self.say(ON_A_PATH, tab=server.title)
            return
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(local[0].host, local[0].host)
        self.port = int(local[0].port)
        if self.client.state == "stopped":
            self._open(self.client, host, self.port)
        self._when(self.client, self._client_ready)

    def _client_ready(self) -> None:
        client = self.client
        remote = getattr(client.endpoint, "remote", None) if client.state == "running" else None
        if remote is None:
            self.say(CLIENT_FAILED, tab=client.title)
            return
        if remote.is_unix or remote.port != self.port:
            self.say(AIMED_ELSEWHERE, client=client.title, server=self.server.title, remote=str(remote))
            return
        self._send()

    def _send(self) -> None:
        """Send the next :data:`SEND_CHUNK` numbers, then come back for more (the window stays responsive:
        each send is logged, about 1.5 ms on a shown tab)."""
        if self.cancelled or self.app.closed:
            return
        end = b"\n" if self.protocol == "tcp" else b""
        for number in range(self.sent + 1, min(self.sent + SEND_CHUNK, self.total) + 1):
            if not self.client.send_message(numbered_payload(self.arrivals.run, number, self.total) + end):
                self.say(SEND_FAILED, count=self.sent, tab=self.client.title)
                return
            self.sent += 1
        if self.sent < self.total:
            self.app.root.after(1, self._send)
        else:
            self.say(SENT, count=self.sent)
