"""Can Tk draw the Chinese window here?  (issue 9, bug 10)

On Linux, Tk draws text with Xft, and Xft takes its fonts from fontconfig:
for each character Tk uses the first font, in fontconfig's order, that has
it, and draws a box when none has.  So fontconfig is asked, in this process
and through the very library Tk already loaded, which fonts cover Chinese
(``:lang=zh``, like ``fc-list :lang=zh``), and whether together they have
every Chinese character of the translation catalog.  (The app runs no
commands, so not ``fc-list`` itself; without the library, never seen with an
Xft Tk, the answer is "cannot tell".)

Windows and macOS always ship Chinese fonts (Microsoft YaHei / SimSun,
PingFang): no check there.  Neither is there for a Tk without Xft (X core
fonts), where fontconfig does not decide; the answer is then "cannot tell"
and nothing is said.

The check runs at most once per process, only when the window is Chinese,
and costs about 2 ms once the window is built (fontconfig has its font list
loaded by then).  Tk thread only.
"""

from __future__ import annotations

import sys
import tkinter as tk
from typing import TYPE_CHECKING

from netcore.values import Value

from . import i18n
from .i18n import N_
from .locale_zh import CATALOG as ZH_CATALOG

if TYPE_CHECKING:
    from .app import App

INSTALL = "sudo apt-get install fonts-wqy-microhei"
PROBLEM = N_("No installed font can draw Chinese: this window shows boxes instead of characters.")
FIX = N_("Fix on Debian or Ubuntu: {command} (or fonts-noto-cjk), then restart SockLab.")

_NOT_CHECKED = object()
_result: object = _NOT_CHECKED  # Coverage | None once checked
_warned = False


class Coverage(Value):
    """What fontconfig says about the Chinese text SockLab shows."""

    families: tuple[str, ...]  # fonts covering Chinese, in fontconfig's words
    missing: str               # catalog characters none of them has ("" when all are drawn)

    @property
    def ok(self) -> bool:
        return not self.missing


def needed_characters() -> str:
    """Every character of the Chinese catalog that a Latin font lacks (CJK ideographs, full-width
    punctuation: U+2E80 and up)."""
    return "".join(sorted({ch for text in ZH_CATALOG.values() for ch in text if ord(ch) >= 0x2E80}))


def applies(root: tk.Misc) -> bool:
    """True where a missing Chinese font is possible and fontconfig decides: X11 with an Xft Tk."""
    if sys.platform in ("win32", "darwin") or root.tk.call("tk", "windowingsystem") != "x11":
        return False
    try:
        return str(root.tk.call("::tk::pkgconfig", "get", "fontsystem")) == "xft"
    except tk.TclError:  # a Tk without pkgconfig: 8.6 builds for X have Xft unless told otherwise
        return True


def check(root: tk.Misc) -> Coverage | None:
    """Which fonts draw the Chinese catalog, once per process; None where there is nothing to check
    (Windows, macOS, Tk without Xft) or no way to tell (no libfontconfig)."""
    global _result
    if _result is _NOT_CHECKED:
        found: Coverage | None = None
        if applies(root):
            from .fontconfig import coverage  # ctypes and the library: only where there is Chinese to check

            found = coverage(needed_characters())
        _result = found
    return _result  # type: ignore[return-value]


# ------------------------------------------------------------ saying so
def messages() -> tuple[tuple[str, str], tuple[str, str]]:
    """(problem, fix) in English, then in Chinese (which may itself show as boxes: English comes first)."""
    english = (PROBLEM, FIX.format(command=INSTALL))
    chinese = (ZH_CATALOG.get(PROBLEM, PROBLEM), ZH_CATALOG.get(FIX, FIX).format(command=INSTALL))
    return english, chinese


def problem(root: tk.Misc) -> str | None:
    """One line in both languages when the Chinese window cannot be drawn here, else None."""
    found = check(root)
    if found is None or found.ok:
        return None
    english, chinese = messages()
    return f"{' '.join(english)} / {''.join(chinese)}"


def show_in_window(app: App) -> None:
    """Put the warning in the current tab's log, in red; a message box if the log is not there."""
    english, chinese = messages()
    try:
        log = app.current_tab().log
        for line in (*english, *chinese):  # short lines: the log does not wrap them
            log.add_message("error", line)
        log.flush()
    except (AttributeError, tk.TclError):
        from tkinter import messagebox

        messagebox.showwarning("SockLab", f"{' '.join(english)}\n\n{''.join(chinese)}", parent=app.root)


def watch(app: App) -> None:
    """Warn now if the window is Chinese and cannot be drawn, else on the first switch to Chinese:
    on stderr and in the window, once."""

    def check_now() -> None:
        global _warned
        if _warned or i18n.language() != "zh" or problem(app.root) is None:
            return
        _warned = True
        english, chinese = messages()
        print(f"SockLab: {' '.join(english)}\nSockLab：{''.join(chinese)}", file=sys.stderr, flush=True)
        show_in_window(app)

    check_now()
    i18n.on_language_change(check_now)
