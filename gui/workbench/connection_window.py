"""Tools → Connection settings…: auto-reconnect, the local address to connect from, and the client limits.

One window per tab (name ``connection_<tab>``), made at the first use and
closed with the app; it edits the tab's
:class:`~gui.workbench.connection_model.ConnectionChoice`, which the tab applies
at its next start.  A value to fix is said in the window at once (and again in
the form if the tab is started with it).  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import TYPE_CHECKING

from .. import theme
from ..i18n import N_, bind_text, on_language_change, tr, trf
from ..line_breaks import WrappedLabel
from ..parts.address_menu import AddressMenu
from ..widgets import mark_bad, mark_good, one_window, trace_writes
from .connection_model import ChoiceError, ConnectionChoice

if TYPE_CHECKING:
    from ..tab import EndpointTab

TITLE = N_("Connection settings — {tab}")
APPLIES = N_("These apply at the tab’s next start (Connect, Open or Start listening).")
NOTHING_HERE = N_("Nothing to set here for this tab: a UDP server binds the address in its form (choose one "
                  "with ▾ beside the host).")
RECONNECT = N_("Reconnect automatically when the connection drops or is refused")
RECONNECT_HELP = N_("Waits 0.5 s, then twice as long each time (with a little jitter), at most 30 s; the "
                    "status line counts down. Disconnect stops it. While it waits nothing can be sent.")
LOCAL_HOST = N_("Local address:")
LOCAL_HOST_HELP = N_("Where the connection comes from: one of this computer’s addresses (bind before "
                     "connect). Empty: the system chooses.")
LOCAL_PORT = N_("Local port:")
LOCAL_PORT_HELP = N_("0 or empty: any free port.")
REFUSAL_LINE = N_("Tell a client turned away by Max clients why (it reads “server full: N clients”)")
REFUSAL_HELP = N_("Off: it only sees the connection close.")
MAX_CLIENTS = N_("Max clients:")
MAX_CLIENTS_HELP = N_("Clients relayed at once; one more is closed at once.")
WRAP = 460


def choice_of(tab: EndpointTab) -> ConnectionChoice:
    """The tab's choice, made at the first call and from then on given to each endpoint it starts."""
    choice = getattr(tab, "connection_choice", None)
    if not isinstance(choice, ConnectionChoice):
        choice = ConnectionChoice(tab.winfo_name().replace("_", "-"))
        tab.connection_choice = choice  # type: ignore[attr-defined]
        tab.before_start.append(choice.apply)  # a ChoiceError (a NetError) stops the start, said in the form
    return choice


def open_connection_window(root: tk.Misc, tab: EndpointTab) -> ConnectionWindow:
    """Show the tab's Connection settings window (made at the first call)."""
    tab.build()
    name = f"connection_{tab.winfo_name()}"
    return one_window(root, name, ConnectionWindow, lambda: ConnectionWindow(root, tab, name=name))[0]


