"""What a tab's socket exchanged, as the steps of a sequence diagram (issue 11, item 9).

A :class:`SequenceRecorder` is a tab part: it turns the tab's events into
:class:`Step` s between lanes — lane 0 is this socket, then one lane per peer
(at most :data:`MAX_PEER_LANES`; later peers share an "other peers" lane).
It keeps the last :data:`MAX_STEPS` steps and counts the ones it let go.
Reads that come together merge into one step, so a flood costs a counter,
not a step per read.  :func:`mermaid` writes the steps as a Mermaid
``sequenceDiagram``; the labels are made when drawn, in the current
language.  No widgets here.  Tk thread only (it reads the current language).
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Sequence

from netcore import (
    ConnectionState,
    DatagramsReceived,
    DataReceived,
    DataSent,
    Error,
    Peer,
    PeerConnected,
    PeerDisconnected,
    Started,
    describe,
)
from netcore.events import CONNECTING, HALF_CLOSED, PEER_HALF_CLOSED
from netcore.explain import errno_name
from netcore.values import Value

from ..i18n import N_, tr, trf, trn
from ..parts import TabPart

MAX_STEPS = 40  # drawn and exported: the newest; older ones are counted as omitted
MAX_PEER_LANES = 4
SENT_PREVIEWS = 16  # payloads noted per size, waiting for their DataSent
PREVIEW_BYTES = 12
DATAGRAMS_ONE_BY_ONE = 5  # a batch from one sender up to this many: a step each; more: one step

THIS_SOCKET = N_("This socket")
PEER = N_("Peer")
OTHER_PEERS = N_("Other peers")
OMITTED = (N_("… {count} earlier step omitted"), N_("… {count} earlier steps omitted"))
LABELS = {
    "connect": N_("connect()"),
    "accept": N_("connect() → accept()"),
    "send": N_("send {size} B {preview}"),
    "recv": N_("recv {size} B {preview}"),
    "recv_many": N_("recv ×{count}: {size} B"),
    "datagram_out": N_("sendto {size} B {preview}"),
    "datagram_in": N_("datagram {size} B {preview}"),
    "datagrams_in": N_("{count} datagrams: {size} B"),
    "shutdown": N_("shutdown(SHUT_WR): FIN"),
    "peer_shutdown": N_("FIN: finished sending"),
    "close": N_("close()"),
    "peer_close": N_("close(): FIN"),
    "reset": N_("reset: RST"),
    "error": N_("error {name}"),
    "ended": N_("connection ended ({reason})"),
    "started": N_("started on {address}"),
}


class Step(Value):
    """One arrow (or a note on lane 0, ``arrow`` False): ``outgoing`` from this socket to lane
    ``lane``, else from it; ``kind`` picks the label in :data:`LABELS`, filled from ``params``."""

    kind: str
    lane: int
    outgoing: bool
    # a value is text as shown, or what it is made from only when drawn (a step is made for every
    # read or datagram of a burst, most never drawn): bytes → their preview, a number → "1,234"
    params: tuple[tuple[str, str | bytes | int], ...] = ()
    arrow: bool = True
    failed: bool = False  # drawn crossed: a refusal, a reset

    def label(self) -> str:
        return trf(LABELS[self.kind], **{name: _shown(value) for name, value in self.params}).strip()


def _shown(value: str | bytes | int) -> str:
    if isinstance(value, bytes):
        return preview(value)
    if isinstance(value, int):
        return f"{value:,}"
    return value


class SequenceRecorder(TabPart):
    """The steps of one tab's current endpoint.  ``transport``: "tcp" or "udp" (sends are
    ``send`` or ``sendto``); ``on_change``: called after a tick that added steps."""

    def __init__(self, transport: str) -> None:
        self.transport = transport
        self.steps: deque[Step] = deque(maxlen=MAX_STEPS)
        self.omitted = 0
        self.lanes: list[str] = []  # peer addresses, lane 1 onwards ("" for "other peers", once full)
        self.local = ""  # this socket's address, once started
        self.version = 0  # grows with every change (the window redraws when it moved)
        self.on_change: Callable[[], None] | None = None
        self._source: str | None = None
        self._lane_of: dict[Peer, int] = {}
        self._sent: dict[int, deque[str]] = {}  # size -> previews of what the tab sent, oldest first

    def note_sent(self, data: bytes) -> None:
        """The tab handed ``data`` to its endpoint: the DataSent of that size that follows shows its
        start (DataSent carries only a size).  Bounded: a few sizes, a few payloads each."""
        waiting = self._sent.get(len(data))
        if waiting is None:
            if len(self._sent) >= SENT_PREVIEWS:
                return
            waiting = self._sent[len(data)] = deque(maxlen=SENT_PREVIEWS)
        waiting.append(preview(data))

    # ------------------------------------------------------------------ part
    def handle(self, events: Sequence[object]) -> None:
        before = self.version
        # consecutive reads of one connection become one step; in a flood a read costs two
        # comparisons and two additions (the pump hands a tab up to 2,000 events a tick)
        run: DataReceived | None = None  # the first read of the run
        run_reads = run_size = 0
        # consecutive datagram batches are taken together, as reads are: a burst of small batches
        # from one sender is one step, not a step per datagram made only to be pushed out
        batches: list[DatagramsReceived] = []
        current = self._source
        for event in events:
            source = getattr(event, "source", None)
            if source is not current and source is not None and source != current:
                if run is not None:
                    self._received(run, run_reads, run_size)
                    run = None
                if batches:
                    self._datagrams(batches)
                    batches = []
                self._restart(source)  # a new start of the tab: a new diagram
                current = source
            if type(event) is DatagramsReceived:
                batches.append(event)
                continue
            if batches:
                self._datagrams(batches)
                batches = []
            if type(event) is DataReceived:
                if run is not None and event.conn == run.conn:
                    run_reads += 1
                    run_size += len(event.data)
                    continue
                if run is not None:
                    self._received(run, run_reads, run_size)
                run, run_reads, run_size = event, 1, len(event.data)
                continue
            if run is not None:
                self._received(run, run_reads, run_size)
                run = None
            if isinstance(event, DataSent):
                self._sent_step(event)
            elif isinstance(event, PeerConnected):
                self._add(Step("accept", self._lane(event.peer), False))
            elif isinstance(event, ConnectionState):
                self._state(event)
            elif isinstance(event, PeerDisconnected):
                self._disconnected(event)
            elif isinstance(event, Started):
                self.local = ", ".join(describe(p) for p in event.local)
                self._add(Step("started", 0, False, (("address", self.local),), arrow=False))
            elif isinstance(event, Error) and event.fatal and event.code != "unsent":
                lane = self._lane(event.peer) if event.peer is not None else (1 if self.lanes else 0)
                name = errno_name(event.code, event.errno) or event.code
                self._add(Step("error", lane, False, (("name", name),), arrow=lane > 0, failed=True))
        if run is not None:
            self._received(run, run_reads, run_size)
        if batches:
            self._datagrams(batches)
        if self.version != before and self.on_change is not None:
            self.on_change()

    # --------------------------------------------------------------- helpers
    def _restart(self, source: str) -> None:
        self._source = source
        self.steps.clear()
        self.omitted = 0
        self.lanes = []
        self.local = ""
        self._lane_of = {}
        self._sent.clear()
        self.version += 1

    def _lane(self, peer: Peer) -> int:
        lane = self._lane_of.get(peer)
        if lane is None:
            if len(self.lanes) < MAX_PEER_LANES:
                self.lanes.append(describe(peer))
            elif len(self.lanes) == MAX_PEER_LANES:
                self.lanes.append("")
            lane = self._lane_of[peer] = min(len(self.lanes), MAX_PEER_LANES + 1)
        return lane

    def _add(self, step: Step) -> None:
        if len(self.steps) == MAX_STEPS:
            self.omitted += 1
        self.steps.append(step)
        self.version += 1

    def _received(self, first: DataReceived, reads: int, size: int) -> None:
        """``reads`` reads of one connection in one tick, the first being ``first``: a step with the
        data's start, or one counting them."""
        lane = self._lane(first.peer)
        if reads == 1:
            head = first.data[:PREVIEW_BYTES + 1]
            self._add(Step("recv", lane, False, (("preview", head), ("size", size))))
        else:
            self._add(Step("recv_many", lane, False, (("count", reads), ("size", size))))

    def _sent_step(self, event: DataSent) -> None:
        kind = "send" if self.transport == "tcp" else "datagram_out"
        waiting = self._sent.get(event.size)
        shown = ""
        if waiting and not event.partial:
            shown = waiting.popleft()
            if not waiting:
                del self._sent[event.size]
        self._add(Step(kind, self._lane(event.peer), True, (("preview", shown), ("size", event.size))))

    def _datagrams(self, batches: list[DatagramsReceived]) -> None:
        if len(batches) == 1:
            peers, payloads = batches[0].peers, batches[0].payloads
        else:
            peers = tuple(itertools.chain.from_iterable(batch.peers for batch in batches))
            payloads = tuple(itertools.chain.from_iterable(batch.payloads for batch in batches))
        if len(payloads) > DATAGRAMS_ONE_BY_ONE and peers.count(peers[0]) == len(peers):
            # a flood from one sender: one step.  netcore hands out one Peer object per sender, and
            # count() tries identity first, so this runs at C speed
            params: tuple[tuple[str, str | bytes | int], ...] = (("count", len(payloads)),
                                                                 ("size", sum(map(len, payloads))))
            self._add(Step("datagrams_in", self._lane(peers[0]), False, params))
            return
        start = 0
        while start < len(payloads):  # runs of one sender
            end = start + 1
            while end < len(payloads) and peers[end] == peers[start]:
                end += 1
            lane = self._lane(peers[start])
            if end - start <= DATAGRAMS_ONE_BY_ONE:
                for data in payloads[start:end]:
                    self._add(Step("datagram_in", lane, False,
                                   (("preview", data[:PREVIEW_BYTES + 1]), ("size", len(data)))))
            else:
                size = sum(map(len, payloads[start:end]))
                params = (("count", end - start), ("size", size))
                self._add(Step("datagrams_in", lane, False, params))
            start = end

    def _state(self, event: ConnectionState) -> None:
        lane = self._lane(event.peer)
        if event.state == CONNECTING:
            self._add(Step("connect", lane, True))
        elif event.state == HALF_CLOSED:
            self._add(Step("shutdown", lane, True))
        elif event.state == PEER_HALF_CLOSED:
            self._add(Step("peer_shutdown", lane, False))

    def _disconnected(self, event: PeerDisconnected) -> None:
        lane = self._lane(event.peer)
        if event.reason in ("kicked", "stopped"):
            self._add(Step("close", lane, True))
        elif event.reason == "closed":
            self._add(Step("peer_close", lane, False))
        elif event.reason == "reset":
            self._add(Step("reset", lane, False, failed=True))
        else:
            self._add(Step("ended", lane, False, (("reason", event.reason),), failed=True))

    # ----------------------------------------------------------------- reading
    def participants(self) -> list[str]:
        """Lane labels, a line break before the address: this socket, then each peer."""
        mine = tr(THIS_SOCKET) + (f"\n{self.local}" if self.local else "")
        return [mine, *(f"{tr(PEER)}\n{address}" if address else tr(OTHER_PEERS) for address in self.lanes)]

    def omitted_text(self) -> str:
        return trn(OMITTED[0], OMITTED[1], self.omitted) if self.omitted else ""


