"""The real window under a flood, run as its own process: ``python -m bench.window_probe SECONDS``.

Starts SockLab's TCP and UDP server tabs through their forms, measures a 16 ms
``after()`` heartbeat while idle (the reference) and while a TCP flood and a
paced UDP flood arrive from other processes, samples the process's memory,
then checks the counters against what the senders sent and that the log
stayed capped.  Prints one JSON line.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from gui import log_view

from .common import finish, percentile, read_line, rss_mib, spawn
from .window_kit import beat, most_beats, open_window, start_tab

UDP_RATE = 20_000  # datagrams a second: paced, so every one can be counted
IDLE_SECONDS = 3


# s (one sample a second) before the memory counts: the window's bounded stores fill first (the log's
# 4 MiB of kept data takes about 13 s of this flood, the trace pane's 2,000 lines as long); a 60 s run
# sat at 45–75 MiB from 15 s on, its first 15 s at 48–63
WARM_UP = 15


def _memory(rss: list[float]) -> dict[str, float]:
    """The resident size after warm-up: the median of its first third against the median of its last.

    One sample swings by what is queued at that instant (a TCP tab holds up to 8 MiB for the window)
    and by when free pages last went back to the system; a leak moves the medians, a swing does not.
    """
    settled = rss[WARM_UP - 1:] if len(rss) > WARM_UP + 2 else rss
    third = max(1, len(settled) // 3)
    return {"rss_first": statistics.median(settled[:third]), "rss_last": statistics.median(settled[-third:]),
            "rss_max": max(settled), "rss_min": min(settled),
            "rss_first_sample": settled[0], "rss_last_sample": settled[-1]}


def main(seconds: float) -> None:
    app = open_window()
    root = app.root
    tcp_port = start_tab(app, "tcp_server")
    udp_port = start_tab(app, "udp_server")
    beat(root, [], 1)  # let the new window settle (first drawing, fonts) before measuring
    idle: list[float] = []
    idle_seconds = beat(root, idle, IDLE_SECONDS)
    tcp = spawn("peers", "tcp-flood", str(tcp_port), str(int(seconds)))
    udp = spawn("peers", "udp-pace", str(udp_port), str(int(seconds)), str(UDP_RATE))
    busy: list[float] = []
    rss: list[float] = []
    end = time.monotonic() + seconds
    busy_seconds = 0.0
    busy_most = 0
    while time.monotonic() < end:
        ran = beat(root, busy, 1.0)
        busy_seconds += ran
        busy_most += most_beats(ran)
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
        "idle_seconds": idle_seconds, "idle_beats": len(idle), "idle_most": most_beats(idle_seconds),
        "busy_seconds": busy_seconds, "busy_beats": len(busy), "busy_most": busy_most,
        "idle_p50": percentile(idle, 0.5), "idle_p99": percentile(idle, 0.99),
        "busy_p50": percentile(busy, 0.5), "busy_p99": percentile(busy, 0.99), "busy_max": max(busy),
        **_memory(rss),
        "tcp_sent": tcp_sent, "tcp_counted": server_tcp.received_bytes,
        "udp_sent": udp_sent, "udp_counted": server_udp.received_count,
        "log_lines": max(server_tcp.log.line_count(), server_udp.log.line_count()),
        "log_cap": log_view.MAX_LINES,
    }
    app.close()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(float(sys.argv[1]))
