"""The UDP receivers the UDP benchmarks compare, whoever sends.

``send(port)`` starts a load generator against 127.0.0.1:port, waits for it
and returns its report (a dict with at least ``"sent"``).  Each receiver
returns a :class:`Reception`: datagrams received, receive rate, the report and
the CPU seconds its receiving threads spent (the sender is another process).

* :func:`raw`, the reference: a blocking ``recvfrom_into`` loop on one reused
  buffer, no timeout, told to stop by an empty datagram sent to itself.  One
  system call a datagram and nothing else: the cheapest plain-Python receiver.
* :func:`raw_selector`: a ``selectors`` loop draining a non-blocking socket
  with ``recvfrom_into`` until it would block, the way SockLab's I/O thread
  works.  Shown beside the reference, not as it: each wake-up costs it a
  ``select`` and a failing ``recvfrom`` on top, and while the flood arrives no
  faster than it reads, it wakes every two or three datagrams, so its CPU per
  datagram rises the faster it is (a slower receiver, finding bigger batches,
  looks cheaper against it: SockLab measured 0.96–1.03× it, while reading a
  datagram off a full socket costs SockLab 1.4× what it costs the raw loop).
* :func:`socklab`: a UdpServer whose events are drained as SockLab's window does.

Both raw receivers read with ``recvfrom_into`` one reused buffer: a fresh
``recvfrom(65536)`` per datagram, as a program keeping each payload does,
measured a third dearer a datagram here.  Neither calls ``settimeout``: with a
timeout, CPython ``poll()``s before every ``recvfrom``, a second system call
per datagram.
"""

from __future__ import annotations

import queue
import selectors
import socket
import threading
import time
from collections.abc import Callable
from typing import NamedTuple

import netcore
from netcore.limits import UDP_RCVBUF

from .common import Deadline, drain_like_the_window

QUIET = 0.5  # seconds without a datagram after the sender finished: the flood is over
BUFFER = 65536
STAMP_EVERY = 64  # datagrams between two readings of the clock in the raw loop
Send = Callable[[int], dict]


class Reception(NamedTuple):
    received: int
    rate: float  # datagrams/s while they arrived (from the first one or batch to the last)
    report: dict  # what the sender said
    cpu: float  # CPU seconds of every thread of this process but the main one, which only waits


class _WorkerCpu:
    """CPU time of this process's other threads, including ones that ended meanwhile.

    Process CPU time less the calling (main) thread's: the main thread only
    starts the sender and waits, and whatever it spends (starting a process)
    would be the same for every receiver.
    """

    def __init__(self) -> None:
        self.start = time.process_time() - time.thread_time()

    def seconds(self) -> float:
        return time.process_time() - time.thread_time() - self.start


def _socket(blocking: bool) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, UDP_RCVBUF)  # the same as SockLab's
    sock.bind(("127.0.0.1", 0))
    sock.setblocking(blocking)
    return sock


def _run_receiver(receive: Callable[[dict], None], name: str) -> tuple[threading.Thread, dict]:
    result: dict = {}

    def guarded() -> None:
        try:
            receive(result)
        except BaseException as exc:  # re-raised on the main thread
            result["error"] = exc

    # a daemon: a blocking receiver never told to stop must not keep the process alive
    thread = threading.Thread(target=guarded, name=name, daemon=True)
    thread.start()
    return thread, result


def _result(thread: threading.Thread, result: dict) -> dict:
    if thread.is_alive():
        raise TimeoutError(f"{thread.name} did not finish")
    if "error" in result:
        raise result["error"]
    return result


def raw(send: Send) -> Reception:
    """The reference: a blocking ``recvfrom_into`` loop, no timeout; stopped by an empty datagram to itself.

    Every datagram the sender sent and the kernel kept is queued before the
    stop datagram, so all are counted.  The time is taken every STAMP_EVERY
    datagrams, not every one (a call a datagram would cost 2 % of its CPU).
    """
    sock = _socket(blocking=True)

    def receive(result: dict) -> None:
        recvfrom_into, clock = sock.recvfrom_into, time.perf_counter
        buffer = memoryview(bytearray(BUFFER))
        received = stamped = 0
        first = last = 0.0
        while recvfrom_into(buffer)[0]:  # the flood's datagrams are never empty
            if not received % STAMP_EVERY:
                stamped, last = received, clock()
                if not received:
                    first = last
            received += 1
        result.update(received=received, stamped=stamped, first=first, last=last)

    cpu = _WorkerCpu()
    thread, result = _run_receiver(receive, "raw-receiver")
    try:
        report = send(sock.getsockname()[1])
    finally:
        # the stop datagram may be dropped while the receive buffer is full: repeat until it stops
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as stopper:
            deadline = Deadline(190)
            while thread.is_alive() and not deadline.expired():
                stopper.sendto(b"", sock.getsockname())
                thread.join(0.05)
        sock.close()
    seconds = cpu.seconds()
    result = _result(thread, result)
    rate = result["stamped"] / max(result["last"] - result["first"], 1e-9)
    return Reception(result["received"], rate, report, seconds)


def raw_selector(send: Send) -> Reception:
    """A ``selectors`` loop draining a non-blocking socket with ``recvfrom_into``."""
    sock = _socket(blocking=False)
    sender_done = threading.Event()

    def receive(result: dict) -> None:
        selector = selectors.DefaultSelector()
        selector.register(sock, selectors.EVENT_READ)
        select, recvfrom_into = selector.select, sock.recvfrom_into
        buffer = memoryview(bytearray(BUFFER))
        deadline = Deadline(180)
        received = first_batch = 0
        first = last = 0.0
        try:
            while not deadline.expired():
                if not select(QUIET):
                    if sender_done.is_set():
                        break
                    continue
                before = received
                while True:  # until it would block
                    try:
                        recvfrom_into(buffer)
                    except BlockingIOError:
                        break
                    received += 1
                last = time.perf_counter()  # a batch "handed over", as SockLab's are stamped
                if not before and received:
                    first, first_batch = last, received
        finally:
            selector.close()
        result.update(received=received, first=first, last=last, first_batch=first_batch)

    cpu = _WorkerCpu()
    thread, result = _run_receiver(receive, "raw-selector-receiver")
    try:
        report = send(sock.getsockname()[1])
    finally:
        sender_done.set()
        thread.join(190)
        sock.close()
    seconds = cpu.seconds()
    result = _result(thread, result)
    received = result["received"]
    rate = (received - result["first_batch"]) / max(result["last"] - result["first"], 1e-9)
    return Reception(received, rate, report, seconds)


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
                self.first, self.first_batch = self.last, len(event.payloads)
        self.queue.put(event)


def socklab(send: Send) -> Reception:
    """A UdpServer whose events are drained the way SockLab's window does.

    Its CPU is the I/O thread's and the consumer's (draining every 10 ms).
    """
    sink = _Stamped()
    server = netcore.UdpServer(sink, "127.0.0.1", 0)
    received = [0]
    stop = threading.Event()

    def count(event) -> None:
        if isinstance(event, netcore.DatagramsReceived):
            received[0] += len(event.payloads)

    consumer = threading.Thread(target=drain_like_the_window, args=(sink.queue, stop),
                                kwargs={"on_event": count}, name="window-like-consumer")
    cpu = _WorkerCpu()
    server.start()
    consumer.start()
    try:
        port = server.wait_ready()[0].port
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
    seconds = cpu.seconds()
    # the rate counts what arrived after the first batch was handed over, as the raw loop's does
    rate = (received[0] - sink.first_batch) / max(sink.last - sink.first, 1e-9)
    return Reception(received[0], rate, report, seconds)
