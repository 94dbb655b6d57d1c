"""Echo servers run as their own process, so their memory can be measured alone.

``python -m bench.servers socklab`` — a netcore TcpServer(echo=True) with a thread draining its events
``python -m bench.servers raw``     — a plain selectors echo server

Each raises its file limit, prints its port, serves until a line arrives on
stdin, then prints its peak resident memory in MiB and exits.
"""

from __future__ import annotations

import json
import queue
import selectors
import socket
import sys
import threading

from .common import drain_like_the_window, peak_rss_mib, raise_file_limit

BACKLOG = 4096


def _raw_serve(listener: socket.socket, stop: threading.Event) -> None:
    selector = selectors.DefaultSelector()
    listener.setblocking(False)
    selector.register(listener, selectors.EVENT_READ)
    while not stop.is_set():
        for key, _mask in selector.select(0.2):
            if key.fileobj is listener:
                for _ in range(64):
                    try:
                        conn, _ = listener.accept()
                    except BlockingIOError:
                        break
                    conn.setblocking(False)
                    selector.register(conn, selectors.EVENT_READ)
                continue
            conn = key.fileobj
            try:
                data = conn.recv(65536)
                if data:
                    conn.send(data)
                    continue
            except OSError:
                pass
            selector.unregister(conn)
            conn.close()
    selector.close()


def main(kind: str) -> None:
    limit = raise_file_limit(20000)
    stop = threading.Event()
    if kind == "raw":
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(BACKLOG)
        port = listener.getsockname()[1]
        worker = threading.Thread(target=_raw_serve, args=(listener, stop))
        worker.start()
    else:
        import netcore

        events: queue.SimpleQueue = queue.SimpleQueue()
        server = netcore.TcpServer(events, "127.0.0.1", 0, echo=True, max_clients=20000, backlog=BACKLOG)
        server.start()
        port = server.wait_ready()[0].port

        def consume() -> None:
            drain_like_the_window(events, stop)

        worker = threading.Thread(target=consume)
        worker.start()
    print(json.dumps({"port": port, "file_limit": limit}), flush=True)
    sys.stdin.readline()
    stop.set()
    if kind != "raw":
        server.stop(timeout=5)
    worker.join(10)
    print(json.dumps({"peak_rss_mib": _own_peak()}), flush=True)


def _own_peak() -> float:
    import os

    return peak_rss_mib(os.getpid())


if __name__ == "__main__":
    main(sys.argv[1])
