"""A ▾ button beside an address field: a menu of this computer's addresses; choosing one fills the field.

For a server's bind address (the form's host) and a client's local (source)
address (Tools → Connection settings…).  The menu lists 127.0.0.1 and ::1
(this computer only), every interface's IPv4 and IPv6 addresses with the
interface's name, and for a server 0.0.0.0 and :: (every interface, so the
network too: the form warns when one is chosen).  A menu, not a drop-down of
the field itself: it is as wide as its longest line, so an IPv6 address and
its interface always show whole, and the field stays one you can type in.

The list comes from :func:`netcore.local_addresses.list_addresses`, which takes
well under a millisecond on Linux but elsewhere may wait on DNS (it asks what
the host name stands for), so it runs on a short-lived thread: started when the
pointer comes over the button (usually done by the click) and again when the
menu opens if the last list is older than :data:`FRESH_SECONDS`; the menu
shows the loopback entries at once and the rest as soon as they are known.
Nothing runs until the button is used.  Tk thread only (the worker touches no
widget: it leaves its result in an attribute the Tk side polls for).
"""

from __future__ import annotations

import contextlib
import threading
import time
import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import TYPE_CHECKING

from .. import theme
from ..i18n import N_, tr, trf

if TYPE_CHECKING:
    from netcore.local_addresses import LocalAddress

FRESH_SECONDS = 10.0  # a list this young is shown as it is (addresses rarely change faster)
POLL_MS = 30  # how often the Tk side looks for the worker's answer
LOOKING = N_("Looking for this computer’s addresses…")
THIS_COMPUTER = N_("{address}    this computer only")
EVERY_INTERFACE = N_("{address}    every interface: reachable from the network")
ON_INTERFACE = N_("{address}    {interface}")
AUTOMATIC = N_("Automatic (the system chooses)")
# shown at once, before (or without) the worker's list
FIXED = (("127.0.0.1", "lo", False), ("::1", "lo", True))
WILDCARDS = (("0.0.0.0", "*", False), ("::", "*", True))


class AddressMenu:
    """``button`` (a ttk.Menubutton named ``name``) posts the menu; ``on_pick(address)`` gets the choice.

    ``wildcards``: offer 0.0.0.0 and :: (servers).  ``automatic``: offer an
    empty choice first ("the system chooses": a client's source address).
    """

    def __init__(self, master: tk.Misc, *, name: str, on_pick: Callable[[str], None], wildcards: bool,
                 automatic: bool = False) -> None:
        self.button = ttk.Menubutton(master, name=name, width=0)  # (its own arrow says what it does)
        self.menu = tk.Menu(self.button, name="menu", tearoff=False, postcommand=self.refresh)
        self.button.configure(menu=self.menu)
        self._on_pick = on_pick
        self._wildcards = wildcards
        self._automatic = automatic
        self.found: tuple[LocalAddress, ...] | None = None  # the last list, once known
        self._listed_at = 0.0
        self._worker: threading.Thread | None = None
        self._answer: tuple[LocalAddress, ...] | None = None  # set by the worker
        self._after: str | None = None
        self.button.bind("<Enter>", lambda _e: self._list_if_stale(), add="+")
        self.button.bind("<Destroy>", self._destroyed, add="+")
        self._entries: list[str] = []  # the addresses offered, in the menu's order (filled when opened)

    # ---------------------------------------------------------------- menu
    def refresh(self) -> None:
        """The menu is about to open: show what is known, list again if that is old."""
        self._list_if_stale()
        self._fill()

    def addresses(self) -> list[str]:
        """The addresses the menu offers now, in its order ("" for Automatic)."""
        return list(self._entries)

    def pick(self, address: str) -> None:
        self._on_pick(address)

    def _fill(self) -> None:
        menu = self.menu
        menu.delete(0, "end")
        self._entries = []
        if self._automatic:
            self._add("", tr(AUTOMATIC))
            menu.add_separator()
        for address, _interface, _v6 in FIXED:
            self._add(address, trf(THIS_COMPUTER, address=address))
        others = [item for item in self.found or () if item.address not in ("127.0.0.1", "::1")
                  and not item.wildcard]
        if others:
            menu.add_separator()
        for item in others:
            self._add(item.address, trf(ON_INTERFACE, address=item.address, interface=item.interface or "?"))
        if self.found is None:
            menu.add_command(label=tr(LOOKING), state="disabled")
        if self._wildcards:
            menu.add_separator()
            for address, _interface, _v6 in WILDCARDS:
                self._add(address, trf(EVERY_INTERFACE, address=address))
        theme.style_menu(menu)

    def _add(self, address: str, label: str) -> None:
        self._entries.append(address)
        self.menu.add_command(label=label, command=lambda: self.pick(address))

    # ------------------------------------------------------------ listing
    def _list_if_stale(self) -> None:
        if self._worker is not None or (self.found is not None
                                        and time.monotonic() - self._listed_at < FRESH_SECONDS):
            return
        wildcards = self._wildcards

        def work() -> None:
            from netcore.local_addresses import list_addresses

            try:
                self._answer = list_addresses(wildcards=wildcards)
            except Exception:  # the fixed entries still serve; never a traceback from a menu
                self._answer = ()

        self._answer = None
        self._worker = threading.Thread(target=work, name="socklab-addresses", daemon=True)
        self._worker.start()
        self._after = self.button.after(POLL_MS, self._collect)

    def _collect(self) -> None:
        self._after = None
        worker = self._worker
        if worker is not None and worker.is_alive():
            self._after = self.button.after(POLL_MS, self._collect)
            return
        self._worker = None
        self.found = self._answer if self._answer is not None else ()
        self._listed_at = time.monotonic()
        self._fill()  # a menu open now shows the new entries at once

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is self.button and self._after is not None:
            with contextlib.suppress(tk.TclError):
                self.button.after_cancel(self._after)
            self._after = None
