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

READ_CHUNK = 256 * 1024
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

    __slots__ = ("sock", "peer", "label", "out", "out_size", "pending", "bytes_in", "bytes_out", "_buf",
                 "_view", "closed", "callback", "mask")

    def __init__(self, sock: socket.socket, peer: Peer, label: str, buf: bytearray) -> None:
        self.sock = sock
        self.peer = peer
        self.label = label
        self.out: deque[memoryview] = deque()
        self.out_size = 0
        # [bytes still unwritten, size] per send request, to report DataSent
        self.pending: deque[list[int]] = deque()
        self.bytes_in = 0
        self.bytes_out = 0
        self._buf = buf
        self._view = memoryview(buf)
        self.closed = False
        self.callback: Callable[..., None] | None = None  # the selector callback bound to this connection
        self.mask = selectors.EVENT_READ  # what the selector watches for now

    def read_batch(self) -> tuple[bytes, str | None, OSError | None]:
        """Read until the socket would block or a batch is full.

        Returns the data, and a reason when the connection ended: "closed"
        for an orderly close by the peer, "reset" or "error" with the OS error.
        """
        chunks: list[bytes] = []
        total = 0
        reason: str | None = None
        error: OSError | None = None
        recv_into = self.sock.recv_into
        view = self._view
        while total < READ_BATCH:
            try:
                n = recv_into(view)
            except OSError as exc:
                if is_would_block(exc):
                    break
                if exc.errno == errno_codes.EINTR:
                    continue
                reset = exc.errno in (errno_codes.ECONNRESET, errno_codes.ECONNABORTED)
                reason = "reset" if reset else "error"
                error = exc
                break
            if n == 0:
                reason = "closed"
                break
            chunks.append(bytes(view[:n]))
            total += n
            if n < len(view):  # a short read: the socket is very likely drained
                break
        self.bytes_in += total
        data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        return data, reason, error

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

    def interest(self) -> int:
        return selectors.EVENT_READ | (selectors.EVENT_WRITE if self.out else 0)


def explain_stream_error(exc: OSError, peer_label: str, action: str = "receive") -> NetError:
    """The plain-words error for a failure on an established connection."""
    return from_os_error(exc, action=action, host=peer_label, port=None)