def preview(data: bytes) -> str:
    """The first bytes as printable text in quotes, e.g. ``"hello"`` or ``"msg-1msg…"``."""
    head = data[:PREVIEW_BYTES].decode("latin-1")
    text = "".join(ch if " " <= ch <= "~" else "." for ch in head)
    return f"\"{text}{'…' if len(data) > PREVIEW_BYTES else ''}\""


# ---------------------------------------------------------------- Mermaid
def mermaid(recorder: SequenceRecorder) -> str:
    """The steps as Mermaid ``sequenceDiagram`` text (labels in the current language)."""
    names = recorder.participants()
    ids = ["S", *(f"P{index}" for index in range(1, len(names)))]
    lines = ["sequenceDiagram"]
    lines += [f"    participant {ident} as {_mermaid_text(name)}"
              for ident, name in zip(ids, names, strict=True)]
    if recorder.omitted:
        over = "S" if len(ids) == 1 else f"S,{ids[-1]}"
        lines.append(f"    Note over {over}: {_mermaid_text(recorder.omitted_text())}")
    for step in recorder.steps:
        text = _mermaid_text(step.label())
        if not step.arrow:
            lines.append(f"    Note over {ids[step.lane]}: {text}")
            continue
        ours, theirs = ids[0], ids[step.lane]
        sender, receiver = (ours, theirs) if step.outgoing else (theirs, ours)
        lines.append(f"    {sender}{'-x' if step.failed else '->>'}{receiver}: {text}")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    """Mermaid reads ``;`` as the end of a statement and ``#`` as the start of an entity code."""
    return text.translate(_MERMAID_ESCAPES)


_MERMAID_ESCAPES = {ord("#"): "#35;", ord(";"): "#59;", ord("\n"): " "}
