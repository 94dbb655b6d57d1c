"""Received bytes, as text to show.

:class:`DisplayDecoder` turns a stream of chunks into printable text and never
fails; :func:`render` shows a chunk in one of :data:`VIEW_MODES` (text, hex or
both) and :func:`format_hex` writes bytes as ``48 65 6C``.  An encoding
name that is unknown, or whose decoder cannot take a stream of arbitrary
bytes (idna), is refused with :class:`~netcore.payload.CodecError`, as in
:mod:`netcore.payload`.  A :class:`DisplayDecoder` belongs to one thread;
everything else is pure.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Callable

from .payload import _ONE_BYTE, _check_encoding, _hex_escapes, _unknown_encoding

__all__ = ["BOTH_SEPARATOR", "VIEW_MODES", "DisplayDecoder", "format_hex", "render"]

VIEW_MODES: tuple[str, ...] = ("text", "hex", "both")
#: Between the hex and the text part of the "both" view: ``48 69  |  Hi``.
BOTH_SEPARATOR = "  |  "

# CR LF / CR, control chars except \t \n, lone surrogates (undecodable bytes are U+DC00 to U+DCFF).
_DISPLAY_OUT = re.compile(r"\r\n?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Fed to each kind of decoder before its first use: "A" in UTF-32-LE (and
# "A\0" in UTF-16-LE, "A\0\0\0" in ASCII), a byte that is not UTF-8, CR LF.
# Codecs that cannot stream arbitrary bytes fail on it: idna and punycode
# allow no error handler, "utf-16" and "utf-32" insist on a byte order mark.
_PROBE = b"A\x00\x00\x00\xff\r\n"


def format_hex(data: bytes) -> str:
    """``b"Hel"`` -> ``"48 65 6C"``: uppercase pairs separated by single spaces."""
    return bytes(data).hex(" ").upper()


@functools.lru_cache(maxsize=64)
def _streaming_decoder(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    """The incremental decoder class for ``encoding``, once it has decoded :data:`_PROBE`.

    :class:`~netcore.payload.CodecError` (unknown encoding) for a name that is
    not a text encoding or whose decoder cannot stream arbitrary bytes.
    """
    _check_encoding(encoding)
    try:
        factory = codecs.getincrementaldecoder(encoding)  # LookupError if a codec has none
        probe = factory(errors=_ONE_BYTE)
        probe.decode(_PROBE)
        probe.decode(b"", True)
    except Exception:  # whatever a codec raises: it cannot show received bytes
        raise _unknown_encoding(encoding) from None
    return factory


class DisplayDecoder:
    """Turns received chunks into text to show; keeps what a chunk leaves unfinished.

    A character split between chunks is shown once it is complete.  Bytes that
    do not decode, and control characters other than tab and newline, are
    shown as ``\\xNN`` (one per byte).  CR LF and a lone CR both become one
    newline, also when the CR ends one chunk and the LF starts the next.
    Backslashes in the data are shown as they are.

    An encoding whose decoder cannot take arbitrary bytes (idna, punycode, and
    "utf-16" or "utf-32" without a byte order: use "utf-16-le" and the like)
    is refused here with :class:`~netcore.payload.CodecError`, as an unknown
    one is.  :meth:`decode` and :meth:`flush` never raise: should a codec fail
    all the same, that chunk is shown as ``\\xNN`` and the stream starts afresh.
    """

    def __init__(self, encoding: str = "utf-8") -> None:
        self.encoding = encoding
        self._decoder = _streaming_decoder(encoding)(errors=_ONE_BYTE)
        self._after_cr = False  # the last character shown was a CR, already shown as "\n"

    def decode(self, data: bytes) -> str:
        """The text for the next chunk of the stream."""
        return self._show(self._decode(data, final=False))

    def flush(self) -> str:
        """End the stream: unfinished bytes are shown as ``\\xNN``; then start afresh."""
        text = self._show(self._decode(b"", final=True))
        self._decoder.reset()
        self._after_cr = False
        return text

    def _decode(self, data: bytes, *, final: bool) -> str:
        try:
            return self._decoder.decode(data, final)
        except Exception:  # a codec that failed its promise: show the bytes, never raise
            self._decoder.reset()  # bytes it held back from earlier chunks are not shown
            return "".join(chr(0xDC00 + byte) for byte in data)  # undecodable: _show writes \xNN

    def _show(self, text: str) -> str:
        if not text:
            return ""
        if self._after_cr and text[0] == "\n":
            text = text[1:]  # the CR before it already gave the newline
        self._after_cr = text.endswith("\r")
        return _DISPLAY_OUT.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        found = match.group()
        return "\n" if found[0] == "\r" else _hex_escapes(found, self.encoding)


def render(data: bytes, view: str, decoder: DisplayDecoder | None = None,
           encoding: str = "utf-8") -> str:
    """Show one chunk in a view of :data:`VIEW_MODES`.

    "text" is the decoded text, "hex" is :func:`format_hex`, and "both" is
    ``hex + BOTH_SEPARATOR + text``, for example ``48 69 0A  |  Hi\\n``.
    With a ``decoder`` (one per stream) the chunk continues that stream, and
    the decoder is fed in every view so that switching views stays in step;
    ``encoding`` is then ignored.  Without one, the chunk is decoded on its
    own in ``encoding``.
    """
    if view not in VIEW_MODES:
        raise ValueError(f"unknown view {view!r}; expected one of {VIEW_MODES}")
    if view == "hex":
        if decoder is not None:
            decoder.decode(data)  # keep the stream in step for a later switch to text
        return format_hex(data)
    if decoder is None:
        decoder = DisplayDecoder(encoding)
        text = decoder.decode(data) + decoder.flush()
    else:
        text = decoder.decode(data)
    return text if view == "text" else format_hex(data) + BOTH_SEPARATOR + text
