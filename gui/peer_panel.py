"""The panel beside a server tab's log: its peers, and whom to send to.  Tk thread only."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Sequence
from tkinter import ttk

from .i18n import bind_text
from .peer_list import PeerList


class PeerPanel(ttk.Frame):
    """A titled :class:`PeerList` and radio buttons choosing the target.

    ``choices`` are (value, English label, widget name); choosing a row in the
    list switches the target to "selected".
    """

    def __init__(self, master: tk.Misc, *, name: str, title: str, list_name: str,
                 choices: Sequence[tuple[str, str, str]]) -> None:
        super().__init__(master, name=name, padding=(8, 0, 0, 0))
        bind_text(ttk.Label(self, name=f"{list_name}_label"), title).pack(side="top", anchor="w")
        self.peers = PeerList(self, name=list_name)
        self.peers.pack(side="top", fill="both", expand=True)
        self.target = tk.StringVar(self, value=choices[0][0])
        for index, (value, label, widget_name) in enumerate(choices):
            button = ttk.Radiobutton(self, name=widget_name, variable=self.target, value=value)
            bind_text(button, label).pack(side="top", anchor="w", pady=(4 if index == 0 else 0, 0))
        self.peers.bind("<<TreeviewSelect>>", lambda e: self.target.set("selected"))
