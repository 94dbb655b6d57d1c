"""TCP echo: 32-byte round trips echoed by a TcpServer on its I/O thread, vs a raw thread server."""

from __future__ import annotations

import json
import queue
import socket
import statistics
import threading

import netcore

from .common import (
    Row,
    Stat,
    drain_like_the_window,
    finish,
    paired_ratio,
    paired_rounds,
    percentile,
    read_line,
    spawn,
)


def _client(port: int, trips: int) -> list[float]:
    client = spawn("peers", "echo-client", str(port), str(trips))
    try:
        return json.loads(read_line(client, timeout=120))
    finally:
        finish(client)


def _raw(trips: int) -> list[float]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve() -> None:
        conn, _ = listener.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with conn:
            while data := conn.recv(65536):
                conn.sendall(data)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        return _client(listener.getsockname()[1], trips)
    finally:
        thread.join(10)
        listener.close()


def _socklab(trips: int) -> list[float]:
    events: queue.SimpleQueue = queue.SimpleQueue()
    server = netcore.TcpServer(events, "127.0.0.1", 0, echo=True)
    stop = threading.Event()

    def consume() -> None:  # what an application would do: keep the queue drained
        drain_like_the_window(events, stop)

    consumer = threading.Thread(target=consume, daemon=True)
    consumer.start()
    server.start()
    try:
        return _client(server.wait_ready()[0].port, trips)
    finally:
        server.stop()
        stop.set()
        consumer.join(5)


def run(quick: bool) -> list[Row]:
    trips = 5000 if quick else 20000
    # A round's median moves between 25 and 50 µs with the machine, for both servers in step, so
    # each SockLab round is judged against the reference round run beside it (common.paired_ratio):
    # resampling 24 pairs, the ratio of the medians of 9 rounds fell anywhere in 1.11-1.47 (5-95 %),
    # the median of 15 paired ratios in 1.17-1.27.
    rounds = 5 if quick else 15
    ours, raw = paired_rounds(rounds, lambda: _socklab(trips), lambda: _raw(trips))
    rows = []
    for name, fraction, target in (("median", 0.5, 1.3), ("p99", 0.99, 2.0)):
        mine = [percentile(times, fraction) for times in ours]
        theirs = [percentile(times, fraction) for times in raw]
        ratio = paired_ratio(mine, theirs)
        pairs = sorted(m / t for m, t in zip(mine, theirs, strict=True))
        metric = f"round trip, {name} of {trips:,}, median of {rounds} paired rounds' ratios"
        rows.append(Row("TCP echo", metric, "µs", Stat.of(mine), Stat.of(theirs), f"≤ {target:g}× raw",
                        ratio <= target, higher_is_better=False, paired=ratio,
                        note=f"{name}: each SockLab round against the raw round run beside it; the rounds' "
                             f"ratios {pairs[0]:.2f}–{pairs[-1]:.2f}×, ratio of the medians "
                             f"{statistics.median(mine) / statistics.median(theirs):.2f}×"))
    return rows
