"""UDP flood: 64-byte datagrams at full speed from another process into a UdpServer, vs raw recvfrom."""

from __future__ import annotations

import json

from . import udp_receivers
from .common import Row, Stat, finish, read_line, spawn

SIZE = 64


def _send(port: int, count: int) -> dict:
    sender = spawn("peers", "udp-send", str(port), str(count), str(SIZE))
    try:
        return json.loads(read_line(sender, timeout=120))
    finally:
        finish(sender)


def run(quick: bool) -> list[Row]:
    count = 200_000 if quick else 1_000_000
    rounds = 2 if quick else 5
    raw: dict[str, list[float]] = {"rate": [], "loss": [], "cpu": []}
    ours: dict[str, list[float]] = {"rate": [], "loss": [], "cpu": []}
    for _ in range(rounds):  # interleaved, so drift hits both alike
        for measure, into in ((udp_receivers.raw, raw), (udp_receivers.socklab, ours)):
            received, rate, report, cpu = measure(lambda port: _send(port, count))
            sent = report["sent"]
            into["rate"].append(rate)
            into["loss"].append(100 * (sent - received) / sent)
            into["cpu"].append(cpu / max(received, 1) * 1e6)
    rate = Row("UDP flood", f"{count:,} × {SIZE} B datagrams received", "datagrams/s", Stat.of(ours["rate"]),
               Stat.of(raw["rate"]), "≥ 0.9× raw", False,
               note="both receivers keep up with the sending process, so the rate is mostly the sender's; "
                    "the CPU row shows what each receiver spends")
    rate.met = rate.ratio >= 0.9
    loss = Row("UDP flood", "datagrams lost", "%", Stat.of(ours["loss"]), Stat.of(raw["loss"]), "0 %",
               max(ours["loss"]) == 0, higher_is_better=False)
    cpu = Row("UDP flood", "receiving process CPU per datagram", "µs", Stat.of(ours["cpu"]),
              Stat.of(raw["cpu"]), "(for reading)", True, higher_is_better=False,
              note="SockLab's includes its consumer draining the events every 10 ms, as the window does")
    return [rate, loss, cpu]
