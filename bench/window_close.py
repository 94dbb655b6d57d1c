"""Closing the real window mid-flood while it saves what it receives (each window in its own process)."""

from __future__ import annotations

import json

from .common import Row, Stat, finish, read_line, spawn

BENCHMARK = "Window close"
FLOOD_SECONDS = 3


def _probe(seconds: int) -> dict:
    probe = spawn("window_close_probe", str(seconds))
    try:
        return json.loads(read_line(probe, timeout=seconds + 90))
    finally:
        finish(probe)


def run(quick: bool) -> list[Row]:
    idle = _probe(0)
    busy = _probe(FLOOD_SECONDS)
    timing = Row(BENCHMARK, f"app.close() after {FLOOD_SECONDS} s of TCP flood, saving to a file", "s",
                 Stat.of([busy["close_seconds"]]), Stat.of([idle["close_seconds"]]), "< 1 s",
                 busy["close_seconds"] < 1, higher_is_better=False,
                 note="reference: closing the idle window (TCP server tab listening and saving, no peer); "
                      f"during the flood the 16 ms heartbeat's p99 was {busy['p99']:.0f} ms "
                      f"({busy['beats']} beats in {FLOOD_SECONDS} s)")
    # close() saves what had arrived but was not handled yet without counting it, so the file may hold
    # more than the counters: nothing is lost when it holds every counted byte, in order.
    size, counted = busy["file_bytes"], busy["counted"]
    stream = "the flood's stream, intact" if busy["file_intact"] else "NOT the flood's stream: bytes missing"
    saved = Row(BENCHMARK, "bytes in the saved file of those the tab counted, after close", "%",
                Stat.of([100 * size / counted if counted else 0.0]), None, "≥ 100 %, every byte in order",
                counted > 0 and size >= counted and busy["file_intact"],
                note=f"file {size:,} B ({stream}), counted {counted:,} B "
                     f"({busy['counted_before_close']:,} before close); {size - counted:,} B had arrived "
                     f"but were not handled yet when close began (saved, not counted); the peer had sent "
                     f"{busy['peer_sent']:,} B, {busy['peer_sent'] - size:,} B of them still in the "
                     "sockets' buffers when the connection closed")
    return [timing, saved]
