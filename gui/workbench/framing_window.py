"""The receive framing window of one tab (Tools → Receive framing…).

TCP delivers a stream, so a tester chooses where a message ends: a line (LF
or CRLF), any delimiter (text with escapes, or hex), or an idle gap; and a
maximum size after which an unfinished message is shown as it is.  Apply
checks the fields (a bad one is marked, with the reason) and hands the choice
to the running endpoint at once and to the tab's next start.  On the UDP tabs
the window only says that each datagram is already one message.  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import TYPE_CHECKING

from netcore import NetError
from netcore.payload import CodecError

from .. import theme
from ..i18n import N_, bind_text, on_language_change, tr, trf
from ..line_breaks import WrappedLabel
from ..widgets import Choice, mark_bad, mark_good, one_window
from .framing_state import FramingChoice, framing_of

if TYPE_CHECKING:
    from ..tab import EndpointTab

TITLE = N_("Receive framing — {tab}")
INTRO = N_("TCP delivers a stream of bytes: one recv() may hold half a message or several. Choose where a "
           "message ends; the log then shows one message per entry and the counters count messages.")
UDP_NOTE = N_("UDP keeps the boundaries: each datagram is already one message, so there is nothing to "
              "frame on this tab.")
MODES = (("off", N_("Off: show the data as each recv() returns it")),
         ("lf", N_("Lines ending in LF (\\n)")),
         ("crlf", N_("Lines ending in CRLF (\\r\\n)")),
         ("custom", N_("Custom delimiter:")),
         ("idle", N_("Idle gap: a message ends after")))
FORMAT_LABELS = (("text", N_("Text")), ("hex", N_("Hex")))
MS = N_("ms without data")
MAX_SIZE = N_("Maximum message size:")
KIB = N_("KiB (longer: shown as it is, with a note)")
DELIMITER_HINT = N_("The delimiter stays at the end of its message: saved data stays exactly what arrived.")
APPLIED = N_("Applied: at once while the tab runs, and at each start.")
OFF = N_("Framing is off: data is shown as each recv() returns it.")


class FramingWindow(tk.Toplevel):
    def __init__(self, master: tk.Misc, tab: EndpointTab) -> None:
        super().__init__(master, name=f"framing_{tab.winfo_name()}")
        self.tab = tab
        self.configure(background=theme.palette()["bg"])
        body = ttk.Frame(self, name="body", padding=10)
        body.pack(fill="both", expand=True)
        self.stream = tab.transport == "tcp"
        self.intro = bind_text(WrappedLabel(body, name="intro", justify="left", wraplength=520),
                               INTRO if self.stream else UDP_NOTE)
        self.intro.pack(side="top", fill="x", pady=(0, 6))
        bottom = ttk.Frame(body, name="bottom")
        bottom.pack(side="bottom", fill="x", pady=(8, 0))
        self.close_button = bind_text(ttk.Button(bottom, name="close", command=self.destroy), N_("Close"))
        self.close_button.pack(side="right")
        if self.stream:
            self.apply_button = bind_text(ttk.Button(bottom, name="apply", command=self.apply,
                                                     style="Accent.TButton"), N_("Apply"))
            self.apply_button.pack(side="right", padx=(0, 6))
            self._build_choices(body)
        self._forget_language = on_language_change(self._relabel)
        self.bind("<Destroy>", self._destroyed, add="+")
        self.bind("<Escape>", lambda e: self.destroy())
        self._relabel()

    def _build_choices(self, body: ttk.Frame) -> None:
        self.state_ = framing_of(self.tab)
        choice = self.state_.choice
        choices = ttk.Frame(body, name="choices")
        choices.pack(side="top", fill="x")
        self.mode = tk.StringVar(self, value=choice.mode)
        self.radios: dict[str, ttk.Radiobutton] = {}
        rows: dict[str, ttk.Frame] = {}
        for value, label in MODES:  # one row each: the custom delimiter and the gap beside their choice
            row = rows[value] = ttk.Frame(choices, name=f"row_{value}")
            row.pack(side="top", fill="x", pady=1)
            radio = bind_text(ttk.Radiobutton(row, name=f"mode_{value}", variable=self.mode, value=value),
                              label)
            radio.pack(side="left")
            self.radios[value] = radio
        self.custom = ttk.Entry(rows["custom"], name="custom", width=14)
        self.custom.insert(0, choice.custom)
        self.custom.pack(side="left", padx=(6, 0))
        self.custom_format = Choice(rows["custom"], FORMAT_LABELS, name="custom_format", width=6)
        self.custom_format.set(choice.custom_format)
        self.custom_format.pack(side="left", padx=(6, 0))
        self.idle = ttk.Entry(rows["idle"], name="idle", width=7)
        self.idle.insert(0, choice.idle_ms)
        self.idle.pack(side="left", padx=(6, 0))
        bind_text(ttk.Label(rows["idle"], name="ms"), MS).pack(side="left", padx=(6, 0))
        size_row = ttk.Frame(body, name="size")
        size_row.pack(side="top", fill="x", pady=(8, 0))
        bind_text(ttk.Label(size_row, name="max_label"), MAX_SIZE).pack(side="left")
        self.max_kib = ttk.Entry(size_row, name="max_kib", width=8)
        self.max_kib.insert(0, choice.max_kib)
        self.max_kib.pack(side="left", padx=(6, 6))
        bind_text(ttk.Label(size_row, name="kib"), KIB).pack(side="left")
        self.hint = bind_text(WrappedLabel(body, name="hint", style="Hint.TLabel", justify="left",
                                        wraplength=520), DELIMITER_HINT)
        self.hint.pack(side="top", fill="x", pady=(6, 0))
        self.problem = WrappedLabel(body, name="problem", justify="left", wraplength=520)
        self.problem.pack(side="top", fill="x", pady=(4, 0))
        for label in (self.intro, self.hint, self.problem):  # wrap at the window's width
            label.bind("<Configure>", lambda e: e.widget.configure(wraplength=max(e.width - 4, 200)), add="+")
        for entry in (self.custom, self.idle, self.max_kib):
            entry.bind("<Return>", lambda e: self.apply())
            entry.bind("<Key>", lambda e: mark_good(e.widget), add="+")
        # typing a delimiter or a gap chooses that framing
        self.custom.bind("<FocusIn>", lambda e: self.mode.set("custom"), add="+")
        self.idle.bind("<FocusIn>", lambda e: self.mode.set("idle"), add="+")

    def chosen(self) -> FramingChoice:
        """What the fields hold now."""
        return FramingChoice(self.mode.get(), self.custom.get(), self.custom_format.get(), self.idle.get(),
                             self.max_kib.get())

    def apply(self) -> bool:
        """Check the fields and frame by them from now on; a bad field is marked and said."""
        for entry in (self.custom, self.idle, self.max_kib):
            mark_good(entry)
        try:
            spec = self.state_.apply(self.chosen())
        except NetError as err:
            entry = self._field_of(err)
            if entry is not None:
                mark_bad(entry, err.position if isinstance(err, CodecError) else None,
                         err.length if isinstance(err, CodecError) else 1)
            self.problem.configure(text=err.translated(tr), style="Error.TLabel")
            return False
        self.problem.configure(text=tr(APPLIED if spec is not None else OFF), style="Hint.TLabel")
        return True

    def _field_of(self, err: NetError) -> ttk.Entry | None:
        if err.code == "bad_idle":
            return self.idle
        if err.code == "bad_max_size":
            return self.max_kib
        if isinstance(err, CodecError):
            return self.custom
        return None

    def _relabel(self) -> None:
        if self.winfo_exists():
            self.title(trf(TITLE, tab=tr(self.tab.title)))
            if self.stream:
                self.custom_format.relabel()

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is self:
            self._forget_language()


def open_framing(master: tk.Misc, tab: EndpointTab) -> FramingWindow:
    """Show ``tab``'s framing window (one per tab)."""
    return one_window(master, f"framing_{tab.winfo_name()}", FramingWindow,
                      lambda: FramingWindow(master, tab))[0]
