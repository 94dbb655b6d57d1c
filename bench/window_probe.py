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


# s before the memory counts: the window's bounded stores fill first (the log's 4 MiB of kept data takes
# about 13 s of this flood, the trace pane's 2,000 lines as long, Tcl's own allocator longer); a 90 s
# run rose from 41–48 MiB to 45–54 by 20–25 s, then stayed there
WARM_UP = 30
# One sample each time the window gives free heap pages back (gui/app.py, every 2 s), less what its
# endpoints hold for it (flow control: up to 8 MiB a tab).  Sampled at any moment, the size swung by
# 30 MiB with what had just been freed and not yet returned (45–75 MiB in one run; medians of thirds
# moved by −7 % to +16 % between runs of the same code); after the return, by about 8.
SAMPLE_SECONDS = 2.0


def _memory(rss: list[float]) -> dict[str, float]:
    """The resident size after warm-up: the median of its first third against the median of its last
    (a leak moves the medians, a swing of one sample does not)."""
    first = round(WARM_UP / SAMPLE_SECONDS) - 1
    settled = rss[first:] if len(rss) > first + 8 else rss
    third = max(1, len(settled) // 3)
    return {"rss_first": statistics.median(settled[:third]), "rss_last": statistics.median(settled[-third:]),
            "rss_max": max(settled), "rss_min": min(settled),
            "rss_first_sample": settled[0], "rss_last_sample": settled[-1],
            "rss_samples": [round(sample, 1) for sample in rss]}


def _in_transit(app) -> float:
    """MiB received by the tabs' endpoints and not yet taken by the window (bounded by flow control:
    up to 8 MiB a tab), which one sample of the process's size also holds."""
    return sum(tab.endpoint.unconsumed for tab in (app.tabs["tcp_server"], app.tabs["udp_server"])
               if tab.endpoint is not None) / (1024 * 1024)


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
    give_back = app._give_back_memory

    def give_back_then_sample() -> None:  # the window's own every-2-s return of free heap pages
        give_back()
        rss.append(rss_mib() - _in_transit(app))

    app._give_back_memory = give_back_then_sample
    while time.monotonic() < end:
        ran = beat(root, busy, 1.0)
        busy_seconds += ran
        busy_most += most_beats(ran)
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
