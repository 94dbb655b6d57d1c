"""Learn → Seed programs: the four small programs SockLab grew from, started with one click each.

Each preset fills its tab's form (127.0.0.1 and the program's port), sets how
a server answers by itself for this run (the TCP server echoes, the UDP
server answers ``[time.ctime()] data``), starts the tab through its Start
button (so a busy port gives the usual error) and opens a short panel saying
what the original program did and which calls to watch.  A client aims at
its server tab's port when that tab runs, else at the program's port.
Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import TYPE_CHECKING

from netcore.values import Value

from ..i18n import N_, bind_text, on_language_change, tr
from ..line_breaks import WrappedLabel
from ..parts.address_form import IPV4
from .recording import set_recording

if TYPE_CHECKING:
    from ..app import App
    from ..tab import EndpointTab

HOST = "127.0.0.1"  # the seed's servers listen on every address; on loopback nothing is exposed
#: The seed's ports; the tests point these at free ports.
PORTS = {"tcp": 9999, "udp": 21567}
STOP_POLL_MS = 20
STOP_POLLS = 150  # an endpoint stops within a second; give up waiting after three


class Preset(Value):
    tab: str  # the tab it runs in
    label: str  # the menu entry (English, marked)
    protocol: str  # "tcp" or "udp": which port
    reply: str  # a server's reply mode for the run ("" for clients)
    server_tab: str | None  # a client's server tab
    did: str  # what the original program did
    watch: str  # the calls to watch
    started: str  # said in the tab's log when it starts


PRESETS: dict[str, Preset] = {
    "tcp_server": Preset(
        "tcp_server", N_("TCP server that answers (echo)"), "tcp", "echo", None,
        N_("The original TCP server binds port 9999, listens, and takes one client at a time with "
           "accept(). It prints every message that arrives and sends back an answer typed at its "
           "keyboard, until the client closes. Here the answer is automatic: this tab sends each "
           "message straight back (an echo)."),
        N_("Watch socket(), setsockopt(SO_REUSEADDR), bind() and listen() at the start; accept() when a "
           "client connects; recv() for each message and send() for its echo; recv() returning b'' "
           "when the client closes."),
        N_("Seed program: this server sends every message back to its sender (echo) until it stops."),
    ),
    "tcp_client": Preset(
        "tcp_client", N_("TCP client"), "tcp", "", "tcp_server",
        N_("The original TCP client connects to 127.0.0.1 port 9999, then repeats: read a line from the "
           "keyboard, send() it, recv() up to 4096 bytes and print them. Start the TCP server preset "
           "first, then type in the send box below: each message comes back."),
        N_("Watch socket() and the connection: this tab does not block, so connect() appears as "
           "connect_ex() returning EINPROGRESS and then SO_ERROR read back as 0. Then send() for each "
           "message and recv() for each answer."),
        N_("Seed program: type a message below and press Enter; the TCP server preset sends it back."),
    ),
    "udp_server": Preset(
        "udp_server", N_("UDP server that answers with the time"), "udp", "ctime", None,
        N_("The original UDP server binds port 21567 and never listens or accepts: UDP has no "
           "connections. It waits in recvfrom() for a datagram and sends the time and the data back "
           "to the sender, like [Sun Nov 29 18:22:38 2026] hello."),
        N_("Watch socket(AF_INET, SOCK_DGRAM) and bind() at the start (no listen(), no accept()); then "
           "recvfrom() returning each datagram with its sender's address, and sendto() answering that "
           "address."),
        N_("Seed program: this server answers each datagram with [the time] and the data until it stops."),
    ),
    "udp_client": Preset(
        "udp_client", N_("UDP client"), "udp", "", "udp_server",
        N_("The original UDP client sends each line typed to port 21567 with sendto(), then waits in "
           "recvfrom() for the answer and prints it. Start the UDP server preset first, then send a "
           "message from the box below: the time comes back in front of it."),
        N_("Watch socket(AF_INET, SOCK_DGRAM) and connect(): this tab connects its UDP socket, which "
           "only sets the default address (nothing is sent), so the system can report \"port "
           "unreachable\". Then send() for each datagram and recvfrom() for each answer."),
        N_("Seed program: type a message below and press Enter; the UDP server preset answers with "
           "the time."),
    ),
}
DID = N_("What the original program did")
WATCH = N_("Calls to watch in the trace")


def run_preset(app: App, key: str) -> PresetPanel:
    """Start preset ``key`` in its tab (stopping what runs there first) and show its panel."""
    preset = PRESETS[key]
    tab = app.tabs[preset.tab]
    tab.build()
    app.notebook.select(tab)
    panel = open_panel(app, preset)
    if tab.state == "stopped":
        _start(app, tab, preset)
    else:
        tab.stop()
        _when_stopped(app, tab, lambda: _start(app, tab, preset), STOP_POLLS)
    return panel


def _when_stopped(app: App, tab: EndpointTab, then: Callable[[], None], polls: int) -> None:
    if app.closed:
        return
    if tab.state == "stopped":
        then()
    elif polls > 0:
        app.root.after(STOP_POLL_MS, _when_stopped, app, tab, then, polls - 1)


def _port_for(app: App, preset: Preset) -> int:
    """A client aims at its server tab's port while that tab listens on an IP address."""
    server = app.tabs.get(preset.server_tab or "")
    endpoint = server.endpoint if server is not None and server.state == "running" else None
    local = getattr(endpoint, "local_addresses", None) or ()
    if local and not local[0].is_unix:
        return int(local[0].port)
    return PORTS[preset.protocol]


