"""Colouring Python source in a Tk Text: keywords, strings, comments, numbers.

Uses the standard tokenizer, so it agrees with Python about what is a
string or a comment (a ``#`` inside a string is not a comment).  Tk thread only.
"""

from __future__ import annotations

import io
import keyword
import tkinter as tk
import token
import tokenize

TAGS = ("keyword", "string", "comment", "number")
# readable on the theme's field colour (contrast at least 4.5:1 on white and on #272727)
COLOURS = {
    "light": {"keyword": "#8a2be2", "string": "#1d7a2e", "comment": "#6b6b6b", "number": "#0b5cad"},
    "dark": {"keyword": "#d7a6ff", "string": "#8fd694", "comment": "#a8a8a8", "number": "#79c0ff"},
}
# Python 3.12 splits f-strings into parts
_FSTRING_TYPES = {getattr(token, name) for name in ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END")
                  if hasattr(token, name)}


def spans(source: str) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
    """``(tag, (row, col), (row, col))`` for each coloured token; rows count from 1 as Tk's do."""
    found: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            tag = None
            if tok.type == token.NAME and keyword.iskeyword(tok.string):  # True, False and None too
                tag = "keyword"
            elif tok.type == token.STRING or tok.type in _FSTRING_TYPES:
                tag = "string"
            elif tok.type == token.COMMENT:
                tag = "comment"
            elif tok.type == token.NUMBER:
                tag = "number"
            if tag is not None:
                found.append((tag, tok.start, tok.end))
    except (tokenize.TokenError, SyntaxError):
        pass  # colour what came before: the text is shown whatever happens
    return found


def highlight(text: tk.Text, source: str, theme_name: str) -> None:
    """Colour ``source``, which ``text`` holds from its first line on."""
    colours = COLOURS.get(theme_name, COLOURS["light"])
    for tag in TAGS:
        text.tag_remove(tag, "1.0", "end")
        text.tag_configure(tag, foreground=colours[tag])
    for tag, (row, col), (end_row, end_col) in spans(source):
        text.tag_add(tag, f"{row}.{col}", f"{end_row}.{end_col}")
    text.tag_raise("sel")
