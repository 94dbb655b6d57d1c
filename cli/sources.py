"""What a role sends: stdin (or a file) read on a thread of its own, or the --send message on a timer.

:func:`start_sending` runs on a daemon thread: it reads stdin or a file
(:func:`read_pieces`, :func:`file_pieces`) and hands each piece to ``send``,
which may block: a TCP send waits for room in netcore's write budget, so a
fast producer is held back by a slow network and memory stays bounded.
``os.read`` is used, not ``sys.stdin.buffer``: a daemon thread blocked in a
buffered read holds the buffer's lock, and Python's exit would then abort;
``os.read`` holds no lock of Python's.  A --send message repeated --count
times without --interval goes the same way (:func:`repeated`).

:class:`Repeater` sends one message ``count`` times every ``interval`` seconds
on the endpoint's own timers (``call_later``: it runs on the I/O thread), each
tick due at ``start + n × interval`` so the rate does not drift.

Both post :class:`Ended` on the session's queue when they are done, each
:class:`~netcore.NetError` they meet, and, with --show, :class:`Outgoing` for
each message sent.  ``send`` returns the peer it went to, as text.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator

from netcore import NetError
from netcore.payload import CodecError, encode_payload
from netcore.periodic import CATCH_UP, CATCH_UP_TICKS
from netcore.values import Value

#: How much one read takes: big enough for 100 MB to go in a few hundred reads.
READ_SIZE = 256 * 1024

Send = Callable[[bytes], str]
Post = Callable[[object], None]


class Ended(Value):
    """The input is done: stdin reached its end, the file was sent, the last --count went out."""

    reason: str = "eof"


class Outgoing(Value):
    """A message that was sent (posted for --show only)."""

    peer: str
    data: bytes


class Chunker:
    """Raw bytes: each read is sent as it came (TCP)."""

    def feed(self, data: bytes) -> Iterator[bytes]:
        yield data

    def end(self) -> Iterator[bytes]:
        return iter(())


class LineChunker(Chunker):
    """Line by line.  ``transform`` (a --mode other than raw) turns a line without its newline into
    the bytes to send; without it each line is sent with its newline (UDP: one datagram per line).
    A line longer than ``limit`` bytes is cut into pieces of ``limit``.  A line ``transform``
    refuses (bad hex, a character the encoding lacks) goes to ``refused`` and is skipped."""

    def __init__(self, limit: int, transform: Callable[[bytes], bytes] | None = None,
                 refused: Callable[[NetError], None] | None = None) -> None:
        self._limit = limit
        self._transform = transform
        self._refused = refused
        self._partial = b""

    def feed(self, data: bytes) -> Iterator[bytes]:
        data = self._partial + data
        start = 0
        while True:
            end = data.find(b"\n", start)
            if end < 0:
                break
            yield from self._line(data[start:end + 1])
            start = end + 1
        self._partial = data[start:]
        while len(self._partial) >= self._limit:  # no newline for a long time: send what fits
            piece, self._partial = self._partial[:self._limit], self._partial[self._limit:]
            yield from self._line(piece)

    def end(self) -> Iterator[bytes]:
        if self._partial:
            yield from self._line(self._partial)
            self._partial = b""

    def _line(self, line: bytes) -> Iterator[bytes]:
        if self._transform is None:
            for start in range(0, len(line), self._limit):
                yield line[start:start + self._limit]
            return
        body = line[:-1] if line.endswith(b"\n") else line
        body = body[:-1] if body.endswith(b"\r") else body
        try:
            yield self._transform(body)
        except CodecError as err:
            if self._refused is not None:
                self._refused(err)


def line_transform(mode: str, encoding: str, line_ending: str,
                   terminal_encoding: str = "utf-8") -> Callable[[bytes], bytes]:
    """A line of stdin read as the send box would read it in ``mode``; CodecError for a bad line."""
    def transform(line: bytes) -> bytes:
        return encode_payload(line.decode(terminal_encoding, "surrogateescape"), mode, encoding, line_ending)
    return transform


def read_pieces(fd: int, chunker: Chunker) -> Iterator[bytes]:
    """What ``fd`` holds, to its end, as ``chunker`` cuts it."""
    while True:
        data = os.read(fd, READ_SIZE)
        if not data:
            break
        yield from chunker.feed(data)
    yield from chunker.end()


def file_pieces(path: str, repeat: int) -> Iterator[bytes]:
    """The file's bytes, ``repeat`` times over (opened afresh each time, closed after)."""
    for _ in range(repeat):
        fd = os.open(path, os.O_RDONLY)
        try:
            yield from read_pieces(fd, Chunker())
        finally:
            os.close(fd)


