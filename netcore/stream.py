"""One connected TCP (or Unix stream) socket: batched reads, buffered writes, its state.

Shared by :class:`TcpServer` (one per client) and :class:`TcpClient`.  Used only
on the owning endpoint's I/O thread, except :class:`WriteBudget`, which is the
caller-side half of write flow control.
"""

from __future__ import annotations

import errno as errno_codes
import selectors
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from .catalogue import WRITE_BUFFER_FULL
from .errors import NetError
from .events import OPEN, DataSent, SendProgress
from .peer import Peer

# recv() size: it adapts per connection between these, because recv() allocates
# the whole size before the kernel fills it — 1 MiB for a 32-byte message is
# slow, while a bulk transfer wants big reads (fewer calls, no extra copy).
READ_MIN = 16 * 1024
READ_MAX = 1024 * 1024
# How much one readable socket may deliver in one go before the loop serves
# others: big enough that a bulk transfer costs few events, small enough that
# one busy peer cannot starve the rest.
READ_BATCH = 4 * 1024 * 1024
# A partly written request this large or larger reports its progress.
PROGRESS_MIN = 256 * 1024


def is_would_block(exc: OSError) -> bool:
    return isinstance(exc, BlockingIOError) or exc.errno in (errno_codes.EAGAIN, errno_codes.EWOULDBLOCK)


