"""A window showing a Python script, coloured, with Copy and Save….

One window per tab per feature (``code_tcp_server``, ``calls_udp_client``…),
a child of the app's root, so it closes with the app.  The window keeps the
function that makes its text and makes it again when shown again, when the
language changes (the script's comments follow it) and on Refresh.  Tk
thread only.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import filedialog, ttk

from .. import theme
from ..i18n import N_, bind_text, on_language_change, tr, trf
from .highlight import highlight

SAVED = N_("Saved to {path}.")
COPIED = N_("Copied: paste it into an editor and run it with python3.")
NOT_SAVED = N_("Could not save the script: {reason}")


class CodeWindow(tk.Toplevel):
    """Shows what ``make()`` returns (English title ``title`` with ``{tab}`` filled in by ``tab_title``)."""

    def __init__(self, master: tk.Misc, *, name: str, title: str, tab_title: str,
                 make: Callable[[], str], filename: str) -> None:
        super().__init__(master, name=name)
        self._title, self._tab_title = title, tab_title
        self.make = make
        self.filename = filename
        self.source = ""
        self.geometry("720x520")
        self.minsize(420, 260)

        bar = ttk.Frame(self, name="bar", padding=(8, 6))
        bar.pack(side="bottom", fill="x")
        self.copy_button = bind_text(ttk.Button(bar, name="copy", command=self.copy), N_("Copy"))
        self.copy_button.pack(side="left")
        self.save_button = bind_text(ttk.Button(bar, name="save", command=self.save), N_("Save…"))
        self.save_button.pack(side="left", padx=(6, 0))
        self.refresh_button = bind_text(ttk.Button(bar, name="refresh", command=self.refresh), N_("Refresh"))
        self.refresh_button.pack(side="left", padx=(6, 0))
        self.close_button = bind_text(ttk.Button(bar, name="close", command=self.destroy), N_("Close"))
        self.close_button.pack(side="right")
        self.note = ttk.Label(bar, name="note", style="Hint.TLabel", anchor="w")
        self.note.pack(side="left", fill="x", expand=True, padx=(10, 6))

        body = ttk.Frame(self, name="body")
        body.pack(side="top", fill="both", expand=True)
        self.text = tk.Text(body, name="text", wrap="none", undo=False, borderwidth=0, highlightthickness=0,
                            font="TkFixedFont", padx=8, pady=6, state="disabled")
        yscroll = ttk.Scrollbar(body, name="yscroll", orient="vertical", command=self.text.yview)
        xscroll = ttk.Scrollbar(body, name="xscroll", orient="horizontal", command=self.text.xview)
        self.text.configure(yscrollcommand=yscroll.set, xscrollcommand=xscroll.set)
        yscroll.pack(side="right", fill="y")
        xscroll.pack(side="bottom", fill="x")
        self.text.pack(side="left", fill="both", expand=True)
        # read-only (disabled) but still selectable, and Ctrl+C copies the selection
        self.bind("<Escape>", lambda e: self.destroy())

        self._forget_language = on_language_change(self._language_changed)
        self._forget_theme = theme.on_theme_change(self._recolour)
        self.bind("<Destroy>", self._destroyed, add="+")
        self._recolour()
        self.refresh()

    # ------------------------------------------------------------ content
    def refresh(self) -> None:
        """Make the text again (the tab's settings or calls may have changed)."""
        self.title(trf(self._title, tab=tr(self._tab_title)))
        self.source = self.make()
        self.text.configure(state="normal")
        self.text.delete("1.0", "end")
        self.text.insert("1.0", self.source)
        self.text.configure(state="disabled")
        highlight(self.text, self.source, theme.current())
        self.note.configure(text="", style="Hint.TLabel")

    def show(self) -> None:
        """Bring the window to the front with fresh text."""
        self.refresh()
        self.deiconify()
        self.lift()
        self.focus_set()

    # ------------------------------------------------------------ actions
    def copy(self) -> None:
        self.clipboard_clear()
        self.clipboard_append(self.source)
        self.note.configure(text=tr(COPIED), style="Hint.TLabel")

    def save(self) -> None:
        path = filedialog.asksaveasfilename(
            parent=self, title=tr("Save…"), defaultextension=".py", initialfile=self.filename,
            filetypes=[(tr("Python scripts"), "*.py"), (tr("All files"), "*")])
        if not path:
            return
        try:
            with open(path, "w", encoding="utf-8", newline="\n") as file:
                file.write(self.source)
        except OSError as exc:
            self.note.configure(text=trf(NOT_SAVED, reason=exc.strerror or str(exc)), style="Error.TLabel")
            return
        self.note.configure(text=trf(SAVED, path=path), style="Hint.TLabel")

    # ------------------------------------------------------------ helpers
    def _language_changed(self) -> None:
        if self.winfo_exists():
            self.refresh()

    def _recolour(self) -> None:
        if not self.winfo_exists():
            return
        colours = theme.palette()
        self.configure(background=colours["bg"])
        self.text.configure(background=colours["field"], foreground=colours["fg"],
                            insertbackground=colours["fg"], selectbackground=colours["select"])
        highlight(self.text, self.source, theme.current())

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is self:
            self._forget_language()
            self._forget_theme()


def open_window(master: tk.Misc, *, name: str, title: str, tab_title: str, make: Callable[[], str],
                filename: str) -> CodeWindow:
    """The window called ``name`` under ``master``, made if needed, shown with fresh text."""
    existing = master.children.get(name)
    if isinstance(existing, CodeWindow) and existing.winfo_exists():
        existing.make = make
        existing.show()
        return existing
    return CodeWindow(master, name=name, title=title, tab_title=tab_title, make=make, filename=filename)
