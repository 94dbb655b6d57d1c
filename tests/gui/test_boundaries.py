"""Stream vs datagram boundaries in the log, and the Learn menu's demo (issue 11, item 5)."""

from __future__ import annotations

import re
import socket
import time

import pytest

from gui.log_view import DISPLAY_BYTES, MAX_WAITING_LINES, MENU_BOUNDARIES
from gui.parts.log_feed import MARKED_READS_PER_TICK
from netcore import DataReceived, Peer

from .drive import log_text, select_tab, start_client, start_server, w, wait_until

LOG = "tabs.{tab}.middle.panes.log"
RECV_MARK = re.compile(r"┤ recv\(\) #(\d+): (\d+) bytes ├")
DATAGRAM_MARK = re.compile(r"┤ datagram #(\d+): (\d+) bytes ├")


def mark_boundaries(app, tab: str) -> None:
    """Tick "Mark recv() and datagram boundaries" in the log's right-click menu."""
    menu = w(app, LOG.format(tab=tab) + ".body.text.menu")
    assert menu.entrycget(MENU_BOUNDARIES, "label") == "Mark recv() and datagram boundaries"
    menu.invoke(MENU_BOUNDARIES)
    assert app.tabs[tab].log.boundaries.get()


def learn(app, label: str) -> None:
    menu = w(app, "menubar.learn")
    labels = [menu.entrycget(i, "label") if menu.type(i) != "separator" else ""
              for i in range(menu.index("end") + 1)]
    menu.invoke(labels.index(label))
    app.root.update()


@pytest.mark.skipif(not hasattr(socket, "TCP_CORK"), reason="TCP_CORK (Linux) makes three sends one segment")
def test_three_tcp_sends_arriving_together_are_one_chunk(app):
    port = start_server(app, "tcp_server")
    mark_boundaries(app, "tcp_server")
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        wait_until(app.root, lambda: "connected" in log_text(app, "tcp_server"))
        # corked: the three sends leave as one segment, so the server's one recv() gets all three
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
        for message in (b"one|", b"two|", b"three|"):
            raw.send(message)
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 0)
        wait_until(app.root, lambda: "three|" in log_text(app, "tcp_server"))
        raw.send(b"later")  # after the first was read: a recv() of its own
        wait_until(app.root, lambda: "later" in log_text(app, "tcp_server"))
    text = log_text(app, "tcp_server")
    assert RECV_MARK.findall(text) == [("1", "14"), ("2", "5")]
    assert "(14 B): one|two|three|" in text


def test_without_marks_reads_merge_and_nothing_is_counted(app):
    port = start_server(app, "udp_server")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for number in range(3):
            sender.sendto(b"d%d" % number, ("127.0.0.1", port))
        wait_until(app.root, lambda: "d2" in log_text(app, "udp_server"))
    assert "┤" not in log_text(app, "udp_server")


def test_udp_keeps_each_datagram_whole(app):
    port = start_server(app, "udp_server")
    mark_boundaries(app, "udp_server")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for number in range(1, 6):
            sender.sendto(b"msg-%d" % number, ("127.0.0.1", port))
        wait_until(app.root, lambda: "msg-5" in log_text(app, "udp_server"))
    marks = DATAGRAM_MARK.findall(log_text(app, "udp_server"))
    assert marks == [(str(n), "5") for n in range(1, 6)]
    # off again: the marks disappear from what is drawn, the data stays
    w(app, LOG.format(tab="udp_server") + ".body.text.menu").invoke(MENU_BOUNDARIES)
    assert "┤" not in log_text(app, "udp_server") and "msg-5" in log_text(app, "udp_server")


def test_the_tcp_demo_sends_five_and_the_server_sees_them_in_chunks(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    learn(app, "Boundaries demo")
    client = log_text(app, "tcp_client")
    assert [f"(5 B): msg-{n}" in client for n in range(1, 6)] == [True] * 5
    assert "Boundaries demo: 5 messages went out in 5 send() calls. TCP carries a stream of bytes" in client

    def received() -> int:
        return sum(int(size) for _, size in RECV_MARK.findall(log_text(app, "tcp_server")))

    wait_until(app.root, lambda: received() == 25, what=lambda: log_text(app, "tcp_server"))
    marks = RECV_MARK.findall(log_text(app, "tcp_server"))
    assert [int(number) for number, _ in marks] == list(range(1, len(marks) + 1))  # numbered per connection
    assert "msg-1" in log_text(app, "tcp_server")


def test_the_udp_demo_gives_five_datagrams(app):
    port = start_server(app, "udp_server")
    start_client(app, "udp_client", port)
    learn(app, "Boundaries demo")
    wait_until(app.root, lambda: len(DATAGRAM_MARK.findall(log_text(app, "udp_server"))) == 5)
    assert DATAGRAM_MARK.findall(log_text(app, "udp_server")) == [(str(n), "5") for n in range(1, 6)]
    assert "UDP keeps each datagram whole" in log_text(app, "udp_client")


def test_the_demo_says_where_it_runs(app):
    select_tab(app, "tcp_server")
    learn(app, "Boundaries demo")
    assert "runs on the TCP client and UDP client tabs" in log_text(app, "tcp_server")
    select_tab(app, "udp_client")
    learn(app, "Boundaries demo")
    assert "open (UDP) this tab first" in log_text(app, "udp_client")
    assert app.tabs["udp_client"].sent_count == 0


def test_a_flood_of_marked_reads_still_merges_and_stays_bounded(app):
    """Many reads in one tick: the first ones marked one by one, the rest one merged entry."""
    tab = app.tabs["tcp_server"]
    select_tab(app, "tcp_server")
    mark_boundaries(app, "tcp_server")
    peer = Peer.ipv4("127.0.0.1", 40000)
    reads = 5 * MARKED_READS_PER_TICK
    events = [DataReceived("tcp_server#0", peer, b"x" * 10, 1, time.monotonic()) for _ in range(reads)]
    tab.feed.handle(events)
    made = tab.log._pending  # what the feed made of them, before the log draws (and skips) any
    assert len(made) == MARKED_READS_PER_TICK + 1
    assert [entry.mark for entry in made[:3]] == [("recv", 1, 1), ("recv", 2, 1), ("recv", 3, 1)]
    merged = reads - MARKED_READS_PER_TICK
    assert made[-1].mark == ("recv", MARKED_READS_PER_TICK + 1, merged)
    assert made[-1].size == merged * 10 and len(made[-1].data) <= DISPLAY_BYTES
    tab.feed.redraw()
    text = log_text(app, "tcp_server")
    assert (f"┤ recv() #{MARKED_READS_PER_TICK + 1}–#{reads:,}: {merged * 10:,} bytes in {merged:,} reads, "
            "merged (too many to mark one by one) ├") in text
    assert tab.log.line_count() <= MAX_WAITING_LINES + 10  # the log's own flood bound still holds
