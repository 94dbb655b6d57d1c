"""A tab's "save received data": every received byte, complete, whatever the log shows.

Wraps :class:`~gui.recorder.ReceiveRecorder` (the whole tab to one file) and,
once asked for, :class:`~gui.workbench.peer_files.PeerFiles` (a file per peer)
as a tab part: it takes the data events of each batch, writes what waits once
per tick (:meth:`redraw`), and says in the log when saving starts, stops or
fails.  A failed write (a full disk) stops that saving, says why in plain words
and how many bytes the file really holds; the tab keeps running.  With nothing
being saved, a batch costs one test.  Tk thread only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from netcore import DatagramsReceived, DataReceived, PeerDisconnected, Started

from ..i18n import N_, trf, trn
from ..log_view import LogView
from ..recorder import ReceiveRecorder
from . import TabPart

if TYPE_CHECKING:  # imported with the first per-peer saving
    from ..workbench.peer_files import PeerFile, PeerFiles

WRITE_FAILED = N_("Saving received data stopped: could not write to {path}: {reason}. The file holds the "
                  "first {size} B; what arrived after that was not saved. The tab goes on running.")
PEERS_FAILED = N_("Saving received data per peer stopped: could not write to {path}: {reason}. Each file "
                  "holds what was written before ({size} B in all); what arrived after that was not saved. "
                  "The tab goes on running.")
CANNOT_OPEN = N_("Cannot write to {path}: {reason}")
SUMMARY_LINES = 10  # files said one by one when saving per peer stops; more are added up in one line


class Recording(TabPart):
    """``on_change()``: saving started or stopped, whoever caused it (the File menu follows)."""

    def __init__(self, log: LogView, on_change: Callable[[], None] | None = None) -> None:
        self.log = log
        self.recorder = ReceiveRecorder()
        self.peer_files: PeerFiles | None = None
        self.on_change = on_change

    @property
    def active(self) -> bool:
        """Anything is being saved (the whole tab, or some peers)."""
        return self.recorder.active or (self.peer_files is not None and self.peer_files.active)

    @property
    def path(self) -> str | None:
        """Where received data goes now, for the status line (None: nowhere)."""
        places = [self.recorder.path] if self.recorder.active and self.recorder.path else []
        if self.peer_files is not None and self.peer_files.active:
            places.append(self.peer_files.describe_target())
        return ", ".join(places) or None

    # ----------------------------------------------------------- part
    def handle(self, events: Sequence[object]) -> None:
        if self.recorder.active:
            try:
                self._write_whole(events)
            except OSError as exc:
                self._whole_failed(exc)
        files = self.peer_files
        if files is not None and files.active:
            try:
                self._write_peers(files, events)
            except OSError as exc:
                self._peers_failed(exc)

    def redraw(self) -> None:
        """Write what waits (once per tick): the counts then match the files."""
        try:
            self.recorder.flush()
        except OSError as exc:
            self._whole_failed(exc)
        if self.peer_files is not None:
            try:
                self.peer_files.flush()
            except OSError as exc:
                self._peers_failed(exc)

    def _write_whole(self, events: Sequence[object]) -> None:
        write = self.recorder.write
        for event in events:
            if isinstance(event, DataReceived):
                write(event.data)
            elif isinstance(event, DatagramsReceived):
                for data in event.payloads:
                    write(data)

    def _write_peers(self, files: PeerFiles, events: Sequence[object]) -> None:
        for event in events:
            if isinstance(event, DataReceived):
                files.write(event.conn, event.peer, event.conn, event.data)
            elif isinstance(event, DatagramsReceived):
                for data, peer in zip(event.payloads, event.peers, strict=True):
                    files.write(peer, peer, 0, data)
            elif isinstance(event, PeerDisconnected):
                files.peer_gone(event.conn)
                self._check_peers_left()
            elif isinstance(event, Started):
                files.restart()
                self._check_peers_left()
            if not files.active:
                return

    # -------------------------------------------------------- actions
    def save_to(self, path: str | None) -> None:
        """Save every byte received from now on to ``path``; None stops all saving."""
        if self.recorder.active:
            size, old = self.recorder.stop(), self.recorder.path
            if self.recorder.error is not None:  # the last bytes could not be written
                self._whole_failed(self.recorder.error)
            else:
                self.log.add_message("info", partial(
                    trf, N_("Stopped saving received data: {size} B are in {path}."), size=f"{size:,}",
                    path=old))
        if path is None:
            self.stop_peers()
        if path:
            try:
                self.recorder.start(path)
            except OSError as exc:
                self._cannot_open(path, exc)
            else:
                self.log.add_message("info", partial(
                    trf, N_("Saving every byte received from now on to {path}."), path=path))
        self.log.flush()

    def save_each_peer(self, path: str) -> None:
        """Every peer's bytes from now on to a file of its own: ``<stem>-<peer><ext>`` beside ``path``."""
        files = self._files()
        files.save_all(path)
        assert files.pattern is not None
        folder, stem, ext = files.pattern
        self.log.add_message("info", partial(
            trf, N_("Saving what each peer sends from now on to a file of its own: {pattern}"),
            pattern=os.path.join(folder, f"{stem}-<peer>{ext}")))
        self.log.flush()

    def save_peer(self, key: Hashable, label: str, path: str) -> bool:
        """``key``'s bytes from now on to ``path``; False (said in the log) if it cannot be written."""
        try:
            self._files().save_one(key, label, path)
        except OSError as exc:
            self._cannot_open(path, exc)
            return False
        self.log.add_message("info", partial(
            trf, N_("Saving every byte {peer} sends from now on to {path}."), peer=label, path=path))
        self.log.flush()
        return True

    def stop_peers(self) -> None:
        """Stop every per-peer saving; say what each file holds."""
        if self.peer_files is None or not (self.peer_files.active or self.peer_files.done):
            return
        refused = self.peer_files.refused
        records = self.peer_files.stop()
        if not records:
            self.log.add_message("info", partial(
                trf, N_("Stopped saving per peer: no peer sent anything, so no file was made.")))
        self._summarise(records, refused)

    def stop(self) -> int:
        """Close every file (the window is closing); returns the whole-tab file's size."""
        if self.peer_files is not None:
            self.peer_files.stop()
        return self.recorder.stop()

    # -------------------------------------------------------- helpers
    def _files(self) -> PeerFiles:
        if self.peer_files is None:
            from ..workbench.peer_files import PeerFiles  # the first per-peer saving

            self.peer_files = PeerFiles()
        return self.peer_files

    def _check_peers_left(self) -> None:
        """The last peer chosen in the list is gone (and no "every peer"): that saving is over."""
        files = self.peer_files
        if files is not None and not files.active and files.done:
            self.stop_peers()
            self._changed()

    def _summarise(self, records: list[PeerFile], refused: int) -> None:
        """What each file holds (a line each, or one line for many files)."""
        from ..workbench.peer_files import MAX_FILES

        good = [record for record in records if record.error is None]
        if len(good) > SUMMARY_LINES:
            folder = os.path.dirname(good[0].path or "")
            self.log.add_message("info", partial(
                trn, N_("Stopped saving per peer: {count} file, {size} B in all, in {folder}."),
                N_("Stopped saving per peer: {count} files, {size} B in all, in {folder}."), len(good),
                size=f"{sum(record.written for record in good):,}", folder=folder))
        else:
            for record in good:
                self.log.add_message("info", partial(
                    trf, N_("Stopped saving what {peer} sent: {size} B are in {path}."), peer=record.label,
                    size=f"{record.written:,}", path=record.path))
        if refused:
            self.log.add_message("error", partial(
                trn, N_("{count} more peer sent data but got no file: one saving makes at most {limit} "
                        "files."),
                N_("{count} more peers sent data but got no file: one saving makes at most {limit} "
                   "files."),
                refused, limit=f"{MAX_FILES:,}"))
        self.log.flush()

    def _whole_failed(self, exc: OSError) -> None:
        """Writing the tab's file failed: stop it, say why and what the file really holds."""
        path = self.recorder.path
        self.recorder.stop()
        self.log.add_message("error", partial(_translated, WRITE_FAILED, path=path, reason=exc,
                                              size=self.recorder.written))
        self.log.flush()
        self._changed()

    def _peers_failed(self, exc: OSError) -> None:
        """Writing one peer's file failed (the disk is full for all of them): stop saving per peer."""
        files = self._files()
        failed = next((r.path for r in (*files.files.values(), *files.done) if r.error is exc), None)
        refused = files.refused
        records = files.stop()
        self.log.add_message("error", partial(_translated, PEERS_FAILED, path=failed or "?", reason=exc,
                                              size=sum(r.written for r in records)))
        self._summarise(records, refused)
        self._changed()

    def _cannot_open(self, path: str, exc: OSError) -> None:
        self.log.add_message("error", partial(_translated, CANNOT_OPEN, path=path, reason=exc))
        self.log.flush()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


def _translated(template: str, *, reason: OSError, size: int = 0, **params: object) -> str:
    """The message in the current language (the log re-runs it after a language switch)."""
    from ..workbench.file_errors import file_error_text

    return trf(template, reason=file_error_text(reason), size=f"{size:,}", **params)

