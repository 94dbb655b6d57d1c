"""One connected TCP (or Unix stream) socket: batched reads, buffered writes.

Shared by :class:`TcpServer` (one per client) and :class:`TcpClient`.  Used only
on the owning endpoint's I/O thread.
"""

from __future__ import annotations

import errno as errno_codes
import selectors
import socket
from collections import deque
from collections.abc import Callable

from .endpoint import is_would_block
from .errors import N_, NetError, from_os_error
from .events import DataSent, Peer

# recv() size: it adapts per connection between these, because recv() allocates
# the whole size before the kernel fills it — 1 MiB for a 32-byte message is
# slow, while a bulk transfer wants big reads (fewer calls, no extra copy).
READ_MIN = 16 * 1024
READ_MAX = 1024 * 1024
# How much one readable socket may deliver in one go before the loop serves
# others: big enough that a bulk transfer costs few events, small enough that
# one busy peer cannot starve the rest.
READ_BATCH = 4 * 1024 * 1024
# Data queued for a peer that does not read; beyond this, sends are refused so
# memory stays bounded and the user is told.
MAX_PENDING = 64 * 1024 * 1024

BACKLOG_FULL = N_(
    "{address} is not reading fast enough: {size} bytes are still waiting to be sent. "
    "This message was not sent; try again later."
)


class StreamConn:
    """A connected stream socket and what is waiting to be written to it."""

    __slots__ = ("sock", "peer", "label", "out", "out_size", "pending", "bytes_in", "bytes_out",
                 "closed", "eof", "callback", "mask", "read_size")

    def __init__(self, sock: socket.socket, peer: Peer, label: str) -> None:
        self.sock = sock
        self.peer = peer
        self.label = label
        self.out: deque[memoryview] = deque()
        self.out_size = 0
        # [bytes still unwritten, size] per send request, to report DataSent
        self.pending: deque[list[int]] = deque()
        self.bytes_in = 0
        self.bytes_out = 0
        self.closed = False
        # the peer has closed its side (half-close) while data was still queued for it: nothing
        # more is read, the queue is written out, then the connection is closed
        self.eof = False
        self.callback: Callable[..., None] | None = None  # the selector callback bound to this connection
        self.mask = 0  # what the selector watches for now (0: not registered)
        self.read_size = READ_MIN

    def read_batch(self) -> tuple[list[bytes], str | None, OSError | None]:
        """Read until the socket would block or a batch is full.

        Returns the chunks read (not joined: copying them again would cost a
        third of the throughput), and a reason when the connection ended:
        "closed" for an orderly close by the peer, "reset" or "error" with
        the OS error.  ``recv`` into a fresh bytes object is one copy; the
        kernel's.
        """
        chunks: list[bytes] = []
        total = 0
        reason: str | None = None
        error: OSError | None = None
        recv = self.sock.recv
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
                reason = "closed"
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

    def queue(self, data: bytes) -> None:
        if self.out_size + len(data) > MAX_PENDING and self.out_size:
            raise NetError("backlog_full", BACKLOG_FULL, address=self.label, size=self.out_size)
        self.out.append(memoryview(data))
        self.out_size += len(data)
        self.pending.append([len(data), len(data)])

    def flush(self, post: Callable[[object], None], source: str) -> OSError | None:
        """Write as much as the kernel takes; returns the OS error that ended it, if any."""
        send = self.sock.send
        while self.out:
            head = self.out[0]
            try:
                n = send(head)
            except OSError as exc:
                if is_would_block(exc):
                    return None
                if exc.errno == errno_codes.EINTR:
                    continue
                return exc
            self.out_size -= n
            self.bytes_out += n
            if n == len(head):
                self.out.popleft()
            else:
                self.out[0] = head[n:]
            self._account(n, post, source)
        return None

    def _account(self, n: int, post: Callable[[object], None], source: str) -> None:
        pending = self.pending
        while n and pending:
            item = pending[0]
            step = min(n, item[0])
            item[0] -= step
            n -= step
            if item[0] == 0:
                pending.popleft()
                post(DataSent(source, self.peer, item[1]))

    def interest(self, reading: bool = True) -> int:
        """What to watch for: reading unless paused by flow control, writing while data waits."""
        # after end-of-file, reading again would only return end-of-file, at once, forever
        read = selectors.EVENT_READ if reading and not self.eof else 0
        return read | (selectors.EVENT_WRITE if self.out else 0)


def explain_stream_error(exc: OSError, peer_label: str, action: str = "receive") -> NetError:
    """The plain-words error for a failure on an established connection."""
    return from_os_error(exc, action=action, host=peer_label, port=None)
