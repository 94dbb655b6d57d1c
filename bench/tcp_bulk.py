"""TCP bulk: bytes from a client process into a TcpServer whose events are drained, against raw recv_into."""

from __future__ import annotations

import queue
import socket
import time

import netcore

from .common import Deadline, Row, Stat, finish, read_line, spawn

CHUNK = 256 * 1024


def _raw(total: int) -> float:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    sender = spawn("peers", "tcp-send", str(listener.getsockname()[1]), str(total))
    conn, _ = listener.accept()
    started = time.perf_counter()
    buffer = memoryview(bytearray(CHUNK))
    received = 0
    deadline = Deadline(120)
    while received < total:
        n = conn.recv_into(buffer)
        if not n:
            break
        received += n
        if received & 0xFFFFFFF == 0:
            deadline.check("raw TCP receive")
    seconds = time.perf_counter() - started
    conn.close()
    listener.close()
    read_line(sender)
    finish(sender)
    assert received == total, f"raw receiver got {received} of {total} bytes"
    return total / seconds / 2**20


def _socklab(total: int) -> float:
    events: queue.SimpleQueue = queue.SimpleQueue()
    server = netcore.TcpServer(events, "127.0.0.1", 0)
    server.start()
    port = server.wait_ready()[0][1]
    sender = spawn("peers", "tcp-send", str(port), str(total))
    received = 0
    started = None
    deadline = Deadline(120)
    try:
        while received < total:
            event = events.get(timeout=30)
            if isinstance(event, netcore.PeerConnected):
                started = time.perf_counter()
            elif isinstance(event, netcore.DataReceived):
                received += len(event.data)
            elif isinstance(event, netcore.Error):
                raise RuntimeError(event.message)
            deadline.check("SockLab TCP receive")
        seconds = time.perf_counter() - (started or 0)
    finally:
        server.stop()
        read_line(sender)
        finish(sender)
    assert received == total
    return total / seconds / 2**20


def run(quick: bool) -> list[Row]:
    total = (256 if quick else 1024) * 2**20
    rounds = 2 if quick else 3
    raw, ours = [], []
    for _ in range(rounds):  # interleaved, so drift hits both alike
        raw.append(_raw(total))
        ours.append(_socklab(total))
    ours_stat, raw_stat = Stat.of(ours), Stat.of(raw)
    ratio = ours_stat.median / raw_stat.median
    return [Row("TCP bulk", f"{total // 2**20} MiB client → server", "MiB/s", ours_stat, raw_stat,
                "≥ 0.9× raw", ratio >= 0.9)]
