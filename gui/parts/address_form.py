"""The form at the top of a tab: where its endpoint binds or connects, and the Start button.

The form knows its address family, chosen in a drop-down: IPv4, IPv6 or
a Unix path (on systems that have AF_UNIX: a stream socket on the TCP tabs,
a datagram socket on the UDP tabs).  For IPv4/IPv6 it shows a host and a
port, and the host follows the family (127.0.0.1 / ::1; typing an address of
the other family switches the drop-down to it); for a Unix path it shows one
path field and no port, since a path has none.  A tab adds its own fields
(:class:`Field`: max clients, local port, timeout).  Every field starts (or
stops) the endpoint on Enter; a field the user must fix is marked and the
reason is shown under the form.  While a server runs on port 0 the port
field shows the port the system chose.  Tk thread only.
"""

from __future__ import annotations

import os
import socket
import tkinter as tk
from collections.abc import Callable, Sequence
from tkinter import ttk
from typing import Any

from netcore import Error, NetError, Started, Stopped, is_wildcard, parse_host, parse_port
from netcore.addresses import UNIX_PREFIX, ip_family, is_unix_path
from netcore.event_words import EXPOSED
from netcore.explain import Explanation
from netcore.values import Value

from ..i18n import N_, bind_text, on_language_change, tr, trf
from ..learn.error_words import explain_error, lesson_text, with_name
from ..line_breaks import WrappedLabel
from ..widgets import Choice, mark_bad, mark_good
from . import TabPart
from .address_menu import AddressMenu

IPV4, IPV6, UNIX = "ipv4", "ipv6", "unix"
FAMILIES = ((IPV4, N_("IPv4")), (IPV6, N_("IPv6")), (UNIX, N_("Unix path")))
HAS_UNIX = hasattr(socket, "AF_UNIX")
DEFAULT_UNIX_FILE = "socklab.sock"  # in the system's temporary folder


def temp_path(file_name: str) -> str:
    """``file_name`` in the system's temporary folder (``tempfile`` is imported on the first use:
    it brings shutil, random and the compressors, some 6 ms of a start that shows no Unix path)."""
    import tempfile

    return os.path.join(tempfile.gettempdir(), file_name)
# The host a family starts with, and what a host of one IP family becomes in the other
DEFAULT_HOSTS = {IPV4: "127.0.0.1", IPV6: "::1"}
WILDCARDS = {IPV4: "0.0.0.0", IPV6: "::"}
EMPTY_PATH = N_("Type the path of the socket file, e.g. {example}.")


class Field(Value):
    """A field a tab adds to its form.  ``parse`` turns the text into a value or raises NetError."""

    name: str
    label: str  # English, marked with N_
    default: str
    width: int
    parse: Callable[[str], Any]
    inet_only: bool = False  # hidden (and left at its default) for a Unix path, which has no port


class Address(Value):
    """What the form holds once checked: ``host`` is ``unix:/path`` for a Unix socket (port 0)."""

    host: str
    port: int
    extra: dict[str, Any]


