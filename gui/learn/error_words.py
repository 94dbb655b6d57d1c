"""Socket errors as the window shows them: the message, its errno name, and "why" and "next" lines.

The lessons themselves are data in :mod:`netcore.explain`; this module only
puts them into words of the current language.  Tk thread only (it reads the
current language).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from netcore import Error, NetError
from netcore.explain import Explanation, explain

from ..i18n import N_, tr, trf

WHY = N_("Why: {why}")
NEXT = N_("Next: {step}")


def explain_error(error: NetError | Error, transport: str) -> Explanation | None:
    """The lesson for an error from netcore (None when it is not the system's, e.g. bad input)."""
    params: Mapping[str, str] | Iterable[tuple[str, str]] = error.params
    return explain(error.code, error.errno, dict(params), transport=transport)


def with_name(message: str, found: Explanation | None) -> str:
    """``message [ECONNREFUSED]``: the name a programmer searches for, after the plain words."""
    return f"{message} [{found.name}]" if found is not None and found.name else message


def lesson_text(found: Explanation) -> str:
    """Two lines, in the current language: why the system says so, and what to try."""
    why, step = found.translated(tr)
    return trf(WHY, why=why) + "\n" + trf(NEXT, step=step)
