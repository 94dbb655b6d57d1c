"""The send-file window of a tab (Tools → Send file…): a path, the UDP datagram size and pace, progress.

One window per tab (a Toplevel named ``sendfile_<tab>``).  The path is typed
or chosen with Browse…; the file is opened and read on the endpoint's I/O
thread (:mod:`netcore.file_sender`), never here, so a large or slow file
cannot freeze the window.  Over TCP it is streamed; over UDP it is cut into
datagrams of the size chosen, paced if asked.  A file that cannot be read is
said in words, in the window and the log.  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import filedialog, ttk
from typing import TYPE_CHECKING, Any

from netcore import NetError
from netcore.errors import translate_message
from netcore.file_sender import BAD_DATAGRAM_SIZE, BAD_PACE, DATAGRAM_SIZE, FileDone, FileProgress, check_pace

from ..i18n import N_, bind_text, tr, trf
from ..widgets import Choice, mark_good, one_window
from . import job_words as words
from .job_window import JobWindow
from .send_jobs import CannotStart

if TYPE_CHECKING:
    from ..tab import EndpointTab

TITLE = N_("Send file — {tab}")
ABOUT_TCP = N_("The file is streamed over the connection a chunk at a time, as fast as the peer reads it; "
               "it is never read whole into memory.")
ABOUT_UDP = N_("The file is cut into datagrams of at most the size below, sent in order. UDP does not "
               "resend what is lost: pace the datagrams if the receiver drops some.")
IDLE = N_("Choose a file, then Send.")
PACES = (("none", N_("As fast as possible")), ("rate", N_("Datagrams per second:")),
         ("gap", N_("Gap between datagrams (ms):")))
MAX_DATAGRAM = 65527


def parse_datagram_size(text: str, limit: int = MAX_DATAGRAM) -> int:
    text = text.strip().replace(",", "")
    if not (text.isascii() and text.isdigit()) or len(text) > 6 or not 1 <= int(text) <= limit:
        raise NetError("bad_datagram_size", BAD_DATAGRAM_SIZE, limit=f"{limit:,}")
    return int(text)


def parse_pace(kind: str, text: str) -> dict[str, float]:
    """The pace chosen as FileSend's keyword (``rate`` per second or ``gap`` in seconds); NetError."""
    if kind == "none":
        return {}
    try:
        value = float(text.strip().replace(",", ""))
    except ValueError:
        raise NetError("bad_pace", BAD_PACE) from None
    pace = {"rate": value} if kind == "rate" else {"gap": value / 1000.0}
    check_pace(pace.get("rate"), pace.get("gap"))
    return pace


