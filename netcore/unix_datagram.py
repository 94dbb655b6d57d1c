"""What is particular to Unix datagram sockets (AF_UNIX, SOCK_DGRAM): their failures in plain words.

Unlike UDP, a Unix datagram is never dropped silently: when the receiver's
queue is full the sender is told (EAGAIN), and when nobody is bound to the
path the sender is told at once (ENOENT, or ECONNREFUSED for a stale file).
And a sender that never bound a path is *unnamed*: it can send, but nobody
can reply to it.  Any thread may call these functions.
"""

from __future__ import annotations

import errno as errno_codes

from .errors import N_, NetError
from .peer import Peer

NOBODY_AT_PATH = N_(
    "Nobody is receiving at {address}: no socket is bound to that path any more, or never was. "
    "Is the UDP server started on this path?"
)
QUEUE_FULL = N_(
    "{address} is not reading fast enough: its queue of Unix datagrams is full, so this datagram was not "
    "sent (Unix datagrams are never dropped silently, the sender is told instead). Try again later."
)
UNNAMED_PEER = N_(
    "This sender’s socket is not bound to a path (it is unnamed), so nobody can reply to it. A Unix "
    "datagram client must bind a path of its own to get replies (SockLab’s UDP client does that by itself)."
)
PATH_FOR_IP = N_(
    "This socket is bound to an IP address, so it can only send to IP addresses, not to the Unix path "
    "{address}."
)
IP_FOR_PATH = N_(
    "This socket is bound to a Unix path, so it can only send to other Unix paths, not to {address}."
)


def explain_send_error(exc: OSError, peer: Peer) -> NetError | None:
    """The plain words for a failed send to the Unix path ``peer``; None when the general ones fit."""
    code = exc.errno
    address = str(peer)
    if not peer.host:
        return NetError("unnamed_peer", UNNAMED_PEER, errno=code)
    if code in (errno_codes.ENOENT, errno_codes.ECONNREFUSED, errno_codes.ENOTCONN):
        return NetError("refused", NOBODY_AT_PATH, errno=code, address=address)
    if code in (errno_codes.EAGAIN, errno_codes.EWOULDBLOCK, errno_codes.ENOBUFS):
        return NetError("queue_full", QUEUE_FULL, errno=code, address=address)
    return None


def unnamed_peer() -> NetError:
    return NetError("unnamed_peer", UNNAMED_PEER)


def family_mismatch(target_is_unix: bool, address: str, sender_is_unix: bool) -> NetError | None:
    """The error for sending across families (a path from an IP socket or the other way); None if it fits."""
    if target_is_unix and not sender_is_unix:
        return NetError("family_mismatch", PATH_FOR_IP, address=address)
    if sender_is_unix and not target_is_unix:
        return NetError("family_mismatch", IP_FOR_PATH, address=address)
    return None
