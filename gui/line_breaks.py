"""Line breaks for wrapped labels in Chinese: between any two Chinese characters, never inside a
Latin word.

Tk wraps a label only at spaces, and breaks a "word" longer than the line anywhere.  A Chinese
sentence has few spaces, so either its lines broke early, before each Latin word, or (its spaces
made no-break) the whole paragraph was one word and Tk cut ``recv()`` into ``re`` and ``cv()``.
:func:`wrap` puts the line ends itself: a Latin word (``recv()``, ``127.0.0.1``, ``b''``) stays
whole, a line does not start with closing punctuation (，。）…) nor end with opening punctuation
(（“…), and a space where a line ends is dropped.  :func:`flow` shows a text wrapped so in a label
and re-wraps it when the label's width changes.  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from .i18n import language

# not at the start of a line (they close or end something) / not at its end (they open something)
NO_START = frozenset("，。、；：！？）》」』”’】〕…—·%,.;:!?)]}")
NO_END = frozenset("（《「『“‘【〔([{")
_SAFETY = 2  # px: the sum of the pieces' widths may differ a little from the whole line's


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


def flow(label: tk.Misc, text: str) -> None:
    """Show ``text`` in ``label``: in Chinese broken into lines by :func:`wrap` at the label's
    ``wraplength``, otherwise as it is (Tk wraps it at spaces).  Kept for :func:`reflow`."""
    shown = _wrapped(label, text)
    label._flowing = (text, shown)  # type: ignore[attr-defined]
    label.configure(text=shown)


def reflow(label: tk.Misc, width: int) -> None:
    """The label is ``width`` pixels wide now: wrap there, and re-wrap what :func:`flow` showed
    (unless the label shows something else since)."""
    label.configure(wraplength=width)
    text, shown = getattr(label, "_flowing", (None, None))
    if text is not None and str(label.cget("text")) == shown:
        flow(label, text)


def _wrapped(label: tk.Misc, text: str) -> str:
    if language() != "zh":
        return text
    width = int(label.winfo_pixels(label.cget("wraplength")))
    return wrap(text, measurer(label), width) if width > 0 else text
