"""Saving every received byte of a tab to a file (接收转存文件).

The on-screen log is capped; this file is not: it gets each byte exactly
once, in the order received, datagrams one after another.  Writes happen on
the Tk thread, once per event batch, into a buffered file.  Tk thread only.
"""

from __future__ import annotations

import contextlib
from typing import BinaryIO


class ReceiveRecorder:
    def __init__(self) -> None:
        self.path: str | None = None
        self.written = 0
        self._file: BinaryIO | None = None

    @property
    def active(self) -> bool:
        return self._file is not None

    def start(self, path: str) -> None:
        """Start writing to ``path`` (replacing it); raises OSError if it cannot be opened."""
        self.stop()
        self._file = open(path, "wb")  # noqa: SIM115 - stays open until stop()
        self.path = path
        self.written = 0

    def write(self, data: bytes) -> None:
        """Append ``data``; on failure (disk full) stop and raise OSError."""
        if self._file is None:
            return
        try:
            self._file.write(data)
        except OSError:
            self.stop()
            raise
        self.written += len(data)

    def stop(self) -> int:
        """Close the file; returns how many bytes it holds."""
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None
        return self.written
