"""UDP floods in the window: what could not be shown is said once per refresh; what the OS dropped is said."""

from __future__ import annotations

import queue
import socket
import time

from gui.parts.log_feed import DATAGRAMS_PER_TICK
from netcore import DatagramsDropped

from ..helpers import wait_for
from .drive import log_text, pump_for, start_server, w, wait_until


def _hold_events(app) -> list:
    held: list = []
    while True:
        try:
            held.append(app.events.get_nowait())
        except queue.Empty:
            return held


def test_datagrams_not_shown_are_summed_up_once_per_refresh(app):
    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    app.pump.close()  # nothing is drawn meanwhile: the batches wait, as behind a busy window
    held: list = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for burst in range(300):  # many small batches, the way many senders arrive
            for i in range(4):
                sender.sendto(b"%d.%d" % (burst, i), ("127.0.0.1", port))
            time.sleep(0.0005)
    wait_for(lambda: held.extend(_hold_events(app)) or sum(
        len(e.payloads) for e in held if hasattr(e, "payloads")) == 1200)
    batches = [e for e in held if hasattr(e, "payloads")]
    assert len(batches) > 20  # else this test would not test anything
    for event in held:
        app.events.put(event)
    app.pump.closed = False
    app.pump.start()
    wait_until(app.root, lambda: tab.received_count == 1200)
    log = log_text(app, "udp_server").splitlines()
    lines = [line for line in log if "more datagrams" in line]
    assert 1 <= len(lines) <= 3, lines  # one per refresh (the queue may take a tick or three), not per batch
    hidden = sum(int(line.split("·")[-1].split()[0].replace(",", "")) for line in lines)
    assert len(lines) * DATAGRAMS_PER_TICK < 1200  # each refresh that hid some showed the newest in full
    # every datagram is accounted for on screen: shown, said hidden by a refresh, or skipped by a draw
    shown = sum("received from" in line for line in log)
    skipped = sum(int(line.split("… ")[1].split()[0].replace(",", "")) for line in log if "not drawn" in line)
    assert shown + hidden + skipped == 1200, (shown, hidden, skipped)


def test_datagrams_the_os_dropped_are_told_in_the_log_and_the_status_line(app):
    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    app.pump.close()  # a window too busy to look: the tab's flow control stops reading, the OS drops
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for _ in range(40_000):
            sender.sendto(b"x" * 1400, ("127.0.0.1", port))  # 56 MB: far past 8 MiB + the socket buffer
    held: list = []  # the endpoint reads its drop counter every 0.25 s: wait for its report

    def dropped_reported() -> bool:
        held.extend(_hold_events(app))
        return any(isinstance(e, DatagramsDropped) for e in held)

    wait_for(dropped_reported)
    for event in held:
        app.events.put(event)
    app.pump.closed = False
    app.pump.start()
    # the log line is checked as soon as it is drawn: the capped log moves on with later datagrams
    wait_until(app.root, lambda: tab.status_bar.traffic.dropped > 0
               and "The operating system dropped" in log_text(app, "udp_server"), timeout=10)
    status = w(app, "tabs.udp_server.status_bar.status")
    wait_until(app.root, lambda: "dropped by the OS" in status.cget("text"))
    assert tab.received_count + tab.status_bar.traffic.dropped <= 40_000


def test_a_flood_is_drawn_a_bounded_amount_at_a_time_and_the_skipped_part_is_said(app):
    from gui import log_view

    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    app.pump.close()
    held: list = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for burst in range(40):
            for i in range(100):
                sender.sendto(b"%d.%d" % (burst, i), ("127.0.0.1", port))
            time.sleep(0.002)  # paced: the kernel drops none
    wait_for(lambda: held.extend(_hold_events(app)) or sum(
        len(e.payloads) for e in held if hasattr(e, "payloads")) == 4000)
    for event in held:
        app.events.put(event)
    drawn: list[int] = []  # lines given to each Text.insert: the work of one draw
    insert = tab.log.text.insert

    def counting_insert(index, *args):
        drawn.append(sum(str(text).count("\n") for text in args[::2]) + 1)
        return insert(index, *args)

    tab.log.text.insert = counting_insert
    app.pump.closed = False
    app.pump.start()
    # what is not shown is said: hidden by a refresh ("more datagrams arrived") or skipped by a draw
    def told() -> bool:
        text = log_text(app, "udp_server")
        return "not drawn" in text or "more datagrams arrived" in text

    wait_until(app.root, lambda: tab.received_count == 4000 and told(), timeout=10)
    def accounted() -> tuple[int, int, int]:
        log = log_text(app, "udp_server").splitlines()
        shown = sum("received from" in line for line in log)
        hidden = sum(int(line.split("·")[-1].split()[0].replace(",", ""))
                     for line in log if "more datagrams" in line)
        skipped = sum(int(line.split("… ")[1].split()[0].replace(",", ""))
                      for line in log if "not drawn" in line)
        return shown, hidden, skipped

    # the rest of what waits is drawn, a bounded amount at a time (drawing rests between draws)
    wait_until(app.root, lambda: sum(accounted()) == 4000, timeout=10)
    assert drawn and max(drawn) <= log_view.MAX_DRAW_LINES + 2  # and a note or two
    assert tab.received_count == 4000  # every one counted
    assert sum(accounted()) == 4000, accounted()


def test_a_log_not_shown_draws_nothing_until_its_tab_is_shown(app):
    from .drive import select_tab

    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    select_tab(app, "tcp_client")  # the UDP server's log is hidden now
    drawn: list[int] = []
    insert = tab.log.text.insert
    tab.log.text.insert = lambda index, *args: drawn.append(1) or insert(index, *args)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for i in range(50):
            sender.sendto(b"hidden %d" % i, ("127.0.0.1", port))
    wait_until(app.root, lambda: tab.received_count == 50)
    pump_for(app.root, 0.2)
    assert not drawn  # counted, kept, not drawn: a hidden log costs the window nothing
    select_tab(app, "udp_server")
    wait_until(app.root, lambda: drawn and "hidden 49" in tab.log.text.get("1.0", "end"))


def test_bursts_say_once_a_refresh_how_many_were_not_shown_without_skipping_one_or_two(app):
    # once the log is behind, a refresh shows one draw's worth of the newest datagrams and one line
    # saying how many more came; that line must fit in what may wait, else every refresh skipped one
    # entry and said so ("… 1 entry was not drawn") between the lines that matter
    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for burst in range(20):
            for n in range(400):
                sender.sendto(b"burst %d datagram %d" % (burst, n), ("127.0.0.1", port))
            pump_for(app.root, 0.005)
            wait_until(app.root, lambda burst=burst: tab.received_count == 400 * (burst + 1))
    pump_for(app.root, 1.0)
    log = log_text(app, "udp_server").splitlines()
    assert any("more datagrams arrived at once" in line for line in log)
    tiny = [line for line in log if "… 1 entry was not drawn" in line or "… 2 entries were not drawn" in line]
    assert not tiny, tiny[:3]
