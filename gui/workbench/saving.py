"""The Tools menu's saving entries and the peer list's "Save received data from selected…".

Each asks where with a save dialog, then hands the path to the tab's
:class:`~gui.parts.recording.Recording` (received bytes, raw) or to
:mod:`gui.workbench.log_export` (the log as CSV or text).  What happened is
said in the tab's log, in the current language.  Imported on first use.  Tk
thread only.
"""

from __future__ import annotations

import os
from collections.abc import Hashable
from functools import partial
from tkinter import filedialog
from typing import TYPE_CHECKING

from netcore import Peer

from ..i18n import N_, tr, trf
from .peer_files import peer_file_part

if TYPE_CHECKING:
    from ..app import App
    from ..tab import EndpointTab

NO_PEER = N_("Select a peer in the list first.")
EXPORTED = N_("Exported {count} log entries to {path}.")
EXPORTED_CAPPED = N_("Exported {count} log entries to {path}; {dropped} older entries had already been "
                     "dropped from the log (it keeps the newest {kept}): the file says so in its first row.")
EXPORT_FAILED = N_("Could not export the log to {path}: {reason}")


def save_each_peer(app: App) -> None:
    """Tools → Save received data, one file per peer…: ``<name>-<peer>.bin`` in the chosen folder."""
    tab = app.current_tab()
    path = filedialog.asksaveasfilename(
        parent=app.root, title=tr("Save received data, one file per peer"), defaultextension=".bin",
        initialfile=f"socklab-{tab.winfo_name()}.bin", filetypes=[(tr("All files"), "*")])
    if not path:
        return
    tab.recording.per_peer().save_each(path)  # beside a whole-tab file, if one is being saved
    tab.saving_changed()


def save_selected_peers(tab: EndpointTab) -> None:
    """The peer list's right-click entry: one peer to the file chosen; several to ``<name>-<peer>.bin``."""
    keys = tab.side.selected() if tab.side is not None else []
    if not keys:
        tab.sendbox.show_error(tr(NO_PEER))
        return
    peers = [(key, _peer_of(tab, key)) for key in keys]
    first = peers[0][1]
    suggested = f"socklab-{tab.winfo_name()}" + (f"-{peer_file_part(first, _conn(peers[0][0]))}"
                                                  if len(peers) == 1 and first is not None else "")
    path = filedialog.asksaveasfilename(
        parent=tab.winfo_toplevel(), title=tr("Save received data from selected"), defaultextension=".bin",
        initialfile=suggested + ".bin", filetypes=[(tr("All files"), "*")])
    if not path:
        return
    stem, ext = os.path.splitext(path)
    for key, peer in peers:
        target = path
        if len(peers) > 1:
            part = peer_file_part(peer, _conn(key)) if peer is not None else str(key)
            target = f"{stem}-{part}{ext or '.bin'}"
        tab.recording.per_peer().save_one(key, tab.side.peers.label(key), target)
    tab.saving_changed()


def export_log(app: App) -> None:
    """Tools → Export log…: CSV (by default) or text, chosen by the file's extension."""
    from .file_errors import file_error_text
    from .log_export import export_csv

    tab = app.current_tab()
    path = filedialog.asksaveasfilename(
        parent=app.root, title=tr("Export log"), defaultextension=".csv",
        initialfile=f"socklab-{tab.winfo_name()}-log.csv",
        filetypes=[(tr("CSV files (spreadsheets)"), "*.csv"), (tr("Text files"), "*.txt"),
                   (tr("All files"), "*")])
    if not path:
        return
    app.draw_now(tab)  # what was handled and not drawn yet is exported too
    log = tab.log
    try:
        if path.lower().endswith(".txt"):
            dropped = log.dropped
            count = log.save(path)
        else:
            count, dropped = export_csv(log, path)
    except OSError as exc:
        log.add_message("error", partial(lambda e: trf(EXPORT_FAILED, path=path, reason=file_error_text(e)),
                                         exc))
        log.flush()
        return
    from ..log_view import MAX_LINES

    if dropped:
        log.add_message("info", partial(trf, EXPORTED_CAPPED, count=f"{count:,}", path=path,
                                        dropped=f"{dropped:,}", kept=f"{MAX_LINES:,}"))
    else:
        log.add_message("info", partial(trf, EXPORTED, count=f"{count:,}", path=path))
    log.flush()


def _peer_of(tab: EndpointTab, key: Hashable) -> Peer | None:
    """The address of a peer list's row: UDP rows are keyed by it, TCP rows by a connection id."""
    if isinstance(key, Peer):
        return key
    endpoint = tab.endpoint
    connections = getattr(endpoint, "connections", None)
    if connections is not None:
        for conn, peer in connections():
            if conn == key:
                return peer
    return None


def _conn(key: Hashable) -> int:
    return key if isinstance(key, int) else 0
