"""Load generators run as separate processes, so they never share the GIL with what is measured.

``python -m bench.peers tcp-send PORT NBYTES``      connect, send NBYTES in 256 KiB sendall calls
``python -m bench.peers udp-send PORT COUNT SIZE``  send COUNT datagrams of SIZE bytes, then report
``python -m bench.peers echo-client PORT TRIPS``    32-byte round trips; prints each trip's µs
``python -m bench.peers many-clients PORT N TRIPS`` N concurrent clients, TRIPS round trips each
``python -m bench.peers tcp-flood PORT SECONDS``    send as fast as possible for SECONDS (or until closed)
``python -m bench.peers udp-pace PORT SECONDS RATE`` RATE datagrams a second for SECONDS

Each prints one line of results on stdout.  Loopback only, bounded in count and time.
"""

from __future__ import annotations

import json
import selectors
import socket
import sys
import time

HOST = "127.0.0.1"


def tcp_send(port: int, total: int) -> None:
    chunk = memoryview(bytes(range(256)) * 1024)  # 256 KiB
    with socket.create_connection((HOST, port)) as sock:
        left = total
        while left:
            piece = chunk[:min(left, len(chunk))]
            sock.sendall(piece)
            left -= len(piece)
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(30)
        sock.recv(1)  # wait until the receiver has closed: everything was read
    print("sent", total, flush=True)


def udp_send(port: int, count: int, size: int) -> None:
    payload = b"d" * size
    sent = 0
    started = time.perf_counter()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.connect((HOST, port))
        send = sock.send
        while sent < count:
            try:
                send(payload)
            except (BlockingIOError, ConnectionRefusedError):
                continue
            sent += 1
    seconds = time.perf_counter() - started
    print(json.dumps({"sent": sent, "seconds": seconds}), flush=True)


def echo_client(port: int, trips: int) -> None:
    message = b"x" * 32
    times = []
    with socket.create_connection((HOST, port)) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(10)
        for _ in range(200):  # warm up
            sock.sendall(message)
            _read_exactly(sock, 32)
        for _ in range(trips):
            started = time.perf_counter()
            sock.sendall(message)
            _read_exactly(sock, 32)
            times.append((time.perf_counter() - started) * 1e6)
    print(json.dumps(times), flush=True)


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        piece = sock.recv(size - len(data))
        if not piece:
            raise ConnectionError("closed by the server")
        data += piece
    return data


def many_clients(port: int, count: int, trips: int) -> None:
    """Open ``count`` connections and keep them all open, then let each do ``trips`` round trips at once."""
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    selector = selectors.DefaultSelector()
    message = b"m" * 32
    failures = 0
    started = time.perf_counter()
    deadline = time.monotonic() + 120
    connected: list[socket.socket] = []
    connecting: set[socket.socket] = set()
    to_open = count
    # phase 1: everybody connects (at most 512 handshakes in flight, so the listen backlog holds)
    while (to_open or connecting) and time.monotonic() < deadline:
        while to_open and len(connecting) < 512:
            to_open -= 1
            sock = socket.socket()
            sock.setblocking(False)
            if sock.connect_ex((HOST, port)) not in (0, 115):  # 115: EINPROGRESS
                failures += 1
                sock.close()
                continue
            connecting.add(sock)
            selector.register(sock, selectors.EVENT_WRITE)
        for key, _mask in selector.select(1.0):
            sock = key.fileobj
            selector.unregister(sock)
            connecting.discard(sock)
            if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                failures += 1
                sock.close()
            else:
                connected.append(sock)
    connected_seconds = time.perf_counter() - started
    # phase 2: every client does its round trips, all at the same time
    awaiting: dict[socket.socket, list[int]] = {}
    for sock in connected:
        try:
            sock.send(message)
        except OSError:
            failures += 1
            sock.close()
            continue
        awaiting[sock] = [trips, 32]
        selector.register(sock, selectors.EVENT_READ)
    done = 0
    while awaiting and time.monotonic() < deadline:
        for key, _mask in selector.select(1.0):
            sock = key.fileobj
            left = awaiting[sock]
            try:
                data = sock.recv(64)
                if not data:
                    raise ConnectionError("closed by the server")
                left[1] -= len(data)
                if left[1] > 0:
                    continue
                left[0] -= 1
                if left[0]:
                    sock.send(message)
                    left[1] = 32
                    continue
                done += 1
            except OSError:
                failures += 1
            selector.unregister(sock)
            del awaiting[sock]
    failures += len(awaiting) + len(connecting) + to_open
    for sock in connected + list(connecting):
        sock.close()
    print(json.dumps({"done": done, "failures": failures, "connected_seconds": connected_seconds,
                      "seconds": time.perf_counter() - started}), flush=True)


FLOOD_LINE = b"flood of text, line after line\n"


def tcp_flood(port: int, seconds: int) -> None:
    """Send as fast as the receiver takes for ``seconds``, or until it closes; report the total.

    The stream is FLOOD_LINE repeated without a seam (a partial send resumes
    mid-line), so what a receiver kept can be checked byte for byte
    (:func:`is_flood_prefix`).
    """
    period = len(FLOOD_LINE)
    chunk = memoryview(FLOOD_LINE * (65536 // period + 1))  # 64 KiB and one line
    sent = 0
    closed = False
    end = time.monotonic() + seconds
    with socket.create_connection((HOST, port)) as sock:
        sock.settimeout(1.0)
        while time.monotonic() < end:
            try:
                sent += sock.send(chunk[sent % period:])
            except TimeoutError:
                continue
            except OSError:  # reset or broken pipe: the receiver closed mid-flood
                closed = True
                break
    print(json.dumps({"sent": sent, "closed_by_receiver": closed}), flush=True)


def is_flood_prefix(path: str) -> bool:
    """Whether the file holds the start of a tcp-flood stream, every byte in order, none missing."""
    block = FLOOD_LINE * ((1 << 20) // len(FLOOD_LINE))  # whole lines: each read starts on a line
    with open(path, "rb") as file:
        while data := file.read(len(block)):
            if data != block[:len(data)]:
                return False
    return True


def udp_pace(port: int, seconds: int, per_second: int) -> None:
    """``per_second`` 64-byte datagrams a second, in 1 ms bursts, for ``seconds``; report the total."""
    payload = b"p" * 64
    sent = 0
    started = time.monotonic()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.connect((HOST, port))
        while (elapsed := time.monotonic() - started) < seconds:
            due = int(elapsed * per_second)
            while sent < due:
                sock.send(payload)
                sent += 1
            time.sleep(0.001)
    print(json.dumps({"sent": sent}), flush=True)


def main(argv: list[str]) -> None:
    command, *args = argv
    numbers = [int(a) for a in args]
    {"tcp-send": tcp_send, "udp-send": udp_send, "echo-client": echo_client,
     "many-clients": many_clients, "tcp-flood": tcp_flood, "udp-pace": udp_pace}[command](*numbers)


if __name__ == "__main__":
    main(sys.argv[1:])
