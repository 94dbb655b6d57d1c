"""Events an endpoint posts on its queue.

Each event is a frozen, slotted dataclass holding only bytes, str, ints and
tuples, so it can cross threads without locks and be compared in tests.
``source`` is the name given to the endpoint, so one queue can serve several
endpoints.  ``Peer`` is ``(host, port)``; for a Unix socket it is
``(path, connection_number)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .errors import translate_message

Peer = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Started:
    """The endpoint is listening (servers), connected (TCP client) or bound (UDP client)."""

    source: str
    local: tuple[Peer, ...]
    remote: Peer | None = None


@dataclass(frozen=True, slots=True)
class Stopped:
    """The endpoint closed every socket and its I/O thread is about to end."""

    source: str
    reason: str = "stopped"


@dataclass(frozen=True, slots=True)
class PeerConnected:
    source: str
    peer: Peer


@dataclass(frozen=True, slots=True)
class PeerDisconnected:
    """A TCP peer went away.  ``reason``: "closed" (by the peer), "kicked"
    (by us), "reset", "stopped", or another error code."""

    source: str
    peer: Peer
    reason: str = "closed"


@dataclass(frozen=True, slots=True)
class DataReceived:
    """Bytes read from one TCP peer in one batch (several reads joined)."""

    source: str
    peer: Peer
    data: bytes


class Datagram(NamedTuple):
    """One datagram inside a :class:`DatagramsReceived` batch.

    A named tuple rather than a dataclass: it is made once per datagram on the
    I/O thread's hot path, where a frozen dataclass's ``__init__`` costs a
    tenth of the time a datagram may take.  It is just as immutable.
    """

    peer: Peer
    data: bytes


@dataclass(frozen=True, slots=True)
class DatagramsReceived:
    """UDP datagrams drained from the socket in one batch, boundaries kept."""

    source: str
    datagrams: tuple[Datagram, ...]


@dataclass(frozen=True, slots=True)
class DataSent:
    """``size`` bytes handed to the kernel for ``peer`` (one send request)."""

    source: str
    peer: Peer
    size: int


@dataclass(frozen=True, slots=True)
class Error:
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

    def translated(self, tr) -> str:
        """The message in the language of the translator ``tr``."""
        return translate_message(tr, self.template, dict(self.params))


Event = (
    Started | Stopped | PeerConnected | PeerDisconnected | DataReceived | DatagramsReceived | DataSent | Error
)
