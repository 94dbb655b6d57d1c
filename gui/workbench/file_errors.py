"""Why a file could not be written, in plain words of the current language.

The operating system's own text (``strerror``) is English whatever the
language; the common cases are said here in words, with the errno name for a
search.  Imported when a write fails, not at start-up.  Tk thread only.
"""

from __future__ import annotations

import errno

from ..i18n import N_, tr

DENIED = N_("permission denied: choose a folder you may write to")
_WORDS = {
    "ENOSPC": N_("the disk is full"),
    "EDQUOT": N_("your disk quota is used up"),
    "EFBIG": N_("the file is larger than this disk or your limits allow"),
    "EACCES": DENIED,
    "EPERM": DENIED,
    "EROFS": N_("the disk is read-only"),
    "ENOENT": N_("the folder does not exist"),
    "EISDIR": N_("that is a folder, not a file"),
    "EIO": N_("the disk reported an input/output error"),
}
# by number; a name this system lacks (EDQUOT on Windows) is left out
REASONS = {getattr(errno, name): words for name, words in _WORDS.items() if hasattr(errno, name)}


def file_error_text(exc: OSError) -> str:
    """``the disk is full [ENOSPC]``; an error without words here: the system's text and name."""
    name = errno.errorcode.get(exc.errno or 0, "")
    words = REASONS.get(exc.errno or 0)
    text = tr(words) if words is not None else (exc.strerror or str(exc))
    return f"{text} [{name}]" if name else text
