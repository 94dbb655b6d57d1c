"""The socket options window of one tab (Learn → Socket options…).

Checkboxes and fields for the options the tab's kind of socket takes, set
before the socket is made (they apply at the next start), and below them
what the kernel reported with ``getsockopt`` after the start: asking Linux
for a 65,536-byte buffer gives 131,072, and the window says why.  Every change
is written to the tab's :class:`~gui.learn.options_model.OptionsChoice` at
once and checked as typed; a bad value is marked here and stops the next
start with the same message.  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import TYPE_CHECKING

from netcore import describe

from .. import theme
from ..i18n import N_, bind_text, on_language_change, tr, trf
from ..line_breaks import WrappedLabel
from ..tab_memory import changed
from ..widgets import trace_writes
from .options_model import FLAGS, OPTION_NAMES, SIZES, OptionError

if TYPE_CHECKING:
    from ..parts.sockopts import SocketOptionsPart

TITLE = N_("Socket options — {tab}")
INTRO = N_("Set before the socket is made: changes apply at the next start. Below, after a start: what the "
           "kernel really gave, read back with getsockopt.")
HELP = {
    "reuse_addr": N_("reuse a port at once, although old connections still wait in TIME_WAIT"),
    "nodelay": N_("send small writes at once (off: Nagle's algorithm gathers them)"),
    "keepalive": N_("probe an idle connection to notice a peer that vanished"),
    "broadcast": N_("allow sending to a broadcast address such as 255.255.255.255"),
    "rcvbuf": N_("receive buffer in bytes (empty: the default)"),
    "sndbuf": N_("send buffer in bytes (empty: the default)"),
}
BLOCKING_NOTE = N_("SockLab's own sockets never block: one loop watches them all with a selector, so one "
                   "window serves many connections. Blocking and the timeout go into the code SockLab "
                   "shows, which blocks like the seed's programs.")
READ_BACK = N_("Read back after the start (getsockopt):")
NOT_STARTED = N_("Start the tab to see what the kernel gives.")
NOTHING_ASKED = N_("Nothing was asked: the system's defaults apply. Set an option and start again to "
                   "see what the kernel gives.")
ALL_GOOD = N_("These options are used at the next start.")
DOUBLED = N_("{option}: asked {asked}, got {given}. Linux doubles the size asked for: the extra half is "
             "for its own bookkeeping.")
CAPPED = N_("{option}: asked {asked}, got {given}. The kernel capped it at its limit (on Linux "
            "net.core.rmem_max / wmem_max), then doubled it.")
RAISED = N_("{option}: asked {asked}, got {given}. The kernel raised it to its minimum.")
NON_BLOCKING = N_("timeout 0.0: SockLab's socket is non-blocking (a selector tells it when to read).")
# set from Tools → Broadcast and multicast… (UDP tabs), read back here with the others
MULTICAST_FIELDS = {"IP_MULTICAST_TTL": "multicast_ttl", "IPV6_MULTICAST_HOPS": "multicast_ttl",
                    "IP_MULTICAST_LOOP": "multicast_loop", "IPV6_MULTICAST_LOOP": "multicast_loop",
                    "IP_MULTICAST_IF": "multicast_interface", "IPV6_MULTICAST_IF": "multicast_interface"}
COLUMNS = (("option", N_("Option"), 150), ("asked", N_("Asked"), 110), ("given", N_("The kernel gave"), 130))
DEFAULT = N_("(default)")
FOR_THE_CODE = N_("{value} (in the code)")
FOREVER = N_("blocks for ever")
TAB_TITLES = {"tcp-server": N_("TCP server"), "tcp-client": N_("TCP client"), "udp-server": N_("UDP server"),
              "udp-client": N_("UDP client"), "tcp-relay": N_("TCP relay")}


class OptionsWindow(tk.Toplevel):
    def __init__(self, master: tk.Misc, part: SocketOptionsPart) -> None:
        super().__init__(master, name=part.window_name)
        self.part = part
        self.choice = part.choice
        self.configure(background=theme.palette()["bg"])
        self.minsize(520, 420)
        body = ttk.Frame(self, name="body", padding=10)
        body.pack(fill="both", expand=True)
        self.intro = WrappedLabel(body, name="intro", justify="left", wraplength=540)
        bind_text(self.intro, INTRO).pack(side="top", fill="x", pady=(0, 6))

        grid = ttk.Frame(body, name="grid")
        grid.pack(side="top", fill="x")
        self.flags: dict[str, tk.BooleanVar] = {}
        self.checks: dict[str, ttk.Checkbutton] = {}
        row = 0
        for name in FLAGS:
            if name not in self.choice.flags:
                continue
            var = tk.BooleanVar(self, value=self.choice.flags[name])
            trace_writes(self, var, lambda n=name, v=var: self._flag_changed(n, v))
            check = ttk.Checkbutton(grid, name=name, text=OPTION_NAMES[name], variable=var)
            check.grid(row=row, column=0, sticky="w", pady=1)
            bind_text(ttk.Label(grid, name=f"{name}_help", style="Hint.TLabel"), HELP[name]).grid(
                row=row, column=1, columnspan=3, sticky="w", padx=(8, 0))
            self.flags[name], self.checks[name] = var, check
            row += 1
        self.entries: dict[str, ttk.Entry] = {}
        for name in SIZES:
            ttk.Label(grid, name=f"{name}_label", text=OPTION_NAMES[name] + ":").grid(row=row, column=0,
                                                                                   sticky="w", pady=1)
            self.entries[name] = self._entry(grid, name, 12, row)
            bind_text(ttk.Label(grid, name=f"{name}_help", style="Hint.TLabel"), HELP[name]).grid(
                row=row, column=2, columnspan=2, sticky="w", padx=(8, 0))
            row += 1
        timeout_label = bind_text(ttk.Label(grid, name="timeout_label"), N_("Timeout (s):"))
        timeout_label.grid(row=row, column=0, sticky="w")
        self.entries["timeout"] = self._entry(grid, "timeout", 12, row)
        self.blocking = tk.BooleanVar(self, value=self.choice.blocking)
        trace_writes(self, self.blocking, self._blocking_changed)
        self.blocking_check = bind_text(ttk.Checkbutton(grid, name="blocking", variable=self.blocking),
                                        N_("Blocking"))
        self.blocking_check.grid(row=row, column=2, sticky="w", padx=(8, 0))
        self.note = WrappedLabel(body, name="note", style="Hint.TLabel", justify="left", wraplength=540)
        bind_text(self.note, BLOCKING_NOTE).pack(side="top", fill="x", pady=(4, 0))
        self.problem = WrappedLabel(body, name="problem", justify="left", wraplength=540)
        self.problem.pack(side="top", fill="x", pady=(4, 0))

        buttons = ttk.Frame(body, name="buttons")
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        self.close_button = bind_text(ttk.Button(buttons, name="close", command=self.destroy), N_("Close"))
        self.close_button.pack(side="right")
        self.defaults_button = bind_text(ttk.Button(buttons, name="defaults", command=self.reset),
                                         N_("Defaults"))
        self.defaults_button.pack(side="right", padx=(0, 6))

        read_back_label = bind_text(ttk.Label(body, name="read_back_label"), READ_BACK)
        read_back_label.pack(side="top", anchor="w", pady=(8, 2))
        self.explain = WrappedLabel(body, name="explain", justify="left", wraplength=540)
        self.explain.pack(side="bottom", fill="x", pady=(4, 0))
        self.table = ttk.Treeview(body, name="read_back", columns=[c for c, _, _ in COLUMNS],
                                  show="headings", height=5, selectmode="none")
        for column, _label, width in COLUMNS:
            self.table.column(column, width=width, minwidth=60, stretch=True)
        self.table.pack(side="top", fill="both", expand=True)

        for label in (self.intro, self.note, self.problem, self.explain):  # wrap at the window's width
            label.bind("<Configure>", lambda e: e.widget.configure(wraplength=max(e.width - 4, 200)), add="+")
        self._forget_language = on_language_change(self._relabel)
        self.bind("<Destroy>", self._destroyed, add="+")
        self.bind("<Escape>", lambda e: self.destroy())
        self._relabel()

    def _entry(self, grid: ttk.Frame, name: str, width: int, row: int) -> ttk.Entry:
        var = tk.StringVar(self, value=self.choice.texts.get(name, ""))
        entry = ttk.Entry(grid, name=name, width=width, textvariable=var)
        entry.grid(row=row, column=1, sticky="w", padx=(8, 0), pady=1)
        trace_writes(self, var, lambda: self._text_changed(name, var))
        entry.textvar = var  # type: ignore[attr-defined]  (kept alive with the entry)
        return entry

    # ----------------------------------------------------------- editing
    def _flag_changed(self, name: str, var: tk.BooleanVar) -> None:
        self.choice.flags[name] = bool(var.get())
        self.check()

    def _text_changed(self, name: str, var: tk.StringVar) -> None:
        self.choice.texts[name] = var.get()
        self.check()

    def _blocking_changed(self) -> None:
        self.choice.blocking = bool(self.blocking.get())
        self.check()

    def reset(self) -> None:
        """Every option back to what SockLab does without being asked."""
        from .options_model import defaults_for

        for name, value in defaults_for(self.choice.kind).items():
            self.flags[name].set(value)
        for entry in self.entries.values():
            entry.textvar.set("")  # type: ignore[attr-defined]
        self.blocking.set(True)

    def check(self) -> bool:
        """Check the choice as it stands; mark the field to fix and say why.  True when it is good."""
        changed(self.part.tab)  # remembered for the next run (a save, a moment later)
        for entry in self.entries.values():
            entry.configure(style="TEntry")
            entry.state(["!invalid"])
        try:
            self.choice.parse()
        except OptionError as err:
            entry = self.entries.get(err.field)
            if entry is not None:
                entry.configure(style="Bad.TEntry")
                entry.state(["invalid"])
            self.problem.configure(text=err.translated(tr), style="Error.TLabel")
            return False
        self.problem.configure(text=tr(ALL_GOOD), style="Hint.TLabel")
        return True

    # ---------------------------------------------------------- read-back
    def show_read_back(self) -> None:
        """Fill the table from the tab's latest read-backs (called again when new ones come)."""
        self.table.delete(*self.table.get_children())
        given = self.part.given
        asked = self.part.asked
        several = len(given) > 1
        notes: list[str] = []
        for applied in given:
            for option, value in applied.values:
                where = describe(applied.local) if applied.local else "?"
                label = f"{option} ({where})" if several else option
                self.table.insert("", "end", values=(label, self._asked_text(option, asked),
                                                     _number(value)))
                notes += self._notes(option, value, asked)
        if given:
            self.explain.configure(text="\n".join(dict.fromkeys(notes)))
        elif asked is not None and getattr(self.part.tab, "state", "") == "running":
            self.explain.configure(text=tr(NOTHING_ASKED))
        else:
            self.explain.configure(text=tr(NOT_STARTED))

    def _asked_text(self, option: str, asked) -> str:  # noqa: ANN001 - ChosenOptions | None
        if asked is None:
            return ""
        if option == "timeout":
            value = asked.timeout if asked.blocking else 0.0
            return trf(FOR_THE_CODE, value=tr(FOREVER) if value is None else f"{value:g}")
        field = {v: k for k, v in OPTION_NAMES.items()}.get(option) or MULTICAST_FIELDS.get(option)
        value = getattr(asked.socket, field, None) if field else None
        if value is None:
            return tr(DEFAULT)
        if isinstance(value, str):  # the multicast interface, by name
            return value
        return _number(str(int(value))) if field in SIZES else str(int(value))

    def _notes(self, option: str, value: str, asked) -> list[str]:  # noqa: ANN001
        if option == "timeout" and value == "0.0":
            return [tr(NON_BLOCKING)]
        field = {v: k for k, v in OPTION_NAMES.items()}.get(option)
        wanted = getattr(asked.socket, field, None) if asked is not None and field in SIZES else None
        if wanted is None or not value.isdigit():
            return []
        got = int(value)
        template = DOUBLED if got == 2 * wanted else CAPPED if got < 2 * wanted else RAISED
        return [trf(template, option=option, asked=f"{wanted:,}", given=f"{got:,}")]

    # ------------------------------------------------------------- life
    def _relabel(self) -> None:
        self.title(trf(TITLE, tab=tr(TAB_TITLES.get(self.choice.kind, self.choice.kind))))
        for column, label, _width in COLUMNS:
            self.table.heading(column, text=tr(label))
        self.check()
        self.show_read_back()

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is self:
            self._forget_language()


def _number(text: str) -> str:
    """``"131072"`` → ``"131,072"``; anything else as it is."""
    return f"{int(text):,}" if text.isdigit() else text

