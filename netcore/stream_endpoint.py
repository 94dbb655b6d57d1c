"""What TcpServer and TcpClient share: serving connected stream sockets on the I/O thread.

A connection goes ``open`` → (``half-closed-by-peer`` | ``half-closed-by-us``)
→ ``closing`` → ``closed``.  When the peer ends its sending side (EOF) the
connection stays open for writing until the application sends and closes,
calls ``shutdown_write()`` or disconnects (asyncio's ``eof_received`` keeping
the transport); an echo closes it once everything is echoed.  Writes follow
asyncio's transports: per-connection high/low water marks post
``WritingPaused``/``WritingResumed``, and an echo stops reading a peer while
its own echo backlog is above the high mark.
"""

from __future__ import annotations

import errno as errno_codes
import selectors
import socket
import time
from collections.abc import Callable
from typing import Any

from .catalogue import UNSENT, WRITE_SIDE_CLOSED
from .endpoint import Endpoint
from .errors import N_, NetError
from .events import (
    CLOSED,
    CLOSING,
    HALF_CLOSED,
    OPEN,
    PEER_HALF_CLOSED,
    REPLY_SHOWN,
    AutoReplied,
    ConnectionState,
    DataReceived,
    DataSent,
    PeerDisconnected,
    WritingPaused,
    WritingResumed,
)
from .framing import Framer, FramingSpec
from .limits import MAX_BUFFERED, MAX_TIMEOUT, STOP_TIMEOUT, WRITE_HIGH_WATER, WRITE_LOW_WATER
from .os_errors import from_os_error
from .stream import StreamConn, WriteBudget

BAD_HALF_OPEN = N_("The half-open timeout must be a number of seconds greater than 0 and at most 3600.")
BAD_WATER_MARKS = N_(
    "The write water marks must be whole numbers of bytes with 0 < low ≤ high ≤ max_buffered."
)
BAD_FRAMING = N_("Receive framing takes a FramingSpec (netcore.framing) or None, not {kind}.")
MESSAGE_CUT = N_("A message from {peer} reached the maximum size of {size} bytes without its end: it is "
                 "shown as it is, and what follows is framed again.")


