"""Saving received data per peer, as part of a tab's :class:`~gui.parts.recording.Recording`.

Takes the tab's data events while some peer is saved, hands them to
:class:`~gui.workbench.peer_files.PeerFiles`, and says in the log when saving
starts, stops or fails.  A failed write (a full disk) stops all per-peer
saving, says why in plain words and how many bytes the files really hold; the
tab keeps running.  Imported with the first per-peer saving.  Tk thread only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Sequence
from functools import partial

from netcore import DatagramsReceived, DataReceived, PeerDisconnected, Started

from ..i18n import N_, trf, trn
from ..log_view import LogView
from .file_errors import file_error_text
from .peer_files import MAX_FILES, PeerFile, PeerFiles

PEERS_FAILED = N_("Saving received data per peer stopped: could not write to {path}: {reason}. Each file "
                  "holds what was written before ({size} B in all); what arrived after that was not saved. "
                  "The tab goes on running.")
CANNOT_OPEN = N_("Cannot write to {path}: {reason}")
SUMMARY_LINES = 10  # files said one by one when saving per peer stops; more are added up in one line


class PeerSaving:
    """``on_change()``: per-peer saving stopped by itself (a write failed, the last chosen peer left)."""

    def __init__(self, log: LogView, on_change: Callable[[], None]) -> None:
        self.log = log
        self.files = PeerFiles()
        self._on_change = on_change

    @property
    def active(self) -> bool:
        return self.files.active

    def describe_target(self) -> str:
        return self.files.describe_target()

    # ----------------------------------------------------------- events
    def handle(self, events: Sequence[object]) -> None:
        try:
            self._write(events)
        except OSError as exc:
            self._failed(exc)

    def flush(self) -> None:
        try:
            self.files.flush()
        except OSError as exc:
            self._failed(exc)

    def _write(self, events: Sequence[object]) -> None:
        files = self.files
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

    # ---------------------------------------------------------- actions
    def save_each(self, path: str) -> None:
        """Every peer's bytes from now on to a file of its own: ``<stem>-<peer><ext>`` beside ``path``."""
        self.files.save_all(path)
        self.log.add_message("info", partial(
            trf, N_("Saving what each peer sends from now on to a file of its own: {pattern}"),
            pattern=self.files.describe_target()))
        self.log.flush()

    def save_one(self, key: Hashable, label: str, path: str) -> bool:
        """``key``'s bytes from now on to ``path``; False (said in the log) if it cannot be written."""
        try:
            self.files.save_one(key, label, path)
        except OSError as exc:
            self.log.add_message("error", partial(_translated, CANNOT_OPEN, path=path, reason=exc))
            self.log.flush()
            return False
        self.log.add_message("info", partial(
            trf, N_("Saving every byte {peer} sends from now on to {path}."), peer=label, path=path))
        self.log.flush()
        return True

    def stop(self) -> None:
        """Stop every per-peer saving; say what each file holds."""
        if not (self.files.active or self.files.done):
            return
        refused = self.files.refused
        records = self.files.stop()
        if not records:
            self.log.add_message("info", partial(
                trf, N_("Stopped saving per peer: no peer sent anything, so no file was made.")))
        self._summarise(records, refused)

    def close(self) -> None:
        """Close every file, saying nothing (the window is closing)."""
        self.files.stop()

    # ---------------------------------------------------------- helpers
    def _check_peers_left(self) -> None:
        """The last peer chosen in the list is gone (and no "every peer"): that saving is over."""
        if not self.files.active and self.files.done:
            self.stop()
            self._on_change()

    def _summarise(self, records: list[PeerFile], refused: int) -> None:
        """What each file holds (a line each, or one line for many files)."""
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

    def _failed(self, exc: OSError) -> None:
        """Writing one peer's file failed (the disk is full for all of them): stop saving per peer."""
        files = self.files
        failed = next((r.path for r in (*files.files.values(), *files.done) if r.error is exc), None)
        refused = files.refused
        records = files.stop()
        self.log.add_message("error", partial(_translated, PEERS_FAILED, path=failed or "?", reason=exc,
                                              size=sum(r.written for r in records)))
        self._summarise(records, refused)
        self._on_change()


def _translated(template: str, *, reason: OSError, size: int = 0, **params: object) -> str:
    """The message in the current language (the log runs it again after a language switch)."""
    return trf(template, reason=file_error_text(reason), size=f"{size:,}", **params)
