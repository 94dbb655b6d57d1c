"""10,000 concurrent TCP clients, 5 round trips each, against a TcpServer and a raw selectors server."""

from __future__ import annotations

import json

from .common import Row, Stat, finish, read_line, spawn

CLIENTS = 10_000
TRIPS = 5


def _one(kind: str, clients: int) -> dict:
    server = spawn("servers", kind)
    try:
        info = json.loads(read_line(server))
        client = spawn("peers", "many-clients", str(info["port"]), str(clients), str(TRIPS))
        try:
            result = json.loads(read_line(client, timeout=150))
        finally:
            finish(client)
        server.stdin.write("stop\n")
        server.stdin.flush()
        result.update(json.loads(read_line(server)), file_limit=info["file_limit"])
        return result
    finally:
        finish(server)


def run(quick: bool) -> list[Row]:
    clients = 2000 if quick else CLIENTS
    rounds = 2 if quick else 3
    raw, ours = [], []
    for _ in range(rounds):
        raw.append(_one("raw", clients))
        ours.append(_one("socklab", clients))
    limit = ours[0]["file_limit"]
    note = f"RLIMIT_NOFILE raised to {limit} in the server and client processes"
    seconds = Row("Many clients", f"{clients:,} concurrent clients × {TRIPS} round trips", "s",
                  Stat.of([r["seconds"] for r in ours]), Stat.of([r["seconds"] for r in raw]), "≤ 2× raw",
                  False, higher_is_better=False, note=note)
    seconds.met = seconds.ratio <= 2.0
    failures = Row("Many clients", "failed clients", "count", Stat.of([r["failures"] for r in ours]),
                   Stat.of([r["failures"] for r in raw]), "0", all(r["failures"] == 0 for r in ours),
                   higher_is_better=False)
    memory = Row("Many clients", "server peak RSS", "MiB", Stat.of([r["peak_rss_mib"] for r in ours]),
                 Stat.of([r["peak_rss_mib"] for r in raw]), "< 100 MiB",
                 max(r["peak_rss_mib"] for r in ours) < 100, higher_is_better=False)
    return [seconds, failures, memory]
