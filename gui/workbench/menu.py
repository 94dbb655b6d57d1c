"""The Tools menu (工具): workbench features that act on the tab shown.  Tk thread only.

Each feature keeps its code in its own module under gui/workbench/ and is
imported on first use (inside the entry's command), so the first window
does not pay for it.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..i18n import N_, tr

if TYPE_CHECKING:
    from ..app import App

AddEntry = Callable[..., None]  # App._build_menu's add(parent, kind, label, **options): translated labels


def build_tools_menu(app: App, menubar: tk.Menu, add: AddEntry) -> tk.Menu:
    """The Tools menu (name "tools"); each feature adds its entries here, in its own block."""
    menu = tk.Menu(menubar, name="tools", tearoff=False)
    # sending: what the send box holds, again and again; a file; saved payloads (each send box's Saved ▾)
    add(menu, "command", N_("Periodic send…"), command=lambda: _send_window(app, "periodic"))
    add(menu, "command", N_("Send file…"), command=lambda: _send_window(app, "file"))
    add(menu, "command", N_("Saved messages…"), command=lambda: app.saved_messages().open_window())
    menu.add_separator()
    # answering and reading: auto-reply rules, receive framing
    add(menu, "command", N_("Auto-reply rules…"), command=lambda: _auto_reply_rules(app))
    add(menu, "command", N_("Receive framing…"), command=lambda: _receive_framing(app))
    menu.add_separator()
    # keeping and counting: received data per peer, the log as CSV, statistics
    add(menu, "command", N_("Save received data, one file per peer…"), command=lambda: _save_each_peer(app))
    add(menu, "command", N_("Export log (CSV or text)…"), command=lambda: _export_log(app))
    add(menu, "command", N_("Statistics…"), command=lambda: _statistics(app))
    menu.add_separator()
    # the socket itself: broadcast and groups (UDP), reconnect, local address, client limits
    add(menu, "command", N_("Broadcast and multicast…"), command=lambda: _groups_window(app))
    add(menu, "command", N_("Connection settings…"), command=lambda: _connection_settings(app))
    return menu


def _groups_window(app: App) -> None:
    """Tools → Broadcast and multicast… for the UDP tab shown (a TCP tab shows the UDP server's)."""
    from .groups_window import NOT_UDP, open_groups_window

    tab = app.current_tab()
    other = tab.transport != "udp"
    if other:
        tab = app.tabs["udp_server"]
        app.notebook.select(tab)
    window = open_groups_window(app.root, tab)
    if other:
        window.part.message = tr(NOT_UDP)
        window.redraw()


def _auto_reply_rules(app: App) -> None:
    from .autoreply_window import open_rules  # (loaded with the first use: the window starts sooner)

    if not _said_not_for_relay(app):
        open_rules(app.root, app.current_tab())


def _receive_framing(app: App) -> None:
    from .framing_window import open_framing

    if not _said_not_for_relay(app):
        open_framing(app.root, app.current_tab())


NOT_FOR_RELAY = N_("The TCP relay passes bytes on as they come, in both directions: auto-reply rules and "
                   "receive framing belong to the server and client tabs.")


def _said_not_for_relay(app: App) -> bool:
    """On the relay tab, say in its log why rules and framing are not offered there (True)."""
    tab = app.current_tab()
    if not tab.relays:
        return False
    tab.log.add_message("error", tr(NOT_FOR_RELAY))
    tab.log.flush()
    return True


def _send_window(app: App, which: str) -> tk.Misc:
    """Open the shown tab's periodic send or send-file window (their modules load with the first use)."""
    tab = app.current_tab()
    if which == "periodic":
        from .periodic_window import open_periodic

        return open_periodic(app.root, tab)
    from .file_window import open_file_window

    return open_file_window(app.root, tab)


def _save_each_peer(app: App) -> None:
    from .saving import save_each_peer

    save_each_peer(app)


def _export_log(app: App) -> None:
    from .saving import export_log

    export_log(app)


def _statistics(app: App) -> None:
    from .stats_window import show_statistics

    show_statistics(app.root, app.current_tab())


def _connection_settings(app: App) -> None:
    from .connection_window import open_connection_window  # (loaded with the first use)

    open_connection_window(app.root, app.current_tab())