class WriteBudget:
    """What ``send()`` accepted for each connection and the kernel has not taken yet.

    The caller's thread reserves before handing data to the I/O thread, so a
    flood of ``send()`` calls against a peer that does not read is refused (or
    waits, with ``wait``) at ``limit`` bytes instead of growing memory without
    bound.  The I/O thread releases as it writes.  Any thread.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._used: dict[int, int] = {}
        # a plain lock for the I/O thread's releases (C-level, cheap); the condition
        # is only notified when a send(wait=...) is actually waiting
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._waiters = 0

    def reserve(self, conn: int, size: int, address: str, wait: float = 0.0) -> None:
        """Count ``size`` more bytes for ``conn``; NetError when over the limit (after ``wait`` s)."""
        deadline = time.monotonic() + wait
        with self._cond:
            while True:
                used = self._used.get(conn, 0)
                # one message larger than the limit is still accepted when nothing else waits
                if used == 0 or used + size <= self.limit:
                    self._used[conn] = used + size
                    return
                left = deadline - time.monotonic()
                if left <= 0:
                    raise NetError("backlog_full", WRITE_BUFFER_FULL, address=address, size=used)
                self._waiters += 1
                try:
                    self._cond.wait(left)
                finally:
                    self._waiters -= 1

    def release(self, conn: int, size: int) -> None:
        with self._lock:
            used = self._used.get(conn, 0) - size
            if used > 0:
                self._used[conn] = used
            else:
                self._used.pop(conn, None)
            if self._waiters:
                self._cond.notify_all()

    def forget(self, conn: int) -> None:
        with self._lock:
            self._used.pop(conn, None)
            if self._waiters:
                self._cond.notify_all()

    def used(self, conn: int) -> int:
        with self._lock:
            return self._used.get(conn, 0)


class StreamConn:
    """A connected stream socket, its state and what is waiting to be written to it."""

    __slots__ = ("sock", "peer", "conn_id", "label", "out", "out_size", "pending", "bytes_in", "bytes_out",
                 "state", "callback", "mask", "read_size", "write_paused", "peer_eof", "shut_after_flush",
                 "close_after_flush", "close_reason", "close_timer", "recv", "send")

    def __init__(self, sock: socket.socket, peer: Peer, conn_id: int,
                 recv: Callable[[int], bytes], send: Callable[[Any], int]) -> None:
        self.sock = sock
        self.peer = peer
        self.conn_id = conn_id
        self.label = str(peer)
        self.out: deque[memoryview] = deque()
        self.out_size = 0
        # [bytes still unwritten, size, budgeted (1: came from send(), 0: an echo)] per request
        self.pending: deque[list[int]] = deque()
        self.bytes_in = 0
        self.bytes_out = 0
        self.state = OPEN
        self.callback: Callable[[Any, int], None] | None = None  # the selector callback for this connection
        self.mask = 0  # what the selector watches for now (0: not registered)
        self.read_size = READ_MIN
        self.write_paused = False  # above the high-water mark, until back at the low one
        self.peer_eof = False  # the peer sent EOF: nothing more to read
        self.shut_after_flush = False  # shutdown(SHUT_WR) once the queue is written
        self.close_after_flush = False  # close once the queue is written
        self.close_reason = "closed"
        self.close_timer: Any = None
        self.recv = recv
        self.send = send

    @property
    def closed(self) -> bool:
        return self.state == "closed"

    def read_batch(self) -> tuple[list[bytes], str | None, OSError | None]:
        """Read until the socket would block or a batch is full.

        Returns the chunks read (not joined: copying them again would cost a
        third of the throughput), and a reason when reading ended: "eof" for
        an orderly end of the peer's sending side, "reset" or "error" with the
        OS error.  ``recv`` into a fresh bytes object is one copy: the kernel's.
        """
        chunks: list[bytes] = []
        total = 0
        reason: str | None = None
        error: OSError | None = None
        recv = self.recv
        size = self.read_size
        while total < READ_BATCH:
            try:
                chunk = recv(size)
            except OSError as exc:
                if is_would_block(exc):
                    break
                if exc.errno == errno_codes.EINTR:
                    continue
                reset = exc.errno in (errno_codes.ECONNRESET, errno_codes.ECONNABORTED)
                reason = "reset" if reset else "error"
                error = exc
                break
            n = len(chunk)
            if n == 0:
                reason = "eof"
                break
            chunks.append(chunk)
            total += n
            if n < size:  # a short read: the socket is very likely drained
                if n < size // 4 and size > READ_MIN:
                    size //= 2
                break
            if size < READ_MAX:  # it filled the buffer: more is coming, read bigger
                size *= 2
        self.read_size = size
        self.bytes_in += total
        return chunks, reason, error

    def queue(self, data: bytes, budgeted: bool = True) -> None:
        self.out.append(memoryview(data))
        self.out_size += len(data)
        self.pending.append([len(data), len(data), 1 if budgeted else 0])

    def send_now(self, data: bytes, budgeted: bool, post: Callable[[object], None],
                 source: str) -> tuple[bool, int, OSError | None]:
        """Nothing is queued: hand ``data`` to the kernel at once, without queueing it first.

        Returns whether the kernel took all of it (then DataSent is posted and
        nothing is queued), the bytes written that came from ``send()`` (as
        :meth:`flush`), and the OS error that ended it.  What the kernel did
        not take is queued, exactly as ``queue()`` and ``flush()`` leave it.
        """
        taken, error = self.try_send(data)
        return self.settle(data, taken, error, budgeted, post, source)

    def try_send(self, data: bytes) -> tuple[int, OSError | None]:
        """One ``send`` of ``data`` with nothing queued: the bytes taken, or the error (would-block: 0)."""
        try:
            return self.send(data), None
        except OSError as exc:
            if is_would_block(exc) or exc.errno == errno_codes.EINTR:
                return 0, None
            return 0, exc

    def settle(self, data: bytes, taken: int, error: OSError | None, budgeted: bool,
               post: Callable[[object], None], source: str) -> tuple[bool, int, OSError | None]:
        """Account a :meth:`try_send` of ``data``: DataSent if it went whole, else queue the rest."""
        size = len(data)
        if taken == size:
            self.bytes_out += size
            post(DataSent(source, self.peer, size, self.conn_id, time.monotonic()))
            return True, size if budgeted else 0, None
        self.queue(data, budgeted)
        if not taken:
            return False, 0, error
        self.out[0] = self.out[0][taken:]
        self.out_size -= taken
        self.bytes_out += taken
        return False, self._account(taken, post, source), error

    def flush(self, post: Callable[[object], None], source: str) -> tuple[int, OSError | None]:
        """Write as much as the kernel takes.

        Returns the bytes written that came from ``send()`` (to release from the
        budget; an echo's are not counted there) and the OS error that ended it, if any.
        """
        send = self.send
        written = 0
        error: OSError | None = None
        while self.out:
            head = self.out[0]
            try:
                n = send(head)
            except OSError as exc:
                if is_would_block(exc):
                    break
                if exc.errno == errno_codes.EINTR:
                    continue
                error = exc
                break
            written += n
            if n == len(head):
                self.out.popleft()
            else:
                self.out[0] = head[n:]
        budgeted = 0
        if written:
            self.out_size -= written
            self.bytes_out += written
            budgeted = self._account(written, post, source)
        return budgeted, error

    def _account(self, n: int, post: Callable[[object], None], source: str) -> int:
        pending = self.pending
        now = time.monotonic()
        budgeted = 0
        while n and pending:
            item = pending[0]
            step = min(n, item[0])
            item[0] -= step
            n -= step
            if item[2]:
                budgeted += step
            if item[0] == 0:
                pending.popleft()
                post(DataSent(source, self.peer, item[1], self.conn_id, now))
        if pending and pending[0][1] >= PROGRESS_MIN and pending[0][0] < pending[0][1]:
            item = pending[0]
            post(SendProgress(source, self.peer, item[1] - item[0], self.out_size, self.conn_id, now))
        return budgeted

    def unsent(self) -> int:
        return self.out_size

    def taken_of_head(self) -> int:
        """How much of the first request not written in full the kernel has taken (0: none of it)."""
        if not self.pending:
            return 0
        item = self.pending[0]
        return item[1] - item[0]

    def interest(self, reading: bool) -> int:
        """What to watch for: reading when allowed and not at EOF, writing while data waits."""
        # after end-of-file, reading again would only return end-of-file, at once, forever
        read = selectors.EVENT_READ if reading and not self.peer_eof else 0
        return read | (selectors.EVENT_WRITE if self.out else 0)
