"""Tools → Saved messages…: edit the library of named payloads, import and export it as JSON.

On the left, the messages (a list; New, Delete, ↑, ↓).  On the right, the one
being edited: its name, text (with placeholders), mode, encoding, line ending
and checksum, the bytes its next send would be, and *Save message* and
*Send now* (from the tab shown).  Import… adds a file's messages (a name
already used gets " (2)"); a file that does not read is said here and nothing
changes.  Export… writes the whole library.  Tk thread only.
"""

from __future__ import annotations

import contextlib
import os
import time
import tkinter as tk
from collections.abc import Callable
from tkinter import filedialog, ttk
from typing import TYPE_CHECKING

from netcore import NetError
from netcore.payload import CodecError
from netcore.saved_messages import (
    MAX_FILE_BYTES,
    MAX_MESSAGES,
    MAX_NAME_CHARS,
    SavedMessage,
    messages_from_json,
    messages_to_json,
    unique_name,
)

from .. import theme
from ..i18n import N_, bind_text, on_language_change, tr, trf, trn
from ..line_breaks import WrappedLabel
from ..send_box import ENCODINGS, LINE_ENDINGS, MODES
from ..widgets import Choice, mark_bad, mark_good
from .saved_messages import WINDOW_NAME

if TYPE_CHECKING:
    from .saved_messages import SavedMessagesFeature

CHECKSUMS = (("none", N_("None")), ("crc16-modbus", N_("CRC-16/Modbus (2 bytes, low byte first)")),
             ("crc32", N_("CRC-32 (4 bytes, big-endian)")), ("sum8", N_("Sum-8 (1 byte)")),
             ("xor8", N_("XOR-8 (1 byte)")))
PLACEHOLDERS = N_("Placeholders: {{counter}} this tab's send count (1, 2, 3…; {{counter:2}} as 2 bytes), "
                  "{{time}} the time as HH:MM:SS.mmm, {{random}} a number 0–65535 ({{random:4}}: 4 random "
                  "bytes), {{{{ for a brace. The checksum covers the message's bytes; the line ending comes "
                  "after it.")
PREVIEW = N_("Next send from {tab}: {bytes}")
NO_NAME = N_("Give the message a name (1 to {most} characters).")
NAME_TAKEN = N_("Another message is already called “{name}”.")
SAVED = N_("Saved “{name}”.")
NOT_SENT = N_("Not sent: {reason}")
SENT = N_("Sent “{name}” from {tab}.")
IMPORTED = N_("Imported {count} messages from {path}.")
IMPORTED_ONE = N_("Imported 1 message from {path}.")
NOT_IMPORTED = N_("Could not import {path}: {problem} Your saved messages were not changed.")
TOO_MANY = N_("Importing {count} messages would make more than {most}. Your saved messages were not changed.")
EXPORTED = N_("Exported {count} messages to {path}.")
EXPORTED_ONE = N_("Exported 1 message to {path}.")
NOT_EXPORTED = N_("Could not export to {path}: {reason}")
COLUMNS = (("name", N_("Name"), 140), ("kind", N_("Kind"), 130))
KINDS = {"text": N_("Text"), "hex": N_("Hex"), "escapes": N_("Escapes")}
PREVIEW_BYTES = 48
SHORT_CHECKSUMS = {"crc16-modbus": "CRC16", "crc32": "CRC32", "sum8": "SUM8", "xor8": "XOR8"}


