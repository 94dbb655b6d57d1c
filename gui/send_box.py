"""The line where the user types what to send, and how to encode it.

Text, hex or escaped text; an encoding; a line ending.  Enter sends, ↑/↓ walk
the history.  Input that cannot be encoded (bad hex, a bad escape, a
character the encoding lacks) is marked in place with a message and nothing
is sent.  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from netcore.codec import CodecError, encode_payload

from .i18n import N_, bind_text, on_language_change, tr
from .widgets import Choice, is_marked_bad, mark_bad, mark_good

MODES = (("text", N_("Text")), ("hex", N_("Hex")), ("escapes", N_("Escapes (\\n \\xNN)")))
ENCODINGS = (("utf-8", "UTF-8"), ("gbk", "GBK"), ("latin-1", "Latin-1"))
LINE_ENDINGS = (("none", N_("None")), ("lf", "LF (\\n)"), ("crlf", "CRLF (\\r\\n)"))
HISTORY_SIZE = 100

# what each mode expects, shown under the field while it is empty of errors
MODE_HINTS = {
    "text": N_("Type a message and press Enter to send it."),
    "hex": N_("Hex bytes, e.g. 48 65 6C 6C 6F or 0x48,0x65 — spaces, commas, colons and dashes are ignored."),
    "escapes": N_("Text where \\n, \\r, \\t, \\\\ and \\xNN stand for special bytes."),
}


class SendBox(ttk.Frame):
    """``on_send(data)`` is called with the encoded bytes; it returns True when sent."""

    def __init__(self, master: tk.Misc, on_send: Callable[[bytes], bool], *, name: str = "send") -> None:
        super().__init__(master, name=name)
        self._on_send = on_send
        self.history: list[str] = []
        self._history_pos = 0

        options = ttk.Frame(self, name="options")
        options.pack(side="top", fill="x")
        bind_text(ttk.Label(options, name="mode_label"), "Send as:").pack(side="left")
        self.mode = Choice(options, MODES, name="mode", width=6, command=self._mode_changed)
        self.mode.pack(side="left", padx=(4, 12))
        bind_text(ttk.Label(options, name="encoding_label"), "Encoding:").pack(side="left")
        self.encoding = Choice(options, ENCODINGS, name="encoding", width=6, translate=False)
        self.encoding.pack(side="left", padx=(4, 12))
        bind_text(ttk.Label(options, name="line_ending_label"), "Line ending:").pack(side="left")
        self.line_ending = Choice(options, LINE_ENDINGS, name="line_ending", width=6)
        self.line_ending.pack(side="left", padx=(4, 0))

        row = ttk.Frame(self, name="row")
        row.pack(side="top", fill="x", pady=(4, 0))
        self.entry = ttk.Entry(row, name="message")
        self.entry.pack(side="left", fill="x", expand=True)
        self.button = bind_text(ttk.Button(row, name="send_button", command=self.send), "Send")
        self.button.pack(side="left", padx=(6, 0))
        # Saved ▾, the saved messages (Tools → Saved messages…): the menu is filled each time it opens, by the
        # app (gui/workbench/saved_messages.py, imported then), so the first window pays one button
        # (the theme draws the menu button's arrow)
        self.saved_button = bind_text(ttk.Menubutton(row, name="saved"), N_("Saved"))
        self.saved_menu = tk.Menu(self.saved_button, name="menu", tearoff=False, postcommand=self._fill_saved)
        self.saved_button.configure(menu=self.saved_menu)
        self.saved_button.pack(side="left", padx=(6, 0))
        self.fill_saved_menu: Callable[[tk.Menu], None] | None = None
        self.hint = ttk.Label(self, name="hint", style="Hint.TLabel", anchor="w", justify="left")
        self.hint.pack(side="top", fill="x")
        # a long error wraps under the field instead of running past the window's edge
        self.hint.bind("<Configure>", lambda e: self.hint.configure(wraplength=max(e.width, 200)))
        self._show_hint()
        on_language_change(self._relabel)

        self.entry.bind("<Return>", self._enter)
        self.entry.bind("<KP_Enter>", self._enter)
        self.entry.bind("<Up>", lambda e: self._walk(-1))
        self.entry.bind("<Down>", lambda e: self._walk(1))
        self.entry.bind("<Key>", self._typed, add="+")

    # ---------------------------------------------------------------- API
    def encode(self) -> bytes | None:
        """The bytes the field stands for, or None after marking the error."""
        text = self.entry.get()
        try:
            data = encode_payload(text, self.mode.get(), self.encoding.get(), self.line_ending.get())
        except CodecError as err:
            mark_bad(self.entry, err.position, err.length)
            self.show_error(err.translated(tr))
            return None
        mark_good(self.entry)
        return data

    def send(self) -> bool:
        text = self.entry.get()
        data = self.encode()
        if data is None:
            return False
        if not data:
            self.show_error(tr("There is nothing to send: type a message first."))
            return False
        if not self._on_send(data):
            return False
        if not self.history or self.history[-1] != text:
            self.history.append(text)
            del self.history[:-HISTORY_SIZE]
        self._history_pos = len(self.history)
        self.entry.delete(0, "end")
        self._show_hint()
        return True

    def show_error(self, message: str) -> None:
        self.hint.configure(text=message, style="Error.TLabel")

    def set_history(self, items: list[str]) -> None:
        """What was sent before (oldest first); ↑ starts from the newest."""
        self.history = list(items)[-HISTORY_SIZE:]
        self._history_pos = len(self.history)

    def clear_error(self) -> None:
        """Back to the mode's hint (an earlier error no longer applies)."""
        if str(self.hint.cget("style")) == "Error.TLabel":
            self._show_hint()

    def set_enabled(self, enabled: bool) -> None:
        self.button.state(["!disabled"] if enabled else ["disabled"])

    # ------------------------------------------------------------ helpers
    def _fill_saved(self) -> None:
        if self.fill_saved_menu is not None:
            self.fill_saved_menu(self.saved_menu)

    def _enter(self, _event: object) -> str:
        self.send()
        return "break"

    def _walk(self, step: int) -> str:
        if not self.history:
            return "break"
        self._history_pos = min(len(self.history), max(0, self._history_pos + step))
        self.entry.delete(0, "end")
        if self._history_pos < len(self.history):
            self.entry.insert(0, self.history[self._history_pos])
        return "break"

    def _typed(self, _event: object) -> None:
        if is_marked_bad(self.entry):
            mark_good(self.entry)
            self._show_hint()

    def _mode_changed(self) -> None:
        mark_good(self.entry)
        if self.mode.get() == "hex":
            # hex is exactly the bytes typed: a line ending chosen for text is not added behind
            # the user's back (they may choose one again, and then it is theirs)
            self.line_ending.set("none")
        self._show_hint()

    def _show_hint(self) -> None:
        self.hint.configure(text=tr(MODE_HINTS[self.mode.get()]), style="Hint.TLabel")

    def _relabel(self) -> None:
        self.mode.relabel()
        self.line_ending.relabel()
        if str(self.hint.cget("style")) != "Error.TLabel":
            self._show_hint()
