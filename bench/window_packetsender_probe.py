"""Packet Sender floods the real window: ``python -m bench.window_packetsender_probe COUNT ROUNDS``.

Starts SockLab's UDP server tab through its form on a free loopback port,
measures a 16 ms ``after()`` heartbeat while idle (the reference), then runs
``packetsender -q -u -A --num COUNT --rate 0 127.0.0.1 PORT DATA`` (free-running,
macros off as in bench/packetsender.py) and measures the heartbeat from its
start until the tab has counted every datagram Packet Sender says it sent (or
until the last slice that counted any, when the rest were dropped), ROUNDS
times, pooling the beats (a flood of 100,000 lasts about a second here: a few
dozen beats).  Prints one JSON line ({"skipped": why} when packetsender is missing
or fails).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
import tkinter as tk
from dataclasses import dataclass, field

from gui.app import App

from .common import Deadline, finish, percentile
from .packetsender import INSTALL, PAYLOAD, PacketSenderFailed, kernel_drops, parse_report, settings_home
from .window_kit import beat, most_beats, open_window, start_tab

IDLE_SECONDS = 3
SLICE = 0.1  # s of heartbeat between checks on the sender and the counter
QUIET = 2.0  # s without a new datagram counted: the rest were lost


@dataclass
class Beats:
    """The heartbeat's gaps while Packet Sender's datagrams arrive, over every round."""

    gaps: list[float] = field(default_factory=list)
    seconds: float = 0.0
    most: int = 0  # the most beats one chain could make in that time

    def run(self, root: tk.Misc, seconds: float) -> None:
        ran = beat(root, self.gaps, seconds)
        self.seconds += ran
        self.most += most_beats(ran)

    def mark(self) -> tuple[int, float, int]:
        return len(self.gaps), self.seconds, self.most

    def back_to(self, mark: tuple[int, float, int]) -> None:
        del self.gaps[mark[0]:]
        self.seconds, self.most = mark[1], mark[2]


def _flood(executable: str, port: int, count: int) -> tuple[subprocess.Popen, str]:
    """Start Packet Sender's CLI flood (private settings: macros off, no display); returns it and its home."""
    home = tempfile.mkdtemp(prefix="socklab-packetsender-")
    command = [executable, "-q", "-u", "-A", "--num", str(count), "--rate", "0", "127.0.0.1", str(port),
               PAYLOAD]
    process = subprocess.Popen(command, env=settings_home(home), stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
    return process, home


def _round(app: App, executable: str, port: int, count: int, beats: Beats) -> dict:
    """One Packet Sender flood into the UDP server tab, the heartbeat running until the tab has counted it."""
    root, tab = app.root, app.tabs["udp_server"]
    before = tab.received_count
    started = beats.seconds
    sender, home = _flood(executable, port, count)
    try:
        deadline = Deadline(30 + count / 10_000)
        while sender.poll() is None and not deadline.expired():
            beats.run(root, SLICE)
        if sender.poll() is None:
            raise PacketSenderFailed(f"packetsender did not finish sending {count:,} datagrams in time")
        report = parse_report(sender.stdout.read(), sender.returncode)
    finally:
        if sender.poll() is None:
            sender.kill()
        finish(sender, timeout=5)
        shutil.rmtree(home, ignore_errors=True)
    report["sending_seconds"] = beats.seconds - started
    last, quiet = tab.received_count, time.monotonic()
    kept = beats.mark()
    deadline = Deadline(30)
    while tab.received_count - before < report["sent"] and time.monotonic() - quiet < QUIET \
            and not deadline.expired():
        beats.run(root, SLICE)
        if tab.received_count != last:
            last, quiet = tab.received_count, time.monotonic()
            kept = beats.mark()
    beats.back_to(kept)  # the quiet slices waited for datagrams that had been dropped: not the flood's
    report["counted"] = tab.received_count - before
    return report


def main(count: int, rounds: int) -> None:
    executable = shutil.which("packetsender")
    if executable is None:
        print(json.dumps({"skipped": f"packetsender is not installed: {INSTALL}"}), flush=True)
        return
    app = open_window()
    port = start_tab(app, "udp_server")
    beat(app.root, [], 1)  # let the new window settle (first drawing, fonts) before measuring
    idle: list[float] = []
    idle_seconds = beat(app.root, idle, IDLE_SECONDS)
    drops_before = kernel_drops()
    beats = Beats()
    try:
        reports = [_round(app, executable, port, count, beats) for _ in range(rounds)]
    except PacketSenderFailed as exc:
        app.close()
        print(json.dumps({"skipped": str(exc)}), flush=True)
        return
    drops_after = kernel_drops()
    busy = beats.gaps
    result = {
        "count": count, "rounds": rounds, "sent": [r["sent"] for r in reports],
        "counted": [r["counted"] for r in reports], "sender_seconds": [r["seconds"] for r in reports],
        "sending_seconds": sum(r["sending_seconds"] for r in reports),
        "macros": any(r["macros"] for r in reports),
        "tab_dropped": app.tabs["udp_server"].status_bar.traffic.dropped,
        "kernel_drops": None if drops_before is None or drops_after is None else drops_after - drops_before,
        "idle_seconds": idle_seconds, "idle_beats": len(idle),
        "idle_p50": percentile(idle, 0.5), "idle_p99": percentile(idle, 0.99),
        "busy_seconds": beats.seconds, "busy_beats": len(busy), "busy_most": beats.most,
        "busy_p50": percentile(busy, 0.5), "busy_p99": percentile(busy, 0.99), "busy_max": max(busy),
    }
    app.close()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
