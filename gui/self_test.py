"""``--self-test``: prove this copy of SockLab works, through its own window.

Opens the real window, starts the TCP and UDP server tabs on free loopback
ports, connects the client tabs, and sends a message each way on each
protocol by typing into the send boxes and pressing their Send buttons; the
TCP client then connects again through the relay tab.  It
also checks what a broken bundle would lose: the theme, the translations of
the chosen language, Tk's own message catalogs.  Prints one line and returns
the exit code.  Tk thread only; it drives the Tk loop itself, with a time
limit on every wait.
"""

from __future__ import annotations

import time
import tkinter as tk
from tkinter import ttk

from . import fonts, i18n
from .app import App

STEP_TIMEOUT = 5.0
MESSAGES = {"tcp": ("self-test 你好 →", "self-test 你好 ←"), "udp": ("datagram →", "datagram ←")}
RELAYED = ("relayed →", "relayed ←")


class SelfTestFailure(Exception):
    pass


def _wait(root: tk.Misc, what: str, predicate) -> None:
    deadline = time.monotonic() + STEP_TIMEOUT
    while not predicate():
        if time.monotonic() > deadline:
            raise SelfTestFailure(f"timed out waiting for {what}")
        root.update()
        time.sleep(0.002)


def _start(app: App, tab_name: str, port: int | None, target: str | None = None) -> int:
    tab = app.tabs[tab_name]
    app.notebook.select(tab)
    tab.host.delete(0, "end")
    tab.host.insert(0, "127.0.0.1")
    tab.port.delete(0, "end")
    tab.port.insert(0, "0" if port is None else str(port))
    if target is not None:  # the relay's onward address
        tab.form.extra["target"].delete(0, "end")
        tab.form.extra["target"].insert(0, target)
    tab.start_button.invoke()
    _wait(app.root, f"{tab_name} to start", lambda: tab.state == "running" or tab.form.error.cget("text"))
    if tab.state != "running":
        raise SelfTestFailure(f"{tab_name} did not start: {tab.form.error.cget('text')}")
    assert tab.endpoint is not None
    return tab.endpoint.local_addresses[0].port


def _say(app: App, tab_name: str, text: str, listener: str) -> None:
    tab = app.tabs[tab_name]
    app.notebook.select(tab)
    tab.sendbox.entry.delete(0, "end")
    tab.sendbox.entry.insert(0, text)
    tab.sendbox.button.invoke()
    _wait(app.root, f"“{text}” to reach {listener}", lambda: text in app.tabs[listener].log.content())


def _through_relay(app: App, server_port: int) -> None:
    """The TCP client again, through the relay tab to the server, both ways."""
    relay = _start(app, "tcp_relay", None, target=f"127.0.0.1:{server_port}")
    client = app.tabs["tcp_client"]
    client.start_button.invoke()  # disconnect
    _wait(app.root, "the client to disconnect", lambda: client.state == "stopped")
    _start(app, "tcp_client", relay)
    _say(app, "tcp_client", RELAYED[0], "tcp_server")
    _say(app, "tcp_server", RELAYED[1], "tcp_client")


def _check_bundle(app: App, lang: str) -> list[str]:
    notes = []
    theme_name = ttk.Style(app.root).theme_use()
    if not theme_name.startswith("sun-valley"):
        raise SelfTestFailure(f"the Sun Valley theme is missing (theme in use: {theme_name})")
    notes.append(f"theme {theme_name}")
    if lang == "zh":
        if i18n.tr("TCP server") == "TCP server":
            raise SelfTestFailure("the Chinese translations are missing")
        if app.root.tk.eval("namespace eval ::tk {::msgcat::mc &Save}") == "&Save":
            raise SelfTestFailure("Tk's Chinese message catalog is missing")
        no_font = fonts.problem(app.root)
        if no_font:
            raise SelfTestFailure(no_font)
    notes.append(f"language {lang}")
    return notes


def run(root: tk.Tk, lang: str) -> int:
    """Run the self-test in a new window on ``root``; prints one line; returns 0 or 1."""
    started = time.monotonic()
    app = App(root, lang=lang, theme_name="light")
    try:
        root.update()
        notes = _check_bundle(app, lang)
        for kind in ("tcp", "udp"):
            port = _start(app, f"{kind}_server", None)
            _start(app, f"{kind}_client", port)
            if kind == "tcp":
                clients = app.tabs["tcp_server"].clients
                _wait(root, "the client to appear in the client list", clients.peers)
            outbound, inbound = MESSAGES[kind]
            _say(app, f"{kind}_client", outbound, f"{kind}_server")
            _say(app, f"{kind}_server", inbound, f"{kind}_client")
            if kind == "tcp":
                _through_relay(app, port)
        for name, tab in app.tabs.items():
            _wait(root, f"{name}'s counters", lambda tab=tab: tab.sent_count >= 1 and tab.received_count >= 1)
    except SelfTestFailure as failure:
        print(f"SockLab self-test: FAIL — {failure}", flush=True)
        return 1
    except Exception as exc:  # anything else is a failure too, reported in one line
        print(f"SockLab self-test: FAIL — {type(exc).__name__}: {exc}", flush=True)
        return 1
    finally:
        app.close()
    seconds = time.monotonic() - started
    print(f"SockLab self-test: PASS — TCP, relayed TCP and UDP exchanges between the tabs, "
          f"{', '.join(notes)} ({seconds:.2f} s)", flush=True)
    return 0
