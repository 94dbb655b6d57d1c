"""Tools → Broadcast and multicast…: one window per UDP tab.

Top: how this tab's socket sends — SO_BROADCAST, and for multicast the TTL,
loopback and the interface datagrams leave by (this machine's interfaces,
listed with their addresses).  These are the tab's socket options: set at
the next Open, and on the running socket at once.  Below, on the UDP server
tab: the multicast groups to join, with Join and Leave.  When the socket's
bound address keeps a group's datagrams out (127.0.0.1 does), the window
says so and offers to reopen it on the group's address or on the wildcard;
it never rebinds by itself.  Tk thread only.
"""

from __future__ import annotations

import sys
import tkinter as tk
from tkinter import ttk
from typing import TYPE_CHECKING

from netcore.interfaces import Interface, list_interfaces

from .. import theme
from ..i18n import N_, bind_text, on_language_change, tr, trf
from ..line_breaks import WrappedLabel
from ..widgets import one_window, trace_writes
from .groups_part import GroupsPart, groups_part

if TYPE_CHECKING:
    from ..tab import EndpointTab

TITLE = N_("Broadcast and multicast — {tab}")
INTRO = N_("Broadcast sends one datagram to every computer of a network; multicast sends it to the members "
           "of a group (224.0.0.0 to 239.255.255.255, or ff00::/8). These settings are the tab's socket "
           "options: they apply at the next Open, and at once to an open socket.")
SENDING = N_("Sending")
BROADCAST = N_("Allow broadcast (SO_BROADCAST)")
TTL = N_("Multicast TTL:")
TTL_HINT = N_("0: this computer only, 1: this network (the default)")
LOOP = N_("Loopback: this computer hears its own group datagrams")
INTERFACE = N_("Interface:")
SYSTEM_CHOICE = N_("(the system chooses by its routes)")
NO_MULTICAST = N_("no multicast")
IPV4_GROUPS_ONLY = N_("IPv4 groups only")
GROUPS = N_("Multicast groups")
GROUP = N_("Group:")
JOIN = N_("Join")
LEAVE = N_("Leave")
CLOSE = N_("Close")
COLUMNS = (("group", N_("Group"), 150), ("interface", N_("Interface"), 110), ("state", N_("State"), 220))
CLIENT_NOTE = N_("Sending to a group: type the group (such as 239.1.2.3) as the target host. The tab then "
                 "does not connect its socket, so replies from any member arrive.")
BIND_NOTE = N_("This socket is bound to {bound}: the system hands the datagrams of {group} only to a socket "
               "bound to the group's address or to {wildcard} (every interface). Reopen it on:")
ON_GROUP = N_("{group} (the group only)")
ON_WILDCARD = N_("{wildcard} (other computers can send here too)")
NOT_UDP = N_("Broadcast and multicast are for the UDP tabs: showing the UDP server tab's settings.")


def _interface_label(interface: Interface) -> str:
    addresses = ", ".join((*interface.ipv4, *interface.ipv6)[:3])
    text = f"{interface.name} — {addresses}" if addresses else interface.name
    if interface.loopback and sys.platform.startswith("linux"):
        # Linux loops IPv4 group datagrams through lo (flag or not), never IPv6 ones
        return f"{text} ({tr(IPV4_GROUPS_ONLY)})"
    return text if interface.multicast else f"{text} ({tr(NO_MULTICAST)})"