class StreamEndpoint(Endpoint):
    """Reads, writes, half-closes and errors of :class:`StreamConn` objects.

    Subclasses say what happens when a connection is gone (:meth:`_io_forget`).
    """

    echo = False  # send every byte received straight back (TcpServer's option)

    def __init__(self, *args: Any, write_high: int = WRITE_HIGH_WATER, write_low: int = WRITE_LOW_WATER,
                 max_buffered: int = MAX_BUFFERED, half_open_timeout: float | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.write_high = write_high
        self.write_low = write_low
        self.max_buffered = max_buffered
        #: After the peer's EOF, close the connection (gracefully) if the application has
        #: sent nothing to it for this many seconds; None keeps it half-open until told.
        self.half_open_timeout = half_open_timeout
        #: Cut what arrives into messages (:mod:`netcore.framing`); see :meth:`set_framing`.
        self.framing: FramingSpec | None = None
        self.budget = WriteBudget(max_buffered)
        # one-shot callbacks per connection id, run when its write buffer falls to the low-water mark
        # or it closes (a file being sent reads its next chunk then); I/O thread only
        self._drain_waiters: dict[int, list[Callable[[], None]]] = {}
        # frozen by start() (_check_flow): what the I/O thread reads
        self._echo = False
        self._high = write_high
        self._low = write_low
        self._half_open: float | None = None
        self._framing: FramingSpec | None = None  # the I/O thread's (frozen by start, set_framing)
        self._framers: dict[int, tuple[StreamConn, Framer]] = {}  # per connection, while framing
        # framing or auto-reply is on: received data takes the longer path (off, it costs one test)
        self._hooked = False
        # stop reading a peer while our answers to it pile up (an echo, auto-replies)
        self._pause_on_write = False

    def set_framing(self, spec: FramingSpec | None) -> None:
        """Cut received data into messages by ``spec`` (None: deliver reads as they come); any thread.

        Applies to the running endpoint at once — what each connection had buffered
        is delivered first, as one message — and to every later start.
        """
        if spec is not None and not isinstance(spec, FramingSpec):
            raise NetError("bad_framing", BAD_FRAMING, kind=type(spec).__name__)
        with self._lock:
            self.framing = spec
            self._call_threadsafe(lambda: self._io_use_framing(spec), self._run_id)

    def _check_flow(self) -> None:
        """Validate and freeze the write flow-control settings (caller's thread, from ``_check_config``)."""
        values = (self.write_low, self.write_high, self.max_buffered)
        if any(isinstance(v, bool) or not isinstance(v, int) for v in values) \
                or not 0 < self.write_low <= self.write_high <= self.max_buffered:
            raise NetError("bad_limit", BAD_WATER_MARKS)
        timeout = self.half_open_timeout
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float))
                                    or not 0 < timeout <= MAX_TIMEOUT):
            raise NetError("bad_timeout", BAD_HALF_OPEN)
        self._echo = bool(self.echo)
        framing = self.framing
        if framing is not None and not isinstance(framing, FramingSpec):
            raise NetError("bad_framing", BAD_FRAMING, kind=type(framing).__name__)
        self._framing = framing
        self._framers = {}
        self._high, self._low = self.write_high, self.write_low
        self._half_open = None if timeout is None else float(timeout)
        self.budget = WriteBudget(self.max_buffered)
        self._drain_waiters = {}

    # ------------------------------------------------------- I/O thread
    def _io_receive_hooks_changed(self) -> None:
        self._hooked = self._framing is not None or self._replier is not None
        self._pause_on_write = self._echo or self._replier is not None

    def _io_state(self, conn: StreamConn, state: str) -> None:
        """Move ``conn`` to ``state``; the states between open and closed are posted as events.

        Open and closed are told by PeerConnected (a client's Started) and
        PeerDisconnected: one event per change, not two, because a server
        accepting thousands of clients a second pays for every event.
        """
        if conn.state == state:
            return
        conn.state = state
        if state == CLOSED:
            return
        self._post(ConnectionState(self.name, conn.peer, state, conn.conn_id, time.monotonic()))

    def _io_reading_wanted(self, conn: StreamConn) -> bool:
        if self._reading_paused or conn.peer_eof or conn.state == CLOSED:
            return False
        return not (self._pause_on_write and conn.write_paused)

    def _io_watch(self, conn: StreamConn) -> None:
        """Make the selector watch ``conn`` for what it needs now."""
        if conn.closed:
            return
        interest = conn.interest(self._io_reading_wanted(conn))
        if interest == conn.mask:
            return
        was = conn.mask
        conn.mask = interest
        loop = self._io_loop
        if interest:
            assert conn.callback is not None
            self._ops.register(loop.selector, conn.sock, interest, conn.callback, new=was == 0)
        else:
            self._ops.unregister(loop.selector, conn.sock)

    def _io_serve(self, conn: StreamConn, sock: Any, mask: int) -> None:
        """The selector reports ``conn`` (its socket ``sock``) ready for ``mask``."""
        if conn.state == CLOSED:  # ended earlier in this same round of events
            return
        if mask & selectors.EVENT_WRITE:
            self._io_flush(conn)
            if conn.state == CLOSED:
                return
        if not mask & selectors.EVENT_READ or self._reading_paused or conn.peer_eof \
                or (self._pause_on_write and conn.write_paused):  # (_io_reading_wanted, inline: per read)
            return
        chunks, reason, error = conn.read_batch()
        if chunks:
            if self._echo and not (conn.shut_after_flush or conn.close_after_flush
                                   or conn.state == HALF_CLOSED):
                # (after our own shutdown_write() or close there is nothing to echo into)
                self._io_echo(conn, chunks)
                if conn.state == CLOSED:  # the echo failed (reset): the socket is closed already
                    return
            else:
                self._io_deliver(conn, chunks)
        if reason is None or conn.state == CLOSED:
            # what the selector watches is unchanged: a write that queued data, or a pause of
            # reading (flow control, an echo's backlog), has set it already
            return
        if reason == "eof":
            self._io_peer_eof(conn)
            return
        assert error is not None
        self._io_error(from_os_error(error, action="receive", host=conn.label, port=None),
                       peer=conn.peer, conn=conn.conn_id)
        self._io_end(conn, reason)

    def _io_echo(self, conn: StreamConn, chunks: list[bytes]) -> None:
        """Send ``chunks`` back to ``conn`` and post them (DataReceived, then DataSent).

        With nothing queued the kernel gets the echo first and the events are
        made after: the peer is waiting for its echo, the consumer is not
        waiting for the events, so the round trip does not include them.
        """
        if len(chunks) == 1 and not conn.out and len(chunks[0]) <= self._high:
            data = chunks[0]
            taken, error = conn.try_send(data)
            self._io_deliver(conn, chunks)
            done, _written, error = conn.settle(data, taken, error, False, self._post, self.name)
            if not done:
                self._io_wrote(conn, 0, error)
            return
        self._io_deliver(conn, chunks)
        for data in chunks:
            self._io_queue(conn, data, False)
            if conn.state == CLOSED:
                return

    def _io_deliver(self, conn: StreamConn, chunks: list[bytes], reply: bool = True) -> None:
        """Post what was read from ``conn`` and count it for receive flow control.

        With framing or auto-reply on, :meth:`_io_deliver_hooked` does it (``reply``:
        whether auto-reply rules may answer; not while the connection is being closed).
        """
        if self._hooked:
            self._io_deliver_hooked(conn, chunks, reply)
            return
        now = time.monotonic()
        if len(chunks) == 1:  # the common case: one read
            data = chunks[0]
            self._post(DataReceived(self.name, conn.peer, data, conn.conn_id, now))
            if self._max_unconsumed is not None:
                self._io_counted(len(data))
            return
        post, name, peer, conn_id = self._post, self.name, conn.peer, conn.conn_id
        for data in chunks:
            post(DataReceived(name, peer, data, conn_id, now))
        if self._max_unconsumed is not None:
            self._io_counted(sum(map(len, chunks)))

    def _io_deliver_hooked(self, conn: StreamConn, chunks: list[bytes], reply: bool) -> None:
        """Frame what was read (when framing is on), post it, and answer it (auto-reply)."""
        spec = self._framing
        if spec is None:
            self._io_messages(conn, chunks, False, reply)
            return
        held = self._framers.get(conn.conn_id)
        if held is None:
            held = self._framers[conn.conn_id] = (conn, Framer(spec))
        framer = held[1]
        cut = framer.cut
        messages = framer.feed(chunks)
        if framer.cut and not cut:  # said once per connection
            self._io_notice("message_cut", MESSAGE_CUT, {"peer": conn.label, "size": f"{spec.max_size:,}"})
        if spec.mode == "idle" and framer.buffer:
            framer.last = time.monotonic()
            if framer.timer is None:
                self._io_arm_idle(conn, framer, framer.last + spec.idle)
        self._io_messages(conn, messages, True, reply)

    def _io_messages(self, conn: StreamConn, messages: list[bytes], framed: bool, reply: bool) -> None:
        """Post ``messages`` from ``conn``; with auto-reply rules, answer each right after it."""
        if not messages:
            return
        now = time.monotonic()
        post, name, peer, conn_id = self._post, self.name, conn.peer, conn.conn_id
        replier = self._replier
        if replier is None or not reply or self._echo:
            for data in messages:
                post(DataReceived(name, peer, data, conn_id, now, framed))
            if self._max_unconsumed is not None:
                self._io_counted(sum(map(len, messages)))
            return
        for data in messages:
            post(DataReceived(name, peer, data, conn_id, now, framed))
            if self._max_unconsumed is not None:
                self._io_counted(len(data))
            if conn.state not in (OPEN, PEER_HALF_CLOSED) or conn.shut_after_flush or conn.close_after_flush:
                continue  # nothing can be sent on it any more
            answer = replier.reply(data, conn_id, conn.label)
            if answer is not None:
                number, out = answer
                self._io_queue(conn, out, False)  # like an echo's: outside the send() budget
                post(AutoReplied(name, peer, out[:REPLY_SHOWN], len(out), number, conn_id, time.monotonic()))

    def _io_arm_idle(self, conn: StreamConn, framer: Framer, when: float) -> None:
        framer.timer = self._io_loop.call_at(when, lambda: self._io_idle_due(conn, framer))

    def _io_idle_due(self, conn: StreamConn, framer: Framer) -> None:
        """The idle gap may have passed: end the message, or wait for the gap after the newest data."""
        framer.timer = None
        held = self._framers.get(conn.conn_id)
        if held is None or held[1] is not framer or conn.closed or not framer.buffer:
            return
        due = framer.last + framer.spec.idle
        if time.monotonic() < due:  # data came meanwhile (re-arming here, not per read, is cheaper)
            self._io_arm_idle(conn, framer, due)
            return
        self._io_messages(conn, [framer.take()], True, True)

    def _io_framed_rest(self, conn: StreamConn, reply: bool, forget: bool) -> None:
        """Deliver what ``conn``'s framer holds as one last message (the stream ended, or framing changed)."""
        held = self._framers.pop(conn.conn_id, None) if forget else self._framers.get(conn.conn_id)
        if held is None:
            return
        framer = held[1]
        if framer.timer is not None:
            framer.timer.cancel()
            framer.timer = None
        if framer.buffer:
            self._io_messages(conn, [framer.take()], True, reply)

    def _io_use_framing(self, spec: FramingSpec | None) -> None:
        """Frame by ``spec`` from now on; what was buffered under the old one is delivered first."""
        for conn, _framer in list(self._framers.values()):
            self._io_framed_rest(conn, not conn.closed, forget=True)
        self._framers = {}
        self._framing = spec
        self._io_receive_hooks_changed()

    def _io_peer_eof(self, conn: StreamConn) -> None:
        """The peer will send nothing more; it may still read."""
        if self._framers:
            self._io_framed_rest(conn, True, forget=False)  # the last message has no delimiter
        conn.peer_eof = True
        if conn.state == HALF_CLOSED:  # both directions are done
            self._io_end(conn, "closed")
            return
        if conn.state == OPEN:
            self._io_state(conn, PEER_HALF_CLOSED)
        if self._echo:
            # an echo has nothing more to say once every byte is back: finish like `nc -N` expects
            self._io_shutdown_write(conn)
            return
        self._io_arm_half_open(conn)
        self._io_watch(conn)

    def _io_arm_half_open(self, conn: StreamConn) -> None:
        """(Re)start the wait for the application to answer a half-closed peer."""
        if self._half_open is None or conn.state != PEER_HALF_CLOSED:
            return
        if conn.close_timer is not None:
            conn.close_timer.cancel()
        conn.close_timer = self._io_loop.call_later(self._half_open, lambda: self._io_half_open_expired(conn))

    def _io_half_open_expired(self, conn: StreamConn) -> None:
        conn.close_timer = None
        if conn.state == PEER_HALF_CLOSED:
            self._io_close_gracefully(conn, "closed")

    def _io_queue(self, conn: StreamConn, data: bytes, budgeted: bool = True) -> None:
        """Queue ``data`` (counted in the budget when it came from send(); an echo's is not) and write."""
        if conn.state in (HALF_CLOSED, CLOSED) or conn.shut_after_flush:
            if budgeted:
                self.budget.release(conn.conn_id, len(data))
            if conn.closed:
                # gone (a reset, a failure) before this send reached the I/O thread: the same "unsent"
                # as the queue _io_end reported, so one code counts every byte, whatever the timing
                err = NetError("unsent", UNSENT, address=conn.label, size=len(data))
            else:  # our own shutdown_write() came first
                err = NetError("closed_for_writing", WRITE_SIDE_CLOSED, address=conn.label, size=len(data))
            self._io_error(err, peer=conn.peer, conn=conn.conn_id)
            return
        if conn.state == PEER_HALF_CLOSED and budgeted:
            self._io_arm_half_open(conn)  # the application is answering: give it the time again
        if not conn.out and len(data) <= self._high:
            # nothing waits and it stays under the high mark: straight to the kernel (an echo's
            # round trip, most sends); what the kernel does not take is queued as below
            done, written, error = conn.send_now(data, budgeted, self._post, self.name)
            if done:
                if written:
                    self.budget.release(conn.conn_id, written)
                return
            self._io_wrote(conn, written, error)
            return
        conn.queue(data, budgeted)
        if not conn.write_paused and conn.out_size > self._high:
            conn.write_paused = True
            self._post(WritingPaused(self.name, conn.peer, conn.out_size, conn.conn_id, time.monotonic()))
        self._io_flush(conn)

    def _io_flush(self, conn: StreamConn) -> None:
        written, error = conn.flush(self._post, self.name)
        self._io_wrote(conn, written, error)

    def _io_wrote(self, conn: StreamConn, written: int, error: OSError | None) -> None:
        """After a write: release the budget, report a failure, post WritingResumed, finish a close."""
        if written:
            self.budget.release(conn.conn_id, written)
        if error is not None:
            reset = error.errno in (errno_codes.ECONNRESET, errno_codes.EPIPE)
            self._io_error(from_os_error(error, action="send", host=conn.label, port=None),
                           peer=conn.peer, conn=conn.conn_id)
            self._io_end(conn, "reset" if reset else "error")
            return
        if conn.write_paused and conn.out_size <= self._low:
            conn.write_paused = False
            self._post(WritingResumed(self.name, conn.peer, conn.out_size, conn.conn_id, time.monotonic()))
            if self._drain_waiters:
                self._io_drained(conn)
        if not conn.out:
            if conn.close_after_flush:
                self._io_end(conn, conn.close_reason)
                return
            if conn.shut_after_flush:
                self._io_do_shutdown(conn)
                if conn.closed:
                    return
        self._io_watch(conn)

    def _io_when_drained(self, conn: StreamConn, callback: Callable[[], None]) -> None:
        """Call ``callback`` once ``conn``'s write buffer is back at the low-water mark, or it closed."""
        self._drain_waiters.setdefault(conn.conn_id, []).append(callback)

    def _io_drained(self, conn: StreamConn) -> None:
        for callback in self._drain_waiters.pop(conn.conn_id, ()):
            callback()

    def _io_shutdown_write(self, conn: StreamConn) -> None:
        """Send EOF once what is queued is written (``shutdown(SHUT_WR)``)."""
        if conn.closed or conn.shut_after_flush or conn.state == HALF_CLOSED:
            return
        conn.shut_after_flush = True
        if not conn.out:
            self._io_do_shutdown(conn)

    def _io_do_shutdown(self, conn: StreamConn) -> None:
        try:
            self._ops.shutdown(conn.sock, socket.SHUT_WR)
        except OSError as exc:
            if exc.errno != errno_codes.ENOTCONN:
                self._io_error(from_os_error(exc, action="send", host=conn.label, port=None),
                               peer=conn.peer, conn=conn.conn_id)
            self._io_end(conn, "reset" if exc.errno in (errno_codes.ECONNRESET, errno_codes.ENOTCONN)
                         else "error")
            return
        if conn.peer_eof:
            self._io_end(conn, "closed")
            return
        self._io_state(conn, HALF_CLOSED)
        self._io_watch(conn)

    def _io_close_gracefully(self, conn: StreamConn, reason: str, timeout: float = STOP_TIMEOUT) -> None:
        """Stop reading, write out what is queued (for up to ``timeout`` s), then close."""
        if conn.closed or conn.state == CLOSING:
            return
        conn.close_after_flush = True
        conn.close_reason = reason
        self._io_state(conn, CLOSING)
        if conn.close_timer is not None:  # a half-open wait: this close replaces it
            conn.close_timer.cancel()
            conn.close_timer = None
        if not conn.out:
            self._io_end(conn, reason)
            return
        conn.close_timer = self._io_loop.call_later(timeout, lambda: self._io_end(conn, reason))
        self._io_watch(conn)

    def _io_end(self, conn: StreamConn, reason: str) -> None:
        """Close ``conn`` now; report what it could not send; say why it ended.

        What the kernel took of a request it did not take in full is a partial
        ``DataSent``; the rest, and every request after it, one "unsent" Error.
        """
        if conn.closed:
            return
        if conn.close_timer is not None:
            conn.close_timer.cancel()
        unsent = conn.unsent()
        if unsent:
            # a request the kernel took part of: that part was sent (told here, as DataSent tells
            # only whole requests), the rest was not; each byte is told once, as sent or unsent
            taken = conn.taken_of_head()
            if taken:
                self._post(DataSent(self.name, conn.peer, taken, conn.conn_id, time.monotonic(), True))
            self._io_error(NetError("unsent", UNSENT, address=conn.label, size=unsent),
                           peer=conn.peer, conn=conn.conn_id)
        self.budget.forget(conn.conn_id)
        if self._drain_waiters:
            self._io_drained(conn)
        conn.out.clear()
        conn.out_size = 0
        conn.pending.clear()
        if reason in ("stopped", "kicked", "closed") and not conn.peer_eof:
            self._io_drain_input(conn)
        if self._framers:
            self._io_framed_rest(conn, False, forget=True)
        if conn.mask:
            self._ops.unregister(self._io_loop.selector, conn.sock)
            conn.mask = 0
        self._ops.close(conn.sock)
        self._io_state(conn, CLOSED)
        self._post(PeerDisconnected(self.name, conn.peer, reason, conn.conn_id, time.monotonic()))
        self._io_forget(conn, reason)

    def _io_drain_input(self, conn: StreamConn) -> None:
        """Deliver what arrived but was not read yet, before a deliberate close.

        Closing a socket with unread input makes the kernel send a reset instead of
        a FIN, and a reset can destroy data the peer has not read yet.
        """
        chunks, _reason, _error = conn.read_batch()
        if chunks:
            self._io_deliver(conn, chunks, reply=False)

    def _io_forget(self, conn: StreamConn, reason: str) -> None:
        """``conn`` is closed; subclasses drop it (the client then stops)."""
        raise NotImplementedError
