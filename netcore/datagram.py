"""What UDP server and client share: batched receive and the size limit."""

from __future__ import annotations

import errno as errno_codes
import socket

from .endpoint import is_would_block
from .errors import TOO_LONG, NetError
from .events import Datagram

# One IPv4 datagram carries at most 65,535 - 20 (IP header) - 8 (UDP header)
# bytes; IPv6's header is not counted in its payload length.
MAX_IPV4 = 65507
MAX_IPV6 = 65527
# How many datagrams one readable socket may deliver per batch.  A batch is
# one queue item, which is what keeps a flood from being lost to queue overhead.
DATAGRAM_BATCH = 1024
BUFFER_SIZE = 65536


def max_payload(family: int) -> int:
    return MAX_IPV6 if family == socket.AF_INET6 else MAX_IPV4


def check_size(data: bytes, family: int) -> None:
    """Raise the plain-words error when ``data`` cannot fit in one datagram."""
    limit = max_payload(family)
    if len(data) > limit:
        raise NetError("too_long", TOO_LONG, errno=errno_codes.EMSGSIZE, size=len(data), limit=limit)


def read_datagrams(sock: socket.socket) -> tuple[list[Datagram], OSError | None]:
    """Drain ``sock`` (up to a batch); the error that stopped it, if any.

    ``recvfrom`` straight into a new bytes object measured faster here than
    ``recvfrom_into`` a kept buffer followed by a copy of the payload.
    """
    received: list[Datagram] = []
    recvfrom = sock.recvfrom
    append = received.append
    for _ in range(DATAGRAM_BATCH):
        try:
            data, addr = recvfrom(BUFFER_SIZE)
        except OSError as exc:
            if is_would_block(exc):
                return received, None
            if exc.errno == errno_codes.EINTR:
                continue
            return received, exc
        # an IPv4 address is already (host, port); IPv6 adds flow info and scope
        append(Datagram(addr if len(addr) == 2 else (addr[0], addr[1]), data))
    return received, None
