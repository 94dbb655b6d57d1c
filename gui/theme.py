"""Light and dark look: Sun Valley (sv-ttk) when installed, else ttk's clam.

Plain Tk widgets (the log's Text, the menus) do not follow ttk styles, so
their colours come from :data:`PALETTES`.  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

try:
    import sv_ttk
except ImportError:  # the app still works, only plainer
    sv_ttk = None

THEMES = ("light", "dark")

PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "bg": "#fafafa", "fg": "#1c1c1c", "field": "#ffffff", "select": "#cce4f7",
        "sent": "#0b5cad", "received": "#1d7a2e", "info": "#6b6b6b", "error": "#c42b1c",
        "time": "#8a8a8a", "bad": "#fde7e9",
    },
    "dark": {
        "bg": "#1c1c1c", "fg": "#e8e8e8", "field": "#272727", "select": "#2f4f6f",
        "sent": "#6cb8ff", "received": "#6ccb7c", "info": "#a8a8a8", "error": "#ff8a80",
        "time": "#8f8f8f", "bad": "#5a1d1d",
    },
}

_current = "light"
_listeners: list[Callable[[], None]] = []


def current() -> str:
    return _current


def palette() -> dict[str, str]:
    return PALETTES[_current]


def has_sun_valley() -> bool:
    return sv_ttk is not None


def apply(root: tk.Tk, name: str) -> None:
    """Switch the whole window to ``name`` ("light" or "dark")."""
    global _current
    if name not in THEMES:
        raise ValueError(f"unknown theme {name!r}")
    _current = name
    colours = PALETTES[name]
    if sv_ttk is not None:
        sv_ttk.set_theme(name, root.nametowidget("."))  # it styles the whole Tk interpreter
    else:
        style = ttk.Style(root)
        style.theme_use("clam")
        style.configure(".", background=colours["bg"], foreground=colours["fg"],
                        fieldbackground=colours["field"])
        style.map("TEntry", fieldbackground=[("!disabled", colours["field"])])
        root.configure(background=colours["bg"])
    # a style for fields holding input the user must fix (bad port, bad hex)
    style = ttk.Style(root)
    style.configure("Bad.TEntry", fieldbackground=colours["bad"], foreground=colours["fg"])
    style.configure("Hint.TLabel", foreground=colours["info"])
    style.configure("Error.TLabel", foreground=colours["error"])
    root.option_add("*Menu.background", colours["field"])
    root.option_add("*Menu.foreground", colours["fg"])
    for listener in list(_listeners):
        listener()


def on_theme_change(listener: Callable[[], None]) -> None:
    """Call ``listener`` after every switch (plain Tk widgets recolour themselves)."""
    _listeners.append(listener)


def forget_listeners() -> None:
    _listeners.clear()
