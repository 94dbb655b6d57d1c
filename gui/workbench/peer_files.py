"""Received data saved per peer: one file per TCP client or UDP sender, raw and complete.

Two ways, which may run together: every peer of the tab (Tools → Save received
data, one file per peer…), each getting ``<stem>-<peer><ext>`` in the chosen
folder when its first byte arrives, and peers chosen in the list (its
right-click menu), each to a file named for it.  A peer is a connection id for
TCP (two connections from one address are two files) and an address for UDP.
Each file gets its peer's bytes exactly once, in order.

Open files are bounded (:data:`MAX_OPEN`: the least recently written is closed
and later reopened for appending) and so is the number of files
(:data:`MAX_FILES`): a flood from thousands of ports must not exhaust file
descriptors nor fill a folder.  No Tk here; Tk thread only.
"""

from __future__ import annotations

import contextlib
import os
from collections import OrderedDict
from collections.abc import Hashable

from netcore import Peer

from ..recorder import ReceiveRecorder

MAX_OPEN = 32  # files open at once; more peers take turns
MAX_FILES = 1000  # files one saving makes at most (a flood from many ports)
NAME_TRIES = 1000  # "-2", "-3"…: an existing file is never replaced


def peer_file_part(peer: Peer, conn: int = 0) -> str:
    """The peer's part of a file name: ``127.0.0.1_52808``, ``--1_52808`` (::1), ``unix-3``."""
    if peer.is_unix:
        base = os.path.basename(peer.host) if peer.host else ""
        text = f"unix-{conn}" if not base else f"unix-{base}"
    else:
        text = f"{peer.host}_{peer.port}"
    # characters no file system objects to; ":" (IPv6) is refused on Windows
    return "".join(c if c.isalnum() or c in "._-" else "-" for c in text)


class PeerFile(ReceiveRecorder):
    """One peer's file: its recorder plus who it is."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label  # the peer as shown (its address)


class PeerFiles:
    """Per-peer recorders of one tab.  ``pattern``: (folder, stem, ext) for "every peer", or None.

    A method that writes raises the first OSError (a full disk): the caller then
    stops this saving and says why; every file keeps what was really written.
    """

    def __init__(self) -> None:
        self.pattern: tuple[str, str, str] | None = None
        self.files: dict[Hashable, PeerFile] = {}  # the current run's peers with a file
        self.done: list[PeerFile] = []  # files of peers gone, or of an earlier run: complete
        self.chosen: set[Hashable] = set()  # peers saved because the user chose them
        self.refused = 0  # peers not saved: MAX_FILES reached
        self._open: OrderedDict[Hashable, PeerFile] = OrderedDict()  # least recently written first

    @property
    def active(self) -> bool:
        return self.pattern is not None or bool(self.chosen)

    def describe_target(self) -> str:
        """Where the data goes, for the status line: ``/dir/stem-<peer>.bin`` or the chosen files."""
        if self.pattern is not None:
            folder, stem, ext = self.pattern
            return os.path.join(folder, f"{stem}-<peer>{ext}")
        return ", ".join(self.files[key].path or "" for key in self.chosen if key in self.files)

    def save_all(self, path: str) -> None:
        """Every peer from now on to ``<stem>-<peer><ext>`` beside ``path`` (no file is made yet)."""
        folder, name = os.path.split(path)
        stem, ext = os.path.splitext(name)
        self.pattern = (folder or ".", stem or "received", ext or ".bin")

    def save_one(self, key: Hashable, label: str, path: str) -> None:
        """Save ``key``'s bytes from now on to ``path`` (replacing it); raises OSError."""
        self._finish(key)
        record = PeerFile(label)
        record.start(path)
        self.files[key] = record
        self.chosen.add(key)
        self._opened(key, record)

    def write(self, key: Hashable, peer: Peer, conn: int, data: bytes) -> None:
        """``data`` from ``key`` (nothing if that peer is not saved)."""
        record = self._open.get(key)
        if record is None:
            record = self._reopen(key, peer, conn)
            if record is None:
                return
        else:
            self._open.move_to_end(key)
        record.write(data)

    def flush(self) -> None:
        """Write what waits in every open file."""
        for record in list(self._open.values()):
            record.flush()

    def peer_gone(self, key: Hashable) -> None:
        """A TCP client left: its file is complete (a later connection gets a file of its own)."""
        self.chosen.discard(key)
        self._finish(key)

    def restart(self) -> None:
        """The endpoint restarted: connection ids start again, so every peer starts a new file.
        Peers chosen in the list were of the old run: they are no longer saved."""
        self.chosen.clear()
        for key in list(self.files):
            self._finish(key)

    def stop(self) -> list[PeerFile]:
        """Close every file; returns them all (each says its path, bytes and any error).  Never raises."""
        for key in list(self.files):
            with contextlib.suppress(OSError):  # kept in the record's error, returned below
                self._finish(key)
        records, self.done = self.done, []
        self.chosen.clear()
        self.pattern = None
        self.refused = 0
        return records

    def written(self) -> int:
        return sum(record.written for record in (*self.files.values(), *self.done))

    # ------------------------------------------------------------ helpers
    def _reopen(self, key: Hashable, peer: Peer, conn: int) -> PeerFile | None:
        record = self.files.get(key)
        if record is not None:  # closed to free a descriptor: it goes on where it stopped
            assert record.path is not None
            record.start(record.path, append=True)
        elif self.pattern is not None:
            if len(self.files) + len(self.done) >= MAX_FILES:
                self.refused += 1
                return None
            record = PeerFile(_label(peer, conn))
            record.start(self._free_name(peer, conn))
            self.files[key] = record
        else:
            return None  # not a peer we save
        self._opened(key, record)
        return record

    def _opened(self, key: Hashable, record: PeerFile) -> None:
        self._open[key] = record
        while len(self._open) > MAX_OPEN:
            self._close(next(iter(self._open)))

    def _close(self, key: Hashable) -> None:
        """Close ``key``'s file for now (it may be reopened); raises what writing its tail met."""
        record = self._open.pop(key, None)
        if record is not None:
            record.stop()
            if record.error is not None:
                raise record.error

    def _finish(self, key: Hashable) -> None:
        """``key``'s file is complete: closed, and moved to :attr:`done`."""
        record = self.files.pop(key, None)
        if record is not None:
            self.done.append(record)
            self._close(key)

    def _free_name(self, peer: Peer, conn: int) -> str:
        assert self.pattern is not None
        folder, stem, ext = self.pattern
        base = os.path.join(folder, f"{stem}-{peer_file_part(peer, conn)}")
        taken = {record.path for record in (*self.files.values(), *self.done)}
        for number in range(1, NAME_TRIES + 1):
            path = f"{base}{ext}" if number == 1 else f"{base}-{number}{ext}"
            if path not in taken and not os.path.exists(path):
                return path
        raise FileExistsError(0, "every name for this peer is taken", base + ext)


def _label(peer: Peer, conn: int) -> str:
    from netcore import describe

    return describe(peer) if not peer.is_unix else f"#{conn} {describe(peer)}"
