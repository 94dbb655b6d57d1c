"""The two UDP receivers the UDP benchmarks compare, whoever sends.

``send(port)`` starts a load generator against 127.0.0.1:port, waits for it
and returns its report (a dict with at least ``"sent"``).  Each receiver
returns (datagrams received, receive rate in datagrams/s, the report, CPU
seconds this process spent meanwhile — the sender is another process).
"""

from __future__ import annotations

import queue
import socket
import threading
import time
from collections.abc import Callable

import netcore
from netcore.binding import UDP_RCVBUF

from .common import Deadline, drain_like_the_window

QUIET = 0.5  # seconds without a datagram after the sender finished: the flood is over
Send = Callable[[int], dict]


def raw(send: Send) -> tuple[int, float, dict, float]:
    """A plain ``recvfrom_into`` loop with the same receive buffer as SockLab's."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, UDP_RCVBUF)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(QUIET)
    result = {"received": 0, "first": 0.0, "last": 0.0}
    sender_done = threading.Event()

    def receive() -> None:
        buffer = memoryview(bytearray(65536))
        deadline = Deadline(180)
        received = 0
        first = last = 0.0
        while not deadline.expired():
            try:
                sock.recvfrom_into(buffer)
            except TimeoutError:
                if sender_done.is_set():
                    break
                continue
            last = time.perf_counter()
            if not received:
                first = last
            received += 1
        result.update(received=received, first=first, last=last)

    thread = threading.Thread(target=receive, name="raw-receiver")
    cpu = time.process_time()
    thread.start()
    try:
        report = send(sock.getsockname()[1])
    finally:
        sender_done.set()
        thread.join(190)
        sock.close()
    cpu = time.process_time() - cpu
    received = result["received"]
    return received, max(received - 1, 0) / max(result["last"] - result["first"], 1e-9), report, cpu


class _Stamped:
    """The UdpServer's event sink: notes when the I/O thread hands over each batch, then queues it."""

    def __init__(self) -> None:
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.first = self.last = 0.0
        self.first_batch = 0

    def put(self, event) -> None:
        if isinstance(event, netcore.DatagramsReceived):
            self.last = time.perf_counter()
            if not self.first_batch:
                self.first, self.first_batch = self.last, len(event.datagrams)
        self.queue.put(event)


def socklab(send: Send) -> tuple[int, float, dict, float]:
    """A UdpServer whose events are drained the way SockLab's window does."""
    sink = _Stamped()
    server = netcore.UdpServer(sink, "127.0.0.1", 0)
    received = [0]
    stop = threading.Event()

    def count(event) -> None:
        if isinstance(event, netcore.DatagramsReceived):
            received[0] += len(event.datagrams)

    consumer = threading.Thread(target=drain_like_the_window, args=(sink.queue, stop),
                                kwargs={"on_event": count}, name="window-like-consumer")
    cpu = time.process_time()  # the I/O thread and the consumer
    server.start()
    consumer.start()
    try:
        port = server.wait_ready()[0][1]
        report = send(port)
        deadline = Deadline(180)
        seen = -1
        while seen != received[0] and not deadline.expired():  # until QUIET s bring nothing new
            seen = received[0]
            time.sleep(QUIET)
    finally:
        server.stop()
        stop.set()
        consumer.join(30)
    cpu = time.process_time() - cpu
    # the rate counts what arrived after the first batch was handed over, as the raw loop's does
    rate = (received[0] - sink.first_batch) / max(sink.last - sink.first, 1e-9)
    return received[0], rate, report, cpu