def repeated(payload: bytes, count: int) -> Iterator[bytes]:
    for _ in range(count):
        yield payload


def start_sending(pieces: Iterator[bytes], send: Send, post: Post, *, show: bool,
                  what: str = "stdin", label: Callable[[], str] | None = None) -> threading.Thread:
    """Send each of ``pieces`` on a daemon thread (``send`` may block), then post :class:`Ended`.

    ``label`` (a client's one peer) lets --show tell each piece before it is handed over: told
    after, the I/O thread has often read the answer already, and "←" came before its "→".
    """
    def run() -> None:
        try:
            for piece in pieces:
                if show and label is not None:
                    post(Outgoing(label(), piece))
                    send(piece)
                    continue
                peer = send(piece)
                if show and peer:
                    post(Outgoing(peer, piece))
        except NetError as err:
            post(err)
        except OSError as exc:  # stdin or the file failed while being read (EIO): say so, end the input
            from netcore.os_errors import from_os_error

            post(from_os_error(exc, action="receive", host=what, port=None))
        finally:
            post(Ended())

    thread = threading.Thread(target=run, name="socklab-input", daemon=True)
    thread.start()
    return thread


class Repeater:
    """Send ``payload`` now, then every ``interval`` s on the endpoint's timers, ``count`` times in all
    (None: until stopped).  Runs on the I/O thread after the first send; ``send`` must not block
    (a message that finds the buffer full is reported and that tick skipped).

    Each tick is due at ``start + n × interval``: waiting ``interval`` after each send made every
    period longer by the send and the timer's lateness (``--interval 1`` ran some 10 % slow).  As
    in ``netcore.periodic``, a tick up to a few ticks late (2 to ``CATCH_UP_TICKS``, about
    ``CATCH_UP`` at short intervals: a busy machine's jitter) keeps the schedule, the ticks due
    meanwhile following at once; a later one (a stall: a suspended machine) starts the schedule
    again from now instead of sending the missed ticks back to back.
    """

    def __init__(self, endpoint: object, payload: bytes, interval: float, count: int | None,
                 send: Send, post: Post, *, show: bool) -> None:
        self._endpoint = endpoint
        self._payload = payload
        self._interval = interval
        self._left = count
        self._send = send
        self._post = post
        self._show = show
        self._due = 0.0  # when the current tick was due (time.monotonic())
        # how late a tick may be and the schedule kept: a fixed CATCH_UP shifted a long interval's
        # schedule after any late timer, and let a 1 ms one send 50 messages back to back
        self._late_max = interval * min(CATCH_UP_TICKS, max(2, int(CATCH_UP / interval)))

    def start(self) -> None:
        self._due = time.monotonic()
        self._tick()

    def _tick(self) -> None:
        now = time.monotonic()
        if now - self._due > self._late_max:
            self._due = now  # stalled: start again from now
        try:
            peer = self._send(self._payload)
            if self._show and peer:
                self._post(Outgoing(peer, self._payload))
        except NetError as err:
            if err.code == "not_running":
                return  # stopping: no more ticks, and no Ended (the session is ending anyway)
            if err.code != "no_client":  # a server with nobody connected yet: this tick is skipped
                self._post(err)
        if self._left is not None:
            self._left -= 1
            if self._left <= 0:
                self._post(Ended("count"))
                return
        self._due += self._interval
        try:
            self._endpoint.call_later(max(0.0, self._due - time.monotonic()),  # type: ignore[attr-defined]
                                      self._tick)
        except NetError:
            return  # stopped meanwhile
