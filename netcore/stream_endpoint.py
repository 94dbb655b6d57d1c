"""What TcpServer and TcpClient share: serving connected stream sockets on the I/O thread."""

from __future__ import annotations

import errno as errno_codes
import selectors

from .endpoint import Endpoint
from .errors import NetError
from .events import DataReceived
from .stream import StreamConn, explain_stream_error


class StreamEndpoint(Endpoint):
    """Reads, writes, half-closes and errors of :class:`StreamConn` objects.

    Subclasses say how a connection ends (:meth:`_io_end`).  I/O thread only.
    """

    echo = False  # send every byte received straight back (TcpServer's option)

    def _io_serve(self, conn: StreamConn, mask: int) -> None:
        """The selector reports ``conn`` ready for ``mask``."""
        if conn.closed:  # ended earlier in this same round of events
            return
        if mask & selectors.EVENT_WRITE:
            self._io_flush(conn)
            if conn.closed:
                return
        if not mask & selectors.EVENT_READ or conn.eof:
            return
        chunks, reason, error = conn.read_batch()
        for data in chunks:
            self._post(DataReceived(self.name, conn.peer, data))
        self._io_received(sum(len(data) for data in chunks))
        if self.echo:
            for data in chunks:
                if conn.closed:  # the echo failed (reset): the socket is closed already
                    break
                self._io_queue(conn, data)
        if reason is None or conn.closed:
            return
        if error is not None and reason != "closed":
            self._io_error(explain_stream_error(error, conn.label), peer=conn.peer)
        if reason == "closed" and conn.out:
            # a half-close: the peer may still read, so what is queued for it goes first
            conn.eof = True
            self._io_flush(conn)
        else:
            self._io_end(conn, reason)

    def _io_queue(self, conn: StreamConn, data: bytes) -> None:
        try:
            conn.queue(data)
        except NetError as err:
            self._io_error(err, peer=conn.peer)
            return
        self._io_flush(conn)

    def _io_flush(self, conn: StreamConn) -> None:
        error = conn.flush(self._post, self.name)
        if error is not None:
            self._io_error(explain_stream_error(error, conn.label, "send"), peer=conn.peer)
            self._io_end(conn, "reset" if error.errno == errno_codes.ECONNRESET else "error")
            return
        if conn.eof and not conn.out:
            self._io_end(conn, "closed")
            return
        self._io_watch(conn)

    def _io_end(self, conn: StreamConn, reason: str) -> None:
        """Close ``conn`` and report why ("closed", "reset", "error", "kicked", "stopped")."""
        raise NotImplementedError
