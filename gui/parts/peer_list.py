"""A table of peers with byte counters (TCP clients, UDP senders).  Tk thread only.

Rows are keyed by whatever names a peer uniquely: a connection id for TCP
clients (two connections from one address are two rows), the sender's
address for UDP.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Hashable
from tkinter import ttk

from netcore import describe

from ..i18n import N_, on_language_change, tr

# the address column fits 127.0.0.1:52808, the byte columns 200,000,000 at the default font
COLUMNS = (("address", N_("Address"), 130), ("received", N_("Received (B)"), 100),
           ("sent", N_("Sent (B)"), 100))
# TCP clients: the kernel's TCP state (ESTABLISHED, CLOSE_WAIT...), shown last: where the panel is
# narrow the address and counters stay whole (the strip above the log names the selected one's state)
STATE_COLUMN = ("state", N_("State"), 110)


class PeerList(ttk.Treeview):
    """Rows keyed by peer; counters updated in place."""

    def __init__(self, master: tk.Misc, *, name: str, states: bool = False) -> None:
        self._columns = (*COLUMNS, STATE_COLUMN) if states else COLUMNS
        super().__init__(master, name=name, columns=[c for c, _, _ in self._columns], show="headings",
                         height=4, selectmode="extended")
        if states:
            self.configure(displaycolumns=("address", "received", "sent", "state"))
        for column, _label, width in self._columns:
            self.column(column, width=width, minwidth=60, stretch=column == "address",
                        anchor="e" if column in ("received", "sent") else "w")
        self._relabel()
        on_language_change(self._relabel)
        # bytes received, bytes sent, messages received, messages sent (Tools → Statistics… reads them)
        self._counts: dict[Hashable, list[int]] = {}
        self._labels: dict[Hashable, str] = {}
        self._states: dict[Hashable, str] = {}
        self._dirty: set[Hashable] = set()

    def base_width(self) -> int:
        """The width the address and byte columns ask for (without the State column)."""
        return sum(width for _column, _label, width in COLUMNS)

    def _relabel(self) -> None:
        for column, label, _width in self._columns:
            self.heading(column, text=tr(label))

    def _iid(self, key: Hashable) -> str:
        return f"#{key}" if isinstance(key, int) else describe(key)

    def add(self, key: Hashable, label: str | None = None) -> None:
        if key in self._counts:
            return
        self._counts[key] = [0, 0, 0, 0]
        self._labels[key] = label if label is not None else describe(key)
        self.insert("", "end", iid=self._iid(key), values=(self._labels[key], 0, 0))

    def remove(self, key: Hashable) -> None:
        if self._counts.pop(key, None) is not None:
            self._labels.pop(key, None)
            self._states.pop(key, None)
            self.delete(self._iid(key))

    def clear_all(self) -> None:
        self._counts.clear()
        self._labels.clear()
        self._states.clear()
        self._dirty.clear()
        self.delete(*self.get_children())

    def count(self, key: Hashable, received: int = 0, sent: int = 0, messages_in: int = 0,
              messages_out: int = 0) -> None:
        counts = self._counts.get(key)
        if counts is None:
            if isinstance(key, int):
                return  # a connection already gone from the list
            self.add(key)
            counts = self._counts[key]
        counts[0] += received
        counts[1] += sent
        counts[2] += messages_in
        counts[3] += messages_out
        self._dirty.add(key)

    def counters(self, key: Hashable) -> tuple[int, int, int, int] | None:
        """(bytes received, bytes sent, messages received, messages sent) of ``key``, None if gone."""
        counts = self._counts.get(key)
        return None if counts is None else (counts[0], counts[1], counts[2], counts[3])

    def reset_counts(self) -> None:
        """Every row's counters back to zero (the rows stay)."""
        for key, counts in self._counts.items():
            counts[:] = [0, 0, 0, 0]
            self._dirty.add(key)

    def refresh(self) -> None:
        """Show the counters (once per draw, not per event)."""
        for key in self._dirty:
            counts = self._counts.get(key)
            if counts is not None:
                self.item(self._iid(key), values=(self._labels[key], f"{counts[0]:,}", f"{counts[1]:,}",
                                                  self._states.get(key, "")))
        self._dirty.clear()

    def selected(self) -> list[Hashable]:
        """The keys of the selected rows, top to bottom."""
        chosen = set(self.selection())
        return [key for key in self._counts if self._iid(key) in chosen]

    def select_at(self, y: int) -> bool:
        """Select the row under ``y`` (a right-click) unless it is already among the selected."""
        row = self.identify_row(y)
        if not row:
            return False
        if row not in self.selection():
            self.selection_set(row)
        return True

    def set_label(self, key: Hashable, label: str) -> None:
        """Show ``label`` for ``key``'s row (at the next refresh)."""
        if key in self._labels:
            self._labels[key] = label
            self._dirty.add(key)

    def set_tcp_state(self, key: Hashable, state: str) -> None:
        """Show the kernel's TCP ``state`` for ``key``'s row (at the next refresh, if it changed)."""
        if key in self._counts and self._states.get(key) != state:
            self._states[key] = state
            self._dirty.add(key)

    def tcp_state(self, key: Hashable) -> str:
        return self._states.get(key, "")

    def label(self, key: Hashable) -> str:
        return self._labels.get(key, str(key))

    def peers(self) -> list[Hashable]:
        return list(self._counts)
