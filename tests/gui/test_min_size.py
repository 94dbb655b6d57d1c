"""Every control is reachable at the window's minimum size, in both languages (issue 9, bug 1)."""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

import pytest

from .drive import select_tab, w

CONTROLS = (ttk.Button, ttk.Entry, ttk.Combobox, ttk.Checkbutton, ttk.Radiobutton, ttk.Treeview, tk.Text)
# fields and lists may shrink a little and stay usable; a button or a choice cut short is not
SHRINKABLE = (ttk.Entry, ttk.Treeview, tk.Text)


def _walk(widget: tk.Misc):
    for child in widget.winfo_children():
        yield child
        yield from _walk(child)


def _problems(app, tab_name: str) -> list[str]:
    root = app.root
    right = root.winfo_rootx() + root.winfo_width()
    bottom = root.winfo_rooty() + root.winfo_height()
    problems = []
    for widget in _walk(app.tabs[tab_name]):
        if not isinstance(widget, CONTROLS) or not widget.winfo_manager():
            continue
        if not widget.winfo_viewable():
            if widget.winfo_ismapped() or widget.master.winfo_viewable():
                problems.append(f"{widget}: not shown")
            continue
        x, y = widget.winfo_rootx(), widget.winfo_rooty()
        width, height = widget.winfo_width(), widget.winfo_height()
        if x + width > right + 1 or y + height > bottom + 1:
            problems.append(f"{widget}: outside the window ({x + width - right} px right, "
                            f"{y + height - bottom} px below)")
        if isinstance(widget, SHRINKABLE) and not isinstance(widget, ttk.Combobox):  # a Combobox is an Entry
            if width < 40 or height < 16:
                problems.append(f"{widget}: squeezed to {width}×{height}")
        elif width < widget.winfo_reqwidth() - 1 or height < widget.winfo_reqheight() - 1:
            problems.append(f"{widget}: cut to {width}×{height} of {widget.winfo_reqwidth()}×"
                            f"{widget.winfo_reqheight()}")
    return problems


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", ["760x480", "1000x540"])
def test_every_control_is_whole_and_inside_the_window(app, lang, size):
    app.set_language(lang)
    app.root.geometry(size)
    found = {}
    for tab_name in app.tabs:
        select_tab(app, tab_name)
        app.root.update()
        found[tab_name] = _problems(app, tab_name)
        status = w(app, f"tabs.{tab_name}.status_bar.status")
        assert status.winfo_viewable(), f"{tab_name}: status line not shown at {size}"
    assert not any(found.values()), "\n".join(p for ps in found.values() for p in ps)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_choice_in_a_drop_down_shows_whole(app, lang):
    import tkinter.font as tkfont

    app.set_language(lang)
    app.root.geometry("760x480")
    font = tkfont.nametofont("TkTextFont", root=app.root)
    cut = []
    for tab_name in app.tabs:
        select_tab(app, tab_name)
        cut += _cut_choices(app.tabs[tab_name], font)
    assert not cut, "\n".join(cut)


def _cut_choices(tab, font) -> list[str]:
    cut = []
    for widget in _walk(tab):
        if isinstance(widget, ttk.Combobox):
            # the text area is the widget less its arrow button (about as wide as the widget is high)
            shown = widget.winfo_width() if widget.winfo_viewable() else widget.winfo_reqwidth()
            room = min(widget.winfo_reqwidth(), shown) - widget.winfo_reqheight()
            longest = max(widget.cget("values"), key=font.measure)
            if font.measure(longest) > room:
                cut.append(f"{widget}: “{longest}” needs {font.measure(longest)} px, has {room}")
    return cut


def test_the_byte_columns_hold_two_hundred_million(app):
    import tkinter.font as tkfont

    font = tkfont.nametofont("TkDefaultFont", root=app.root)
    for tab, panel in (("tcp_server", "clients"), ("udp_server", "senders")):
        peers = getattr(app.tabs[tab], panel)
        for column in ("received", "sent"):
            assert peers.column(column, "width") >= font.measure("200,000,000") + 8, (tab, column)
