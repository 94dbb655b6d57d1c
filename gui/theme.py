"""Light and dark look: Sun Valley (sv-ttk) when installed, else ttk's clam.

Plain Tk widgets (the log's Text, the menus) do not follow ttk styles, so
their colours come from :data:`PALETTES`.  Tk thread only.
"""

from __future__ import annotations

import contextlib
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
    style = ttk.Style(root)
    if sv_ttk is not None:
        sv_ttk.set_theme(name, root.nametowidget("."))  # it styles the whole Tk interpreter
    else:
        style.theme_use("clam")
        style.configure(".", background=colours["bg"], foreground=colours["fg"],
                        fieldbackground=colours["field"])
        style.map("TEntry", fieldbackground=[("!disabled", colours["field"])])
        root.configure(background=colours["bg"])
    # a style for fields holding input the user must fix (bad port, bad hex)
    style.configure("Bad.TEntry", fieldbackground=colours["bad"], foreground=colours["fg"])
    style.configure("Hint.TLabel", foreground=colours["info"])
    style.configure("Error.TLabel", foreground=colours["error"])
    if sv_ttk is not None:
        _settle_sun_valley(root.nametowidget("."))
    for listener in list(_listeners):
        listener()


def _settle_sun_valley(tk_root: tk.Misc) -> None:
    """Apply sv-ttk's colours now, and keep our label styles visible.

    sv-ttk sets its colours (and calls tk_setPalette) only when a
    <<ThemeChanged>> event reaches the root, which may be much later; run it
    now.  tk_setPalette also gives every ttk label a fixed foreground, which
    hides the colours of our label styles (hints, errors), so after each of
    its runs the labels are handed back to their styles.
    """
    with contextlib.suppress(tk.TclError):  # a future sv-ttk may rename it: colours then come later
        tk_root.tk.call("configure_colors")
    tk_root.option_add("*TLabel.foreground", "", "interactive")
    _labels_follow_style(tk_root)
    if not getattr(tk_root, "_socklab_labels_bound", False):
        tk_root.bind_class(tk_root.winfo_class(), "<<ThemeChanged>>",
                           lambda _event: _labels_follow_style(tk_root), add="+")
        tk_root._socklab_labels_bound = True  # type: ignore[attr-defined]


def _labels_follow_style(widget: tk.Misc) -> None:
    for child in widget.winfo_children():
        if isinstance(child, ttk.Label):
            child.configure(foreground="")
        _labels_follow_style(child)


def on_theme_change(listener: Callable[[], None]) -> None:
    """Call ``listener`` after every switch (plain Tk widgets recolour themselves)."""
    _listeners.append(listener)


def forget_listeners() -> None:
    _listeners.clear()
