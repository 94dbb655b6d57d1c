"""Where messages go when there is no console, and what happens to a crash.

A packaged app started by double-click on Windows or macOS (``--windowed``)
has ``sys.stdout`` and ``sys.stderr`` set to None: anything printed, or any
traceback, would be lost or would itself crash.  They are sent to a log file
in the user's log folder instead, and an unexpected error is shown in a
dialog rather than the app dying silently.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO


def log_dir() -> Path:
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "SockLab" / "Logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "SockLab"
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "socklab"


def ensure_streams() -> Path | None:
    """Give stdout/stderr a log file when they are missing; returns its path, if any."""
    if sys.stdout is not None and sys.stderr is not None:
        return None
    path = log_dir() / "socklab.log"
    stream: TextIO
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        stream = open(path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - lives as long as the app
    except OSError:
        stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream
    return path


def crash_message(exc_type, exc) -> str:
    """What the crash dialog says, in the user's language; the technical line stays as Python wrote it."""
    technical = f"{exc_type.__name__}: {exc}"
    path = log_dir() / "socklab.log"
    try:
        from .i18n import tr, trf

        return (tr("SockLab hit an unexpected error and must close.") + f"\n\n{technical}\n\n"
                + trf("Details are in: {path}", path=path))
    except Exception:  # a crash report must not crash: English then
        return f"SockLab hit an unexpected error and must close.\n\n{technical}\n\nDetails are in: {path}"


def show_crash(exc_type, exc, tb) -> None:
    """Write the traceback where stderr goes, and tell the user in a dialog."""
    import traceback  # only when something failed: it brings linecache and tokenize along

    text = "".join(traceback.format_exception(exc_type, exc, tb))
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except Exception:
        pass
    try:
        from tkinter import messagebox

        messagebox.showerror("SockLab", crash_message(exc_type, exc))
    except Exception:  # no display, or Tk itself is broken: the log has it
        pass
