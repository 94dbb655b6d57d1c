"""Checksums a device protocol may want at the end of a message, and how they are appended.

:data:`CHECKSUMS` names each kind; :func:`append_checksum` computes one over
the bytes given and appends it in the byte order devices expect:

- ``crc16-modbus``: CRC-16/MODBUS (poly 0x8005 reflected, init 0xFFFF), 2 bytes,
  **low byte first** (Modbus RTU sends it so): ``01 03 00 00 00 0A`` gets ``C5 CD``.
- ``crc32``: the CRC-32 of zlib, Ethernet and PNG, 4 bytes, **big-endian**.
- ``sum8``: the sum of the bytes modulo 256, 1 byte.
- ``xor8``: every byte XORed together, 1 byte.

Pure functions; any thread may call them.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Literal

__all__ = ["CHECKSUMS", "NO_CHECKSUM", "append_checksum", "checksum_bytes", "crc16_modbus", "crc32", "sum8",
           "xor8"]

NO_CHECKSUM = "none"


def _crc16_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_CRC16_TABLE = _crc16_table()  # 256 entries, made once at import (about 60 µs)


def crc16_modbus(data: bytes) -> int:
    """CRC-16/MODBUS of ``data``; ``crc16_modbus(b"123456789") == 0x4B37``."""
    crc = 0xFFFF
    table = _CRC16_TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def crc32(data: bytes) -> int:
    """CRC-32 (zlib's); ``crc32(b"123456789") == 0xCBF43926``."""
    return zlib.crc32(data) & 0xFFFFFFFF


def sum8(data: bytes) -> int:
    """The bytes added up, modulo 256."""
    return sum(data) & 0xFF


def xor8(data: bytes) -> int:
    """Every byte XORed together."""
    result = 0
    for byte in data:
        result ^= byte
    return result


# kind → (function, width in bytes, byte order of the appended value)
CHECKSUMS: dict[str, tuple[Callable[[bytes], int], int, Literal["little", "big"]]] = {
    "crc16-modbus": (crc16_modbus, 2, "little"),
    "crc32": (crc32, 4, "big"),
    "sum8": (sum8, 1, "big"),
    "xor8": (xor8, 1, "big"),
}


def checksum_bytes(data: bytes, kind: str) -> bytes:
    """The checksum of ``data`` as it is appended (b"" for ``"none"``); KeyError for an unknown kind."""
    if kind == NO_CHECKSUM:
        return b""
    function, width, order = CHECKSUMS[kind]
    return function(data).to_bytes(width, order)


def append_checksum(data: bytes, kind: str) -> bytes:
    """``data`` followed by its checksum of ``kind``."""
    return data + checksum_bytes(data, kind)
