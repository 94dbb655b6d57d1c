"""The real window under a flood, run as its own process: ``python -m bench.window_probe SECONDS``.

Starts SockLab's TCP and UDP server tabs through their forms, measures a 16 ms
``after()`` heartbeat while idle (the reference) and while a TCP flood and a
paced UDP flood arrive from other processes, samples the process's memory,
then checks the counters against what the senders sent and that the log
stayed capped.  Prints one JSON line.
"""

from __future__ import annotations

import json
import sys
import time
import tkinter as tk

from gui import log_view
from gui.app import App

from .common import finish, percentile, read_line, rss_mib, spawn

HEARTBEAT_MS = 16
UDP_RATE = 20_000  # datagrams a second: paced, so every one can be counted
IDLE_SECONDS = 3


def _beat(root: tk.Tk, gaps: list[float], seconds: float) -> float:
    """Run the Tk loop for ``seconds`` with one heartbeat chain; collect the gaps between beats in ms.

    Each beat schedules the next, so the id to cancel at the end is the latest
    one.  Cancelling the first (long fired) left every chain running: the idle
    reference went on collecting through the flood (427 gaps for its 3 s, in a
    10 s run) and the busy list took the beats of ten chains at once.  The
    count is checked against what the time allows.  Returns the seconds the
    chain really ran (one ``update()`` may overrun the end).
    """
    last = [time.perf_counter()]
    pending = [""]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now
        pending[0] = root.after(HEARTBEAT_MS, beat)

    before = len(gaps)
    started = time.perf_counter()
    pending[0] = root.after(HEARTBEAT_MS, beat)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        root.update()
        time.sleep(0.0005)
    root.after_cancel(pending[0])
    ran = time.perf_counter() - started
    if pending[0] in root.tk.splitlist(root.tk.call("after", "info")):
        raise RuntimeError("the heartbeat was not cancelled")
    beats = len(gaps) - before
    if beats > _most_beats(ran):
        raise RuntimeError(f"{beats} heartbeats in {ran:.2f} s: more than one {HEARTBEAT_MS} ms chain ran")
    return ran


def _most_beats(seconds: float) -> int:
    """The most beats one chain can make in ``seconds``: every gap is at least HEARTBEAT_MS (+1: clocks)."""
    return int(seconds * 1000 / HEARTBEAT_MS) + 1


def _start(app: App, name: str) -> int:
    tab = app.tabs[name]
    tab.port.delete(0, "end")
    tab.port.insert(0, "0")
    tab.start_button.invoke()
    deadline = time.monotonic() + 10
    while tab.state != "running" and time.monotonic() < deadline:
        app.root.update()
    return tab.endpoint.local_addresses[0].port


def main(seconds: float) -> None:
    root = tk.Tk(className="SockLab")
    root.geometry("1100x700+0+0")
    app = App(root, lang="en")
    tcp_port = _start(app, "tcp_server")
    udp_port = _start(app, "udp_server")
    _beat(root, [], 1)  # let the new window settle (first drawing, fonts) before measuring
    idle: list[float] = []
    idle_seconds = _beat(root, idle, IDLE_SECONDS)
    tcp = spawn("peers", "tcp-flood", str(tcp_port), str(int(seconds)))
    udp = spawn("peers", "udp-pace", str(udp_port), str(int(seconds)), str(UDP_RATE))
    busy: list[float] = []
    rss: list[float] = []
    end = time.monotonic() + seconds
    busy_seconds = 0.0
    busy_most = 0
    while time.monotonic() < end:
        ran = _beat(root, busy, 1.0)
        busy_seconds += ran
        busy_most += _most_beats(ran)
        rss.append(rss_mib())
    tcp_sent = json.loads(read_line(tcp, 30))["sent"]
    udp_sent = json.loads(read_line(udp, 30))["sent"]
    finish(tcp)
    finish(udp)
    server_tcp, server_udp = app.tabs["tcp_server"], app.tabs["udp_server"]
    deadline = time.monotonic() + 30
    while (server_tcp.received_bytes < tcp_sent or server_udp.received_count < udp_sent) \
            and time.monotonic() < deadline:
        root.update()
    result = {
        "idle_seconds": idle_seconds, "idle_beats": len(idle), "idle_most": _most_beats(idle_seconds),
        "busy_seconds": busy_seconds, "busy_beats": len(busy), "busy_most": busy_most,
        "idle_p50": percentile(idle, 0.5), "idle_p99": percentile(idle, 0.99),
        "busy_p50": percentile(busy, 0.5), "busy_p99": percentile(busy, 0.99), "busy_max": max(busy),
        "rss_first": rss[min(4, len(rss) - 1)], "rss_last": rss[-1], "rss_max": max(rss),
        "tcp_sent": tcp_sent, "tcp_counted": server_tcp.received_bytes,
        "udp_sent": udp_sent, "udp_counted": server_udp.received_count,
        "log_lines": max(server_tcp.log.line_count(), server_udp.log.line_count()),
        "log_cap": log_view.MAX_LINES,
    }
    app.close()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(float(sys.argv[1]))
