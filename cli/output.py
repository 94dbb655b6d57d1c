"""Where things go: received bytes to stdout, unchanged; words to stderr.

stdout carries the data only (binary-safe, flushed per chunk, so a pipe sees
each message as it arrives).  stderr carries errors (always), the listening
address of a server (unless --quiet), the --show lines (timestamped, labelled
with the peer, in the log's text, hex or both views) and the --trace lines (the
window's trace pane, one call per line).  Main thread only.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Hashable
from typing import BinaryIO, TextIO

from netcore import SocketCall
from netcore.display import DisplayDecoder, render

from .words import N_, trn

#: Bytes of one message shown by --show; the rest is counted (a 100 MB stream is not printed twice).
SHOW_BYTES = 1024
MORE_BYTES = (N_("… and {count} more byte"), N_("… and {count} more bytes"))


class Output:
    """The command's stdout and stderr; ``show`` is the --show view (None: no message lines)."""

    def __init__(self, show: str | None, encoding: str, *, quiet: bool = False,
                 stdout: BinaryIO | None = None, stderr: TextIO | None = None) -> None:
        self.show = show
        self.quiet = quiet
        self._encoding = encoding
        self._stdout = stdout if stdout is not None else sys.stdout.buffer
        self._stderr = stderr if stderr is not None else sys.stderr
        self._decoders: dict[Hashable, DisplayDecoder] = {}
        # netcore stamps events with time.monotonic(); lines show the wall clock
        self._offset = time.time() - time.monotonic()
        #: stdout was closed by its reader (``| head``): nothing more can be delivered.
        self.closed = False

    # ------------------------------------------------------------ stdout
    def data(self, data: bytes) -> bool:
        """Write received bytes to stdout now; False once stdout is closed."""
        if self.closed:
            return False
        try:
            self._stdout.write(data)
            self._stdout.flush()
        except (OSError, ValueError):  # EPIPE (| head), or stdout closed some other way
            self.closed = True
            _silence_stdout()
            return False
        return True

    # ------------------------------------------------------------ stderr
    def say(self, text: str) -> None:
        """A line everyone sees (a server's address): unless --quiet."""
        if not self.quiet:
            self._line(text)

    def error(self, text: str) -> None:
        """An error, always: ``socklab: <the window's sentence>``."""
        self._line("socklab: " + text.replace("\n", "\n    "))

    def info(self, text: str, when: float | None = None) -> None:
        """What happened (connected, closed...): a --show line with ``·``."""
        if self.show is not None:
            self._line(f"{self._stamp(when)} · {text}")

    def message(self, arrow: str, peer: str, data: bytes, stream: Hashable,
                when: float | None = None) -> None:
        """A --show line for data: ``12:00:01.250 ← 127.0.0.1:5000  hello``; ``arrow`` is → or ←."""
        view = self.show
        if view is None:
            return
        decoder = self._decoders.get(stream)
        if decoder is None:
            decoder = self._decoders[stream] = DisplayDecoder(self._encoding)
        head = data[:SHOW_BYTES]
        text = render(head, view, decoder)
        if len(data) > len(head):
            text += decoder.flush() + " " + trn(*MORE_BYTES, len(data) - len(head))
        prefix = f"{self._stamp(when)} {arrow} {peer}  "
        text = text[:-1] if text.endswith("\n") else text
        self._line(prefix + text.replace("\n", "\n" + " " * len(prefix)))

    def forget(self, stream: Hashable) -> None:
        """A stream ended (a connection closed): its decoder goes."""
        self._decoders.pop(stream, None)

    def trace(self, event: SocketCall) -> None:
        """One socket call, as the trace pane writes it."""
        from gui.learn.trace_model import TraceLine

        line = TraceLine(event.call, event.result, event.func, event.errno, event.count, event.size)
        self._line(f"{self._stamp(event.time)}   {line.text()}")

    def _stamp(self, when: float | None) -> str:
        moment = (time.monotonic() if when is None else when) + self._offset
        return time.strftime("%H:%M:%S", time.localtime(moment)) + f".{int(moment % 1 * 1000):03d}"

    def _line(self, text: str) -> None:
        try:
            self._stderr.write(text + "\n")
            self._stderr.flush()
        except (OSError, ValueError):
            pass  # stderr closed: nowhere left to say anything


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so Python's final flush stays quiet."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass
