"""Learn → Unreliable network (impairment)…: a UDP tab's loss, duplicates, reordering, delay and jitter.

One window per UDP tab (``impairment_udp_client``, ``impairment_udp_server``).
The fields are read by :func:`netcore.impairment.impairment_from_flags`, the
same function the command line's ``--loss --dup --reorder --delay --jitter
--seed`` go through, so the window and the command line give the same runs.
A mistake is said under the fields and its field is marked; nothing is
applied until every field is right.  On a TCP tab the entry says, in the
tab's log, why a stream cannot be impaired this way.  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import TYPE_CHECKING

from netcore import NetError
from netcore.impairment import BAD_MS, BAD_PERCENT, BAD_SEED, OFF, Impairment, impairment_from_flags

from .. import theme
from ..i18n import N_, bind_text, on_language_change, tr, trf
from ..line_breaks import WrappedLabel
from ..widgets import mark_bad, mark_good
from .impair_part import UDP_TABS, lab_of

if TYPE_CHECKING:
    from ..tab import EndpointTab

TITLE = N_("Unreliable network: {tab}")
ABOUT = N_("On loopback no datagram is ever lost, copied or reordered, so UDP looks reliable. Here this "
           "tab's socket mistreats the datagrams it sends, as a bad network can: some are dropped, some "
           "sent twice, some held back so later ones overtake them, all delayed. The log, the trace and "
           "the status line say when it is on.")
NOT_UDP = N_("The impairment lab works on the UDP tabs. TCP is a stream: dropping or reordering its bytes "
             "inside SockLab would only break the connection. On a real network TCP's kernel numbers every "
             "byte, sends again what was lost and puts early bytes back in order, so recv() always gets "
             "every byte once and in order. Learn → Numbered messages demonstration shows both.")
STATE_OFF = N_("Off: datagrams go out as they are sent.")
STATE_ON = N_("On: applies to what this tab sends.")
STATE_LATER = N_("On from the next Open.")
SEED_HINT = N_("empty: a new one at each start (the log says which)")

WRAP = 460  # pixels: where the window's sentences wrap

#: (entry name, label, unit, keyword of impairment_from_flags, the settings field)
FIELDS = (
    ("loss", N_("Loss:"), "%", "loss", "loss"),
    ("dup", N_("Duplicates:"), "%", "dup", "duplicate"),
    ("reorder", N_("Reordering:"), "%", "reorder", "reorder"),
    ("window", N_("Held back up to:"), "ms", "reorder_window", "reorder_window_ms"),
    ("delay", N_("Delay:"), "ms", "delay", "delay_ms"),
    ("jitter", N_("Jitter (±):"), "ms", "jitter", "jitter_ms"),
    ("seed", N_("Seed:"), "", "seed", "seed"),
)
#: A network bad enough to see everything in a hundred datagrams.
EXAMPLE = Impairment(loss=10, duplicate=5, reorder=10, reorder_window_ms=50, delay_ms=0, jitter_ms=0)
#: Which field a refusal is about (its template says): template → entry name.
_ENTRY_OF_TEMPLATE = {template: key for key, _label, _unit, _flag, field in FIELDS
                      for template in (BAD_PERCENT.get(field), BAD_MS.get(field),
                                       BAD_SEED if field == "seed" else None) if template}


def _figure(value: float | int | None) -> str:
    return "" if value is None else f"{value:g}"


class ImpairmentWindow(tk.Toplevel):
    """The lab's settings for ``tab``."""

    def __init__(self, master: tk.Misc, tab: EndpointTab) -> None:
        super().__init__(master, name=f"impairment_{tab.winfo_name()}")
        self.tab = tab
        self.lab = lab_of(tab)
        self.configure(background=theme.palette()["bg"])
        body = ttk.Frame(self, name="body", padding=10)
        body.pack(fill="both", expand=True)
        # fixed wrap widths: the window takes the size its contents ask for, whatever the language
        self.about = WrappedLabel(body, name="about", justify="left", wraplength=WRAP)
        self.about.pack(side="top", fill="x")

        grid = ttk.Frame(body, name="fields")
        grid.pack(side="top", fill="x", pady=(8, 0))
        self.entries: dict[str, ttk.Entry] = {}
        for row, (key, label, unit, _flag, _field) in enumerate(FIELDS):
            bind_text(ttk.Label(grid, name=f"{key}_label"), label).grid(row=row, column=0, sticky="w", pady=2)
            entry = ttk.Entry(grid, name=key, width=10)
            entry.grid(row=row, column=1, sticky="w", padx=(6, 4), pady=2)
            entry.bind("<Return>", lambda e: self.apply())
            entry.bind("<KP_Enter>", lambda e: self.apply())
            self.entries[key] = entry
            if unit:
                ttk.Label(grid, name=f"{key}_unit", text=unit).grid(row=row, column=2, sticky="w")
        bind_text(ttk.Label(grid, name="seed_hint", style="Hint.TLabel"), SEED_HINT).grid(
            row=len(FIELDS), column=1, columnspan=3, sticky="w")
        grid.columnconfigure(3, weight=1)  # the hint's width goes here, not between a field and its unit

        self.error = WrappedLabel(body, name="error", style="Error.TLabel", justify="left", wraplength=WRAP)
        self.error.pack(side="top", fill="x", pady=(6, 0))
        self.state_line = WrappedLabel(body, name="state", justify="left", wraplength=WRAP)
        self.state_line.pack(side="top", fill="x", pady=(2, 0))

        buttons = ttk.Frame(body, name="buttons")
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        self.example_button = bind_text(ttk.Button(buttons, name="example", command=self.example),
                                        N_("Example: a bad network"))
        self.example_button.pack(side="left")
        self.off_button = bind_text(ttk.Button(buttons, name="off", command=self.turn_off), N_("Turn off"))
        self.off_button.pack(side="left", padx=(6, 0))
        self.close_button = bind_text(ttk.Button(buttons, name="close", command=self.destroy), N_("Close"))
        self.close_button.pack(side="right")
        self.apply_button = bind_text(ttk.Button(buttons, name="apply", command=self.apply,
                                                 style="Accent.TButton"), N_("Apply"))
        self.apply_button.pack(side="right", padx=(0, 6))

        self.fill(self.lab.settings)
        self._forget_language = on_language_change(self._relabel)
        self.lab.listeners.append(self._show_state)
        self.bind("<Destroy>", self._destroyed, add="+")
        self.bind("<Escape>", lambda e: self.destroy())
        self._relabel()

    # ------------------------------------------------------------ actions
    def fill(self, settings: Impairment) -> None:
        """Show ``settings`` in the fields (nothing applied yet)."""
        for key, _label, _unit, _flag, field in FIELDS:
            entry = self.entries[key]
            entry.delete(0, "end")
            entry.insert(0, _figure(getattr(settings, field)))
            mark_good(entry)

    def read(self) -> Impairment | None:
        """The settings typed, or None (the mistake is said and its field marked)."""
        for entry in self.entries.values():
            mark_good(entry)
        try:
            settings = impairment_from_flags(**{flag: self.entries[key].get()
                                                for key, _label, _unit, flag, _field in FIELDS})
        except NetError as err:
            self.error.configure(text=err.translated(tr))
            field = _ENTRY_OF_TEMPLATE.get(err.template, "")
            if field in self.entries:
                mark_bad(self.entries[field])
            return None
        self.error.configure(text="")
        return settings

    def apply(self) -> bool:
        """Use what is typed (Apply, Enter); False if a field is wrong."""
        settings = self.read()
        if settings is None:
            return False
        self.lab.set(settings)
        return True

    def example(self) -> None:
        self.fill(EXAMPLE)
        self.apply()

    def turn_off(self) -> None:
        self.fill(OFF)
        self.apply()

    # ------------------------------------------------------------ drawing
    def _show_state(self) -> None:
        if not self.winfo_exists():
            return
        settings = self.lab.settings
        if not settings.active:
            text, style = tr(STATE_OFF), "TLabel"
        else:
            text = settings.describe(tr) + " " + tr(STATE_ON if self.lab.running else STATE_LATER)
            style = "Error.TLabel"
        self.state_line.configure(style=style)
        self.state_line.configure(text=text)

    def _relabel(self) -> None:
        self.title(trf(TITLE, tab=tr(self.tab.title)))
        self.about.configure(text=tr(ABOUT))
        self._show_state()
        if self.error.cget("text"):
            self.read()

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is not self:
            return
        self._forget_language()
        if self._show_state in self.lab.listeners:
            self.lab.listeners.remove(self._show_state)


def open_impairment(root: tk.Misc, tab: EndpointTab) -> ImpairmentWindow | None:
    """Open (or raise) the lab for ``tab``; on a TCP tab, say in its log why not (None)."""
    if tab.winfo_name() not in UDP_TABS:
        tab.log.add_message("info", lambda: tr(NOT_UDP))
        tab.log.flush()
        return None
    existing = root.children.get(f"impairment_{tab.winfo_name()}")
    if isinstance(existing, ImpairmentWindow) and existing.winfo_exists():
        existing.deiconify()
        existing.lift()
        return existing
    return ImpairmentWindow(root, tab)
