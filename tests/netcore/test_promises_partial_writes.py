"""Every byte send() accepted is told once, also when a connection ends in the middle of a request.

The kernel may take only the first part of a request before the connection is reset or the
endpoint stops.  That part was sent: a ``DataSent`` with ``partial`` says so; the rest is in the
"unsent" Error.  So ``sum(DataSent.size) + sum(unsent sizes) == accepted``, for small requests
(no SendProgress) and large ones, on a client and on a server with several connections.

Small socket buffers on both sides (a peer that never reads) make the kernel take a few KiB of a
request and no more; a tracer sees the writes block, so nothing here depends on timing.
"""

from __future__ import annotations

import contextlib
import errno as errno_codes
import socket
import threading

import pytest

from netcore import (
    DataSent,
    Error,
    PeerConnected,
    PeerDisconnected,
    SendProgress,
    SocketOptions,
    TcpClient,
    TcpServer,
)
from tests.faults.tools import linger_zero, payload
from tests.helpers import wait_for
from tests.netcore.support import of_source, port_of, start, stopped

BUFFER = 4096  # SO_SNDBUF / SO_RCVBUF asked for (Linux doubles it): the kernel then holds ~12 KiB
SMALL = 200_000  # far more than both buffers, below the 256 KiB from which SendProgress comes
LARGE = 1024 * 1024  # a request that reports its progress


class SendTracer:
    """Counts, per socket, what ``send`` handed to the kernel, and whether the last ``send`` would block."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.taken: dict[str, int] = {}
        self.blocked: dict[str, bool] = {}

    def call(self, source, sock, func, args, result, errno, size):
        if func == "send":
            with self._lock:
                self.taken[sock] = self.taken.get(sock, 0) + size
                self.blocked[sock] = errno in (errno_codes.EAGAIN, errno_codes.EWOULDBLOCK)

    def flush(self, force=False):
        pass

    def stuck(self, count: int) -> bool:
        """``count`` sockets have had part of their data taken and their last write would block."""
        with self._lock:
            return sum(1 for name, n in self.taken.items() if n and self.blocked.get(name)) >= count

    def totals(self) -> list[int]:
        with self._lock:
            return sorted(self.taken.values())


def _listener() -> socket.socket:
    """A listener whose connections have a small receive window (set before listen(): inherited)."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, BUFFER)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(5)
    return listener


def _connect(port: int) -> socket.socket:
    """A peer with a small receive window that will never read."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, BUFFER)
    sock.settimeout(5)
    sock.connect(("127.0.0.1", port))
    return sock


def _check_told_once(rec, source: str, conn: int, accepted: int) -> int:
    """What ``conn`` reported adds up to ``accepted``; returns the size of its partial DataSent."""
    mine = [e for e in of_source(rec, source) if getattr(e, "conn", None) == conn]
    sent = [e for e in mine if isinstance(e, DataSent)]
    unsent = [e for e in mine if isinstance(e, Error) and e.code == "unsent"]
    told = sum(e.size for e in sent) + sum(int(dict(e.params)["size"]) for e in unsent)
    shown = "\n".join(map(repr, mine[-6:]))
    assert told == accepted, f"{told} of {accepted} bytes told\n{shown}"
    # the part the kernel took is visible: one partial DataSent, then "unsent" for the rest, then the end
    (partial,) = sent
    assert partial.partial and 0 < partial.size < accepted, shown
    (rest,) = unsent
    gone = [e for e in mine if isinstance(e, PeerDisconnected)]
    assert len(gone) == 1 and mine.index(partial) < mine.index(rest) < mine.index(gone[0]), shown
    # a large request's progress told the same part, and with "unsent" it adds up as well
    progress = [e for e in mine if isinstance(e, SendProgress)]
    if accepted >= 256 * 1024:
        assert progress and progress[-1].sent == partial.size, shown
        assert progress[-1].sent + int(dict(rest.params)["size"]) == accepted
    else:
        assert not progress
    return partial.size


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
@pytest.mark.parametrize("end", ["reset", "stop"])
def test_a_client_tells_the_part_of_a_request_the_kernel_took_before_the_end(make, rec, size, end):
    listener = _listener()
    tracer = SendTracer()
    try:
        client = make(TcpClient, "127.0.0.1", listener.getsockname()[1], name="cli", tracer=tracer,
                      options=SocketOptions(sndbuf=BUFFER))
        start(client)
        peer, _ = listener.accept()  # never reads
        with peer:
            client.send(payload(size, seed=11))
            wait_for(lambda: tracer.stuck(1), 5)  # the kernel took a part and takes no more
            if end == "reset":
                linger_zero(peer)
                peer.close()
            else:
                assert client.stop() is True
        rec.wait(lambda _: stopped(rec, "cli"))
        taken = _check_told_once(rec, "cli", 1, size)
        assert [taken] == tracer.totals()  # exactly what the kernel took
        assert stopped(rec, "cli")[0].reason == ("stopped" if end == "stop" else "reset")
    finally:
        listener.close()


def test_a_server_tells_each_connection_the_part_the_kernel_took(make, rec):
    tracer = SendTracer()
    server = make(TcpServer, "127.0.0.1", 0, name="srv", tracer=tracer, options=SocketOptions(sndbuf=BUFFER))
    port = port_of(start(server))
    sizes = [SMALL, SMALL + 12_345, LARGE]
    with contextlib.ExitStack() as stack:
        peers = [stack.enter_context(_connect(port)) for _ in sizes]
        rec.wait(lambda _: len(rec.of(PeerConnected, "srv")) == len(sizes))
        conns = [e.conn for e in rec.of(PeerConnected, "srv")]
        for conn, size in zip(conns, sizes, strict=True):
            server.send(payload(size, seed=conn), conn)
        wait_for(lambda: tracer.stuck(len(sizes)), 5)
        # the first peer resets its connection; the server keeps the others, then stops with them unread
        linger_zero(peers[0])
        peers[0].close()
        rec.wait(lambda _: [e for e in rec.of(PeerDisconnected, "srv") if e.conn == conns[0]])
        assert server.running and len(server.peers()) == len(sizes) - 1
        assert server.stop() is True
    assert stopped(rec, "srv")
    taken = [_check_told_once(rec, "srv", conn, size) for conn, size in zip(conns, sizes, strict=True)]
    assert sorted(taken) == tracer.totals()
    reasons = {e.conn: e.reason for e in rec.of(PeerDisconnected, "srv")}
    assert reasons[conns[0]] in ("reset", "error") and {reasons[c] for c in conns[1:]} == {"stopped"}
