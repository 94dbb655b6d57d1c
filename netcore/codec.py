"""Compatibility names: the codec is now two modules, one job each.

:mod:`netcore.payload` turns what the user typed into bytes to send
(:func:`encode_payload`, :func:`parse_hex`, :func:`parse_escapes`,
:class:`CodecError`, ...); :mod:`netcore.display` turns received bytes into
text to show (:class:`DisplayDecoder`, :func:`render`, :func:`format_hex`, ...).
This module only re-exports their public names for existing imports; new code
should import from ``netcore.payload`` or ``netcore.display``.
"""

from __future__ import annotations

from .display import BOTH_SEPARATOR, VIEW_MODES, DisplayDecoder, format_hex, render
from .payload import (
    BAD_HEX,
    BAD_X_ESCAPE,
    ENCODINGS,
    LINE_ENDINGS,
    MISSING_HEX,
    ODD_HEX,
    SEND_MODES,
    TRAILING_BACKSLASH,
    UNENCODABLE,
    UNKNOWN_ENCODING,
    UNKNOWN_ESCAPE,
    CodecError,
    encode_payload,
    encode_text,
    escape_bytes,
    parse_escapes,
    parse_hex,
)

__all__ = [
    "BAD_HEX",
    "BAD_X_ESCAPE",
    "BOTH_SEPARATOR",
    "ENCODINGS",
    "LINE_ENDINGS",
    "MISSING_HEX",
    "ODD_HEX",
    "SEND_MODES",
    "TRAILING_BACKSLASH",
    "UNENCODABLE",
    "UNKNOWN_ENCODING",
    "UNKNOWN_ESCAPE",
    "VIEW_MODES",
    "CodecError",
    "DisplayDecoder",
    "encode_payload",
    "encode_text",
    "escape_bytes",
    "format_hex",
    "parse_escapes",
    "parse_hex",
    "render",
]