class AddressForm(ttk.Frame, TabPart):
    def __init__(self, master: tk.Misc, *, host_label: str, default_port: str,
                 parse_port: Callable[[str], int], fields: Sequence[Field], unix: bool,
                 start_label: str, stop_label: str, on_submit: Callable[[], None],
                 server: bool, transport: str = "tcp", name: str = "form",
                 unix_file: str = DEFAULT_UNIX_FILE) -> None:
        super().__init__(master, name=name)
        self._transport = transport
        self._explanation: Explanation | None = None  # of the error shown, for "Why?"
        self._parse_port = parse_port
        self._fields = list(fields)
        self._labels = (start_label, stop_label)
        self._server = server
        self._state = "stopped"
        self._typed_port: str | None = None  # "0" while the field shows the port the system chose
        self._unix_file = unix_file
        self._default_path: str | None = None  # made when first needed (see temp_path)
        self._path_filled = False
        self._unix_offered = unix and HAS_UNIX

        row = self  # fields are direct children of the form: stable names "form.host", "form.port"
        choices = FAMILIES if self._unix_offered else FAMILIES[:2]
        self.family = Choice(row, choices, name="family", width=4, command=self._family_changed)
        self.host_label = bind_text(ttk.Label(row, name="host_label"), host_label)
        self.host = ttk.Entry(row, name="host", width=18)
        self.host.insert(0, "127.0.0.1")
        # a server binds one of this computer's addresses: a menu of them beside the field
        self.host_menu = AddressMenu(row, name="host_pick", on_pick=self.pick_host, wildcards=True) \
            if server else None
        self.port_label = bind_text(ttk.Label(row, name="port_label"), N_("Port:"))
        self.port = ttk.Entry(row, name="port", width=6)
        self.port.insert(0, default_port)
        self.path_label = bind_text(ttk.Label(row, name="path_label"), N_("Path:"))
        self.path = ttk.Entry(row, name="path", width=24)
        self.extra: dict[str, ttk.Entry] = {}
        self._extra_widgets: list[tk.Misc] = []
        for spec in self._fields:
            label = bind_text(ttk.Label(row, name=f"{spec.name}_label"), spec.label)
            entry = ttk.Entry(row, name=spec.name, width=spec.width)
            entry.insert(0, spec.default)
            self.extra[spec.name] = entry
            self._extra_widgets += [label, entry]
        self.start_button = ttk.Button(row, name="start", command=on_submit, style="Accent.TButton")
        # shown only while they have something to say
        self.error = WrappedLabel(self, name="error", style="Error.TLabel", anchor="w", justify="left")
        self.warning = WrappedLabel(self, name="warning", style="Error.TLabel", anchor="w", justify="left")
        # a socket error's lesson, folded away until asked for (it would take the log's room)
        self.why_button = bind_text(ttk.Button(self, name="why", command=self.toggle_why), N_("Why?"))
        self.why_text = WrappedLabel(self, name="why_text", style="Hint.TLabel", anchor="w", justify="left")
        self.bind("<Configure>", self._rewrap, add="+")

        for entry in self.entries():
            entry.bind("<Return>", lambda e: on_submit())
            entry.bind("<KP_Enter>", lambda e: on_submit())
            entry.bind("<Key>", lambda e, w=entry: mark_good(w), add="+")
        self.host.bind("<KeyRelease>", lambda e: self._follow_typed_host(), add="+")
        self._layout()
        self.set_state("stopped")
        on_language_change(self._relabel)

    # ------------------------------------------------------------ layout
    def _layout(self) -> None:
        for widget in self.grid_slaves(row=0):
            widget.grid_forget()
        column = 0

        def put(widget: tk.Misc, pad: tuple[int, int] = (0, 4), stretch: bool = False) -> None:
            nonlocal column
            widget.grid(row=0, column=column, sticky="ew" if stretch else "w", padx=pad)
            self.columnconfigure(column, weight=1 if stretch else 0)
            column += 1

        put(self.family, (0, 8))
        unix = self.family.get() == UNIX
        if unix:
            if not self._path_filled:  # the first time the Unix form shows, unless a path was typed
                self._path_filled = True
                if not self.path.get():
                    self.path.insert(0, self.default_path())
            put(self.path_label)
            put(self.path, (0, 8), stretch=True)
        else:
            put(self.host_label)
            put(self.host, (0, 2 if self.host_menu is not None else 8), stretch=True)
            if self.host_menu is not None:
                put(self.host_menu.button, (0, 8))
            put(self.port_label)
            put(self.port, (0, 8))
        for index, spec in enumerate(self._fields):
            if unix and spec.inet_only:
                continue
            put(self._extra_widgets[2 * index])
            put(self._extra_widgets[2 * index + 1], (0, 8))
        put(self.start_button, (4, 0))
        for unused in range(column, column + 8):  # forget weights left from the other family
            self.columnconfigure(unused, weight=0)
        self._columns = column

    def default_path(self) -> str:
        """Where this tab's Unix socket file goes unless the user types another path."""
        if self._default_path is None:
            self._default_path = temp_path(self._unix_file)
        return self._default_path

    def entries(self) -> list[ttk.Entry]:
        """Every field of the form, shown or not."""
        return [self.host, self.port, self.path, *self.extra.values()]

    def typed_port(self) -> str:
        """The port as the user typed it ("0" while the field shows the port the system chose)."""
        return self._typed_port if self._typed_port is not None else self.port.get()

    def _shown_entries(self) -> list[ttk.Entry]:
        unix = self.family.get() == UNIX
        first = [self.path] if unix else [self.host, self.port]
        return first + [self.extra[spec.name] for spec in self._fields if not (unix and spec.inet_only)]

    # ------------------------------------------------------------- values
    def address(self) -> Address:
        """The checked address; raises NetError after marking the field and saying why."""
        self.show_error("")
        unix = self.family.get() == UNIX
        if unix:
            host = self._check(self.path, self._parse_path)
            port = 0
        else:
            host = self._check(self.host, self._parse_host)
            port = self._check(self.port, self._parse_port)
        unix = self.family.get() == UNIX  # a path typed as the host switched the form
        extra = {spec.name: spec.parse(spec.default) if unix and spec.inet_only
                 else self._check(self.extra[spec.name], spec.parse) for spec in self._fields}
        return Address(host, port, extra)

    def _parse_host(self, text: str) -> str:
        if is_unix_path(text.strip()) and self._unix_offered:
            # a path typed as the host: switch to the Unix form rather than refuse it
            self.path.delete(0, "end")
            self.path.insert(0, text.strip().removeprefix(UNIX_PREFIX))
            self.family.set(UNIX)
            return self._parse_path(self.path.get())
        host = parse_host(text)
        self._follow_typed_host()
        return host

    def _parse_path(self, text: str) -> str:
        path = text.strip()
        if not path:
            raise NetError("empty_path", EMPTY_PATH, example=self.default_path())
        return parse_host(UNIX_PREFIX + os.path.abspath(os.path.expanduser(path)))

    def pick_host(self, address: str) -> None:
        """Put ``address`` (chosen in the host's menu) in the host field, as if typed."""
        if self._state != "stopped":
            return
        _set_text(self.host, address)
        mark_good(self.host)
        self._follow_typed_host()

    def _follow_typed_host(self) -> None:
        """An IP address of the other family typed in the host field (``::1``, ``[::1]``) switches the
        drop-down to that family: the choice always says what the address is."""
        typed = ip_family(self.host.get().strip().strip("[]"))
        family = {socket.AF_INET: IPV4, socket.AF_INET6: IPV6}.get(typed) if typed is not None else None
        if family is not None and family != self.family.get():
            self.family.set(family)  # _family_changed keeps the typed address: it fits the family now
        self.check_exposure()

    def _check(self, entry: ttk.Entry, parse: Callable[[str], Any]) -> Any:
        try:
            return parse(entry.get())
        except NetError as err:
            mark_bad(entry)
            self.show_error(err.translated(tr))
            raise

    # ----------------------------------------------------------- messages
    def show_error(self, text: str, explanation: Explanation | None = None) -> None:
        """Say ``text`` under the form; with an ``explanation``, its errno name and a "Why?" button."""
        self._explanation = explanation if text else None
        self._say(self.error, with_name(text, self._explanation), 1)
        self.why_text.grid_forget()
        if self._explanation is not None:
            self.error.grid_configure(columnspan=max(self._columns - 1, 1))
            self.why_button.grid(row=1, column=max(self._columns - 1, 1), sticky="ne", pady=(4, 0))
        else:
            self.why_button.grid_forget()

    def toggle_why(self) -> None:
        """Show (or fold away) why the error shown happened and what to try next."""
        if self.why_text.winfo_manager() or self._explanation is None:
            self.why_text.grid_forget()
            return
        self.why_text.configure(text=lesson_text(self._explanation))
        self.why_text.grid(row=3, column=0, columnspan=max(self._columns, 1), sticky="ew", pady=(2, 0))

    def check_exposure(self) -> None:
        """Warn while the host field would make the server reachable from other computers."""
        host = self.host.get().strip()
        exposed = self._server and self.family.get() != UNIX and is_wildcard(host)
        self._say(self.warning, trf(EXPOSED, host=host or "*") if exposed else "", 2)

    def _say(self, label: ttk.Label, text: str, row: int) -> None:
        label.configure(text=text)
        if text:
            label.grid(row=row, column=0, columnspan=max(self._columns, 1), sticky="ew", pady=(4, 0))
        else:
            label.grid_forget()

    def _rewrap(self, event: tk.Event) -> None:
        width = max(event.width - 8, 200)
        for label in (self.warning, self.why_text):
            label.configure(wraplength=width)
        if self._explanation is not None:  # the error shares its row with "Why?"
            width = max(event.width - 16 - self.why_button.winfo_reqwidth(), 200)
        self.error.configure(wraplength=width)  # (once: in Chinese each change wraps it again)

    # --------------------------------------------------------------- part
    def handle(self, events: Sequence[object]) -> None:
        for event in events:
            if isinstance(event, Started):
                self._show_chosen_port(event)
            elif isinstance(event, Stopped) and self._typed_port is not None:
                _set_text(self.port, self._typed_port)  # back to what the user typed ("0": any port)
                self._typed_port = None
            elif isinstance(event, Error) and event.fatal:
                self.show_error(event.translated(tr), explain_error(event, self._transport))

    def set_state(self, state: str) -> None:
        self._state = state
        running = state in ("running", "starting")
        self.start_button.configure(text=tr(self._labels[1] if running else self._labels[0]))
        self.start_button.state(["disabled"] if state == "stopping" else ["!disabled"])
        editable = state == "stopped"
        for entry in self.entries():
            entry.state(["!disabled"] if editable else ["disabled"])
        self.family.state(["!disabled", "readonly"] if editable else ["disabled"])
        if self.host_menu is not None:
            self.host_menu.button.state(["!disabled"] if editable else ["disabled"])

    def _show_chosen_port(self, event: Started) -> None:
        """A server started on port 0 shows the port the system chose while it runs."""
        if not self._server or not event.local or event.local[0].is_unix:
            return
        typed = self.port.get()
        if typed.strip().isdigit() and int(typed.strip()) == 0:
            self._typed_port = typed
            _set_text(self.port, str(event.local[0].port))

    def _family_changed(self) -> None:
        family = self.family.get()
        if family != UNIX:
            self._host_follows(family)
        self.show_error("")
        self._layout()
        self.check_exposure()
        focus = self._shown_entries()[0]
        if self.winfo_ismapped():
            focus.focus_set()

    def _host_follows(self, family: str) -> None:
        """Put the new family's default host in place of an address the old family had (127.0.0.1 →
        ::1, 0.0.0.0 → ::); a name such as localhost stays, since it may stand for either."""
        host = self.host.get().strip()
        literal = ip_family(host.strip("[]"))
        if literal is None:
            return
        wanted = socket.AF_INET6 if family == IPV6 else socket.AF_INET
        if literal != wanted:
            _set_text(self.host, WILDCARDS[family] if is_wildcard(host) else DEFAULT_HOSTS[family])

    def _relabel(self) -> None:
        if self.why_text.winfo_manager() and self._explanation is not None:
            self.why_text.configure(text=lesson_text(self._explanation))
        self.family.relabel()
        self.set_state(self._state)
        self.check_exposure()


def _set_text(entry: ttk.Entry, text: str) -> None:
    """Replace a field's text, even while it is disabled."""
    disabled = entry.instate(["disabled"])
    entry.state(["!disabled"])
    entry.delete(0, "end")
    entry.insert(0, text)
    if disabled:
        entry.state(["disabled"])


def port_field(name: str, label: str, default: str) -> Field:
    """A field holding a port where 0 means "any free port" (a Unix path has no port: hidden then)."""
    return Field(name, label, default, 6, parse_port, inet_only=True)
