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

    # --- saved messages (issue 12, feature 7): the library; each send box's Saved ▾ sends them
    add(menu, "command", N_("Saved messages…"), command=lambda: app.saved_messages().open_window())

    return menu