def _start(app: App, tab: EndpointTab, preset: Preset) -> None:
    form = tab.form
    if form.family.get() != IPV4:
        form.family.set(IPV4)  # (lays the form out for a host and a port)
    for entry, text in ((form.host, HOST), (form.port, str(_port_for(app, preset)))):
        entry.delete(0, "end")
        entry.insert(0, text)
    tab.reply_mode = preset.reply
    set_recording(app, True)  # the panel points at calls to watch: record them
    form.start_button.invoke()
    if tab.state == "stopped":  # refused at once (the form says why): nothing runs, nothing answers
        tab.reply_mode = ""
        return
    tab.log.add_message("info", tr(preset.started))
    tab.log.flush()


class PresetPanel(tk.Toplevel):
    """What the original program did and the calls to watch; one per tab."""

    def __init__(self, app: App, preset: Preset) -> None:
        super().__init__(app.root, name=f"preset_{preset.tab}")
        self.preset = preset
        frame = ttk.Frame(self, name="body", padding=12)
        frame.pack(fill="both", expand=True)
        self.title(tr(preset.label))
        forget = on_language_change(lambda: self.title(tr(preset.label)) if self.winfo_exists() else None)
        self.bind("<Destroy>", lambda e: forget() if e.widget is self else None, add="+")
        self.heading = bind_text(ttk.Label(frame, name="heading", font="TkHeadingFont"), preset.label)
        self.heading.pack(anchor="w")
        for name, head, body in (("did", DID, preset.did), ("watch", WATCH, preset.watch)):
            bind_text(ttk.Label(frame, name=f"{name}_head", font="TkHeadingFont"), head).pack(
                anchor="w", pady=(10, 2))
            label = bind_text(WrappedLabel(frame, name=name, wraplength=460, justify="left"), body)
            label.pack(anchor="w", fill="x")
        bar = ttk.Frame(frame, name="bar")
        bar.pack(fill="x", pady=(12, 0))
        self.code_button = bind_text(ttk.Button(bar, name="code", command=lambda: _show_code(
            app, preset.tab)), N_("Show code…"))
        self.code_button.pack(side="left")
        self.close_button = bind_text(ttk.Button(bar, name="close", command=self.destroy), N_("Close"))
        self.close_button.pack(side="right")
        self.bind("<Escape>", lambda e: self.destroy())

    def text(self) -> str:
        """Everything the panel says (read by tests)."""
        body = self.nametowidget("body")
        return "\n".join(str(child.cget("text")) for child in body.winfo_children()
                         if isinstance(child, ttk.Label))


def _show_code(app: App, tab: str) -> None:
    from .show_code import show_code  # (imported when first used: the window starts sooner)

    show_code(app.root, app.tabs[tab])


def open_panel(app: App, preset: Preset) -> PresetPanel:
    existing = app.root.children.get(f"preset_{preset.tab}")
    if isinstance(existing, PresetPanel) and existing.winfo_exists():
        existing.deiconify()
        existing.lift()
        return existing
    return PresetPanel(app, preset)
