"""Placeholders in a saved message, and the bytes the message stands for at one send.

A saved message's text is written in its mode (text, hex or escapes, as in
the send box: :mod:`netcore.payload`) and may hold placeholders in braces:

- ``{counter}``: the tab's send counter, in decimal digits (1 at the first send);
  ``{counter:N}``: the counter as N raw bytes, big-endian, wrapping (N from 1 to 8).
- ``{time}``: the local time at the send, ``HH:MM:SS.mmm`` (24-hour clock, milliseconds).
- ``{random}``: a random whole number from 0 to 65535, in decimal digits;
  ``{random:N}``: N random bytes (N from 1 to 1024).
- ``{{`` and ``}}``: one brace; a ``}`` on its own is itself too.

Digits are written in the message's encoding (every offered one writes
ASCII digits as ASCII); the ``:N`` forms are raw bytes, the same in every
mode.  The text between placeholders is read in the message's mode, so in hex
mode ``01 03 {counter:2}`` sends three bytes and the counter's two.  Then the
checksum (:mod:`netcore.checksums`) is computed over those bytes and appended,
and last the line ending, which the checksum does not cover.

A mistake raises :class:`~netcore.payload.CodecError` with its position in
the text, so an editor can highlight it.  Pure functions; any thread.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from .checksums import append_checksum
from .errors import N_
from .payload import LINE_ENDINGS, CodecError, encode_payload

__all__ = ["BAD_PLACEHOLDER", "BAD_WIDTH", "UNCLOSED_BRACE", "Part", "expand", "format_time",
           "parse_template"]

BAD_PLACEHOLDER = N_("“{placeholder}” at position {position} is not a placeholder. Use {counter}, {time} or "
                     "{random}, or write {brace} for a brace itself.")
BAD_WIDTH = N_("“{placeholder}” at position {position} asks for {count} bytes: {name} takes from 1 "
               "to {most}.")
UNCLOSED_BRACE = N_("The brace at position {position} is not closed. Close the placeholder with }}, "
                    "or write {brace} for a brace itself.")

MOST_BYTES = {"counter": 8, "random": 1024}

# (start in the text, literal text, placeholder name, byte count): a literal part has name ""; a
# placeholder's byte count is 0 for its digits form
Part = tuple[int, str, str, int]


def parse_template(text: str) -> list[Part]:
    """The literal runs and placeholders of ``text``, in order; CodecError names the first mistake."""
    parts: list[Part] = []
    start = index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char not in "{}":
            index += 1
            continue
        if index > start:
            parts.append((start, text[start:index], "", 0))
        if text.startswith(char * 2, index):  # {{ or }}: a brace itself
            parts.append((index, char, "", 0))
            index += 2
        elif char == "}":  # a lone closing brace is taken as it is
            parts.append((index, char, "", 0))
            index += 1
        else:
            index = _placeholder(text, index, parts)
        start = index
    if start < length:
        parts.append((start, text[start:], "", 0))
    return parts


def _placeholder(text: str, index: int, parts: list[Part]) -> int:
    """Read the placeholder opening at ``index`` into ``parts``; returns where the text goes on."""
    close = text.find("}", index)
    opening = text.find("{", index + 1)
    if close == -1 or (opening != -1 and opening < close):
        raise CodecError("bad_placeholder", UNCLOSED_BRACE, position=index, brace="{{")
    inside = text[index + 1:close]
    name, colon, width = inside.partition(":")
    shown = text[index:close + 1]
    shown = shown if len(shown) <= 24 else shown[:20] + "…"
    if name not in ("counter", "time", "random") or (colon and name == "time"):
        raise CodecError("bad_placeholder", BAD_PLACEHOLDER, position=index, length=close + 1 - index,
                         placeholder=shown, counter="{counter}", time="{time}", random="{random}", brace="{{")
    count = 0
    if colon:
        most = MOST_BYTES[name]
        if not (width.isascii() and width.isdigit() and 1 <= int(width[:5]) <= most):
            raise CodecError("bad_placeholder", BAD_WIDTH, position=index, length=close + 1 - index,
                             placeholder=shown, count=width[:8], name="{" + name + ":N}", most=most)
        count = int(width)
    parts.append((index, "", name, count))
    return close + 1


def format_time(now: float) -> str:
    """``HH:MM:SS.mmm`` in local time."""
    seconds = int(now)
    milliseconds = min(999, int((now - seconds) * 1000))
    return time.strftime("%H:%M:%S", time.localtime(seconds)) + f".{milliseconds:03d}"


def expand(text: str, mode: str, encoding: str, line_ending: str = "none", checksum: str = "none", *,
           counter: int = 1, now: float | None = None,
           random_bytes: Callable[[int], bytes] = os.urandom) -> bytes:
    """The bytes ``text`` stands for at one send: placeholders filled, checksum and line ending appended.

    ``random_bytes(n)`` gives n random bytes (tests pass a fixed source); ``now`` is ``time.time()``
    by default.  Raises CodecError for a mistake in ``text`` (its position is in ``text``) and
    KeyError for an unknown checksum kind.
    """
    out = bytearray()
    when = time.time() if now is None else now
    for start, literal, name, count in parse_template(text):
        if not name:
            out += _encode_part(literal, start, mode, encoding)
        elif name == "time":
            out += _encode_part(format_time(when), start, "text", encoding)
        elif name == "counter":
            digits = str(counter)
            out += (counter % (1 << (8 * count))).to_bytes(count, "big") if count else \
                _encode_part(digits, start, "text", encoding)
        elif count:  # random bytes
            out += random_bytes(count)
        else:
            out += _encode_part(str(int.from_bytes(random_bytes(2), "big")), start, "text", encoding)
    return append_checksum(bytes(out), checksum) + LINE_ENDINGS[line_ending]


def _encode_part(literal: str, start: int, mode: str, encoding: str) -> bytes:
    """One literal run in the message's mode; an error's position is moved to where the run starts."""
    try:
        return encode_payload(literal, mode, encoding, "none")
    except CodecError as err:
        if err.position is None:
            raise
        params = {key: value for key, value in err.params.items() if key != "position"}
        raise CodecError(err.code, err.template, position=start + err.position, length=err.length,
                         **params) from None
