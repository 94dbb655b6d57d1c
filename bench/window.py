"""The real window under a TCP and a UDP flood (in its own process, under the display of the run)."""

from __future__ import annotations

import json

from .common import Row, Stat, finish, read_line, spawn


def _probe(seconds: int) -> dict:
    probe = spawn("window_probe", str(seconds))
    try:
        return json.loads(read_line(probe, timeout=seconds + 90))
    finally:
        finish(probe)


def run(quick: bool) -> list[Row]:
    seconds = 10 if quick else 75  # 30 s of warm-up (see window_probe.WARM_UP), then 45 s judged
    result = _probe(seconds)
    growth = 100 * (result["rss_last"] - result["rss_first"]) / result["rss_first"]
    heartbeat = Row("Window flood", f"16 ms heartbeat p99 during {seconds} s of TCP + UDP flood", "ms",
                    Stat.of([result["busy_p99"]]), Stat.of([result["idle_p99"]]), "< 50 ms",
                    result["busy_p99"] < 50, higher_is_better=False,
                    note=f"p50 {result['busy_p50']:.1f} ms, max {result['busy_max']:.1f} ms, "
                         f"{result['busy_beats']:,} beats in {result['busy_seconds']:.1f} s "
                         f"(one chain: at most {result['busy_most']:,}); reference: the idle window's "
                         f"heartbeat, p50 {result['idle_p50']:.1f} ms, {result['idle_beats']} beats in "
                         f"{result['idle_seconds']:.1f} s (at most {result['idle_most']})")
    memory = Row("Window flood", "RSS change after 30 s: median of the last third vs the first", "%",
                 Stat.of([growth]), None, "± 10 %", abs(growth) <= 10, higher_is_better=False,
                 note=f"medians {result['rss_first']:.0f} → {result['rss_last']:.0f} MiB; samples "
                      f"{result['rss_min']:.0f}–{result['rss_max']:.0f} MiB, first "
                      f"{result['rss_first_sample']:.0f}, last {result['rss_last_sample']:.0f} "
                      "(sampled after each return of free heap pages, less what the endpoints hold for "
                      "the window)")
    exact = result["tcp_counted"] == result["tcp_sent"] and result["udp_counted"] == result["udp_sent"]
    counters = Row("Window flood", "bytes and datagrams counted of those sent", "%",
                   Stat.of([100 * (result["tcp_counted"] + result["udp_counted"])
                            / (result["tcp_sent"] + result["udp_sent"])]), None, "100 % (exact)", exact,
                   note=f"TCP {result['tcp_counted']:,}/{result['tcp_sent']:,} B, "
                        f"UDP {result['udp_counted']:,}/{result['udp_sent']:,} datagrams")
    capped = Row("Window flood", "log lines kept", "lines", Stat.of([result["log_lines"]]), None,
                 f"≤ {result['log_cap']:,}", result["log_lines"] <= result["log_cap"], higher_is_better=False)
    if quick:  # 10 s lie inside the 30 s warm-up: the samples would compare the warm-up with itself
        return [heartbeat, counters, capped]
    return [heartbeat, memory, counters, capped]
