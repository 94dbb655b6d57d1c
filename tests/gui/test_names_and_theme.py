"""Automation can find every control by a stable name; the app still looks right without sv-ttk."""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from gui import theme

from .drive import wait_until

INTERACTIVE = (tk.Entry, tk.Text, tk.Menu, tk.Button, ttk.Entry, ttk.Button, ttk.Checkbutton,
               ttk.Radiobutton, ttk.Combobox, ttk.Treeview, ttk.Notebook, ttk.Scrollbar, ttk.Panedwindow)


def _walk(widget: tk.Misc):
    for child in widget.winfo_children():
        yield child
        yield from _walk(child)


def test_every_interactive_widget_has_a_given_name(app):
    wait_until(app.root, lambda: all(tab.built for tab in app.tabs.values()))  # built just after start
    unnamed = [str(widget) for widget in _walk(app.root)
               if isinstance(widget, INTERACTIVE) and widget.winfo_name().startswith("!")]
    assert not unnamed, f"widgets without a name=: {unnamed}"
    interactive = [widget for widget in _walk(app.root) if isinstance(widget, INTERACTIVE)]
    assert len(interactive) > 60


def test_widget_paths_are_the_same_in_every_tab(app):
    for tab in ("tcp_server", "tcp_client", "udp_server", "udp_client"):
        for path in ("form.host", "form.port", "form.start", "middle.panes.log.body.text",
                     "middle.panes.log.bar.view",
                     "send.row.message", "send.row.send_button", "send.options.mode", "status_bar.status",
                     "status_bar.reset"):
            assert app.root.nametowidget(f"{app.root}.tabs.{tab}.{path}")


def test_without_sun_valley_the_clam_theme_is_used(app, monkeypatch):
    monkeypatch.setattr(theme, "sv_ttk", None)
    try:
        theme.apply(app.root, "dark")
        style = ttk.Style(app.root)
        assert style.theme_use() == "clam"
        assert style.lookup(".", "background") == theme.PALETTES["dark"]["bg"]
        assert app.tabs["tcp_server"].log.text.cget("background") == theme.PALETTES["dark"]["field"]
    finally:
        monkeypatch.undo()
        theme.apply(app.root, "light")
    assert ttk.Style(app.root).theme_use() == "sun-valley-light"
