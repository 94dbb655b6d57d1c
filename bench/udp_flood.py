"""UDP flood: 64-byte datagrams at full speed from another process into a UdpServer, vs raw recvfrom."""

from __future__ import annotations

import json
import queue
import socket
import threading
import time

import netcore
from netcore.binding import UDP_RCVBUF

from .common import Deadline, Row, Stat, finish, read_line, spawn

SIZE = 64
QUIET = 0.5  # seconds without a datagram after the sender finished: the flood is over


def _send(port: int, count: int) -> dict:
    sender = spawn("peers", "udp-send", str(port), str(count), str(SIZE))
    try:
        return json.loads(read_line(sender, timeout=120))
    finally:
        finish(sender)


def _raw(count: int) -> tuple[int, float, int, float]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, UDP_RCVBUF)  # the same buffer as SockLab's
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(QUIET)
    result = {"received": 0, "first": 0.0, "last": 0.0}
    sender_done = threading.Event()

    def receive() -> None:
        buffer = memoryview(bytearray(65536))
        deadline = Deadline(120)
        received = 0
        while not deadline.expired():
            try:
                sock.recvfrom_into(buffer)
            except TimeoutError:
                if sender_done.is_set():
                    break
                continue
            if not received:
                result["first"] = time.perf_counter()
            received += 1
        result["received"] = received
        result["last"] = time.perf_counter() - QUIET

    thread = threading.Thread(target=receive)
    cpu = time.process_time()  # this process only: the sender is another one
    thread.start()
    sent = _send(sock.getsockname()[1], count)["sent"]
    sender_done.set()
    thread.join(130)
    cpu = time.process_time() - cpu
    sock.close()
    return result["received"], result["last"] - result["first"], sent, cpu


def _socklab(count: int) -> tuple[int, float, int, float]:
    events: queue.SimpleQueue = queue.SimpleQueue()
    server = netcore.UdpServer(events, "127.0.0.1", 0)
    server.start()
    port = server.wait_ready()[0][1]
    result = {"received": 0, "first": 0.0, "last": 0.0}
    sender_done = threading.Event()

    def consume() -> None:
        deadline = Deadline(120)
        received = 0
        while not deadline.expired():
            try:
                event = events.get(timeout=QUIET)
            except queue.Empty:
                if sender_done.is_set():
                    break
                continue
            if isinstance(event, netcore.DatagramsReceived):
                if not received:
                    result["first"] = time.perf_counter()
                received += len(event.datagrams)
        result["received"] = received
        result["last"] = time.perf_counter() - QUIET

    thread = threading.Thread(target=consume)
    cpu = time.process_time()  # the I/O thread and the consumer; the sender is another process
    thread.start()
    sent = _send(port, count)["sent"]
    sender_done.set()
    thread.join(130)
    cpu = time.process_time() - cpu
    server.stop()
    return result["received"], result["last"] - result["first"], sent, cpu


def run(quick: bool) -> list[Row]:
    count = 200_000 if quick else 1_000_000
    rounds = 2 if quick else 5
    raw: dict[str, list[float]] = {"rate": [], "loss": [], "cpu": []}
    ours: dict[str, list[float]] = {"rate": [], "loss": [], "cpu": []}
    for _ in range(rounds):  # interleaved, so drift hits both alike
        for measure, into in ((_raw, raw), (_socklab, ours)):
            received, seconds, sent, cpu = measure(count)
            into["rate"].append(received / seconds)
            into["loss"].append(100 * (sent - received) / sent)
            into["cpu"].append(cpu / max(received, 1) * 1e6)
    rate = Row("UDP flood", f"{count:,} × {SIZE} B datagrams received", "datagrams/s", Stat.of(ours["rate"]),
               Stat.of(raw["rate"]), "≥ 0.9× raw", False,
               note="both receivers keep up with the sending process, so the rate is mostly the sender's; "
                    "the CPU row shows what each receiver spends")
    rate.met = rate.ratio >= 0.9
    loss = Row("UDP flood", "datagrams lost", "%", Stat.of(ours["loss"]), Stat.of(raw["loss"]), "0 %",
               max(ours["loss"]) == 0, higher_is_better=False)
    cpu = Row("UDP flood", "receiving process CPU per datagram", "µs", Stat.of(ours["cpu"]),
              Stat.of(raw["cpu"]), "(for reading)", True, higher_is_better=False,
              note="SockLab's includes its consumer draining the events every 10 ms, as the window does")
    return [rate, loss, cpu]
