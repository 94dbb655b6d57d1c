"""A tab's "save received data to file": every received byte, complete, whatever the log shows.

Wraps :class:`~gui.recorder.ReceiveRecorder` as a tab part: it takes the
data events of each batch, and says in the log when saving starts, stops or
fails (a full disk stops saving and says so; nothing is counted as saved
that was not written).  Tk thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from netcore import DatagramsReceived, DataReceived

from ..i18n import N_, trf
from ..log_view import LogView
from ..recorder import ReceiveRecorder
from . import TabPart


class Recording(TabPart):
    def __init__(self, log: LogView) -> None:
        self.log = log
        self.recorder = ReceiveRecorder()

    @property
    def path(self) -> str | None:
        return self.recorder.path if self.recorder.active else None

    def handle(self, events: Sequence[object]) -> None:
        if not self.recorder.active:
            return
        for event in events:
            if isinstance(event, DataReceived):
                self._write(event.data)
            elif isinstance(event, DatagramsReceived):
                for data in event.payloads:
                    self._write(data)

    def save_to(self, path: str | None) -> None:
        """Save every byte received from now on to ``path``; None stops saving."""
        if self.recorder.active:
            size, old = self.recorder.stop(), self.recorder.path
            self.log.add_message("info", partial(
                trf, N_("Stopped saving received data: {size} B are in {path}."), size=f"{size:,}", path=old))
        if path:
            try:
                self.recorder.start(path)
            except OSError as exc:
                self.log.add_message("error", partial(trf, N_("Cannot write to {path}: {reason}"), path=path,
                                                      reason=exc.strerror or str(exc)))
            else:
                self.log.add_message("info", partial(
                    trf, N_("Saving every byte received from now on to {path}."), path=path))
        self.log.flush()

    def stop(self) -> int:
        return self.recorder.stop()

    def _write(self, data: bytes) -> None:
        if not self.recorder.active:
            return
        try:
            self.recorder.write(data)
        except OSError as exc:
            self.log.add_message("error", partial(trf, N_("Stopped saving received data to {path}: {reason}"),
                                                  path=self.recorder.path, reason=exc.strerror or str(exc)))