class FileWindow(JobWindow):
    def __init__(self, master: tk.Misc, tab: EndpointTab) -> None:
        self.udp = tab.transport == "udp"
        super().__init__(master, tab, name=f"sendfile_{tab.winfo_name()}",
                         about=ABOUT_UDP if self.udp else ABOUT_TCP, width=500, minsize=(460, 240))
        body = self.body

        chooser = ttk.Frame(body, name="chooser")
        chooser.pack(side="top", fill="x", pady=(8, 0))
        bind_text(ttk.Label(chooser, name="path_label"), N_("File:")).pack(side="left")
        bind_text(ttk.Button(chooser, name="browse", command=self.browse), N_("Browse…")).pack(side="right")
        self.path = ttk.Entry(chooser, name="path")
        self.path.pack(side="left", fill="x", expand=True, padx=(4, 6))
        self.path.bind("<Return>", lambda e: self.start())
        self.path.bind("<Key>", lambda e: mark_good(self.path), add="+")

        if self.udp:
            self._build_udp(body)

        buttons = ttk.Frame(body, name="buttons")
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        self.send_button = bind_text(ttk.Button(buttons, name="send", command=self.start,
                                                style="Accent.TButton"), N_("Send"))
        self.send_button.pack(side="left")
        self.cancel_button = bind_text(ttk.Button(buttons, name="cancel", command=self.jobs.cancel_file),
                                       N_("Cancel"))
        self.cancel_button.pack(side="left", padx=(6, 0))
        bind_text(ttk.Button(buttons, name="close", command=self.destroy), N_("Close")).pack(side="right")
        self.progress = ttk.Progressbar(body, name="progress", maximum=1000)
        self.progress.pack(side="top", fill="x", pady=(10, 0))
        self.follow_jobs(status_pady=(4, 0))

    def _build_udp(self, body: ttk.Frame) -> None:
        udp = ttk.Frame(body, name="udp")
        udp.pack(side="top", fill="x", pady=(8, 0))
        size_label = bind_text(ttk.Label(udp, name="size_label"), N_("Datagram size (bytes):"))
        size_label.grid(row=0, column=0, sticky="w")
        self.datagram_size = ttk.Entry(udp, name="datagram_size", width=8)
        self.datagram_size.insert(0, str(DATAGRAM_SIZE))
        self.datagram_size.grid(row=0, column=1, sticky="w", padx=(4, 0))
        pace_label = bind_text(ttk.Label(udp, name="pace_label"), N_("Pace:"))
        pace_label.grid(row=1, column=0, sticky="w", pady=(4, 0))
        self.pace = Choice(udp, PACES, name="pace", width=12, command=self._pace_changed)
        self.pace.grid(row=1, column=1, sticky="w", padx=(4, 6), pady=(4, 0))
        self.pace_value = ttk.Entry(udp, name="pace_value", width=8)
        self.pace_value.insert(0, "1000")
        self.pace_value.grid(row=1, column=2, sticky="w", pady=(4, 0))
        for entry in (self.datagram_size, self.pace_value):
            entry.bind("<Return>", lambda e: self.start())
            entry.bind("<Key>", lambda e: mark_good(e.widget), add="+")
        self._pace_changed()

    def _pace_changed(self) -> None:
        self.pace_value.state(["disabled"] if self.pace.get() == "none" else ["!disabled"])

    def browse(self) -> None:
        path = filedialog.askopenfilename(parent=self, title=tr("Choose a file to send"))
        if path:
            self.path.delete(0, "end")
            self.path.insert(0, path)
            mark_good(self.path)

    def start(self) -> None:
        if self.jobs.file_running:  # one at a time (Enter in a field, too): Stop first
            return
        self._problem = ""
        path = self.path.get().strip()
        if not path:
            self._refuse(tr("Choose a file to send."), self.path)
            return
        options: dict[str, Any] = {}
        if self.udp:
            try:
                options["datagram_size"] = parse_datagram_size(self.datagram_size.get())
            except NetError as err:
                self._refuse(err.translated(tr), self.datagram_size)
                return
            try:
                options.update(parse_pace(self.pace.get(), self.pace_value.get()))
            except NetError as err:
                self._refuse(err.translated(tr), self.pace_value)
                return
        try:
            self.jobs.start_file(path, **options)
        except CannotStart as problem:
            self._refuse(problem.text)
            return
        self.refresh()

    def refresh(self) -> None:
        if not self.winfo_exists():
            return
        self.title(trf(TITLE, tab=tr(self.tab.title)))
        if self.udp:
            self.pace.relabel()
        jobs = self.jobs
        running = jobs.file_running
        self.send_button.state(["!disabled"] if self.tab.state == "running" and not running else ["disabled"])
        self.cancel_button.state(["!disabled"] if running else ["disabled"])
        state = jobs.file_state
        name = jobs.file_name
        if isinstance(state, (FileProgress, FileDone)):
            self.progress.configure(value=1000 * state.sent / state.total if state.total else 1000)
        elif not running:
            self.progress.configure(value=0)

        def ended() -> str:
            assert isinstance(state, FileDone)
            text = words.file_ended(name, state)
            if state.template:  # why it failed, in words (a file it could not read, a send error)
                text += "\n" + translate_message(tr, state.template, dict(state.params))
            return text

        self.show_status(running, state, FileProgress, lambda: words.file_running(name, state), FileDone,
                         ended, IDLE)


def open_file_window(master: tk.Misc, tab: EndpointTab) -> FileWindow:
    """Show the tab's send-file window (made at the first call)."""
    return one_window(master, f"sendfile_{tab.winfo_name()}", FileWindow, lambda: FileWindow(master, tab))[0]
