"""The Nagle demonstration's measurement: "two small writes, then a read", with and without TCP_NODELAY.

A request/reply peer on loopback answers once it has the whole request (as
most servers do).  The client writes the request in two small pieces, then
waits for the answer:

* With Nagle's algorithm (TCP_NODELAY off) the second piece waits until the
  first is acknowledged, and the peer delays that acknowledgement (it hopes to
  send it with an answer, which it cannot give before the second piece): on
  Linux each round trip takes about 40 ms, the delayed-ACK timer.
* With TCP_NODELAY on, both pieces go at once: tens of microseconds.

Plain blocking sockets (like the seed's programs), no tkinter: :func:`measure`
runs on a worker thread and returns a :class:`NagleResult`.  Bounded: each
socket call has a timeout, the whole run a deadline, and ``cancel`` stops it
between round trips.
"""

from __future__ import annotations

import socket
import statistics
import threading
import time

from netcore.values import Value

ROUNDS = 20
PIECE = b"GET "  # each of the two small writes (4 bytes)
SECOND = b"/\r\n"
CALL_TIMEOUT = 2.0  # seconds any one socket call may wait
DEADLINE = 10.0  # seconds the whole measurement may take


class Cancelled(Exception):
    """The run was cancelled (its window closed) or overran its deadline."""


class NagleResult(Value):
    """Median round trip in seconds with Nagle on (TCP_NODELAY off) and with TCP_NODELAY on."""

    nagle: float
    nodelay: float
    rounds: int
    nagle_samples: tuple[float, ...]
    nodelay_samples: tuple[float, ...]


def measure(rounds: int = ROUNDS, host: str = "127.0.0.1", cancel: threading.Event | None = None,
            deadline: float = DEADLINE) -> NagleResult:
    """Run ``rounds`` round trips each way; raises OSError (a socket failed) or :class:`Cancelled`.

    Any thread; it blocks for about ``rounds`` × 40 ms on Linux.
    """
    cancel = cancel or threading.Event()
    ends = time.monotonic() + deadline
    nagle = _rounds(host, rounds, nodelay=False, cancel=cancel, ends=ends)
    nodelay = _rounds(host, rounds, nodelay=True, cancel=cancel, ends=ends)
    return NagleResult(statistics.median(nagle), statistics.median(nodelay), rounds, tuple(nagle),
                       tuple(nodelay))


def _rounds(host: str, rounds: int, *, nodelay: bool, cancel: threading.Event, ends: float) -> list[float]:
    """Time ``rounds`` request/reply round trips on one fresh connection."""
    request = len(PIECE) + len(SECOND)
    with socket.create_server((host, 0)) as listener:
        listener.settimeout(CALL_TIMEOUT)
        peer = threading.Thread(target=_answer, args=(listener, request), name="nagle-peer", daemon=True)
        peer.start()
        samples: list[float] = []
        try:
            with socket.create_connection(listener.getsockname()[:2], timeout=CALL_TIMEOUT) as client:
                client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, int(nodelay))
                for _ in range(rounds):
                    if cancel.is_set() or time.monotonic() > ends:
                        raise Cancelled()
                    began = time.perf_counter()
                    client.sendall(PIECE)  # two small writes...
                    client.sendall(SECOND)
                    _read_exactly(client, request)  # ...then a read
                    samples.append(time.perf_counter() - began)
        finally:
            peer.join(CALL_TIMEOUT + 1)  # the client's close ends the peer's loop
    return samples


def _answer(listener: socket.socket, request: int) -> None:
    """The peer: accept one connection and answer each whole request with one write (peer thread)."""
    try:
        conn, _ = listener.accept()
    except OSError:
        return
    with conn:
        conn.settimeout(CALL_TIMEOUT)
        try:
            while True:
                data = _read_exactly(conn, request)
                conn.sendall(data)
        except OSError:  # the client closed (or timed out): done
            return


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("the other side closed")
        data += chunk
    return data
