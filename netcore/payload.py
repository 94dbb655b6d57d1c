"""What the user typed, as the bytes to send.

:func:`encode_payload` reads the send box in one of :data:`SEND_MODES` ("text"
in an encoding, "hex" such as ``48 65 6C``, "escapes" such as ``Hi\\r\\n\\x00``)
and appends one of :data:`LINE_ENDINGS`.  A mistake raises :class:`CodecError`,
which says where it is so the interface can highlight it.  :func:`escape_bytes`
writes any bytes in the escapes syntax: ``parse_escapes(escape_bytes(b, enc), enc)
== b`` for the :data:`ENCODINGS` (and other stateless ASCII-compatible ones;
not for UTF-16/32).  Any Python text encoding name or alias is accepted.
Everything here is pure and may be called from any thread.

Turning received bytes into text to show is :mod:`netcore.display`'s job; it
shares this module's encoding check, error class and byte escapes.
"""

from __future__ import annotations

import codecs
import re

from .errors import N_, NetError

__all__ = [
    "BAD_HEX",
    "BAD_X_ESCAPE",
    "ENCODINGS",
    "LINE_ENDINGS",
    "MISSING_HEX",
    "ODD_HEX",
    "SEND_MODES",
    "TRAILING_BACKSLASH",
    "UNENCODABLE",
    "UNKNOWN_ENCODING",
    "UNKNOWN_ESCAPE",
    "CodecError",
    "encode_payload",
    "encode_text",
    "escape_bytes",
    "parse_escapes",
    "parse_hex",
]

ENCODINGS: tuple[str, ...] = ("utf-8", "gbk", "latin-1")
LINE_ENDINGS: dict[str, bytes] = {"none": b"", "lf": b"\n", "crlf": b"\r\n", "cr": b"\r"}
SEND_MODES: tuple[str, ...] = ("text", "hex", "escapes")

# Templates.  {position} is 1-based; backslash sequences are passed as
# parameters so that the templates hold no escapes.
BAD_HEX = N_(
    "“{char}” at position {position} is not a hex digit. "
    "Use only 0–9 and A–F, with spaces between bytes, for example: 48 65 6C 6C 6F."
)
MISSING_HEX = N_(
    "“{token}” at position {position} has no hex digits after it. "
    "Write the byte after the prefix, for example 0x41, or delete the prefix."
)
ODD_HEX = N_(
    "“{token}” at position {position} has {count} hex digits, but every byte needs two. "
    "Add a leading 0 or put spaces between the bytes, for example 01 23 instead of 123."
)
UNKNOWN_ESCAPE = N_(
    "“{escape}” at position {position} is not a known escape. "
    "Known escapes: {known}. To send a backslash itself, write {backslash}."
)
BAD_X_ESCAPE = N_(
    "“{escape}” at position {position} is incomplete: {x} must be followed by "
    "exactly two hex digits, for example {example}."
)
TRAILING_BACKSLASH = N_(
    "The backslash at position {position} ends the text, so it escapes nothing. "
    "To send a backslash itself, write {backslash}."
)
UNENCODABLE = N_(
    "“{char}” at position {position} cannot be written in {encoding}. "
    "Choose another encoding (UTF-8 can write every character) or send the bytes as hex."
)
UNKNOWN_ENCODING = N_("“{encoding}” is not a known text encoding. Choose one of: {choices}.")

_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_TOKEN = re.compile(r"[^\s:,\-]+")  # hex separators: whitespace : , -
_NON_HEX = re.compile(r"[^0-9a-fA-F]")
_SIMPLE_ESCAPES = {"n": b"\n", "r": b"\r", "t": b"\t", "0": b"\0", "\\": b"\\", '"': b'"', "'": b"'"}
_KNOWN_ESCAPES = r"\n \r \t \0 \\ \" \' \xNN"
_NAMED_OUT = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0"}
# escape_bytes: backslash, control chars (C0, DEL, C1) and undecodable bytes.
_ESCAPE_OUT = re.compile(r"[\\\x00-\x1f\x7f-\x9f\udc80-\udcff]")


