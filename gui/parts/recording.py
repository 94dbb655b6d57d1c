"""A tab's "save received data": every received byte, complete, whatever the log shows.

Wraps :class:`~gui.recorder.ReceiveRecorder` (the whole tab to one file) as a
tab part: it takes the data events of each batch, writes what waits when the
tab draws (:meth:`redraw`: each tick, in a flood every 50 ms; all of it at
close), and says in the log when saving starts, stops or fails.
A failed write (a full disk) stops saving, says why in plain words and how
many bytes the file really holds; the tab keeps running.  Saving per peer is
:class:`~gui.workbench.peer_saving.PeerSaving`, made (and imported) when first
asked for.  With nothing being saved, a batch costs two tests.  Tk thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from netcore import DatagramsReceived, DataReceived

from ..i18n import N_, trf
from ..log_view import LogView
from ..recorder import ReceiveRecorder
from . import TabPart

if TYPE_CHECKING:  # imported with the first per-peer saving
    from ..workbench.peer_saving import PeerSaving

WRITE_FAILED = N_("Saving received data stopped: could not write to {path}: {reason}. The file holds the "
                  "first {size} B; what arrived after that was not saved. The tab goes on running.")


class Recording(TabPart):
    """``on_change()``: saving started or stopped, whoever caused it (the File menu follows)."""

    def __init__(self, log: LogView, on_change: Callable[[], None] | None = None) -> None:
        self.log = log
        self.recorder = ReceiveRecorder()
        self.peers: PeerSaving | None = None  # saving per peer, once asked for
        self.on_change = on_change

    @property
    def active(self) -> bool:
        """Anything is being saved (the whole tab, or some peers)."""
        return self.recorder.active or (self.peers is not None and self.peers.active)

    @property
    def path(self) -> str | None:
        """Where received data goes now, for the status line (None: nowhere)."""
        places = [self.recorder.path] if self.recorder.active and self.recorder.path else []
        if self.peers is not None and self.peers.active:
            places.append(self.peers.describe_target())
        return ", ".join(places) or None

    def per_peer(self) -> PeerSaving:
        """Saving per peer (made on first use)."""
        if self.peers is None:
            from ..workbench.peer_saving import PeerSaving

            self.peers = PeerSaving(self.log, self._changed)
        return self.peers

    # ----------------------------------------------------------- part
    def handle(self, events: Sequence[object]) -> None:
        if self.recorder.active:
            try:
                self._write(events)
            except OSError as exc:
                self._failed(exc)
        if self.peers is not None and self.peers.active:
            self.peers.handle(events)

    def redraw(self) -> None:
        """Write what waits (when the tab draws): the counts then match the files."""
        try:
            self.recorder.flush()
        except OSError as exc:
            self._failed(exc)
        if self.peers is not None:
            self.peers.flush()

    def _write(self, events: Sequence[object]) -> None:
        write = self.recorder.write
        for event in events:
            if isinstance(event, DataReceived):
                write(event.data)
            elif isinstance(event, DatagramsReceived):
                for data in event.payloads:
                    write(data)

    # -------------------------------------------------------- actions
    def save_to(self, path: str | None) -> None:
        """Save every byte received from now on to ``path``; None stops all saving (per peer too)."""
        if self.recorder.active:
            size, old = self.recorder.stop(), self.recorder.path
            if self.recorder.error is not None:  # the last bytes could not be written
                self._failed(self.recorder.error)
            else:
                self.log.add_message("info", partial(
                    trf, N_("Stopped saving received data: {size} B are in {path}."), size=f"{size:,}",
                    path=old))
        if path is None and self.peers is not None:
            self.peers.stop()
        if path:
            try:
                self.recorder.start(path)
            except OSError as exc:
                self.log.add_message("error", partial(_translated, N_("Cannot write to {path}: {reason}"),
                                                      path=path, reason=exc))
            else:
                self.log.add_message("info", partial(
                    trf, N_("Saving every byte received from now on to {path}."), path=path))
        self.log.flush()

    def stop(self) -> int:
        """Close every file (the window is closing); returns the whole-tab file's size."""
        if self.peers is not None:
            self.peers.close()
        return self.recorder.stop()

    # -------------------------------------------------------- helpers
    def _failed(self, exc: OSError) -> None:
        """Writing the tab's file failed: stop it, say why and what the file really holds."""
        path = self.recorder.path
        self.recorder.stop()
        self.log.add_message("error", partial(_translated, WRITE_FAILED, path=path, reason=exc,
                                              size=self.recorder.written))
        self.log.flush()
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


def _translated(template: str, *, reason: OSError, size: int = 0, **params: object) -> str:
    """The message in the current language (the log runs it again after a language switch)."""
    from ..workbench.file_errors import file_error_text  # only when something failed

    return trf(template, reason=file_error_text(reason), size=f"{size:,}", **params)
