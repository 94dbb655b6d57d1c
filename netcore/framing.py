"""Receive framing: cutting a TCP byte stream into messages, as device testers read it.

TCP delivers a stream: one ``recv()`` may hold half a message or three.  A
:class:`FramingSpec` says where a message ends — after a delimiter (LF, CRLF,
any bytes) or after an idle gap (no data for, say, 20 ms) — and a
:class:`Framer` per connection keeps the bytes of the message not finished
yet.  The delimiter stays at the end of its message: the messages put back
together are exactly the stream, so saving received data stays complete.  A
message that reaches ``max_size`` without ending is handed on as it is (its
``cut`` count says so), so one connection holds at most ``max_size`` bytes.

:func:`framing_spec` checks what the user typed (any thread) and raises
:class:`~netcore.errors.NetError` with a plain message.  A :class:`Framer`
belongs to one connection on its endpoint's I/O thread; the idle gap's timer
is the endpoint's (``IoLoop.call_at``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .errors import N_, NetError
from .payload import CodecError, parse_escapes, parse_hex
from .values import Value

if TYPE_CHECKING:
    from .loop import TimerHandle

MODES = ("off", "lf", "crlf", "custom", "idle")
#: A message is handed on as it is once this long without its end (bytes).
DEFAULT_MAX_SIZE = 1024 * 1024
MAX_SIZE_LIMIT = 64 * 1024 * 1024
MAX_DELIMITER = 64
DEFAULT_IDLE = 0.020
IDLE_LIMIT = 60.0

EMPTY_DELIMITER = N_("Type the delimiter that ends a message, for example \\r\\n or, as hex, 0D 0A.")
LONG_DELIMITER = N_("A delimiter of at most {limit} bytes, please (this one has {size}).")
BAD_IDLE = N_("The idle gap must be a number of milliseconds from 1 to {limit}.")
BAD_MAX_SIZE = N_("The maximum message size must be a whole number of KiB from 1 to {limit}.")
UNKNOWN_MODE = N_("Unknown framing “{mode}”: choose one of {choices}.")


class FramingSpec(Value):
    """How to cut a stream: ``mode`` "delimiter" (``delimiter`` bytes) or "idle" (``idle`` seconds).

    ``max_size``: bytes after which an unfinished message is handed on as it is.
    """

    mode: str
    delimiter: bytes = b""
    idle: float = DEFAULT_IDLE
    max_size: int = DEFAULT_MAX_SIZE


def framing_spec(mode: str, custom: str = "", custom_format: str = "text", idle_ms: str = "20",
                 max_kib: str = "1024", encoding: str = "utf-8") -> FramingSpec | None:
    """The spec for what the user chose (None: framing off); NetError for bad input (any thread).

    ``custom`` is read as text with escapes (``\\r\\n``, ``\\x00``) in ``encoding``,
    or as hex (``0D 0A``) when ``custom_format`` is "hex".  A :class:`CodecError`
    says where in ``custom`` the mistake is.
    """
    if mode not in MODES:
        raise NetError("bad_framing", UNKNOWN_MODE, mode=mode, choices=", ".join(MODES))
    if mode == "off":
        return None
    max_size = _parse_max_size(max_kib)
    if mode == "lf":
        return FramingSpec("delimiter", b"\n", max_size=max_size)
    if mode == "crlf":
        return FramingSpec("delimiter", b"\r\n", max_size=max_size)
    if mode == "idle":
        return FramingSpec("idle", idle=_parse_idle(idle_ms), max_size=max_size)
    if not custom.strip() if custom_format == "hex" else not custom:
        raise CodecError("empty_delimiter", EMPTY_DELIMITER)
    delimiter = parse_hex(custom) if custom_format == "hex" else parse_escapes(custom, encoding)
    if not delimiter:
        raise CodecError("empty_delimiter", EMPTY_DELIMITER)
    if len(delimiter) > MAX_DELIMITER:
        raise CodecError("long_delimiter", LONG_DELIMITER, limit=MAX_DELIMITER, size=len(delimiter))
    return FramingSpec("delimiter", delimiter, max_size=max_size)


def _parse_idle(text: str) -> float:
    try:
        ms = float(text.strip())
    except ValueError:
        ms = math.nan
    if not 1 <= ms <= IDLE_LIMIT * 1000:  # (NaN fails this too)
        raise NetError("bad_idle", BAD_IDLE, limit=f"{int(IDLE_LIMIT * 1000):,}")
    return ms / 1000


def _parse_max_size(text: str) -> int:
    text = text.strip()
    limit = MAX_SIZE_LIMIT // 1024
    if not (text.isascii() and text.isdigit() and len(text) <= 6 and 1 <= int(text) <= limit):
        raise NetError("bad_max_size", BAD_MAX_SIZE, limit=f"{limit:,}")
    return int(text) * 1024


class Framer:
    """The unfinished message of one connection.  Its endpoint's I/O thread only.

    ``feed`` returns the messages the new chunks finished; ``take`` hands over
    what is buffered (at end of stream, after an idle gap).  ``cut`` counts the
    messages handed on at ``max_size`` without their end.  ``timer`` and
    ``last`` are the idle gap's, kept here for the endpoint.
    """

    __slots__ = ("spec", "buffer", "cut", "timer", "last", "_scan")

    def __init__(self, spec: FramingSpec) -> None:
        self.spec = spec
        self.buffer = bytearray()
        self.cut = 0
        self.timer: TimerHandle | None = None
        self.last = 0.0
        self._scan = 0  # where the delimiter search resumes (the bytes before hold none)

    def feed(self, chunks: list[bytes]) -> list[bytes]:
        """Add ``chunks``; return the messages now complete, oldest first."""
        spec = self.spec
        buffer = self.buffer
        for chunk in chunks:
            buffer += chunk
        size = spec.max_size
        delimiter = spec.delimiter if spec.mode == "delimiter" else b""
        messages: list[bytes] = []
        start = 0
        scan = self._scan
        while True:
            if delimiter:
                found = buffer.find(delimiter, scan)
                if found != -1 and found + len(delimiter) - start <= size:
                    end = found + len(delimiter)
                    messages.append(bytes(buffer[start:end]))
                    start = scan = end
                    continue
            if len(buffer) - start < size:
                break
            # no end within max_size bytes: hand them on as they are (memory stays bounded)
            messages.append(bytes(buffer[start:start + size]))
            start = scan = start + size
            self.cut += 1
        if start:
            del buffer[:start]
        # a delimiter may straddle this read and the next: search again from where it could begin
        self._scan = max(0, len(buffer) - len(delimiter) + 1) if delimiter else 0
        return messages

    def take(self) -> bytes:
        """What is buffered, as one message (b"": nothing); the buffer is then empty."""
        data = bytes(self.buffer)
        self.buffer.clear()
        self._scan = 0
        return data
