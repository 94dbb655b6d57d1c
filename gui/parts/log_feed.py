"""Turns a tab's events into lines of its log.

Consecutive reads from one connection become one entry, unless the log marks
boundaries: then each ``recv()`` chunk is an entry of its own, numbered per
connection (at most :data:`MARKED_READS_PER_TICK` a tick; the rest of a flood
still merges).  A flood of datagrams shows at most :data:`DATAGRAMS_PER_TICK`
per screen refresh, and only one draw's worth once the log is behind, and says
once how many more were counted but not shown.
Socket errors come with their errno name and, the first time each kind is met
after a start, why it happens and what to try.  Messages are kept as
functions of the language, so a language switch re-renders them.  The
bytes are kept (up to :data:`~gui.log_view.DISPLAY_BYTES`) and decoded by
the log.  Tk thread only.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable, Sequence
from functools import partial

from netcore import (
    AutoReplied,
    ConnectionState,
    DatagramsDropped,
    DatagramsReceived,
    DataReceived,
    Error,
    Notice,
    Peer,
    PeerConnected,
    PeerDisconnected,
    SocketCall,
    Started,
    Stopped,
    describe,
)
from netcore.event_words import DISCONNECT_REASONS, DISCONNECTED, PEER_FINISHED, WE_FINISHED
from netcore.events import HALF_CLOSED, PEER_HALF_CLOSED
from netcore.explain import Explanation

from ..i18n import N_, tr, trf, trn
from ..learn.error_words import explain_error, lesson_text, with_name
from ..log_view import DISPLAY_BYTES, MAX_DRAW_LINES, MAX_WAITING_LINES, LogView
from . import TabPart

# Datagrams shown per screen refresh in a flood (no more than the log keeps waiting to be drawn);
# every one is still counted and saved.
DATAGRAMS_PER_TICK = MAX_WAITING_LINES
# With boundaries marked, reads shown one by one per tick (and per handle()); beyond, one merged entry
MARKED_READS_PER_TICK = 200

AUTO_REPLY_TO = N_("{peer} (auto-reply, rule {number})")


class LogFeed(TabPart):
    """``started_text(event)`` and ``half_open_note()``: the tab's own words (functions of the language)."""

    def __init__(self, log: LogView, *, started_text: Callable[[Started], str],
                 half_open_note: Callable[[], str], transport: str = "tcp") -> None:
        self.log = log
        self._started_text = started_text
        self._half_open_note = half_open_note
        self._transport = transport
        self._explained: set[str] = set()  # lessons given since the last start: later ones say the name only
        # the newest datagrams since they were last written to the log, how many there were, and
        # each one's number (0 unless boundaries are marked)
        # this refresh's batches of datagrams, only as many as hold the newest DATAGRAMS_PER_TICK
        self._datagram_batches: deque[tuple[DatagramsReceived, int]] = deque()
        self._batched = 0  # datagrams in them
        self._datagrams_seen = 0
        self._datagram_number = 0  # datagrams counted while boundaries were marked, since the start
        self._reads: dict[tuple[object, int], int] = {}  # reads per open connection, while marked
        self._marked_reads = 0  # marked reads logged in this handle()
        self._offset = 0.0  # wall clock minus monotonic clock, measured per batch
        #: How received data's sender is named in the log (the relay tab names both ends)
        self.label_of: Callable[[Peer, int], str] = lambda peer, _conn: describe(peer)

    def handle(self, events: Sequence[object]) -> None:
        # netcore stamps events with time.monotonic(); the log shows the wall clock
        self._offset = offset = time.time() - time.monotonic()
        log = self.log
        marked = log.boundaries.get()
        self._marked_reads = 0
        run_key: tuple[object, int] | None = None
        run: list[DataReceived] = []
        for event in events:
            if type(event) is SocketCall:  # the trace pane's; it must not split a run of received data
                continue
            if self._datagrams_seen and not isinstance(event, DatagramsReceived):
                self._write_datagrams()  # what came before this event goes before it in the log
            if isinstance(event, DataReceived):
                key = (event.peer, event.conn)
                if marked:
                    self._log_marked(event, key)
                    continue
                if event.message:  # receive framing: one whole message, one entry
                    if run:
                        self._log_run(run)
                        run = []
                    self._log_run([event])
                    continue
                if run and run_key != key:
                    self._log_run(run)
                    run = []
                run_key = key
                run.append(event)
                continue
            if run:
                self._log_run(run)
                run = []
            if isinstance(event, DatagramsReceived):
                self._log_datagrams(event, marked)
            elif isinstance(event, AutoReplied):
                log.add_data("sent", trf(AUTO_REPLY_TO, peer=describe(event.peer), number=event.rule),
                             event.data[:DISPLAY_BYTES], event.size, when=event.time + offset)
            elif isinstance(event, PeerConnected):
                log.add_message("info", partial(trf, N_("{peer} connected."), peer=describe(event.peer)),
                                when=event.time + offset)
            elif isinstance(event, PeerDisconnected):
                log.forget_stream((event.peer, event.conn))
                self._reads.pop((event.peer, event.conn), None)
                template = DISCONNECT_REASONS.get(event.reason, DISCONNECTED)
                log.add_message("info", partial(trf, template, peer=describe(event.peer)),
                                when=event.time + offset)
            elif isinstance(event, ConnectionState):
                self._log_state(event)
            elif isinstance(event, DatagramsDropped):
                log.add_message("error", partial(self._dropped_text, event.count, event.total),
                                when=event.time + offset)
            elif isinstance(event, Error):
                self._log_error(event)
            elif isinstance(event, Notice):
                log.add_message("info", partial(event.translated, tr), when=event.time + offset)
            elif isinstance(event, Started):
                log.forget_stream()
                self._explained.clear()
                self._reads.clear()
                self._datagram_number = 0
                log.add_message("info", partial(self._started_text, event), when=event.time + offset)
            elif isinstance(event, Stopped):
                log.add_message("info", partial(tr, N_("Stopped.")), when=event.time + offset)
        if run:
            self._log_run(run)

    def redraw(self) -> None:
        self._write_datagrams()
        self.log.flush()

    # ----------------------------------------------------------- helpers
    def _log_run(self, run: list[DataReceived]) -> None:
        first = run[0]
        size = sum(len(event.data) for event in run)
        if len(run) == 1 or len(first.data) >= DISPLAY_BYTES:
            head = first.data[:DISPLAY_BYTES]
        else:
            head = b"".join(event.data for event in run)[:DISPLAY_BYTES]
        stream: Hashable = (first.peer, first.conn)
        self.log.add_data("received", self.label_of(first.peer, first.conn), head, size,
                          when=first.time + self._offset, stream=stream)

    def _log_marked(self, event: DataReceived, key: tuple[object, int]) -> None:
        """Boundaries marked: one entry per read, numbered; a flood's extra reads merge into the last."""
        number = self._reads.get(key, 0) + 1
        self._reads[key] = number
        self._marked_reads += 1
        # the read after the last one marked alone starts the merged entry; later ones join it
        if self._marked_reads > MARKED_READS_PER_TICK + 1 and self.log.merge_last_read(key, event.data):
            return
        self.log.add_data("received", self.label_of(event.peer, event.conn), event.data[:DISPLAY_BYTES],
                          len(event.data), when=event.time + self._offset, stream=key,
                          mark=("recv", number, 1))

    def _log_error(self, event: Error) -> None:
        """The plain words, the errno name, and the first time a kind comes up, its lesson."""
        found = explain_error(event, self._transport)
        full = found is not None and found.key not in self._explained
        if found is not None:
            self._explained.add(found.key)
        self.log.add_message("error", partial(_error_text, event, found if full else None, found),
                             when=event.time + self._offset)

    def _log_datagrams(self, event: DatagramsReceived, marked: bool = False) -> None:
        """Count the batch and keep it (with its first number while boundaries are marked) until
        the refresh picks the newest: nothing is made per datagram here, as most of a flood's
        are only counted."""
        count = len(event.payloads)
        self._datagrams_seen += count
        first = 0
        if marked:
            first = self._datagram_number + 1
            self._datagram_number += count
        batches = self._datagram_batches
        batches.append((event, first))
        self._batched += count
        while self._batched - len(batches[0][0].payloads) >= DATAGRAMS_PER_TICK:
            self._batched -= len(batches.popleft()[0].payloads)  # older than the newest that can show

    def _write_datagrams(self) -> None:
        """Once per screen refresh (not once per batch the socket delivered): how many were not
        shown, then the newest."""
        if not self._datagrams_seen:
            return
        # The log keeps at most MAX_WAITING_LINES waiting; once it is behind, the newest
        # MAX_DRAW_LINES (one draw's worth) are all it can show of this tick: making entries for
        # more only to skip them took a quarter of the Tk thread's time in a flood (py-spy)
        room = min(max(MAX_DRAW_LINES, self.log.waiting_room()), DATAGRAMS_PER_TICK)
        if self._datagrams_seen > room:
            room -= 1  # the line saying how many more arrived takes one of it (else the log skips one)
        # (batch, from which index, its first number), newest first
        picked: list[tuple[DatagramsReceived, int, int]] = []
        wanted = room
        for event, first in reversed(self._datagram_batches):
            count = len(event.payloads)
            take = min(count, room)
            picked.append((event, count - take, first))
            room -= take
            if not room:
                break
        hidden = self._datagrams_seen - (wanted - room)
        if hidden:
            self.log.add_message("info", partial(
                trn, N_("{count} more datagram arrived at once: counted, not shown."),
                N_("{count} more datagrams arrived at once: counted, not shown."), hidden),
                when=picked[-1][0].time + self._offset)
        add = self.log.add_data
        for event, start, first in reversed(picked):
            when = event.time + self._offset
            last, label = None, ""
            payloads, peers = event.payloads, event.peers
            for index in range(start, len(payloads)):
                data, peer = payloads[index], peers[index]
                if peer is not last:  # a flood mostly comes from one sender: describe it once
                    last, label = peer, describe(peer)
                add("received", label, data[:DISPLAY_BYTES], len(data), when=when,
                    mark=("datagram", first + index, 1) if first else None)
        self._datagram_batches.clear()
        self._batched = 0
        self._datagrams_seen = 0

    def _log_state(self, event: ConnectionState) -> None:
        peer = describe(event.peer)
        if event.state == PEER_HALF_CLOSED:
            self.log.add_message("info", lambda: trf(PEER_FINISHED, peer=peer) + self._half_open_note(),
                                 when=event.time + self._offset)
        elif event.state == HALF_CLOSED:
            self.log.add_message("info", partial(trf, WE_FINISHED, peer=peer), when=event.time + self._offset)

    @staticmethod
    def _dropped_text(count: int, total: int) -> str:
        return trn(N_("The operating system dropped {count} datagram: it arrived faster than datagrams "
                      "were read ({total} dropped since start)."),
                   N_("The operating system dropped {count} datagrams: they arrived faster than they "
                      "were read ({total} dropped since start)."), count, total=f"{total:,}")


def _error_text(event: Error, lesson: Explanation | None, found: Explanation | None) -> str:
    """``found``: the error's explanation (for its name); ``lesson``: the same when it is to be told."""
    text = with_name(event.translated(tr), found)
    return text + "\n" + lesson_text(lesson) if lesson is not None else text
