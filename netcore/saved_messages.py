"""A library of named payloads (saved messages), checked, and its JSON file format.

:class:`SavedMessage` holds one message as the user wrote it (text with
placeholders, its mode, encoding, line ending and checksum);
:meth:`SavedMessage.payload` gives the bytes of one send (:mod:`netcore.templates`).

The file (export and import) is UTF-8 JSON::

    {"format": "socklab-saved-messages", "version": 1,
     "messages": [{"name": "Read 10 registers", "text": "01 03 00 00 00 0A", "mode": "hex",
                   "encoding": "utf-8", "line_ending": "none", "checksum": "crc16-modbus"}]}

A bare list of messages is read too; only ``name`` and ``text`` are required.
:func:`messages_from_json` checks everything (every field, and that every text
encodes) before it returns, and raises :class:`LibraryError` saying what is
wrong and where: a caller that keeps its library until the call returns loses
nothing to a bad file.  Pure functions; any thread.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence

from .checksums import CHECKSUMS, NO_CHECKSUM
from .errors import N_, NetError
from .payload import ENCODINGS, LINE_ENDINGS, SEND_MODES
from .templates import expand
from .values import Value

__all__ = ["FILE_FORMAT", "MAX_FILE_BYTES", "MAX_MESSAGES", "LibraryError", "SavedMessage",
           "messages_from_data", "messages_from_json", "messages_to_data", "messages_to_json", "unique_name"]

FILE_FORMAT = "socklab-saved-messages"
FILE_VERSION = 1
MAX_MESSAGES = 500
MAX_NAME_CHARS = 80
MAX_TEXT_CHARS = 64 * 1024
MAX_FILE_BYTES = 8 * 1024 * 1024  # more than 500 messages of 64 KiB would need: a larger file is not ours
CHECKSUM_KINDS: tuple[str, ...] = (NO_CHECKSUM, *CHECKSUMS)

NOT_JSON = N_("The file is not valid JSON: {reason} (line {line}, column {column}).")
NOT_TEXT = N_("The file is not UTF-8 text, so it cannot be a saved-messages file.")
WRONG_SHAPE = N_("The file does not hold saved messages: SockLab expects a list of messages, or an object "
                 "whose “messages” is that list.")
WRONG_FORMAT = N_("The file says it is “{found}”, not a SockLab saved-messages file.")
NEWER_VERSION = N_("The file was written by a newer SockLab (format version {found}); this one reads "
                   "version {version}.")
NOT_A_MESSAGE = N_("Message {number} in the file is not a message: each one is an object with a “name” and "
                   "a “text”.")
MISSING_FIELD = N_("Message {number} in the file has no “{field}” (it needs text there).")
BAD_NAME = N_("Message {number} in the file: the name must be 1 to {most} characters.")
MESSAGE_TOO_LONG = N_("Message “{name}” in the file is longer than {most} characters.")
BAD_CHOICE = N_("Message “{name}” in the file: “{value}” is not a valid {field}; use one of: {choices}.")
BAD_PAYLOAD = N_("Message “{name}” in the file cannot be sent as written: {problem}")
TOO_MANY = N_("The file holds {count} messages; SockLab keeps at most {most}.")
TOO_BIG = N_("The file is {size} bytes; a saved-messages file is at most {most} bytes.")


class LibraryError(NetError):
    """A saved-messages file (or value) that cannot be read; ``inner`` is the payload's own error."""

    def __init__(self, template: str, inner: NetError | None = None, **params: object) -> None:
        self.inner = inner
        if inner is not None:
            params["problem"] = inner.message
        super().__init__("bad_library", template, errno=None, **params)

    def translated(self, tr: Callable[[str], str]) -> str:
        if self.inner is None:
            return super().translated(tr)
        params = dict(self.params, problem=self.inner.translated(tr))
        return tr(self.template).format(**params)


class SavedMessage(Value):
    """One named payload, as the user wrote it (see :mod:`netcore.templates` for the placeholders)."""

    name: str
    text: str
    mode: str = "text"  # one of netcore.payload.SEND_MODES
    encoding: str = "utf-8"
    line_ending: str = "none"  # a key of netcore.payload.LINE_ENDINGS
    checksum: str = NO_CHECKSUM  # "none" or a key of netcore.checksums.CHECKSUMS

    def payload(self, counter: int = 1, now: float | None = None,
                random_bytes: Callable[[int], bytes] = os.urandom) -> bytes:
        """The bytes of one send; CodecError (with a position in ``text``) for a mistake in the text."""
        return expand(self.text, self.mode, self.encoding, self.line_ending, self.checksum, counter=counter,
                      now=now, random_bytes=random_bytes)

    def check(self) -> None:
        """Raise the CodecError :meth:`payload` would raise (with sample values for the placeholders)."""
        self.payload(counter=1, now=0.0, random_bytes=bytes)

    def to_data(self) -> dict[str, str]:
        return {"name": self.name, "text": self.text, "mode": self.mode, "encoding": self.encoding,
                "line_ending": self.line_ending, "checksum": self.checksum}


