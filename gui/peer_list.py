"""A table of peers with byte counters (TCP clients, UDP senders).  Tk thread only."""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from netcore import describe

from .i18n import N_, on_language_change, tr

COLUMNS = (("address", N_("Address"), 170), ("received", N_("Received (B)"), 90),
           ("sent", N_("Sent (B)"), 80))


class PeerList(ttk.Treeview):
    """Rows keyed by peer; counters updated in place."""

    def __init__(self, master: tk.Misc, *, name: str) -> None:
        super().__init__(master, name=name, columns=[c for c, _, _ in COLUMNS], show="headings",
                         height=8, selectmode="browse")
        for column, _label, width in COLUMNS:
            self.column(column, width=width, stretch=column == "address",
                        anchor="w" if column == "address" else "e")
        self._relabel()
        on_language_change(self._relabel)
        self._counts: dict[tuple[str, int], list[int]] = {}
        self._dirty: set[tuple[str, int]] = set()

    def _relabel(self) -> None:
        for column, label, _width in COLUMNS:
            self.heading(column, text=tr(label))

    def _iid(self, peer: tuple[str, int]) -> str:
        return describe(peer)

    def add(self, peer: tuple[str, int]) -> None:
        if peer in self._counts:
            return
        self._counts[peer] = [0, 0]
        self.insert("", "end", iid=self._iid(peer), values=(describe(peer), 0, 0))

    def remove(self, peer: tuple[str, int]) -> None:
        if self._counts.pop(peer, None) is not None:
            self.delete(self._iid(peer))

    def clear_all(self) -> None:
        self._counts.clear()
        self._dirty.clear()
        self.delete(*self.get_children())

    def count(self, peer: tuple[str, int], received: int = 0, sent: int = 0) -> None:
        if peer not in self._counts:
            self.add(peer)
        counts = self._counts[peer]
        counts[0] += received
        counts[1] += sent
        self._dirty.add(peer)

    def refresh(self) -> None:
        """Show the counters (once per tick, not per event)."""
        for peer in self._dirty:
            counts = self._counts.get(peer)
            if counts is not None:
                self.item(self._iid(peer), values=(describe(peer), f"{counts[0]:,}", f"{counts[1]:,}"))
        self._dirty.clear()

    def selected(self) -> tuple[str, int] | None:
        selection = self.selection()
        if not selection:
            return None
        for peer in self._counts:
            if self._iid(peer) == selection[0]:
                return peer
        return None

    def peers(self) -> list[tuple[str, int]]:
        return list(self._counts)
