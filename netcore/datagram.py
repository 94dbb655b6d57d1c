"""What UDP server and client share: batched receive, the size limit, the drop counter."""

from __future__ import annotations

import errno as errno_codes
import socket
import struct
from collections.abc import Callable
from typing import Any

from .catalogue import TOO_LONG
from .errors import N_, NetError
from .peer import Peer, PeerCache

# One IPv4 datagram carries at most 65,535 - 20 (IP header) - 8 (UDP header)
# bytes; IPv6's header is not counted in its payload length.
MAX_IPV4 = 65507
MAX_IPV6 = 65527
# How many datagrams one readable socket may deliver per batch.  A batch is at
# most one queue item (a flood's batches share one, netcore.datagram_endpoint),
# which is what keeps a flood from being lost to queue overhead.
DATAGRAM_BATCH = 1024
BUFFER_SIZE = 65536

# Linux: getsockopt(SOL_SOCKET, SO_MEMINFO) gives the socket's memory counters,
# the ninth (SK_MEMINFO_DROPS) being how many datagrams the kernel dropped for it.
SO_MEMINFO = 55
SK_MEMINFO_DROPS = 8


AF_UNIX = int(getattr(socket, "AF_UNIX", -1))
# A Unix datagram may be larger (up to the send buffer), but SockLab keeps UDP's limit: its
# receivers read 64 KiB at a time, and a larger datagram would arrive cut short.
UNIX_TOO_LONG = N_(
    "The datagram is too large: {size} bytes, but SockLab sends at most {limit} bytes in one Unix "
    "datagram (as for UDP), so that it always arrives whole."
)


def max_payload(family: int) -> int:
    return MAX_IPV6 if family == socket.AF_INET6 else MAX_IPV4


def check_size(data: bytes, family: int) -> None:
    """Raise the plain-words error when ``data`` cannot fit in one datagram."""
    limit = max_payload(family)
    if len(data) > limit:
        raise NetError("too_long", UNIX_TOO_LONG if family == AF_UNIX else TOO_LONG,
                       errno=errno_codes.EMSGSIZE, size=len(data), limit=limit)


def read_datagrams(recvfrom: Callable[[int], tuple[bytes, Any]], peers: PeerCache,
                   ) -> tuple[list[bytes], list[Peer], OSError | None]:
    """Drain a socket (up to a batch): payloads, senders, and the error that stopped it.

    The loop is as short as a raw receiver's: ``recvfrom`` straight into a new
    bytes object, a dict lookup for the sender's Peer (a bound ``dict.get``:
    no Python-level call unless the sender is new), two appends.
    """
    payloads: list[bytes] = []
    senders: list[Peer] = []
    add_payload = payloads.append
    add_sender = senders.append
    known = peers.known.get
    add_peer = peers.add
    for _ in range(DATAGRAM_BATCH):
        try:
            data, addr = recvfrom(BUFFER_SIZE)
        except BlockingIOError:
            return payloads, senders, None
        except OSError as exc:
            if exc.errno == errno_codes.EINTR:
                continue
            return payloads, senders, exc
        add_payload(data)
        peer = known(addr)
        add_sender(peer if peer is not None else add_peer(addr))
    return payloads, senders, None


def kernel_drops(sock: socket.socket) -> int | None:
    """How many datagrams the kernel dropped for ``sock`` so far; None where it cannot tell."""
    try:
        raw = sock.getsockopt(socket.SOL_SOCKET, SO_MEMINFO, 4 * (SK_MEMINFO_DROPS + 1))
    except OSError:
        return None
    if len(raw) < 4 * (SK_MEMINFO_DROPS + 1):
        return None
    return int(struct.unpack_from("I", raw, 4 * SK_MEMINFO_DROPS)[0])
