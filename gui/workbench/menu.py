"""The Tools menu (工具): workbench features that act on the tab shown.  Tk thread only.

Each feature keeps its code in its own module under gui/workbench/ and is
imported on first use (inside the entry's command), so the first window
does not pay for it.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..i18n import N_

if TYPE_CHECKING:
    from ..app import App

AddEntry = Callable[..., None]  # App._build_menu's add(parent, kind, label, **options): translated labels


def build_tools_menu(app: App, menubar: tk.Menu, add: AddEntry) -> tk.Menu:
    """The Tools menu (name "tools"); each feature adds its entries here, in its own block."""
    menu = tk.Menu(menubar, name="tools", tearoff=False)
    # --- periodic send and send file ---
    add(menu, "command", N_("Periodic send…"), command=lambda: _send_window(app, "periodic"))
    add(menu, "command", N_("Send file…"), command=lambda: _send_window(app, "file"))
    return menu


def _send_window(app: App, which: str) -> tk.Misc:
    """Open the shown tab's periodic send or send-file window (their modules load with the first use)."""
    tab = app.current_tab()
    if which == "periodic":
        from .periodic_window import open_periodic

        return open_periodic(app.root, tab)
    from .file_window import open_file_window

    return open_file_window(app.root, tab)
