"""Saving every received byte of a tab, or of one peer, to a file (接收转存文件).

The on-screen log is capped; this file is not: it gets each byte exactly
once, in the order received, datagrams one after another.  Tk thread only.

:attr:`ReceiveRecorder.written` counts only bytes the operating system took
(``write()`` returned them): data waits in a buffer of our own, written at
least once per pump tick (:meth:`ReceiveRecorder.flush`) and whenever
:data:`FLUSH_AT` bytes wait, so a full disk is found within a tick and the
count never includes bytes that are not in the file.  (A buffered Python file
would count bytes still in its buffer, and its ``close()`` would lose them
silently when the disk is full.)
"""

from __future__ import annotations

import contextlib
from typing import BinaryIO

FLUSH_AT = 256 * 1024  # bytes waiting before they are written without waiting for the tick's end


class ReceiveRecorder:
    def __init__(self) -> None:
        self.path: str | None = None
        self.written = 0  # bytes the file really holds (from this recorder)
        self.error: OSError | None = None  # why writing stopped, if it failed
        self._file: BinaryIO | None = None
        # the chunks taken since the last write, joined when written (appending each to one bytearray
        # cost 10 to 20 times more: it is copied again whenever it grows)
        self._waiting: list[bytes] = []
        self._waiting_size = 0

    @property
    def active(self) -> bool:
        return self._file is not None

    @property
    def waiting(self) -> int:
        """Bytes taken but not written yet (written at the next :meth:`flush`)."""
        return self._waiting_size

    def start(self, path: str, *, append: bool = False) -> None:
        """Start writing to ``path`` (replacing it, or after what it holds with ``append``);
        raises OSError if it cannot be opened."""
        self.stop()
        # unbuffered: every write() reaches the operating system, which says how much it took
        self._file = open(path, "ab" if append else "wb", buffering=0)  # noqa: SIM115 - open until stop()
        self.path = path
        self.error = None
        if not append:
            self.written = 0

    def write(self, data: bytes) -> None:
        """Take ``data`` (written by the next :meth:`flush`, or now if much waits); on failure
        stop and raise OSError."""
        if self._file is None:
            return
        self._waiting.append(data)
        self._waiting_size += len(data)
        if self._waiting_size >= FLUSH_AT:
            self.flush()

    def flush(self) -> None:
        """Write what waits; on failure (disk full) keep what was written, stop, and raise OSError."""
        if self._file is None or not self._waiting:
            return
        data = self._waiting[0] if len(self._waiting) == 1 else b"".join(self._waiting)
        self._waiting.clear()
        self._waiting_size = 0
        done = 0
        try:
            with memoryview(data) as view:
                while done < len(view):  # a write may take only part (a disk nearly full)
                    taken = self._file.write(view[done:])
                    if not taken:  # None: would block (not for a file); 0: nothing taken
                        raise OSError(0, "no bytes were written")
                    done += taken
                    self.written += taken
        except OSError as exc:
            self._close()
            self.error = exc
            raise

    def stop(self) -> int:
        """Write what waits and close the file; returns how many bytes it holds.

        A failure to write is kept in :attr:`error` (not raised): the caller says it.
        """
        if self._file is not None:
            with contextlib.suppress(OSError):
                self.flush()
            self._close()
        return self.written

    def _close(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None
