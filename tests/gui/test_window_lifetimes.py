"""A tool window the user closes is gone: nothing the window registered keeps it (or its tab's
data) alive, and nothing of it runs afterwards.

Each window opened here registers with something that lives longer than it (the theme, the
language, the impairment lab, a tab's recorder): a registration left behind keeps the whole
window and its widgets' Python objects for the rest of the session, and runs again on every
theme switch.
"""

from __future__ import annotations

import gc
import tkinter as tk
import weakref

import pytest

from .drive import pump_for, select_tab, w
from .test_save_and_stats import menu_index

# (menu, entry, tab shown first): every entry of the Tools and Learn menus that opens a window of
# its own (the others ask for a file first, or switch something on)
WINDOWS = [
    ("menubar.tools", "Periodic send…", "tcp_client"),
    ("menubar.tools", "Saved messages…", "tcp_client"),
    ("menubar.tools", "Auto-reply rules…", "tcp_server"),
    ("menubar.tools", "Receive framing…", "tcp_server"),
    ("menubar.tools", "Statistics…", "udp_server"),
    ("menubar.tools", "Broadcast and multicast…", "udp_client"),
    ("menubar.tools", "Connection settings…", "tcp_client"),
    ("menubar.learn", "Show code…", "tcp_server"),
    ("menubar.learn", "Socket options…", "tcp_server"),
    ("menubar.learn", "Nagle's algorithm demonstration…", "tcp_client"),
    ("menubar.learn", "Sequence diagram…", "tcp_server"),
    ("menubar.learn", "Unreliable network (impairment)…", "udp_client"),
    ("menubar.learn", "Numbered messages demonstration…", "tcp_server"),
]


def _close_as_the_window_manager_does(window: tk.Toplevel) -> None:
    command = window.protocol("WM_DELETE_WINDOW")
    if command:
        window.tk.call(command)
    else:
        window.destroy()


@pytest.mark.parametrize(("menu", "label", "tab"), WINDOWS, ids=[label for _m, label, _t in WINDOWS])
def test_a_closed_window_is_let_go_and_switches_leave_it_alone(app, menu, label, tab):
    from gui import theme

    select_tab(app, tab)
    before = set(app.root.children)
    listeners = len(theme._listeners)
    menubar = w(app, menu)
    menubar.invoke(menu_index(menubar, label))
    app.root.update()
    opened = [child for name, child in app.root.children.items()
              if name not in before and isinstance(child, tk.Toplevel)]
    assert len(opened) == 1, f"{label}: one new window, not {sorted(set(app.root.children) - before)}"
    window = opened[0]
    gone = weakref.ref(window)
    pump_for(app.root, 0.1)  # let it draw and start whatever it runs
    _close_as_the_window_manager_does(window)
    del window, opened
    pump_for(app.root, 0.1)
    gc.collect()
    assert gone() is None, f"{label}: still alive after close, held by " + ", ".join(
        sorted({type(holder).__name__ for holder in gc.get_referrers(gone())}))
    assert len(theme._listeners) == listeners, f"{label}: a theme listener stays registered"
    # nothing of the closed window runs (a Tk callback error would fail the test)
    app.set_theme("dark")
    app.set_theme("light")
    app.set_language("zh")
    app.set_language("en")