class SavedMessagesWindow(tk.Toplevel):
    def __init__(self, master: tk.Misc, feature: SavedMessagesFeature) -> None:
        super().__init__(master, name=WINDOW_NAME)
        self.feature = feature
        self.editing: int | None = None  # the index of the message in the editor; None: a new one
        self.title(tr("Saved messages"))
        self.minsize(700, 460)
        body = ttk.Frame(self, name="body", padding=10)
        body.pack(fill="both", expand=True)

        bottom = ttk.Frame(body, name="bottom")
        bottom.pack(side="bottom", fill="x", pady=(8, 0))
        self.import_button = self._button(bottom, "import", N_("Import…"), self.import_file)
        self.export_button = self._button(bottom, "export", N_("Export…"), self.export_file, (6, 0))
        self.close_button = bind_text(ttk.Button(bottom, name="close", command=self.destroy), N_("Close"))
        self.close_button.pack(side="right")
        self.status = WrappedLabel(body, name="status", style="Hint.TLabel", anchor="w", justify="left",
                                wraplength=660)
        self.status.pack(side="bottom", fill="x", pady=(6, 0))
        self._status: Callable[[], str] = str  # what the status line says, made again after a switch

        left = ttk.Frame(body, name="left")
        left.pack(side="left", fill="y")
        listing = ttk.Frame(left, name="listing")
        listing.pack(side="top", fill="both", expand=True)
        self.list = ttk.Treeview(listing, name="list", columns=[c[0] for c in COLUMNS], show="headings",
                                 height=10, selectmode="browse")
        for column, _label, width in COLUMNS:
            self.list.column(column, width=width, stretch=column == "name")
        scroll = ttk.Scrollbar(listing, name="scroll", orient="vertical", command=self.list.yview)
        self.list.configure(yscrollcommand=scroll.set)
        scroll.pack(side="right", fill="y")
        self.list.pack(side="left", fill="both", expand=True)
        self.list.bind("<<TreeviewSelect>>", self._picked)
        actions = ttk.Frame(left, name="actions")
        actions.pack(side="top", fill="x", pady=(6, 0))
        self.new_button = self._button(actions, "new", N_("New"), self.new_message)
        self.delete_button = self._button(actions, "delete", N_("Delete"), self.delete, (6, 0))
        self.up_button = ttk.Button(actions, name="up", text="↑", width=3, command=lambda: self.move(-1))
        self.up_button.pack(side="left", padx=(6, 0))
        self.down_button = ttk.Button(actions, name="down", text="↓", width=3, command=lambda: self.move(1))
        self.down_button.pack(side="left", padx=(6, 0))

        editor = ttk.Frame(body, name="editor")
        editor.pack(side="left", fill="both", expand=True, padx=(12, 0))
        editor.columnconfigure(1, weight=1)
        bind_text(ttk.Label(editor, name="name_label"), N_("Name:")).grid(row=0, column=0, sticky="w")
        self.name = ttk.Entry(editor, name="name")
        self.name.grid(row=0, column=1, sticky="ew", pady=(0, 4))
        bind_text(ttk.Label(editor, name="text_label"), N_("Message:")).grid(row=1, column=0, sticky="nw")
        self.text = tk.Text(editor, name="text", height=4, width=40, wrap="char", undo=True, borderwidth=1,
                            relief="solid", font="TkFixedFont")
        self.text.grid(row=1, column=1, sticky="nsew")
        editor.rowconfigure(1, weight=1)
        choices = ttk.Frame(editor, name="choices")
        choices.grid(row=2, column=0, columnspan=2, sticky="w", pady=(6, 0))
        bind_text(ttk.Label(choices, name="mode_label"), N_("Send as:")).pack(side="left")
        self.mode = Choice(choices, MODES, name="mode", width=6, command=self._mode_changed)
        self.mode.pack(side="left", padx=(4, 10))
        bind_text(ttk.Label(choices, name="encoding_label"), N_("Encoding:")).pack(side="left")
        self.encoding = Choice(choices, ENCODINGS, name="encoding", width=6, translate=False,
                               command=self.preview)
        self.encoding.pack(side="left", padx=(4, 10))
        bind_text(ttk.Label(choices, name="line_ending_label"), N_("Line ending:")).pack(side="left")
        self.line_ending = Choice(choices, LINE_ENDINGS, name="line_ending", width=6, command=self.preview)
        self.line_ending.pack(side="left", padx=(4, 0))
        sums = ttk.Frame(editor, name="sums")
        sums.grid(row=3, column=0, columnspan=2, sticky="w", pady=(6, 0))
        bind_text(ttk.Label(sums, name="checksum_label"), N_("Checksum:")).pack(side="left")
        self.checksum = Choice(sums, CHECKSUMS, name="checksum", width=10, command=self.preview)
        self.checksum.pack(side="left", padx=(4, 0))
        self.preview_label = WrappedLabel(editor, name="preview", style="Hint.TLabel", anchor="w",
                                       justify="left", wraplength=440, font="TkFixedFont")
        self.preview_label.grid(row=4, column=0, columnspan=2, sticky="ew", pady=(6, 0))
        buttons = ttk.Frame(editor, name="buttons")
        buttons.grid(row=5, column=0, columnspan=2, sticky="w", pady=(6, 0))
        self.save_button = bind_text(ttk.Button(buttons, name="save", command=self.save,
                                                style="Accent.TButton"), N_("Save message"))
        self.save_button.pack(side="left")
        self.send_button = self._button(buttons, "send", N_("Send now"), self.send_now, (6, 0))
        self.help = WrappedLabel(editor, name="help", style="Hint.TLabel", justify="left", wraplength=440)
        self.help.grid(row=6, column=0, columnspan=2, sticky="ew", pady=(8, 0))
        editor.bind("<Configure>", self._rewrap, add="+")

        self.name.bind("<Key>", lambda e: mark_good(self.name), add="+")
        self.text.bind("<KeyRelease>", lambda e: self.preview(), add="+")
        self.text.bind("<<Paste>>", lambda e: self.after_idle(self.preview), add="+")
        self.bind("<Escape>", lambda e: self.destroy())
        self._forget_language = on_language_change(self._relabel)
        self._forget_theme = theme.on_theme_change(self._recolour)
        self.bind("<Destroy>", self._destroyed, add="+")
        self._recolour()
        self._relabel()
        self.refresh_list()
        if feature.messages:
            self.select(0)
        else:
            self.new_message()

    def _button(self, parent: tk.Misc, name: str, label: str, command: Callable[[], object],
                pad: tuple[int, int] = (0, 0)) -> ttk.Button:
        button = bind_text(ttk.Button(parent, name=name, command=command), label)
        button.pack(side="left", padx=pad)
        return button

    # ------------------------------------------------------------ the list
    def refresh_list(self) -> None:
        self.list.delete(*self.list.get_children())
        for index, message in enumerate(self.feature.messages):
            self.list.insert("", "end", iid=str(index), values=(message.name, _kind(message)))

    def select(self, index: int) -> None:
        """Show message ``index`` in the editor (and select it in the list)."""
        self.list.selection_set(str(index))
        self.list.see(str(index))
        self._load(index)

    def _picked(self, _event: object = None) -> None:
        chosen = self.list.selection()
        if chosen and int(chosen[0]) != self.editing:
            self._load(int(chosen[0]))

    def _load(self, index: int) -> None:
        self.editing = index
        self._fill(self.feature.messages[index])

    def new_message(self, message: SavedMessage | None = None) -> None:
        """An empty editor (or one holding ``message``), saved as a new message."""
        self.editing = None
        self.list.selection_remove(*self.list.selection())
        self._fill(message or SavedMessage("", ""))
        self.name.focus_set()

    def _fill(self, message: SavedMessage) -> None:
        self.name.delete(0, "end")
        self.name.insert(0, message.name)
        mark_good(self.name)
        self.text.delete("1.0", "end")
        self.text.insert("1.0", message.text)
        self.text.tag_remove("bad", "1.0", "end")
        for choice, value in ((self.mode, message.mode), (self.encoding, message.encoding),
                              (self.line_ending, message.line_ending), (self.checksum, message.checksum)):
            with contextlib.suppress(ValueError):  # an encoding the drop-down does not list: left as is
                choice.set(value)
        self.preview()

    def delete(self) -> None:
        if self.editing is None:
            self.new_message()
            return
        messages = list(self.feature.messages)
        del messages[self.editing]
        self.feature.set_messages(messages)
        self.refresh_list()
        if messages:
            self.select(min(self.editing, len(messages) - 1))
        else:
            self.new_message()

    def move(self, step: int) -> None:
        index = self.editing
        messages = list(self.feature.messages)
        if index is None or not 0 <= index + step < len(messages):
            return
        messages[index], messages[index + step] = messages[index + step], messages[index]
        self.feature.set_messages(messages)
        self.refresh_list()
        self.select(index + step)

    # ---------------------------------------------------------- the editor
    def edited(self) -> SavedMessage:
        """The message as the editor holds it (not checked)."""
        return SavedMessage(self.name.get().strip(), self.text.get("1.0", "end-1c"), self.mode.get(),
                            self.encoding.get(), self.line_ending.get(), self.checksum.get())

    def _checked(self) -> SavedMessage | None:
        """The edited message if it encodes (else its mistake is marked and said)."""
        message = self.edited()
        self.text.tag_remove("bad", "1.0", "end")
        try:
            message.check()
        except NetError as exc:
            err = exc  # kept for the message, which is made again after a language switch
            if isinstance(err, CodecError) and err.position is not None:
                start = f"1.0 + {err.position} chars"
                self.text.tag_add("bad", start, f"{start} + {err.length} chars")
            self._say(lambda: err.translated(tr), error=True)
            return None
        return message

    def save(self) -> bool:
        """Save the edited message (a new one is added at the end)."""
        message = self._checked()
        if message is None:
            return False
        others = [m.name for i, m in enumerate(self.feature.messages) if i != self.editing]
        if not 1 <= len(message.name) <= MAX_NAME_CHARS or message.name in others:
            mark_bad(self.name)
            name = message.name
            self._say((lambda: trf(NAME_TAKEN, name=name)) if name in others
                      else (lambda: trf(NO_NAME, most=MAX_NAME_CHARS)), error=True)
            return False
        messages = list(self.feature.messages)
        if self.editing is None:
            if len(messages) >= MAX_MESSAGES:
                self._say(lambda: trf(TOO_MANY, count=1, most=MAX_MESSAGES), error=True)
                return False
            messages.append(message)
            self.editing = len(messages) - 1
        else:
            messages[self.editing] = message
        self.feature.set_messages(messages)
        self.refresh_list()
        self.select(self.editing)
        self._say(lambda: trf(SAVED, name=message.name))
        return True

    def send_now(self) -> bool:
        """Send the edited message from the tab shown (as its Saved ▾ menu would)."""
        message = self._checked()
        if message is None:
            return False
        tab = self.feature.app.current_tab()
        if not self.feature.send(tab, message):
            reason = str(tab.sendbox.hint.cget("text"))  # the send box says why, in its own words
            self._say(lambda: trf(NOT_SENT, reason=reason), error=True)
            return False
        title = tab.title
        self._say(lambda: trf(SENT, name=message.name or "…", tab=tr(title)))
        self.preview()
        return True

    def preview(self) -> None:
        """The bytes the edited message's next send from the tab shown would be (or its mistake)."""
        message = self.edited()
        tab = self.feature.app.current_tab()
        self.text.tag_remove("bad", "1.0", "end")
        try:
            data = message.payload(counter=self.feature.next_counter(tab), now=time.time(),
                                   random_bytes=os.urandom)
        except CodecError as err:
            if err.position is not None:
                start = f"1.0 + {err.position} chars"
                self.text.tag_add("bad", start, f"{start} + {err.length} chars")
            self.preview_label.configure(text=err.translated(tr), style="Error.TLabel")
            return
        except NetError as err:
            self.preview_label.configure(text=err.translated(tr), style="Error.TLabel")
            return
        shown = " ".join(f"{byte:02X}" for byte in data[:PREVIEW_BYTES]) + (" …" if len(data) > PREVIEW_BYTES
                                                                            else "")
        text = trf(PREVIEW, tab=tr(tab.title), bytes=shown) + " " + trn("({count} byte)", "({count} bytes)",
                                                                        len(data))
        self.preview_label.configure(text=text, style="Hint.TLabel")

    def _mode_changed(self) -> None:
        if self.mode.get() == "hex":
            self.line_ending.set("none")  # as the send box: hex is exactly the bytes written
        self.preview()

    # --------------------------------------------------------- import/export
    def import_file(self) -> bool:
        path = filedialog.askopenfilename(parent=self, title=tr("Import saved messages"),
                                          filetypes=[(tr("JSON files"), "*.json"), (tr("All files"), "*")])
        if not path:
            return False
        try:
            with open(path, "rb") as file:
                raw = file.read(MAX_FILE_BYTES + 1)
            found = messages_from_json(raw)
        except OSError as exc:
            reason = (exc.strerror or str(exc)) + "."
            self._say(lambda: trf(NOT_IMPORTED, path=path, problem=reason), error=True)
            return False
        except NetError as exc:
            err = exc
            self._say(lambda: trf(NOT_IMPORTED, path=path, problem=err.translated(tr)), error=True)
            return False
        messages = list(self.feature.messages)
        if len(messages) + len(found) > MAX_MESSAGES:
            count = len(found)
            self._say(lambda: trf(TOO_MANY, count=count, most=MAX_MESSAGES), error=True)
            return False
        for message in found:  # a name already used is kept apart, never replaced
            name = unique_name(message.name, [m.name for m in messages])
            messages.append(SavedMessage(name, message.text, message.mode, message.encoding,
                                         message.line_ending, message.checksum))
        self.feature.set_messages(messages)
        self.refresh_list()
        if found:
            self.select(len(messages) - len(found))
        count = len(found)
        self._say(lambda: trf(IMPORTED_ONE, path=path) if count == 1
                  else trf(IMPORTED, count=count, path=path))
        return True

    def export_file(self) -> bool:
        path = filedialog.asksaveasfilename(parent=self, title=tr("Export saved messages"),
                                            defaultextension=".json", initialfile="socklab-messages.json",
                                            filetypes=[(tr("JSON files"), "*.json"), (tr("All files"), "*")])
        if not path:
            return False
        messages = list(self.feature.messages)
        temporary = f"{path}.{os.getpid()}.tmp"
        try:  # written whole, then put in place: an existing file is never left half-written
            with open(temporary, "w", encoding="utf-8", newline="\n") as file:
                file.write(messages_to_json(messages))
            os.replace(temporary, path)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if os.path.exists(temporary):
                os.unlink(temporary)
            self._say(lambda: trf(NOT_EXPORTED, path=path, reason=reason), error=True)
            return False
        count = len(messages)
        self._say(lambda: trf(EXPORTED_ONE, path=path) if count == 1
                  else trf(EXPORTED, count=count, path=path))
        return True

    # ------------------------------------------------------------- helpers
    def _say(self, message: Callable[[], str], error: bool = False) -> None:
        self._status = message
        self.status.configure(text=message(), style="Error.TLabel" if error else "Hint.TLabel")

    def _relabel(self) -> None:
        if not self.winfo_exists():
            return
        self.title(tr("Saved messages"))
        for column, label, _width in COLUMNS:
            self.list.heading(column, text=tr(label))
        self.help.configure(text=trf(PLACEHOLDERS))
        for choice in (self.mode, self.line_ending, self.checksum):
            choice.relabel()
        self.refresh_list()
        if self.editing is not None:
            self.list.selection_set(str(self.editing))
        self.status.configure(text=self._status())
        self.preview()

    def _rewrap(self, event: tk.Event) -> None:
        for label in (self.preview_label, self.help):
            label.configure(wraplength=max(event.width - 8, 200))

    def _recolour(self) -> None:
        if not self.winfo_exists():
            return
        colours = theme.palette()
        self.configure(background=colours["bg"])
        self.text.configure(background=colours["field"], foreground=colours["fg"],
                            insertbackground=colours["fg"], selectbackground=colours["select"])
        self.text.tag_configure("bad", background=colours["error"], foreground=colours["field"])

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is self:
            self._forget_language()
            self._forget_theme()


def _kind(message: SavedMessage) -> str:
    kind = tr(KINDS.get(message.mode, message.mode))
    return kind if message.checksum == "none" else f"{kind} + {SHORT_CHECKSUMS.get(message.checksum, '?')}"
