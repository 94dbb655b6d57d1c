"""Saved messages: the window's library of named payloads, each tab's counter, and quick sending.

The library lives in the settings (``settings.saved_messages``) and is read
(checked by :func:`netcore.saved_messages.messages_from_data`) when first used:
this module is imported on the first click on a send box's *Saved ▾* or on
Tools → Saved messages…, never at start.  A stored library that no longer
reads (edited by hand) is written aside as ``saved-messages.bad-….json`` next
to the settings and said in the log; the library then starts empty.

Each tab has its own ``{counter}``: 1 at its first send of a saved message,
one more after each send that went out, back to 1 with *Reset {counter}* (or
at the next start of SockLab: counters are not remembered).  Tk thread only.
"""

from __future__ import annotations

import json
import tkinter as tk
from collections.abc import Sequence
from typing import TYPE_CHECKING

from netcore import NetError
from netcore.saved_messages import SavedMessage, messages_from_data

from .. import theme
from ..i18n import N_, tr, trf
from ..settings import keep_aside
from ..widgets import one_window

if TYPE_CHECKING:
    from ..app import App
    from ..tab import EndpointTab
    from .saved_window import SavedMessagesWindow

WINDOW_NAME = "saved_messages"
MENU_ITEMS = 30  # messages listed in a Saved ▾ menu; the rest are in the window
NONE_YET = N_("No saved messages yet")
ADD_TYPED = N_("Save what is typed as a message…")
RESET_COUNTER = N_("Reset {{counter}} (next send: {next})")
MANAGE = N_("Manage saved messages…")
MORE = N_("{count} more in Tools → Saved messages…")
STORED_BAD = N_("The saved messages stored with the settings could not be read ({problem}). They were kept "
                "as {backup}, and the library starts empty.")


class SavedMessagesFeature:
    """One per window (``app.saved_messages()``)."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.messages: list[SavedMessage] = self._stored()
        self.counters: dict[str, int] = {}  # tab name → the {counter} of its next send

    @property
    def window(self) -> SavedMessagesWindow | None:
        """The window while it is open (looked up, not held: a closed one is let go)."""
        from .saved_window import SavedMessagesWindow

        window = self.app.root.children.get(WINDOW_NAME)
        return window if isinstance(window, SavedMessagesWindow) and window.winfo_exists() else None

    def _stored(self) -> list[SavedMessage]:
        settings = self.app.settings
        if settings is None or settings.saved_messages is None:
            return []
        try:
            return messages_from_data(settings.saved_messages)
        except NetError as exc:
            err = exc  # kept for the message, which is made again after a language switch
            backup = keep_aside(settings, "saved-messages", json.dumps(settings.saved_messages, indent=2))
            if backup is not None:  # kept there: the settings no longer carry it (said once, not every run)
                settings.saved_messages = None
                self.app.keeper.changed()
            tab = self.app.current_tab()
            tab.log.add_message("error", lambda: trf(STORED_BAD, problem=err.translated(tr),
                                                     backup=backup or "-"))
            tab.log.flush()
            return []

    # ----------------------------------------------------------- library
    def set_messages(self, messages: Sequence[SavedMessage]) -> None:
        """Replace the library (the window's edits, an import): kept with the settings."""
        self.messages = list(messages)
        settings = self.app.settings
        if settings is not None:
            settings.saved_messages = [message.to_data() for message in self.messages]
            self.app.keeper.changed()

    def next_counter(self, tab: EndpointTab) -> int:
        return self.counters.get(tab.winfo_name(), 1)

    def reset_counter(self, tab: EndpointTab) -> None:
        self.counters.pop(tab.winfo_name(), None)

    # ------------------------------------------------------------ sending
    def send(self, tab: EndpointTab, message: SavedMessage) -> bool:
        """Send ``message`` from ``tab`` as its Send button would; its counter moves on if it went out."""
        try:
            data = message.payload(counter=self.next_counter(tab))
        except NetError as err:  # the library is checked, but an encoding may be missing here
            tab.sendbox.show_error(trf("Saved message “{name}”: {problem}", name=message.name,
                                       problem=err.translated(tr)))
            return False
        if not tab.send_message(data):  # not started, or the socket said no: the send box says why
            return False
        self.counters[tab.winfo_name()] = self.next_counter(tab) + 1
        return True

    # --------------------------------------------------------------- menu
    def fill_menu(self, tab: EndpointTab, menu: tk.Menu) -> None:
        """The send box's Saved ▾ menu, as it opens: one entry per message, then the tools."""
        menu.delete(0, "end")
        if not self.messages:
            menu.add_command(label=tr(NONE_YET), state="disabled")
        for message in self.messages[:MENU_ITEMS]:
            menu.add_command(label=message.name, command=lambda m=message: self.send(tab, m))
        if len(self.messages) > MENU_ITEMS:
            menu.add_command(label=trf(MORE, count=len(self.messages) - MENU_ITEMS), command=self.open_window)
        menu.add_separator()
        menu.add_command(label=tr(ADD_TYPED), command=lambda: self.add_typed(tab))
        menu.add_command(label=trf(RESET_COUNTER, next=self.next_counter(tab)),
                         command=lambda: self.reset_counter(tab))
        menu.add_command(label=tr(MANAGE), command=self.open_window)
        theme.style_menu(menu)

    def add_typed(self, tab: EndpointTab) -> SavedMessagesWindow:
        """Open the window with a new message holding what ``tab``'s send box holds."""
        box = tab.sendbox
        window = self.open_window()
        window.new_message(SavedMessage("", box.entry.get(), box.mode.get(), box.encoding.get(),
                                        box.line_ending.get()))
        return window

    # ------------------------------------------------------------- window
    def open_window(self) -> SavedMessagesWindow:
        """Tools → Saved messages… (one window for the app)."""
        from .saved_window import SavedMessagesWindow

        root = self.app.root
        return one_window(root, WINDOW_NAME, SavedMessagesWindow, lambda: SavedMessagesWindow(root, self))[0]

    def close(self) -> None:
        window = self.app.root.children.get(WINDOW_NAME)  # (not self.window: it imports the window)
        if window is not None and window.winfo_exists():
            window.destroy()
