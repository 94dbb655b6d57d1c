"""Packet Sender's CLI flooding the real window's UDP server tab (own process, under the run's display)."""

from __future__ import annotations

import json

from .common import Row, Stat, finish, read_line, spawn

BENCHMARK = "Window × Packet Sender"


def run(quick: bool) -> list[Row]:
    count, rounds = (20_000, 2) if quick else (100_000, 3)
    probe = spawn("window_packetsender_probe", str(count), str(rounds))
    try:
        r = json.loads(read_line(probe, timeout=60 + rounds * (60 + count / 5_000)))
    finally:
        finish(probe)
    if "skipped" in r:
        return [Row(BENCHMARK, "16 ms heartbeat p99 during the flood", "ms", Stat.of([0.0]), None, "< 50 ms",
                    False, higher_is_better=False, note=f"did not run: {r['skipped']}")]
    sent, counted = sum(r["sent"]), sum(r["counted"])
    heartbeat = Row(BENCHMARK, f"16 ms heartbeat p99 while packetsender --num {count:,} --rate 0 floods",
                    "ms", Stat.of([r["busy_p99"]]), Stat.of([r["idle_p99"]]), "< 50 ms", r["busy_p99"] < 50,
                    higher_is_better=False,
                    note=f"p50 {r['busy_p50']:.1f} ms, max {r['busy_max']:.1f} ms, {r['busy_beats']:,} "
                         f"beats in {r['busy_seconds']:.1f} s (one chain: at most {r['busy_most']:,}) over "
                         f"{rounds} floods, each from the sender's start ({r['sending_seconds']:.1f} s while "
                         f"they ran) until the tab counted its last datagram; reference: the idle window's "
                         f"heartbeat, "
                         f"p50 {r['idle_p50']:.1f} ms, {r['idle_beats']} beats in {r['idle_seconds']:.1f} s")
    drops = f"; the tab shows {r['tab_dropped']:,} dropped by the OS"
    if r["kernel_drops"] is not None:
        drops += f", the kernel counted {r['kernel_drops']:,} receive-buffer drops (system-wide)"
    shares = [100 * c / s for c, s in zip(r["counted"], r["sent"], strict=True)]
    seconds = ", ".join(f"{s:.2f}" for s in r["sender_seconds"])
    counted_row = Row(BENCHMARK, "datagrams counted by the UDP server tab of those Packet Sender sent", "%",
                      Stat.of(shares), None, "100 % (every one)", counted >= sent,
                      note=f"{counted:,} of {sent:,} over {rounds} floods (asked for {rounds} × {count:,}; "
                           f"Packet Sender reported sending each in {seconds} s, macros "
                           f"{'ON: slower' if r['macros'] else 'off'}){drops}")
    return [heartbeat, counted_row]