class GroupsWindow(tk.Toplevel):
    def __init__(self, master: tk.Misc, tab: EndpointTab) -> None:
        super().__init__(master, name=window_name(tab))
        self.tab = tab
        self.part: GroupsPart = groups_part(tab)
        self.choice = tab.sockopts.choice
        self.server = tab.is_server
        self._option_problem = ""  # the message about a bad option shown, until it is fixed
        self.configure(background=theme.palette()["bg"])
        self.minsize(520, 400)
        body = ttk.Frame(self, name="body", padding=10)
        body.pack(fill="both", expand=True)
        self.intro = bind_text(WrappedLabel(body, name="intro", justify="left", wraplength=540), INTRO)
        self.intro.pack(side="top", fill="x", pady=(0, 6))

        buttons = ttk.Frame(body, name="buttons")
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        bind_text(ttk.Button(buttons, name="close", command=self.destroy), CLOSE).pack(side="right")
        self.message = WrappedLabel(body, name="message", justify="left", wraplength=540)
        self.message.pack(side="bottom", fill="x", pady=(6, 0))

        self._build_sending(body)
        if self.server:
            self._build_groups(body)
        else:
            self.client_note = bind_text(WrappedLabel(body, name="client_note", style="Hint.TLabel",
                                                   justify="left", wraplength=540), CLIENT_NOTE)
            self.client_note.pack(side="top", fill="x", pady=(6, 0))

        for label in self._wrapped():
            label.bind("<Configure>", lambda e: e.widget.configure(wraplength=max(e.width - 4, 200)), add="+")
        self.part.on_change = self.redraw
        self._forget_language = on_language_change(self._relabel)
        self.bind("<Destroy>", self._destroyed, add="+")
        self.bind("<Escape>", lambda e: self.destroy())
        self._relabel()

    # ------------------------------------------------------------ building
    def _build_sending(self, body: ttk.Frame) -> None:
        box = ttk.LabelFrame(body, name="sending", padding=(8, 4))
        bind_text(box, SENDING)
        box.pack(side="top", fill="x")
        box.columnconfigure(2, weight=1)
        self.broadcast = tk.BooleanVar(self, value=bool(self.choice.flags.get("broadcast")))
        self.broadcast_check = bind_text(ttk.Checkbutton(box, name="broadcast", variable=self.broadcast,
                                                         command=self._broadcast_changed), BROADCAST)
        self.broadcast_check.grid(row=0, column=0, columnspan=3, sticky="w", pady=1)
        bind_text(ttk.Label(box, name="ttl_label"), TTL).grid(row=1, column=0, sticky="w")
        self.ttl_text = tk.StringVar(self, value=self.choice.multicast_ttl)
        self.ttl = ttk.Entry(box, name="ttl", width=5, textvariable=self.ttl_text)
        self.ttl.grid(row=1, column=1, sticky="w", padx=(6, 6), pady=1)
        trace_writes(self, self.ttl_text, self._sending_changed)  # checked as typed
        ttl_hint = bind_text(ttk.Label(box, name="ttl_hint", style="Hint.TLabel"), TTL_HINT)
        ttl_hint.grid(row=1, column=2, sticky="w")
        self.loop = tk.BooleanVar(self, value=self.choice.multicast_loop)
        self.loop_check = bind_text(ttk.Checkbutton(box, name="loop", variable=self.loop,
                                                    command=self._sending_changed), LOOP)
        self.loop_check.grid(row=2, column=0, columnspan=3, sticky="w", pady=1)
        bind_text(ttk.Label(box, name="interface_label"), INTERFACE).grid(row=3, column=0, sticky="w")
        self.interface = ttk.Combobox(box, name="interface", state="readonly", width=40)
        self.interface.grid(row=3, column=1, columnspan=2, sticky="ew", padx=(6, 0), pady=1)
        self.interface.bind("<<ComboboxSelected>>", lambda e: self._sending_changed())
        self.interfaces: list[str] = []  # the names behind the drop-down's lines ("": the system's choice)

    def _build_groups(self, body: ttk.Frame) -> None:
        box = ttk.LabelFrame(body, name="groups", padding=(8, 4))
        bind_text(box, GROUPS)
        box.pack(side="top", fill="both", expand=True, pady=(8, 0))
        row = ttk.Frame(box, name="row")
        row.pack(side="top", fill="x")
        bind_text(ttk.Label(row, name="group_label"), GROUP).pack(side="left")
        self.group = ttk.Entry(row, name="group", width=24)
        self.group.pack(side="left", padx=(6, 6), fill="x", expand=True)
        self.group.insert(0, "239.1.2.3")
        self.group.bind("<Return>", lambda e: self.join())
        self.join_button = bind_text(ttk.Button(row, name="join", command=self.join), JOIN)
        self.join_button.pack(side="left")
        self.leave_button = bind_text(ttk.Button(row, name="leave", command=self.leave), LEAVE)
        self.leave_button.pack(side="left", padx=(6, 0))

        self.bind_box = ttk.Frame(box, name="bind_note")
        self.bind_text = WrappedLabel(self.bind_box, name="text", justify="left", wraplength=520)
        self.bind_text.pack(side="top", fill="x")
        offers = ttk.Frame(self.bind_box, name="offers")
        offers.pack(side="top", fill="x", pady=(2, 0))
        self.on_group = ttk.Button(offers, name="on_group", command=lambda: self._reopen("group"))
        self.on_group.pack(side="left")
        self.on_wildcard = ttk.Button(offers, name="on_wildcard", command=lambda: self._reopen("wildcard"))
        self.on_wildcard.pack(side="left", padx=(6, 0))

        self.table = ttk.Treeview(box, name="list", columns=[c for c, _, _ in COLUMNS], show="headings",
                                  height=4, selectmode="browse")
        for column, _label, width in COLUMNS:
            self.table.column(column, width=width, minwidth=60, stretch=True)
        self.table.pack(side="top", fill="both", expand=True, pady=(6, 0))

    def _wrapped(self) -> list[tk.Misc]:
        labels: list[tk.Misc] = [self.intro, self.message]
        if self.server:
            labels.append(self.bind_text)
        else:
            labels.append(self.client_note)
        return labels

    # ------------------------------------------------------------- actions
    def _broadcast_changed(self) -> None:
        self.choice.flags["broadcast"] = bool(self.broadcast.get())
        self._refresh_options_window()
        self.part.update_sending()

    def _sending_changed(self) -> None:
        self.choice.multicast_ttl = self.ttl_text.get().strip()
        self.choice.multicast_loop = bool(self.loop.get())
        index = self.interface.current()
        self.choice.multicast_interface = self.interfaces[index] if 0 <= index < len(self.interfaces) else ""
        if self.check():
            self.part.update_sending()

    def check(self) -> bool:
        """Check the sending choice; say what to fix.  True when it is good."""
        from ..learn.options_model import OptionError

        self.ttl.state(["!invalid"])
        try:
            self.choice.parse()
        except OptionError as err:
            if err.field == "multicast_ttl":
                self.ttl.state(["invalid"])
            self._option_problem = self.part.message = err.translated(tr)
            self.redraw()
            return False
        if self._option_problem and self.part.message == self._option_problem:
            self.part.message = ""  # fixed: the message about it goes
            self.redraw()
        self._option_problem = ""
        return True

    def join(self) -> None:
        index = self.interface.current()
        interface = self.interfaces[index] if 0 <= index < len(self.interfaces) else ""
        if self.part.join(self.group.get(), interface):
            self.group.selection_range(0, "end")

    def leave(self) -> None:
        selected = self.table.selection()
        group = selected[0] if selected else self.group.get().strip()
        if group in self.part.wanted:
            self.part.leave(group)

    def _reopen(self, where: str) -> None:
        group = self.part.needs_bind
        wildcard = "::" if ":" in group else "0.0.0.0"
        self.part.reopen_on(group if where == "group" else wildcard)

    def _refresh_options_window(self) -> None:
        """The socket options window shows the same SO_BROADCAST flag: keep its box in step."""
        window = self.tab.sockopts.window
        flags = getattr(window, "flags", None) if window is not None and window.winfo_exists() else None
        if flags is not None and "broadcast" in flags:
            flags["broadcast"].set(self.choice.flags["broadcast"])

    # ------------------------------------------------------------- drawing
    def redraw(self) -> None:
        if not self.winfo_exists():
            return
        self.message.configure(text=self.part.message,
                               style="Error.TLabel" if self.part.message else "Hint.TLabel")
        if not self.server:
            return
        self.table.delete(*self.table.get_children())
        for group, interface in self.part.wanted.items():
            self.table.insert("", "end", iid=group, values=(group, interface or "*",
                                                            tr(self.part.state.get(group, ""))))
        group = self.part.needs_bind
        if group:
            local = self.tab.endpoint.local_addresses if self.tab.endpoint is not None else ()
            bound = ", ".join(peer.host for peer in local) or "?"
            wildcard = "::" if ":" in group else "0.0.0.0"
            self.bind_text.configure(text=trf(BIND_NOTE, bound=bound, group=group, wildcard=wildcard))
            self.on_group.configure(text=trf(ON_GROUP, group=group))
            self.on_wildcard.configure(text=trf(ON_WILDCARD, wildcard=wildcard))
            if not self.bind_box.winfo_manager():
                self.bind_box.pack(side="top", fill="x", pady=(6, 0), before=self.table)
        elif self.bind_box.winfo_manager():
            self.bind_box.pack_forget()

    def _fill_interfaces(self) -> None:
        found = list_interfaces()
        self.interfaces = ["", *(interface.name for interface in found)]
        self.interface.configure(values=[tr(SYSTEM_CHOICE), *(_interface_label(i) for i in found)])
        chosen = self.choice.multicast_interface
        self.interface.current(self.interfaces.index(chosen) if chosen in self.interfaces else 0)

    def _relabel(self) -> None:
        self.title(trf(TITLE, tab=tr(self.tab.title)))
        self._fill_interfaces()
        if self.server:
            for column, label, _width in COLUMNS:
                self.table.heading(column, text=tr(label))
        self.redraw()

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is self:
            self._forget_language()
            if self.part.on_change == self.redraw:
                self.part.on_change = None


def window_name(tab: EndpointTab) -> str:
    return f"groups_{tab.winfo_name()}"


def open_groups_window(root: tk.Misc, tab: EndpointTab) -> GroupsWindow:
    """Show ``tab``'s window (made at the first call)."""
    tab.build()
    return one_window(root, window_name(tab), GroupsWindow, lambda: GroupsWindow(root, tab))[0]
