"""Checks of what a caller hands an endpoint, made on the caller's thread.

Each returns the value in the form the endpoint keeps, or raises
:class:`NetError` with a plain message, so a mistake is told where it was
made instead of breaking the I/O thread later.  Any thread.
"""

from __future__ import annotations

import math

from .errors import N_, NetError
from .limits import MAX_TIMEOUT

BAD_DATA = N_("Only bytes can be sent, not {kind}.")
BAD_TEXT_DATA = N_("Only bytes can be sent, not text: encode it first, e.g. text.encode('utf-8').")
BAD_LIMIT_VALUE = N_("{name} must be a whole number of bytes greater than 0.")
BAD_WAIT = N_("The wait must be a number of seconds from 0 to 3600.")
BAD_TIMEOUT = N_("The timeout must be a number of seconds greater than 0 and at most 3600.")


def check_data(data: object) -> bytes:
    """``data`` as bytes (bytes-like is copied); anything else raises NetError."""
    if isinstance(data, bytes):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    if isinstance(data, str):
        raise NetError("bad_data", BAD_TEXT_DATA)
    raise NetError("bad_data", BAD_DATA, kind=type(data).__name__)


def check_limit(name: str, value: object) -> int | None:
    """A positive whole number of bytes, or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise NetError("bad_limit", BAD_LIMIT_VALUE, name=name)
    return value


def check_wait(wait: object) -> float:
    """How long send() may wait for room: 0 to MAX_TIMEOUT seconds."""
    if isinstance(wait, bool) or not isinstance(wait, (int, float)) or not 0 <= wait <= MAX_TIMEOUT:
        raise NetError("bad_wait", BAD_WAIT)
    return float(wait)


def check_timeout(value: object) -> float:
    """A connect timeout: more than 0 and at most MAX_TIMEOUT seconds (a numeric string is fine)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise NetError("bad_timeout", BAD_TIMEOUT)
    try:
        timeout = float(value)
    except ValueError:
        raise NetError("bad_timeout", BAD_TIMEOUT) from None
    if not (math.isfinite(timeout) and 0 < timeout <= MAX_TIMEOUT):
        raise NetError("bad_timeout", BAD_TIMEOUT)
    return timeout
