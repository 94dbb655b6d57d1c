"""Line breaks for wrapped labels in Chinese: between any two Chinese characters, never inside a
Latin word.

Tk wraps a label only at spaces, and breaks a "word" longer than the line anywhere.  A Chinese
sentence has few spaces, so either its lines broke early, before each Latin word, or (its spaces
made no-break) the whole paragraph was one word and Tk cut ``recv()`` into ``re`` and ``cv()``.
:func:`wrap` puts the line ends itself: a Latin word (``recv()``, ``127.0.0.1``, ``b''``) stays
whole, a line does not start with closing punctuation (，。）…) nor end with opening punctuation
(（“…), and a space where a line ends is dropped.  :class:`WrappedLabel` is a label that shows its
text wrapped so, and wraps it again when its wraplength or font changes (windows that wrap at
their width set the wraplength from ``<Configure>``).
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from . import i18n

# not at the start of a line (they close or end something) / not at its end (they open something)
NO_START = frozenset("，。、；：！？）》」』”’】〕…—·%,.;:!?)]}")
NO_END = frozenset("（《「『“‘【〔([{")
_SAFETY = 2  # px: the sum of the pieces' widths may differ a little from the whole line's
_LAYOUT = frozenset(("wraplength", "font", "style"))  # the options the line ends depend on


def _is_wide(char: str) -> bool:
    """A character a Chinese line may break before or after (CJK ideographs, kana, fullwidth forms)."""
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
            or 0xFE30 <= code <= 0xFE4F or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x2FA1F)


def pieces(paragraph: str) -> list[str]:
    """``paragraph`` cut where a line may end: each wide character, each Latin word and each space
    is a piece, with closing punctuation kept on the piece before it and opening punctuation on the
    piece after it."""
    atoms: list[str] = []
    word = ""
    for char in paragraph:
        if char == " " or _is_wide(char):
            if word:
                atoms.append(word)
                word = ""
            atoms.append(char)
        else:
            word += char
    if word:
        atoms.append(word)
    glued: list[str] = []
    opening = ""
    for atom in atoms:
        if opening:
            atom = opening + atom
            opening = ""
        if atom[-1] in NO_END and atom != " ":
            opening = atom
            continue
        if glued and atom[0] in NO_START and glued[-1] != " ":
            glued[-1] += atom
        else:
            glued.append(atom)
    if opening:
        glued.append(opening)
    return glued


def wrap(text: str, measure: Callable[[str], int], width: int) -> str:
    """``text`` with a line end wherever the next piece would pass ``width`` (in ``measure``'s units).

    A piece wider than a whole line gets a line of its own; its existing line ends are kept.
    """
    limit = max(1, width - _SAFETY)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0
        for piece in pieces(paragraph):
            size = measure(piece)
            if line and used + size > limit:
                while line and line[-1] == " ":
                    line.pop()
                lines.append("".join(line))
                line, used = [], 0
                if piece == " ":
                    continue
            line.append(piece)
            used += size
        lines.append("".join(line))
    return "\n".join(lines)


def _font_of(label: tk.Misc) -> str:
    font = str(label.cget("font"))
    if not font and isinstance(label, ttk.Widget):
        style = str(label.cget("style")) or label.winfo_class()
        font = str(ttk.Style(label).lookup(style, "font"))
    return font or "TkDefaultFont"


def measurer(label: tk.Misc) -> Callable[[str], int]:
    """Width in pixels of a piece of text in ``label``'s font (each piece measured once)."""
    font = _font_of(label)
    call = label.tk.call
    widths: dict[str, int] = {}

    def measure(piece: str) -> int:
        size = widths.get(piece)
        if size is None:
            size = widths[piece] = int(call("font", "measure", font, "-displayof", label, piece))
        return size

    return measure


class WrappedLabel(ttk.Label):
    """A ``ttk.Label`` whose text, in Chinese, SockLab breaks into lines at its ``wraplength`` with
    :func:`wrap`, again whenever the text, the wraplength or the font changes; a language switch
    wraps it again when its text is set again (``bind_text`` and the windows' relabelling do).
    English is left to Tk, which wraps it at spaces.  Used like a ttk.Label; ``cget("text")`` gives the
    text as given, :meth:`shown` as shown.  Tk thread only.
    """

    def __init__(self, master: tk.Misc | None = None, **options: Any) -> None:
        text = options.pop("text", None)
        self._source: str | None = None
        super().__init__(master, **options)
        if text is not None:
            self.configure(text=text)

    def configure(self, cnf: dict[str, Any] | None = None, **options: Any) -> Any:
        if isinstance(cnf, str):  # configure("text"): a query
            return super().configure(cnf)
        if cnf:
            options = {**cnf, **options}
        if not options:
            return super().configure()
        text = options.pop("text", None)
        # a new width or font (a style brings its own) needs new line ends
        relayout = text is None and self._source is not None and not _LAYOUT.isdisjoint(options)
        layout_before = self._layout() if relayout else None
        result = super().configure(**options) if options else None
        if text is not None:
            self._source = str(text)
            super().configure(text=_wrapped(self, self._source))
        elif relayout and self._layout() != layout_before and self._source is not None:
            super().configure(text=_wrapped(self, self._source))
        return result

    def _layout(self) -> tuple[str, str]:
        return str(super().cget("wraplength")), _font_of(self)

    config = configure  # type: ignore[assignment]

    def cget(self, key: str) -> Any:
        """As a ttk.Label's; ``"text"`` is the text as given (:meth:`shown` has the line ends)."""
        if key == "text" and self._source is not None:
            return self._source
        return super().cget(key)

    __getitem__ = cget

    def shown(self) -> str:
        """The text as shown, with the line ends SockLab put in."""
        return str(super().cget("text"))

    def __setitem__(self, key: str, value: Any) -> None:
        self.configure(**{key: value})


def _wrapped(label: tk.Misc, text: str) -> str:
    if not text or i18n.language() != "zh":
        return text
    width = wrap_width(label)
    return wrap(text, measurer(label), width) if width > 0 else text


def wrap_width(label: tk.Misc) -> int:
    """``label``'s wraplength in pixels (0: it does not wrap; a ttk label's default is "")."""
    length = str(label.cget("wraplength"))
    return int(label.winfo_pixels(length)) if length else 0
