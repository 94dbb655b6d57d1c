"""Events an endpoint posts on its queue.

Each event is a frozen, slotted value (:class:`~netcore.values.Value`) holding only bytes, str, numbers,
tuples and :class:`~netcore.peer.Peer` values, so it can cross threads without
locks and be compared in tests.  Every event carries:

* ``source``: the name given to the endpoint, so one queue can serve several;
* ``time``: ``time.monotonic()`` on the I/O thread when it happened;
* ``conn`` (connection events): the connection id, unique within the
  endpoint's life, so two connections from the same address are distinct.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from .errors import translate_message
from .peer import Peer
from .values import Value

#: Connection states, in the order a connection normally goes through them.
CONNECTING = "connecting"
OPEN = "open"
PEER_HALF_CLOSED = "half-closed-by-peer"  # the peer sent EOF; we may still send
HALF_CLOSED = "half-closed-by-us"  # we sent EOF (shutdown_write); we may still receive
CLOSING = "closing"  # flushing what is queued, then closing
CLOSED = "closed"
CONN_STATES = (CONNECTING, OPEN, PEER_HALF_CLOSED, HALF_CLOSED, CLOSING, CLOSED)


class Started(Value):
    """The endpoint is listening (servers), connected (TCP client) or bound (UDP client)."""

    source: str
    local: tuple[Peer, ...]
    remote: Peer | None = None
    time: float = 0.0


class Stopped(Value):
    """The endpoint closed every socket and its I/O thread is about to end.

    ``reason``: "stopped" (asked to), "closed" (the peer closed), or an error code.
    """

    source: str
    reason: str = "stopped"
    time: float = 0.0


class PeerConnected(Value):
    """A TCP connection is open (a client accepted by a server)."""

    source: str
    peer: Peer
    conn: int = 0
    time: float = 0.0


class PeerDisconnected(Value):
    """A TCP connection is closed.  ``reason``: "closed" (both sides done),
    "kicked" (by us), "reset", "stopped", or another error code."""

    source: str
    peer: Peer
    reason: str = "closed"
    conn: int = 0
    time: float = 0.0


class ConnectionState(Value):
    """A TCP connection moved to ``state``: connecting (a client), half-closed (by either side), closing.

    Open and closed, the first and last of :data:`CONN_STATES`, are told by
    :class:`PeerConnected` (for a client, :class:`Started`) and
    :class:`PeerDisconnected`, so each change costs one event.
    """

    source: str
    peer: Peer
    state: str
    conn: int = 0
    time: float = 0.0


class DataReceived(Value):
    """Bytes read from one TCP peer in one batch.

    With receive framing on (:mod:`netcore.framing`), ``message`` is true and
    ``data`` is one whole message (its delimiter included), however the reads cut it.
    """

    source: str
    peer: Peer
    data: bytes
    conn: int = 0
    time: float = 0.0
    message: bool = False


class Datagram(NamedTuple):
    """One datagram of a :class:`DatagramsReceived` batch: who sent it, and what."""

    peer: Peer
    data: bytes


class DatagramsReceived(Value):
    """UDP datagrams drained from the socket, boundaries kept, in order.

    One read of the socket, or in a flood the reads made within
    ``limits.DATAGRAM_COALESCE`` (2 ms) of the previous event, together;
    :attr:`time` is when the last of them was read, so no datagram seems to
    arrive before it did (the first at most 3 ms late: an impairment lab's
    40 ms delay never reads as 39).

    Kept as two parallel tuples (built with two list appends per datagram on
    the I/O thread, the cheapest it can be); :attr:`datagrams` pairs them.
    """

    source: str
    payloads: tuple[bytes, ...]
    peers: tuple[Peer, ...]
    time: float = 0.0

    @property
    def datagrams(self) -> tuple[Datagram, ...]:
        return tuple(map(Datagram, self.peers, self.payloads))

    def __iter__(self) -> Iterator[Datagram]:
        return map(Datagram, self.peers, self.payloads)

    def __len__(self) -> int:
        return len(self.payloads)


class DatagramsDropped(Value):
    """The operating system dropped ``count`` datagrams for this socket since the last report.

    They arrived faster than they were read and the socket's receive buffer was
    full.  ``total`` counts every drop since the endpoint started.
    """

    source: str
    count: int
    total: int
    time: float = 0.0


class DataSent(Value):
    """A send request of ``size`` bytes was handed to the kernel in full.

    With ``partial`` (TCP), the connection ended (reset, failure, stop, kick)
    after the kernel had taken only the first ``size`` bytes of a request; the
    rest of it, and of every request after it, is told by the "unsent"
    :class:`Error` that follows.  So each byte ``send()`` accepted is told once:
    the sum of ``size`` over DataSent plus ``params["size"]`` over "unsent"
    Errors is what was accepted.  A partial DataSent is not a whole message.
    """

    source: str
    peer: Peer
    size: int
    conn: int = 0
    time: float = 0.0
    partial: bool = False


#: How much of an auto-reply its event carries (for the screen; DataSent counts all of it).
REPLY_SHOWN = 8 * 1024


class AutoReplied(Value):
    """An auto-reply rule (:mod:`netcore.autoreply`) answered a message from ``peer``.

    ``rule``: its number in the list (from 1); ``data``: the first :data:`REPLY_SHOWN`
    bytes of the reply, ``size`` all of it.  Its ``DataSent`` (or error) is posted too.
    """

    source: str
    peer: Peer
    data: bytes
    size: int
    rule: int
    conn: int = 0
    time: float = 0.0


class SendProgress(Value):
    """Part of a large send went out: ``sent`` bytes so far of that request, ``buffered`` still waiting.

    Progress only, not to be added up: the request's bytes are counted by its
    :class:`DataSent` (whole, or ``partial`` if the connection ends first).
    """

    source: str
    peer: Peer
    sent: int
    buffered: int
    conn: int = 0
    time: float = 0.0


class WritingPaused(Value):
    """More than the high-water mark is waiting to be sent to ``peer``: slow down."""

    source: str
    peer: Peer
    buffered: int
    conn: int = 0
    time: float = 0.0


class WritingResumed(Value):
    """What waits for ``peer`` fell to the low-water mark: send again."""

    source: str
    peer: Peer
    buffered: int
    conn: int = 0
    time: float = 0.0


class OptionsApplied(Value):
    """Socket options set on a socket, as read back with ``getsockopt``.

    ``values`` pairs each option name with what the kernel reports (Linux
    doubles buffer sizes, for instance): ``(("SO_RCVBUF", "425984"), ...)``.
    """

    source: str
    local: Peer | None
    values: tuple[tuple[str, str], ...]
    time: float = 0.0


class SocketCall(Value):
    """One socket call as a line of Python and what it returned (posted by :class:`~netcore.EventTracer`).

    This format is shared by everything built on the trace (the window's trace
    pane, "export as script"): fields are only ever added at the end.

    * ``call``: the call as Python, with the endpoint's names for its sockets:
      ``s`` (the first socket it made; ``s2``... for the next), ``conn1``,
      ``conn2``... (connections ``accept`` returned), ``sel`` (its selector)::

          s = socket(AF_INET, SOCK_STREAM)
          s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
          s.bind(('127.0.0.1', 9999))             s.bind('/tmp/x.sock')  (AF_UNIX)
          s.listen(128)
          s.setblocking(False)
          sel.register(s, EVENT_READ)             sel.modify(conn1, EVENT_READ | EVENT_WRITE)
          conn1, addr = s.accept()
          conn1.recv(16384)
          conn1.send(b'hi')                       data of more than 24 bytes: conn1.send(<1,024 bytes>)
          s.sendto(b'hi', ('127.0.0.1', 21567))
          s.connect_ex(('127.0.0.1', 9999))
          conn1.shutdown(SHUT_WR)
          conn1.close()

      A summary (``count`` > 1) writes what differed between its calls as
      ``…`` and a socket name that differed as ``conn*``: ``conn1.recv(…)``,
      ``sel.register(conn*, EVENT_READ)``.
    * ``result``: what the call returned, as Python: ``""`` for None,
      ``('127.0.0.1', 51234)`` (``accept``: the address; ``getsockname``),
      ``12 bytes`` (``recv``: the size, the data is in the log), ``b''`` (``recv``
      at end of file), ``(12 bytes, ('127.0.0.1', 5000))`` (``recvfrom``), ``2``
      (``send``/``sendto``: bytes taken), ``115 (EINPROGRESS)`` (``connect_ex``), or,
      when ``errno`` is set, the exception: ``ConnectionRefusedError [Errno 111]``
      (``getsockopt(SOL_SOCKET, SO_ERROR)`` → ``111 (ECONNREFUSED)``). A
      summary's result is ``312,000,000 bytes in all`` when it moved data.
    * ``errno``: the error number when the call failed (EAGAIN: it would block,
      the usual end of a non-blocking read), else None.
    * ``count``: 1 for one call; more for a summary of that many calls of one
      kind in a flood.  ``size``: the bytes the call(s) moved.
    * ``sock``, ``func``: the socket's name and the method (``"socket"`` for
      ``socket()``; ``"register"``/``"modify"``/``"unregister"`` on ``sel``),
      so a reader need not parse ``call``.
    """

    source: str
    call: str
    result: str
    errno: int | None = None
    count: int = 1
    size: int = 0
    time: float = 0.0
    sock: str = ""
    func: str = ""


class Error(Value):
    """A failure explained in plain words; see :class:`netcore.errors.NetError`.

    ``template`` and ``params`` let a user interface translate the message.
    ``fatal`` is true when the endpoint stops because of it.
    """

    source: str
    code: str
    message: str
    template: str
    params: tuple[tuple[str, str], ...] = ()
    errno: int | None = None
    peer: Peer | None = None
    fatal: bool = False
    conn: int = 0
    time: float = 0.0

    def translated(self, tr: Callable[[str], str]) -> str:
        """The message in the language of the translator ``tr``."""
        return translate_message(tr, self.template, dict(self.params))


class Notice(Value):
    """Something the user should know that is not a failure, in plain words.

    For instance a stale Unix socket file that was removed, or the private
    path a Unix datagram client bound to get replies.  ``template`` and
    ``params`` let a user interface translate the message, as for :class:`Error`.
    """

    source: str
    code: str
    message: str
    template: str
    params: tuple[tuple[str, str], ...] = ()
    time: float = 0.0

    def translated(self, tr: Callable[[str], str]) -> str:
        """The message in the language of the translator ``tr``."""
        return translate_message(tr, self.template, dict(self.params))


Event = (
    Started | Stopped | PeerConnected | PeerDisconnected | ConnectionState | DataReceived
    | DatagramsReceived | DatagramsDropped | DataSent | AutoReplied | SendProgress | WritingPaused
    | WritingResumed | OptionsApplied | SocketCall | Error | Notice
)
