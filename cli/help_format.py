"""argparse in the user's language: its own messages through the catalog, help wrapped by screen width.

argparse writes its messages ("usage: ", "the following arguments are
required: %s", ...) through ``gettext``, looked up in its module at call time;
:func:`translate_argparse` points that lookup at SockLab's catalog, so an
argument error reads in Chinese like the rest.  Every message is listed here
with ``N_()`` so the catalog test holds each to a translation.
:class:`HelpFormatter` wraps help by the cells a terminal gives each character
(a Chinese character takes two), not by characters, and breaks between Chinese
characters, where there are no spaces.  Main thread only.
"""

from __future__ import annotations

import argparse
import re
import unicodedata

from .words import N_, tr

#: argparse's messages (Python 3.11–3.13) that a user of the command line can meet.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("not allowed with argument %s"),
)


def _translate_plural(one: str, many: str, count: int) -> str:
    return tr(one if count == 1 else many)


def translate_argparse() -> None:
    """Make argparse's own messages follow the current language (this process is the command line)."""
    argparse._ = tr  # type: ignore[attr-defined]  # argparse looks ``_`` up in its module at each call
    argparse.ngettext = _translate_plural  # type: ignore[attr-defined]


def cells(text: str) -> int:
    """Columns ``text`` takes in a terminal: two for wide (Chinese) characters."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


# a run of spaces, one wide character (a break may go before or after it), or a word
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_TOKENS = re.compile(rf"\s+|[{_WIDE}]|[^\s{_WIDE}]+")
# a section heading (no indent, ends with ":") whose last word is Chinese
_CJK_HEADING = re.compile(rf"^(\S[^\n]*[{_WIDE}]):$", re.MULTILINE)
# punctuation that must not begin a line (it stays with what comes before)
_NO_BREAK_BEFORE = set("，。、：；！？）」』”’》")


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells (a longer word gets a line of its own)."""
    lines: list[str] = []
    line = ""
    space = False
    for token in _TOKENS.findall(" ".join(text.split())):
        if token.isspace():
            space = bool(line)
            continue
        piece = (" " if space else "") + token
        space = False
        if line and cells(line) + cells(piece) > width and token[0] not in _NO_BREAK_BEFORE:
            lines.append(line)
            line = token
        else:
            line += piece
    if line:
        lines.append(line)
    return lines or [""]


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and epilogs as written (they are laid out by hand); option help wrapped by cells."""

    def format_help(self) -> str:
        # argparse ends each section's heading with ":"; a Chinese heading takes the full-width "："
        return _CJK_HEADING.sub(r"\1：", super().format_help())

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _format_args(self, action: argparse.Action, default_metavar: str) -> str:
        # an option taking one or two words (--reply echo, --reply fixed TEXT) shows its metavar as is
        if action.nargs == argparse.ONE_OR_MORE and isinstance(action.metavar, str) \
                and action.metavar.startswith("{"):
            return action.metavar
        return super()._format_args(action, default_metavar)
