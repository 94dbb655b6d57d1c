"""The Learn menu (学习): entries that act on the tab shown.  Tk thread only."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..i18n import N_
from .presets import PRESETS, run_preset
from .recording import VARIABLE, set_recording

if TYPE_CHECKING:
    from ..app import App

AddEntry = Callable[..., None]  # App._build_menu's add(parent, kind, label, **options): translated labels


def build_learn_menu(app: App, menubar: tk.Menu, add: AddEntry) -> tk.Menu:
    """The Learn menu (name "learn"): Show code, Export calls as script and the seed's programs; then
    the socket options, the demonstrations, the trace pane and the sequence diagram."""
    menu = tk.Menu(menubar, name="learn", tearoff=False)
    add(menu, "command", N_("Show code…"), command=lambda: _window(app, "show_code"))
    add(menu, "command", N_("Export calls as script…"), command=lambda: _window(app, "export_calls"))
    recording = tk.BooleanVar(app.root, value=True, name=VARIABLE)
    add(menu, "checkbutton", N_("Record socket calls"), variable=recording,
        command=lambda: set_recording(app, recording.get()))
    menu.add_separator()
    seed = tk.Menu(menu, name="seed", tearoff=False)
    for key, preset in PRESETS.items():
        add(seed, "command", preset.label, command=_runner(app, key))
    add(menu, "cascade", N_("Seed programs"), menu=seed)
    menu.add_separator()
    add(menu, "command", N_("Socket options…"), command=lambda: app.current_tab().sockopts.open_window())
    add(menu, "command", N_("Nagle's algorithm demonstration…"), command=app.show_nagle_demo)
    add(menu, "checkbutton", N_("Socket calls (trace)"), variable=app.trace_shown,
        command=lambda: app.current_tab().trace_pane.set_shown(app.trace_shown.get()))
    add(menu, "command", N_("Boundaries demo"), command=lambda: _boundaries_demo(app))
    add(menu, "command", N_("Sequence diagram…"), command=lambda: _sequence_diagram(app))
    # --- the unreliable network lab (issue 14) ---
    menu.add_separator()
    add(menu, "command", N_("Unreliable network (impairment)…"), command=lambda: _impairment(app))
    add(menu, "command", N_("Numbered messages demonstration…"), command=lambda: _numbered_demo(app))
    return menu


def _impairment(app: App) -> None:
    from .impair_window import open_impairment

    open_impairment(app.root, app.current_tab())


def _numbered_demo(app: App) -> None:
    from .numbered_window import show_numbered_demo

    show_numbered_demo(app)


def _boundaries_demo(app: App) -> None:
    from .boundaries_demo import run_demo

    run_demo(app.tabs, app.current_tab())


def _sequence_diagram(app: App) -> None:
    from .sequence_window import show_sequence

    show_sequence(app.root, app.current_tab())


def _window(app: App, which: str) -> None:
    """Open Show code or Export for the tab shown (their modules load with the first use)."""
    from . import show_code

    getattr(show_code, which)(app.root, app.current_tab())


def _runner(app: App, key: str) -> Callable[[], Any]:
    return lambda: run_preset(app, key)
