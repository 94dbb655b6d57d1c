"""A UDP tab's impairment lab setting, and its "impaired" mark in the status bar.

Made the first time the lab is opened for a tab (:func:`lab_of`): a tab
that never uses it carries nothing.  The setting outlives the tab's runs:
each start hands it to the new endpoint (netcore applies it on the I/O
thread and says so in the log); a change while running applies at once.
While the setting is on, the status bar shows a red "⚠ impaired" mark.
Tk thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from tkinter import ttk
from typing import TYPE_CHECKING

from netcore.impairment import OFF, Impairment

from ..i18n import N_, bind_text
from ..parts import TabPart

if TYPE_CHECKING:
    from ..tab import EndpointTab

MARK = N_("⚠ impaired")
UDP_TABS = ("udp_client", "udp_server")


class ImpairmentLab(TabPart):
    """The lab's setting for one UDP tab; ``changed`` listeners hear every change (the windows)."""

    def __init__(self, tab: EndpointTab) -> None:
        self.tab = tab
        self.settings: Impairment = OFF
        self.listeners: list[Callable[[], None]] = []
        # beside Reset counters: red, and only while the lab is on
        self.mark = bind_text(ttk.Label(tab.status_bar, name="impaired", style="Error.TLabel"), MARK)

    def set(self, settings: Impairment) -> None:
        """Use ``settings`` from now on (the running endpoint at once, else from the next start)."""
        self.settings = settings
        endpoint = self.tab.endpoint
        if endpoint is not None and self.tab.state in ("starting", "running"):
            endpoint.set_impairment(settings)  # type: ignore[attr-defined]  # a UDP endpoint
        self._show_mark()
        for listener in list(self.listeners):
            listener()

    @property
    def running(self) -> bool:
        return self.tab.state in ("starting", "running")

    # ------------------------------------------------------------ TabPart
    def set_state(self, state: str) -> None:
        if state == "starting" and self.settings.active and self.tab.endpoint is not None:
            self.tab.endpoint.set_impairment(self.settings)  # type: ignore[attr-defined]
        for listener in list(self.listeners):
            listener()

    def _show_mark(self) -> None:
        if self.settings.active:
            self.mark.pack(side="right", padx=(6, 0), anchor="n")
        else:
            self.mark.pack_forget()


def lab_of(tab: EndpointTab) -> ImpairmentLab:
    """The tab's lab, made (and added to its parts) on first use."""
    tab.build()
    lab = tab.__dict__.get("impairment_lab")
    if not isinstance(lab, ImpairmentLab):
        lab = ImpairmentLab(tab)
        tab.impairment_lab = lab  # type: ignore[attr-defined]
        tab.parts.append(lab)
    return lab