def messages_to_data(messages: Sequence[SavedMessage]) -> dict[str, object]:
    """The file's content as plain JSON values."""
    return {"format": FILE_FORMAT, "version": FILE_VERSION, "messages": [m.to_data() for m in messages]}


def messages_to_json(messages: Sequence[SavedMessage]) -> str:
    return json.dumps(messages_to_data(messages), ensure_ascii=False, indent=2) + "\n"


def messages_from_json(raw: bytes) -> list[SavedMessage]:
    """The messages in a file's bytes, all checked; LibraryError says what is wrong."""
    if len(raw) > MAX_FILE_BYTES:
        raise LibraryError(TOO_BIG, size=f"{len(raw):,}", most=f"{MAX_FILE_BYTES:,}")
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark, as some Windows editors write, is fine
    except UnicodeDecodeError:
        raise LibraryError(NOT_TEXT) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise LibraryError(NOT_JSON, reason=err.msg, line=err.lineno, column=err.colno) from None
    except RecursionError:  # nested too deeply to be ours
        raise LibraryError(WRONG_SHAPE) from None
    return messages_from_data(data)


def messages_from_data(data: object) -> list[SavedMessage]:
    """The messages in a JSON value (a file's, or the settings'), all checked."""
    if isinstance(data, dict):
        found = data.get("format", FILE_FORMAT)
        if found != FILE_FORMAT:
            raise LibraryError(WRONG_FORMAT, found=str(found)[:60])
        version = data.get("version", FILE_VERSION)
        if not isinstance(version, int) or version > FILE_VERSION:
            raise LibraryError(NEWER_VERSION, found=str(version)[:20], version=FILE_VERSION)
        data = data.get("messages")
    if not isinstance(data, list):
        raise LibraryError(WRONG_SHAPE)
    if len(data) > MAX_MESSAGES:
        raise LibraryError(TOO_MANY, count=f"{len(data):,}", most=MAX_MESSAGES)
    return [_message(number, item) for number, item in enumerate(data, 1)]


def _message(number: int, item: object) -> SavedMessage:
    if not isinstance(item, dict):
        raise LibraryError(NOT_A_MESSAGE, number=number)
    for field in ("name", "text"):
        if not isinstance(item.get(field), str):
            raise LibraryError(MISSING_FIELD, number=number, field=field)
    name, text = item["name"].strip(), item["text"]
    if not 1 <= len(name) <= MAX_NAME_CHARS:
        raise LibraryError(BAD_NAME, number=number, most=MAX_NAME_CHARS)
    if len(text) > MAX_TEXT_CHARS:
        raise LibraryError(MESSAGE_TOO_LONG, name=name, most=f"{MAX_TEXT_CHARS:,}")
    choices = {"mode": SEND_MODES, "line_ending": tuple(LINE_ENDINGS), "checksum": CHECKSUM_KINDS}
    values = {"mode": "text", "encoding": "utf-8", "line_ending": "none", "checksum": NO_CHECKSUM}
    for field, default in values.items():
        value = item.get(field, default)
        allowed = choices.get(field)
        if not isinstance(value, str) or (allowed is not None and value not in allowed):
            raise LibraryError(BAD_CHOICE, name=name, value=str(value)[:40], field=field,
                               choices=", ".join(allowed or ENCODINGS))
        values[field] = value
    message = SavedMessage(name, text, values["mode"], values["encoding"], values["line_ending"],
                           values["checksum"])
    try:
        message.check()  # bad hex, a bad escape, an unknown encoding or placeholder
    except NetError as err:
        raise LibraryError(BAD_PAYLOAD, inner=err, name=name) from None
    return message


def unique_name(name: str, taken: Sequence[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``… if a message already has it (an import keeps both)."""
    if name not in taken:
        return name
    number = 2
    while f"{name} ({number})" in taken:
        number += 1
    return f"{name} ({number})"

