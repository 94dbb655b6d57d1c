"""What UdpServer and UdpClient share on the I/O thread: reading, sending, drops, flow control.

A flood's datagrams are posted together: those read within
:data:`~netcore.limits.DATAGRAM_COALESCE` of the last ``DatagramsReceived``
wait (2-3 ms: epoll counts whole milliseconds) for one event, which keeps the
datagrams' order and goes out before any other event of the endpoint, so
nothing overtakes them.  A send ends a flood (request and reply: the next
datagram goes at once), and an echo or auto-reply endpoint posts each read
before its answers, as their trace shows them.
"""

from __future__ import annotations

import selectors
import socket
import time
from collections.abc import Callable
from typing import Any

from .datagram import check_size, kernel_drops, read_datagrams
from .errors import NetError
from .events import REPLY_SHOWN, AutoReplied, DatagramsDropped, DatagramsReceived, DataSent
from .impairer import ImpairableEndpoint
from .limits import DATAGRAM_COALESCE, DROP_CHECK_INTERVAL
from .multicast import GroupMember
from .os_errors import from_os_error
from .peer import Peer, PeerCache
from .unix_datagram import explain_send_error


class DatagramEndpoint(GroupMember, ImpairableEndpoint):
    """Serves the datagram sockets in ``self._sockets``.  I/O thread only, but for the hooks' callers
    (and :class:`~netcore.multicast.GroupMember`'s join_group/leave_group/update_options: any thread)."""

    echo = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sockets: list[socket.socket] = []
        self._echo = False  # frozen by start() from ``echo``
        self._reply: Callable[[bytes], bytes] | None = None  # with _echo: what to answer instead of the data
        self._readers: dict[int, Any] = {}
        self._drops_seen: dict[int, int] = {}
        self._drops_total = 0
        self._drop_timer: Any = None
        self._told_unnamed = False  # an echo to unnamed Unix senders is refused once, not per datagram
        self._io_forget_held()

    def _io_forget_held(self) -> None:
        self._held_payloads: list[bytes] = []  # read during a flood, not posted yet (DATAGRAM_COALESCE)
        self._held_senders: list[Peer] = []
        self._held_at = 0.0  # when the last of them was read: never shown as arrived before it did
        self._hold_timer: Any = None  # posts them
        self._posted_at = float("-inf")  # when the last DatagramsReceived went out

    def _io_reset(self) -> None:
        self._io_forget_groups()
        self._told_unnamed = False
        self._sockets = []
        self._readers = {}
        self._drops_seen = {}
        self._drops_total = 0
        self._drop_timer = None
        self._io_forget_held()

    def _io_serve_sockets(self, sockets: list[socket.socket]) -> None:
        """Start reading ``sockets`` and watching their drop counters."""
        self._sockets = sockets
        for sock in sockets:
            self._readers[id(sock)] = (self._ops.recvfrom_fn(sock), PeerCache(sock.family))
            drops = kernel_drops(sock)
            if drops is not None:
                self._drops_seen[id(sock)] = drops
        self._io_watch_all()
        if self._drops_seen:
            self._drop_timer = self._io_loop.call_later(DROP_CHECK_INTERVAL, self._io_check_drops)
        self._io_apply_impairment(self.impairment)  # the impairment lab, if set before the start

    def _io_watch_all(self) -> None:
        selector = self._io_loop.selector
        for sock in self._sockets:
            if self._reading_paused:
                self._ops.unregister(selector, sock)
            else:
                self._ops.register(selector, sock, selectors.EVENT_READ, self._on_readable)

    _io_pause_reading = _io_watch_all
    _io_resume_reading = _io_watch_all

    def _io_check_drops(self, again: bool = True) -> None:
        dropped = 0
        for sock in self._sockets:
            seen = self._drops_seen.get(id(sock))
            now = kernel_drops(sock) if seen is not None else None
            if now is not None and seen is not None and now > seen:
                dropped += now - seen
                self._drops_seen[id(sock)] = now
        if dropped:
            self._drops_total += dropped
            self._post(DatagramsDropped(self.name, dropped, self._drops_total, time.monotonic()))
        if again:
            self._drop_timer = self._io_loop.call_later(DROP_CHECK_INTERVAL, self._io_check_drops)

    def _on_readable(self, sock: socket.socket, mask: int) -> None:
        recvfrom, peers = self._readers[id(sock)]
        payloads, senders, error = read_datagrams(recvfrom, peers)
        if payloads:
            self._io_received(sock, payloads, senders)
        if error is not None:
            self._io_receive_error(sock, error)

    def _io_received(self, sock: socket.socket, payloads: list[bytes], senders: list[Peer]) -> None:
        now = time.monotonic()
        if self._held_payloads:
            self._held_payloads += payloads
            self._held_senders += senders
            self._held_at = now
        elif now - self._posted_at < DATAGRAM_COALESCE and not self._echo and self._replier is None:
            # a flood: these wait for the next ones (not when answered here: each answer's DataSent
            # would post them at once anyway, after the answer's own trace line)
            self._held_payloads, self._held_senders, self._held_at = payloads, senders, now
            self._hold_timer = self._io_loop.call_at(self._posted_at + DATAGRAM_COALESCE, self._io_post_held)
        else:
            self._io_post_datagrams(payloads, senders, now)
        if self._max_unconsumed is not None:  # counted as read, held or posted (after: a pause's
            self._io_counted(sum(map(len, payloads)))  # event comes after the datagrams it is for)
        if self._echo:
            reply = self._reply
            for data, peer in zip(payloads, senders, strict=True):
                self._io_sendto(sock, data if reply is None else reply(data), peer.sockaddr, peer)
        elif self._replier is not None:
            self._io_auto_replies(sock, payloads, senders)

    def _io_post_datagrams(self, payloads: list[bytes], senders: list[Peer], when: float) -> None:
        self._posted_at = time.monotonic()
        self.events.put(DatagramsReceived(self.name, tuple(payloads), tuple(senders), when))

    def _io_post_held(self) -> None:
        """Post the datagrams held back (their time is the last read's): the timer, or another event.

        A timer is armed exactly while datagrams are held (cancelling the one running is harmless).
        """
        payloads, senders = self._held_payloads, self._held_senders
        if not payloads:
            return
        self._hold_timer.cancel()
        self._held_payloads, self._held_senders, self._hold_timer = [], [], None
        self._io_post_datagrams(payloads, senders, self._held_at)

    def _post(self, event: object) -> None:
        if self._held_payloads:  # what was read before this event goes before it
            self._io_post_held()
        if type(event) is DataSent:
            # a send ends a flood: the answer to a request (a script's ping-pong, the command line's
            # replies) goes to the consumer at once; held, each exchange waited 2-3 ms (13x slower)
            self._posted_at = float("-inf")
        self.events.put(event)

    def _io_auto_replies(self, sock: socket.socket, payloads: list[bytes], senders: list[Peer]) -> None:
        """Answer each datagram the auto-reply rules match, to its sender."""
        replier = self._replier
        assert replier is not None
        post, name = self._post, self.name
        for data, peer in zip(payloads, senders, strict=True):
            answer = replier.reply(data, peer, str(peer))
            if answer is not None:
                number, out = answer
                if self._io_reply_to(sock, out, peer):
                    post(AutoReplied(name, peer, out[:REPLY_SHOWN], len(out), number, 0, time.monotonic()))

    def _io_reply_to(self, sock: socket.socket, data: bytes, peer: Peer) -> bool:
        """Send an auto-reply to ``peer``; False if it could not go (the error is posted)."""
        return self._io_sendto(sock, data, peer.sockaddr, peer)

    def _io_receive_error(self, sock: socket.socket, error: OSError) -> None:
        """An ICMP error left over from an earlier send; the endpoint keeps going."""
        raise NotImplementedError

    def _io_sendto(self, sock: socket.socket, data: bytes, sockaddr: Any, peer: Peer) -> bool:
        """One datagram to ``sockaddr``: DataSent, or the error posted (then False)."""
        if self._held_payloads:  # what was read before goes before the send's trace line and its event
            self._io_post_held()
        if self._impairer is not None and self._impairer.take(sock, data, sockaddr, peer):
            return True  # the impairment lab dropped it or holds it back (netcore/impairer.py)
        try:
            check_size(data, sock.family)
            self._ops.sendto(sock, data, sockaddr)
        except NetError as err:
            self._io_error(err, peer=peer)
            return False
        except OSError as exc:
            explained = self._explain_send_error(exc, peer)
            if explained.code == "unnamed_peer":
                if self._told_unnamed:
                    return False
                self._told_unnamed = True
            self._io_error(explained, peer=peer)
            return False
        self._post(DataSent(self.name, peer, len(data), 0, time.monotonic()))
        return True

    def _explain_send_error(self, exc: OSError, peer: Peer) -> NetError:
        if peer.is_unix:
            return explain_send_error(exc, peer) or from_os_error(
                exc, action="send", host=str(peer), port=None, family=peer.socket_family)
        return from_os_error(exc, action="send", host=peer.host, port=peer.port, family=peer.socket_family)

    def _io_impaired_deliver(self, sock: socket.socket, data: bytes, sockaddr: Any, peer: Peer) -> None:
        self._io_sendto(sock, data, sockaddr, peer)

    def _io_close(self) -> None:
        self._io_post_held()  # first, whatever fails after it
        self._io_end_impairment()  # what the impairment lab holds back goes out before the sockets close
        if self._drop_timer is not None:
            self._drop_timer.cancel()
        if self._sockets:
            self._io_check_drops(again=False)
        for sock in self._sockets:
            self._ops.close(sock)  # closing a socket also leaves its groups
        self._sockets = []
        self._io_forget_groups()
