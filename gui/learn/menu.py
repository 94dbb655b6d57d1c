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
    """The Learn menu with Show code, Export calls as script and the seed's programs (name "learn")."""
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
    return menu


def _window(app: App, which: str) -> None:
    """Open Show code or Export for the tab shown (their modules load with the first use)."""
    from . import show_code

    getattr(show_code, which)(app.root, app.current_tab())


def _runner(app: App, key: str) -> Callable[[], Any]:
    return lambda: run_preset(app, key)
