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


def _beat(root: tk.Tk, gaps: list[float], seconds: float) -> None:
    """Run the Tk loop for ``seconds`` with a heartbeat; collect the gaps between beats in ms."""
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now
        root.after(HEARTBEAT_MS, beat)

    beat_id = root.after(HEARTBEAT_MS, beat)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        root.update()
        time.sleep(0.0005)
    root.after_cancel(beat_id)


def _start(app: App, name: str) -> int:
    tab = app.tabs[name]
    tab.port.delete(0, "end")
    tab.port.insert(0, "0")
    tab.start_button.invoke()
    deadline = time.monotonic() + 10
    while tab.state != "running" and time.monotonic() < deadline:
        app.root.update()
    return tab.endpoint.local_addresses[0][1]


def main(seconds: float) -> None:
    root = tk.Tk(className="SockLab")
    root.geometry("1100x700+0+0")
    app = App(root, lang="en")
    tcp_port = _start(app, "tcp_server")
    udp_port = _start(app, "udp_server")
    _beat(root, [], 1)  # let the new window settle (first drawing, fonts) before measuring
    idle: list[float] = []
    _beat(root, idle, 3)
    tcp = spawn("peers", "tcp-flood", str(tcp_port), str(int(seconds)))
    udp = spawn("peers", "udp-pace", str(udp_port), str(int(seconds)), str(UDP_RATE))
    busy: list[float] = []
    rss: list[float] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        _beat(root, busy, 1.0)
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
