"""Driving the real window the way a person does: type, click, press Enter."""

from __future__ import annotations

import time
import tkinter as tk
from tkinter import ttk

from gui.app import App


def wait_until(widget: tk.Misc, predicate, timeout: float = 5.0, what=None):
    """Run the Tk loop until ``predicate()`` is true; fail after ``timeout`` s.

    ``what``, a function returning a description of the state, goes into the failure message.
    """
    deadline = time.monotonic() + timeout
    while True:
        widget.update()
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            state = what() if what is not None else predicate
            raise AssertionError(f"condition not met within {timeout} s: {state}")
        time.sleep(0.005)


def pump_for(widget: tk.Misc, seconds: float) -> None:
    """Let the window run for a while (to show that something does NOT happen)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        widget.update()
        time.sleep(0.005)


def w(app: App, path: str) -> tk.Misc:
    """The widget at ``path`` below the window, e.g. ``"tabs.tcp_server.form.port"``."""
    return app.root.nametowidget(f"{app.root}.{path}")


def type_into(entry: ttk.Entry, text: str) -> None:
    entry.delete(0, "end")
    entry.insert(0, text)


def press(widget: tk.Misc, key: str = "<Return>") -> None:
    widget.focus_force()
    widget.update()
    widget.event_generate(key)
    widget.update()


def choose(combo: ttk.Combobox, value: str) -> None:
    """Pick ``value`` (not its label) in one of our Choice drop-downs."""
    combo.set(value)


def select_tab(app: App, name: str) -> None:
    app.notebook.select(app.tabs[name])
    app.root.update()


def start_server(app: App, tab: str, host: str = "127.0.0.1") -> int:
    """Start a server tab on a free port through its form; returns the port."""
    select_tab(app, tab)
    type_into(w(app, f"tabs.{tab}.form.host"), host)
    type_into(w(app, f"tabs.{tab}.form.port"), "0")
    w(app, f"tabs.{tab}.form.start").invoke()
    wait_until(app.root, lambda: app.tabs[tab].state == "running")
    return app.tabs[tab].endpoint.local_addresses[0].port


def start_client(app: App, tab: str, port: int, host: str = "127.0.0.1") -> None:
    select_tab(app, tab)
    type_into(w(app, f"tabs.{tab}.form.host"), host)
    type_into(w(app, f"tabs.{tab}.form.port"), str(port))
    w(app, f"tabs.{tab}.form.start").invoke()
    wait_until(app.root, lambda: app.tabs[tab].state == "running")


def send_text(app: App, tab: str, text: str) -> None:
    """Type ``text`` in the tab's send box and press Enter."""
    select_tab(app, tab)
    entry = w(app, f"tabs.{tab}.send.row.message")
    type_into(entry, text)
    press(entry)


def log_text(app: App, tab: str) -> str:
    return app.tabs[tab].log.content()
