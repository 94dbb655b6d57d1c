"""The command line's words: the language, the window's catalog, errors as the window says them.

The catalog is the window's (gui/locale_zh.py through gui/i18n.py, neither of
which imports tkinter), so a sentence reads the same in a terminal as in the
window.  Main thread only (the language is a module-level setting).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from gui import i18n
from gui.i18n import N_, tr, trf, trn
from netcore import Error, NetError

if TYPE_CHECKING:
    from netcore.explain import Explanation

__all__ = ["N_", "choose_language", "error_text", "lesson_text", "tr", "trf", "trn", "use_language"]


def lesson_text(found: Explanation) -> str:
    """The "Why:" and "Next:" lines of a lesson, as the window writes them."""
    from gui.learn.error_words import lesson_text as window_lesson_text

    return window_lesson_text(found)


def choose_language(argv: Sequence[str], environ: dict[str, str] | None = None) -> str:
    """``en`` or ``zh``: ``--lang`` in ``argv`` (any spelling main.py takes), else the locale.

    Read before the arguments are parsed, so that ``--help`` and argument
    errors are already in that language.  A ``--lang`` value that is not a
    language is left for the parser to refuse; the locale decides meanwhile.
    """
    value = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
    found = i18n.normalize(value) if value else None
    return found or i18n.detect_language(dict(os.environ) if environ is None else environ)


def use_language(code: str) -> None:
    """Speak ``code`` from now on (no widget is bound here: only the setting changes)."""
    i18n.set_language(code)


def error_text(error: NetError | Error, transport: str, *, lesson: bool) -> str:
    """The window's sentence for ``error``, its errno name (``[ECONNREFUSED]``) and, with
    ``lesson``, the "Why:" and "Next:" lines the window gives the first time."""
    from gui.learn.error_words import explain_error, with_name

    found = explain_error(error, transport)
    message = error.translated(tr)
    text = with_name(message, found)
    if lesson and found is not None:
        text += "\n" + lesson_text(found)
    return text