def _one_byte_escape(exc: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: mark only the first bad byte, then try again after it.

    Like ``surrogateescape`` (byte 0xNN becomes U+DCNN), but a multibyte decoder
    resumes at the very next byte, so a valid character after a bad lead byte
    is still decoded.
    """
    if isinstance(exc, UnicodeDecodeError):
        return chr(0xDC00 + exc.object[exc.start]), exc.start + 1
    raise exc


#: The name of :func:`_one_byte_escape` for ``bytes.decode`` and incremental decoders.
_ONE_BYTE = "socklab.one_byte_escape"
codecs.register_error(_ONE_BYTE, _one_byte_escape)


class CodecError(NetError):
    """Bad user input for a codec: bad hex, a bad escape, an unencodable character.

    ``position`` is the 0-based index of the offending character in the text the
    user typed (``None`` when the problem is not in the text, such as an unknown
    encoding) and ``length`` how many characters to highlight (at least 1).
    The message parameter ``position`` is the same place counted from 1.
    """

    def __init__(self, code: str, template: str, *, position: int | None = None, length: int = 1,
                 **params: object) -> None:
        self.position = position
        self.length = max(1, length)
        if position is not None:
            params["position"] = position + 1
        super().__init__(code, template, errno=None, **params)  # no errno: the user typed it

    def __reduce__(self) -> tuple[object, ...]:  # keep the class, position and length when pickled
        params = {key: value for key, value in self.params.items() if key != "position"}
        return (_rebuild_codec_error, (self.code, self.template, self.position, self.length, params))


def _rebuild_codec_error(code: str, template: str, position: int | None, length: int,
                         params: dict[str, str]) -> CodecError:
    return CodecError(code, template, position=position, length=length, **params)


def _unknown_encoding(encoding: str) -> CodecError:
    return CodecError("unknown_encoding", UNKNOWN_ENCODING, encoding=encoding, choices=", ".join(ENCODINGS))


def _check_encoding(encoding: str) -> None:
    """Raise :class:`CodecError` unless ``encoding`` names a text encoding."""
    try:
        "".encode(encoding)  # LookupError for unknown names and for bytes-to-bytes codecs
    except (LookupError, ValueError):  # ValueError: "a\0b", "\udc80", the "undefined" codec
        raise _unknown_encoding(encoding) from None


def _show_char(char: str) -> str:
    """The character itself if it is visible, else its code point (``U+200B``)."""
    return char if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"


def _short(token: str) -> str:
    return token if len(token) <= 20 else token[:16] + "…"


def _hex_escapes(char: str, encoding: str) -> str:
    """A control character, a lone surrogate or an undecodable byte as ``\\xNN`` per byte.

    U+DC00 to U+DCFF stand for the byte that did not decode (see
    :func:`_one_byte_escape`); anything else is shown as its bytes in
    ``encoding``, or as ``\\uNNNN`` if it has none.  Never raises.
    """
    code = ord(char)
    if 0xDC00 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    try:
        raw = char.encode(encoding)
    except (UnicodeError, LookupError):  # a lone surrogate, or a codec with no bytes for it
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return "".join(f"\\x{byte:02x}" for byte in raw)


def parse_hex(text: str) -> bytes:
    """Read hex such as ``48 65 6C``, ``48656C``, ``0x48,0x65`` or ``de:ad:BE:ef``.

    Tokens are separated by whitespace, ``:``, ``-`` or ``,`` and may start with
    ``0x``.  A one-digit token is one byte (``1 2`` is ``01 02``); a longer token
    is read in pairs and must have an even number of digits.  Text holding only
    separators gives ``b""``.
    """
    parts: list[bytes] = []
    for match in _TOKEN.finditer(text):
        token, start = match.group(), match.start()
        skip = 2 if token[:2] in ("0x", "0X") else 0
        digits = token[skip:]
        if not digits:
            raise CodecError("bad_hex", MISSING_HEX, position=start, length=len(token), token=token)
        bad = _NON_HEX.search(digits)
        if bad:
            raise CodecError(
                "bad_hex", BAD_HEX, position=start + skip + bad.start(), char=_show_char(bad.group())
            )
        if len(digits) == 1:
            parts.append(bytes((int(digits, 16),)))
        elif len(digits) % 2 == 0:
            parts.append(bytes.fromhex(digits))
        else:
            raise CodecError(
                "odd_hex", ODD_HEX, position=start, length=len(token),
                token=_short(token), count=len(digits),
            )
    return b"".join(parts)


def _encode_at(run: str, offset: int, encoding: str) -> bytes:
    """Encode ``run``, found at ``offset`` in the user's text; explain the first bad character."""
    try:
        return run.encode(encoding)
    except UnicodeEncodeError as exc:
        raise CodecError("unencodable", UNENCODABLE, position=offset + exc.start,
                         char=_show_char(run[exc.start]), encoding=encoding) from None


def encode_text(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding``; :class:`CodecError` names the first character it cannot hold."""
    _check_encoding(encoding)
    return _encode_at(text, 0, encoding)


def parse_escapes(text: str, encoding: str) -> bytes:
    """Read text with escapes: ``\\n \\r \\t \\0 \\\\ \\" \\'`` and ``\\xNN``.

    Other characters are encoded with ``encoding``; ``\\xNN`` (exactly two hex
    digits) is that raw byte, whatever the encoding.  ``\\0`` is always a single
    zero byte, so ``\\012`` is a zero byte followed by "12".
    """
    _check_encoding(encoding)
    out = bytearray()
    start = 0  # where the plain text not yet encoded begins
    i = text.find("\\")
    while i != -1:
        out += _encode_at(text[start:i], start, encoding)
        letter = text[i + 1 : i + 2]
        if not letter:
            raise CodecError("bad_escape", TRAILING_BACKSLASH, position=i, backslash="\\\\")
        if letter == "x":
            digits = text[i + 2 : i + 4]
            if len(digits) == 2 and all(d in _HEX_DIGITS for d in digits):
                out.append(int(digits, 16))
                start = i + 4
            else:
                good = 1 if digits[:1] and digits[0] in _HEX_DIGITS else 0
                raise CodecError(
                    "bad_escape", BAD_X_ESCAPE, position=i, length=2 + good,
                    escape=text[i : i + 2 + good], x="\\x", example="\\x0A",
                )
        elif letter in _SIMPLE_ESCAPES:
            out += _SIMPLE_ESCAPES[letter]
            start = i + 2
        else:
            raise CodecError(
                "bad_escape", UNKNOWN_ESCAPE, position=i, length=2,
                escape="\\" + _show_char(letter), known=_KNOWN_ESCAPES, backslash="\\\\",
            )
        i = text.find("\\", start)
    out += _encode_at(text[start:], start, encoding)
    return bytes(out)


def _escape_char(char: str, encoding: str) -> str:
    return _NAMED_OUT.get(char) or _hex_escapes(char, encoding)


def escape_bytes(data: bytes, encoding: str) -> str:
    """Write ``data`` in the syntax of :func:`parse_escapes`, readable where possible.

    Bytes that decode in ``encoding`` become their characters; ``\\`` and the
    control characters ``\\n \\r \\t \\0`` are escaped by name, every other
    control character and every byte that does not decode as ``\\xNN``.
    Where ``encoding`` cannot show ``data`` exactly, every byte is ``\\xNN``.
    """
    _check_encoding(encoding)
    data = bytes(data)
    try:
        text = data.decode(encoding, _ONE_BYTE)
        exact = text.encode(encoding, "surrogateescape") == data  # every character maps back
    except UnicodeError:  # EBCDIC, UTF-16/32 and idna cannot map every byte back, or decode at all
        exact = False
    if exact:
        return _ESCAPE_OUT.sub(lambda m: _escape_char(m.group(), encoding), text)
    # Some encodings (cp932, big5) decode a few byte pairs to a character that
    # encodes differently; rather than guess, fall back to plain \xNN throughout.
    return "".join(f"\\x{byte:02x}" for byte in data)


def encode_payload(text: str, mode: str, encoding: str = "utf-8", line_ending: str = "none") -> bytes:
    """The bytes to send for the send box ``text`` read in ``mode``, plus the line ending.

    ``mode`` is one of :data:`SEND_MODES` and ``line_ending`` a key of
    :data:`LINE_ENDINGS` (programming errors there raise ``ValueError``).
    Mistakes in ``text`` raise :class:`CodecError` with positions in ``text``.
    """
    if line_ending not in LINE_ENDINGS:
        raise ValueError(f"unknown line ending {line_ending!r}; expected one of {list(LINE_ENDINGS)}")
    if mode == "hex":
        body = parse_hex(text)
    elif mode == "escapes":
        body = parse_escapes(text, encoding)
    elif mode == "text":
        body = encode_text(text, encoding)
    else:
        raise ValueError(f"unknown send mode {mode!r}; expected one of {SEND_MODES}")
    return body + LINE_ENDINGS[line_ending]
