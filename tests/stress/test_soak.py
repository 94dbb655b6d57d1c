"""A bounded soak: all four tabs busy at once for a minute; memory and threads flat, counters exact."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.common import rss_mib
from gui.tab import FLOW_LIMIT, UDP_FLOW_LIMIT
from netcore import describe

from ..gui.drive import send_text, start_client, start_server, wait_until

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 60


def _peer(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bench.peers", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)


def test_mixed_load_on_all_four_tabs(app):
    tcp_port = start_server(app, "tcp_server")
    udp_port = start_server(app, "udp_server")
    start_client(app, "tcp_client", tcp_port)
    start_client(app, "udp_client", udp_port)
    tabs = app.tabs
    wait_until(app.root, lambda: len(tabs["tcp_server"].clients.peers()) == 1)
    # the UDP server tab answers the UDP client tab, not the flood: select the client in its sender list
    send_text(app, "udp_client", "hello")
    senders = tabs["udp_server"].senders
    client_address = describe(tabs["udp_client"].endpoint.local_addresses[0])
    wait_until(app.root, lambda: senders.exists(client_address))
    senders.selection_set(client_address)
    app.root.update()
    assert tabs["udp_server"].target.get() == "selected"
    # the same for the TCP server tab: "send to all" would also write to the flood, which never reads,
    # and a peer closing with unread data resets the connection (losing what was still in flight)
    clients = tabs["tcp_server"].clients
    (row,) = clients.get_children()  # rows are keyed by connection id; its label is the address
    assert clients.item(row, "values")[0] == describe(tabs["tcp_client"].endpoint.local_addresses[0])
    clients.selection_set(row)
    app.root.update()
    assert tabs["tcp_server"].target.get() == "selected"
    floods = [_peer("tcp-flood", str(tcp_port), str(SECONDS)),
              _peer("udp-pace", str(udp_port), str(SECONDS), "5000")]
    # the process's size, each time the window gives free heap pages back (every 2 s), less what the
    # endpoints hold for it: sampled at any moment it swung with freed pages not yet returned
    # (96–120 MiB in one run, whose last sample was 13 % over its first)
    rss: list[float] = []
    give_back = app._give_back_memory

    def give_back_then_sample() -> None:
        give_back()
        held = sum(tab.endpoint.unconsumed for tab in tabs.values() if tab.endpoint is not None)
        rss.append(rss_mib() - held / 2**20)

    app._give_back_memory = give_back_then_sample
    threads: list[int] = []
    typed = {"tcp_client": 0, "udp_client": 1, "tcp_server": 0, "udp_server": 0}
    started = time.monotonic()
    next_sample = started + 5
    try:
        while time.monotonic() - started < SECONDS:
            for tab in typed:  # a person typing on every tab, twice a second
                send_text(app, tab, f"{tab} message {typed[tab]}")
                typed[tab] += 1
            end = time.monotonic() + 0.5
            while time.monotonic() < end:
                app.root.update()
                time.sleep(0.002)
            if time.monotonic() >= next_sample:
                threads.append(threading.active_count())
                next_sample += 5
        sent = [json.loads(flood.communicate(timeout=60)[0]) for flood in floods]
    finally:
        for flood in floods:
            if flood.poll() is None:
                flood.kill()
                flood.wait(10)
    tcp_flood, udp_flood = sent[0]["sent"], sent[1]["sent"]
    # every message typed on a client arrived at its server, and the other way round
    typed_bytes = {tab: sum(len(f"{tab} message {i}") for i in range(n)) for tab, n in typed.items()}
    typed_bytes["udp_client"] += len("hello") - len("udp_client message 0")  # the first one was "hello"

    def counters() -> str:
        return (f"tcp flood {tcp_flood}, udp flood {udp_flood}, typed {typed}; received: "
                + ", ".join(f"{n} {t.received_bytes} B/{t.received_count}" for n, t in tabs.items()))

    wait_until(app.root, lambda: tabs["tcp_server"].received_bytes == tcp_flood + typed_bytes["tcp_client"],
               timeout=60, what=counters)
    wait_until(app.root, lambda: tabs["udp_server"].received_count == udp_flood + typed["udp_client"],
               timeout=30, what=counters)
    wait_until(app.root, lambda: tabs["tcp_client"].received_bytes == typed_bytes["tcp_server"], timeout=30,
               what=counters)
    wait_until(app.root, lambda: tabs["udp_client"].received_count == typed["udp_server"], timeout=30,
               what=counters)
    assert tabs["udp_server"].received_bytes == udp_flood * 64 + typed_bytes["udp_client"]
    settled = rss[7:]  # after the first 15 s
    third = len(settled) // 3
    # no growth over the run (a leak: the last third's median against the first's), and swings bounded
    # by what flow control lets wait for the window: a TCP tab's queue and a UDP tab's
    first, last = statistics.median(settled[:third]), statistics.median(settled[-third:])
    assert last <= 1.1 * first, f"memory grew: {first:.1f} → {last:.1f} MiB: {rss}"
    queued = (FLOW_LIMIT + UDP_FLOW_LIMIT) / 2**20
    assert max(settled) - min(settled) <= queued + 8, f"memory swung: {rss} MiB"
    assert len(set(threads)) == 1, f"threads changed: {threads}"
    for tab in app.tabs.values():
        assert tab.log.line_count() <= 5000
