"""The translation layer: English source strings, Simplified Chinese catalog.

Source strings are the English text itself (as with gettext), so a missing
translation falls back to readable English and a test can list every string
that lacks one.  Widgets register the option that shows a string with
:func:`bind_text`, so switching language relabels the live window without
restarting anything.  Tk thread only.
"""

from __future__ import annotations

import locale
import os
import weakref
from collections.abc import Callable
from typing import Any

from .locale_zh import CATALOG as ZH_CATALOG

LANGUAGES = {"en": "English", "zh": "简体中文"}
_CATALOGS: dict[str, dict[str, str]] = {"en": {}, "zh": ZH_CATALOG}

_language = "en"
# widget -> {option: source text}.  Weak: a closed window's widgets are freed once Tk lets them
# go (a list of them kept every tool window ever opened, and all its widgets, for the session).
_bindings: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()
_listeners: list[Callable[[], None]] = []


def N_(text: str) -> str:
    """Mark a string for the catalog where it is defined; translate it where shown."""
    return text


def tr(text: str) -> str:
    """``text`` in the current language."""
    return _CATALOGS[_language].get(text, text)


def trf(text: str, **params: object) -> str:
    """Translate, then fill in ``{named}`` parameters."""
    return tr(text).format(**params)


def trn(one: str, many: str, count: int, **params: object) -> str:
    """Translate the form that fits ``count`` ("1 message", "2 messages"), then fill in
    ``{count}`` (with thousands separators) and the other ``{named}`` parameters.

    Both forms are catalog entries; Chinese has one form, so both map to the same text.
    """
    return tr(one if count == 1 else many).format(count=f"{count:,}", **params)


def language() -> str:
    return _language


def normalize(code: str | None) -> str | None:
    """``zh_CN.UTF-8`` → ``zh``; None for a language we do not have."""
    if not code:
        return None
    base = code.replace("-", "_").split(".")[0].split("_")[0].lower()
    return base if base in LANGUAGES else None


def detect_language(environ: dict[str, str] | None = None) -> str:
    """The user's language from the usual environment variables, else English."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        for part in env.get(var, "").split(":"):
            found = normalize(part)
            if found:
                return found
            # C/POSIX say nothing about language; any other locale we lack means English
            if part and part.split(".")[0] not in ("C", "POSIX") and var != "LANGUAGE":
                return "en"
    try:
        found = normalize(locale.getlocale()[0])
    except ValueError:
        found = None
    return found or "en"


def set_language(code: str) -> None:
    """Switch language and relabel every bound widget."""
    global _language
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    _language = code
    for widget, texts in list(_bindings.items()):
        try:
            widget.configure(**{option: tr(text) for option, text in texts.items()})
        except Exception as exc:  # (no tkinter import here: the command line uses this module too)
            if type(exc).__name__ != "TclError":
                raise
            del _bindings[widget]  # destroyed, though something still holds it: forget it
    for listener in list(_listeners):
        listener()


def bind_text(widget: Any, text: str, option: str = "text") -> Any:
    """Show ``tr(text)`` in ``widget``'s ``option`` now and after every switch (until the widget
    is freed; binding the same option again replaces the text)."""
    widget.configure(**{option: tr(text)})
    texts = _bindings.get(widget)
    if texts is None:
        _bindings[widget] = {option: text}
    else:
        texts[option] = text
    return widget


def on_language_change(listener: Callable[[], None]) -> Callable[[], None]:
    """Call ``listener`` after each switch; returns a function that unregisters it."""
    _listeners.append(listener)

    def remove() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return remove


def reset_bindings() -> None:
    """Forget every binding (the window was destroyed)."""
    _bindings.clear()
    _listeners.clear()
