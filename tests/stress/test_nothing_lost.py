"""1 GiB of random bytes arrives whole: through a TcpServer saved to file, and through the window."""

from __future__ import annotations

import hashlib
import queue
import subprocess
import sys
import time
from pathlib import Path

import netcore
from gui.recorder import ReceiveRecorder

from ..gui.drive import select_tab, start_server, w, wait_until

ROOT = Path(__file__).resolve().parents[2]
GIB = 1024**3


def _sender(port: int, total: int, seed: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.stress.sender", str(port), str(total), str(seed)],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        while block := data.read(4 * 1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def test_one_gib_through_a_tcp_server_saved_to_file(tmp_path):
    events: queue.SimpleQueue = queue.SimpleQueue()
    server = netcore.TcpServer(events, "127.0.0.1", 0)
    server.start()
    port = server.wait_ready()[0].port
    recorder = ReceiveRecorder()
    target = tmp_path / "received.bin"
    recorder.start(str(target))
    sender = _sender(port, GIB, 1)
    received = 0
    closed = False
    deadline = time.monotonic() + 300
    try:
        while not closed and time.monotonic() < deadline:
            event = events.get(timeout=60)
            if isinstance(event, netcore.DataReceived):
                recorder.write(event.data)
                received += len(event.data)
            elif isinstance(event, netcore.ConnectionState) and event.state == "half-closed-by-peer":
                server.disconnect(event.conn)  # the sender is done: close, which tells it all arrived
            elif isinstance(event, netcore.PeerDisconnected):
                closed = True
    finally:
        server.stop()
        recorder.stop()
        sent_digest = sender.communicate(timeout=120)[0].strip()
    assert received == GIB
    assert target.stat().st_size == GIB
    assert _sha256(target) == sent_digest


def test_one_gib_through_the_window_with_the_log_capped(app, tmp_path):
    target = tmp_path / "window.bin"
    port = start_server(app, "tcp_server")
    tab = app.tabs["tcp_server"]
    tab.save_received_to(str(target))
    sender = _sender(port, GIB, 2)
    try:
        wait_until(app.root, lambda: tab.received_bytes == GIB or sender.poll() not in (None, 0), timeout=300)
        # the sender half-closed and waits for the end of the connection: disconnect it, as a person would
        for conn in tab.clients.peers():
            tab.endpoint.disconnect(conn)
        wait_until(app.root, lambda: not tab.clients.peers() or sender.poll() is not None, timeout=10)
        select_tab(app, "tcp_server")
        w(app, "menubar.file").invoke(2)  # Stop saving received data
        sent_digest = sender.communicate(timeout=120)[0].strip()
    finally:
        if sender.poll() is None:
            sender.kill()
            sender.wait(10)
    assert tab.received_bytes == GIB
    assert tab.log.line_count() <= 5000
    assert target.stat().st_size == GIB
    assert _sha256(target) == sent_digest