class ConnectionWindow(tk.Toplevel):
    def __init__(self, master: tk.Misc, tab: EndpointTab, *, name: str) -> None:
        super().__init__(master, name=name)
        self.tab = tab
        self.choice = choice_of(tab)
        self.configure(background=theme.palette()["bg"])
        body = ttk.Frame(self, name="body", padding=10)
        body.pack(fill="both", expand=True)
        self.wrapped: list[ttk.Label] = []
        self.entries: dict[str, ttk.Entry] = {}
        self.flags: dict[str, tk.BooleanVar] = {}
        fields = self.choice.fields
        if not fields:
            self._wrapped(body, "nothing", NOTHING_HERE).pack(side="top", fill="x")
        if "reconnect" in fields:
            self._check(body, "reconnect", RECONNECT, RECONNECT_HELP)
        if "refusal_line" in fields:
            self._check(body, "refusal_line", REFUSAL_LINE, REFUSAL_HELP)
        if "local_host" in fields:
            row = self._entry(body, "local_host", LOCAL_HOST, 28, LOCAL_HOST_HELP)
            self.local_menu = AddressMenu(row, name="local_pick", on_pick=self.pick_local, wildcards=False,
                                          automatic=True)
            self.local_menu.button.pack(side="left", padx=(2, 0))
        if "local_port" in fields:
            self._entry(body, "local_port", LOCAL_PORT, 7, LOCAL_PORT_HELP)
        if "max_clients" in fields:
            self._entry(body, "max_clients", MAX_CLIENTS, 7, MAX_CLIENTS_HELP)
        self.problem = WrappedLabel(body, name="problem", style="Error.TLabel", justify="left",
                                    wraplength=WRAP)
        self.problem.pack(side="top", fill="x", pady=(6, 0))
        self._wrapped(body, "applies", APPLIES, hint=True).pack(side="top", fill="x", pady=(6, 0))
        buttons = ttk.Frame(body, name="buttons")
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        bind_text(ttk.Button(buttons, name="close", command=self.destroy), N_("Close")).pack(side="right")
        self._forget_language = on_language_change(self._relabel)
        self.bind("<Destroy>", self._destroyed, add="+")
        self._relabel()

    # ------------------------------------------------------------ building
    def _wrapped(self, master: tk.Misc, name: str, text: str, hint: bool = False) -> ttk.Label:
        label = WrappedLabel(master, name=name, justify="left", wraplength=WRAP,
                          style="Hint.TLabel" if hint else "TLabel")
        self.wrapped.append(label)
        # wrap at the window's width (a fixed width cut Chinese lines just before their last character)
        label.bind("<Configure>", lambda e: e.widget.configure(wraplength=max(e.width - 4, 200)), add="+")
        return bind_text(label, text)

    def _check(self, body: ttk.Frame, field: str, text: str, help_text: str) -> None:
        var = tk.BooleanVar(self, value=bool(getattr(self.choice, field)))
        trace_writes(self, var, lambda: self._flag_changed(field, var))
        self.flags[field] = var
        check = ttk.Checkbutton(body, name=field, variable=var)
        bind_text(check, text).pack(side="top", anchor="w", pady=(4, 0))
        self._wrapped(body, f"{field}_help", help_text, hint=True).pack(side="top", fill="x", padx=(24, 0))

    def _entry(self, body: ttk.Frame, field: str, label: str, width: int, help_text: str) -> ttk.Frame:
        row = ttk.Frame(body, name=f"{field}_row")
        row.pack(side="top", fill="x", pady=(8, 0))
        bind_text(ttk.Label(row, name=f"{field}_label"), label).pack(side="left", padx=(0, 6))
        entry = ttk.Entry(row, name=field, width=width)
        entry.insert(0, str(getattr(self.choice, field)))
        entry.pack(side="left")
        for sequence in ("<KeyRelease>", "<Return>", "<FocusOut>"):  # typed, confirmed, or left
            entry.bind(sequence, lambda _e: self._text_changed(field), add="+")
        self.entries[field] = entry
        self._wrapped(body, f"{field}_help", help_text, hint=True).pack(side="top", fill="x")
        return row

    # ------------------------------------------------------------- editing
    def pick_local(self, address: str) -> None:
        entry = self.entries["local_host"]
        entry.delete(0, "end")
        entry.insert(0, address)
        self._text_changed("local_host")

    def _flag_changed(self, field: str, var: tk.BooleanVar) -> None:
        setattr(self.choice, field, bool(var.get()))

    def _text_changed(self, field: str) -> None:
        setattr(self.choice, field, self.entries[field].get())
        self.check()

    def check(self) -> bool:
        """Say the first value to fix, mark its field; True when everything is fine."""
        for entry in self.entries.values():
            mark_good(entry)
        try:
            self.choice.check()
        except ChoiceError as err:
            entry = self.entries.get(err.field)
            if entry is not None:
                mark_bad(entry)
            self.problem.configure(text=err.translated(tr))
            return False
        self.problem.configure(text="")
        return True

    def _relabel(self) -> None:
        self.title(trf(TITLE, tab=tr(self.tab.title)))
        self.check()

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is self:
            self._forget_language()
