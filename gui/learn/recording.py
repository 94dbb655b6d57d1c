"""Learn → Record socket calls: whether the tabs' endpoints report their socket calls.  Tk thread only."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..app import App

VARIABLE = "record_calls"  # the Tk variable of the menu's check mark


def set_recording(app: App, on: bool) -> None:
    """Record every tab's socket calls from its next start on (Export calls as script reads them).

    Off, an endpoint makes plain socket calls at no cost; a tab already running keeps what it has.
    """
    app.root.setvar(VARIABLE, on)
    for tab in app.tabs.values():
        tab.record_calls = on
