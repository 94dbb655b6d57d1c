"""Saving received data per peer, exporting the log, a full disk, and Tools → Statistics… (issue 12,
items 3 and 4), over real loopback sockets and driven through the window's menus and widgets."""

from __future__ import annotations

import csv
import datetime
import re
import socket
import time

import pytest

from .drive import log_text, select_tab, send_text, start_client, start_server, w, wait_until

CLIENTS = "tabs.tcp_server.middle.panes.clients_panel"


def menu_index(menu, label: str) -> int:
    """The index of the entry labelled ``label`` (fails if there is none)."""
    for index in range(menu.index("end") + 1):
        if menu.type(index) != "separator" and menu.entrycget(index, "label") == label:
            return index
    raise AssertionError(f"no entry {label!r}")


def invoke(app, menu_path: str, label: str) -> None:
    menu = w(app, menu_path)
    menu.invoke(menu_index(menu, label))
    app.root.update()


def save_dialog(monkeypatch, path) -> list[dict]:
    """The save dialog answers ``path``; returns the options it was opened with."""
    asked: list[dict] = []

    def answer(**options):
        asked.append(options)
        return str(path)

    monkeypatch.setattr("gui.workbench.saving.filedialog.asksaveasfilename", answer)
    monkeypatch.setattr("gui.app.filedialog.asksaveasfilename", answer)
    return asked


# ------------------------------------------------------------------ per peer
def test_each_tcp_client_gets_a_file_with_exactly_its_bytes(app, tmp_path, monkeypatch):
    save_dialog(monkeypatch, tmp_path / "rx.bin")
    port = start_server(app, "tcp_server")
    tab = app.tabs["tcp_server"]
    invoke(app, "menubar.tools", "Save received data, one file per peer…")
    assert w(app, "menubar.file").entrycget(2, "state") == "normal"  # Stop saving is offered
    assert "rx-<peer>.bin" in w(app, "tabs.tcp_server.status_bar.status").cget("text")
    sent = {}
    with socket.create_connection(("127.0.0.1", port)) as a, \
            socket.create_connection(("127.0.0.1", port)) as b:
        wait_until(app.root, lambda: len(tab.clients.peers()) == 2)
        for sock in (a, b):
            sent[sock.getsockname()[1]] = bytearray()
        for i in range(300):  # interleaved, each waiting for the window so the files see them mixed
            for name, sock in ((b"A", a), (b"B", b)):
                chunk = name + b"%05d|" % i + bytes([i % 256]) * (i % 7)
                sock.sendall(chunk)
                sent[sock.getsockname()[1]] += chunk
            if i % 50 == 0:
                total = sum(map(len, sent.values()))
                wait_until(app.root, lambda total=total: tab.received_bytes == total)
        total = sum(map(len, sent.values()))
        wait_until(app.root, lambda: tab.received_bytes == total)
        app.root.update()
        files = {port_: tmp_path / f"rx-127.0.0.1_{port_}.bin" for port_ in sent}
        # written when the tab draws: the files hold everything received before the window went idle
        wait_until(app.root, lambda: all(f.exists() and f.stat().st_size == len(sent[p])
                                         for p, f in files.items()))
    invoke(app, "menubar.file", "Stop saving received data")
    for port_, path in files.items():
        assert path.read_bytes() == bytes(sent[port_])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.name for f in files.values())
    wait_until(app.root, lambda: log_text(app, "tcp_server").count("Stopped saving what") == 2)
    assert w(app, "menubar.file").entrycget(2, "state") == "disabled"


def test_a_client_chosen_in_the_list_is_saved_alone(app, tmp_path, monkeypatch):
    target = tmp_path / "chosen.bin"
    asked = save_dialog(monkeypatch, target)
    port = start_server(app, "tcp_server")
    tab = app.tabs["tcp_server"]
    with socket.create_connection(("127.0.0.1", port)) as a, \
            socket.create_connection(("127.0.0.1", port)) as b:
        wait_until(app.root, lambda: len(tab.clients.peers()) == 2)
        clients = w(app, f"{CLIENTS}.body.clients")
        first = clients.get_children()[0]
        chosen_port = int(clients.item(first, "values")[0].rsplit(":", 1)[1])
        clients.selection_set(first)
        invoke(app, f"{CLIENTS}.menu", "Save received data from selected…")
        assert asked[0]["initialfile"] == f"socklab-tcp_server-127.0.0.1_{chosen_port}.bin"
        chosen, other = (a, b) if a.getsockname()[1] == chosen_port else (b, a)
        for i in range(50):
            chosen.sendall(b"mine %d;" % i)
            other.sendall(b"not mine %d;" % i)
        expected = b"".join(b"mine %d;" % i for i in range(50))
        wait_until(app.root, lambda: tab.received_bytes == len(expected) + sum(len(b"not mine %d;" % i)
                                                                               for i in range(50)))
        # the chosen client is disconnected (the panel's button): its file is complete, saving ends
        w(app, f"{CLIENTS}.controls.buttons.disconnect").invoke()
        wait_until(app.root, lambda: "Stopped saving what" in log_text(app, "tcp_server"),
                   what=lambda: log_text(app, "tcp_server"))
    assert target.read_bytes() == expected
    assert w(app, "menubar.file").entrycget(2, "state") == "disabled"


def test_each_udp_sender_gets_a_file_with_exactly_its_datagrams(app, tmp_path, monkeypatch):
    save_dialog(monkeypatch, tmp_path / "dgrams.dat")
    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    invoke(app, "menubar.tools", "Save received data, one file per peer…")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as a, \
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as b:
        expected = {}
        for sock, name in ((a, b"a"), (b, b"b")):
            sock.bind(("127.0.0.1", 0))
            expected[sock.getsockname()[1]] = b"".join(name + b"%04d" % i for i in range(200))
        for i in range(200):
            a.sendto(b"a%04d" % i, ("127.0.0.1", port))
            b.sendto(b"b%04d" % i, ("127.0.0.1", port))
        wait_until(app.root, lambda: tab.received_count == 400)
    invoke(app, "menubar.file", "Stop saving received data")
    for sender_port, data in expected.items():
        assert (tmp_path / f"dgrams-127.0.0.1_{sender_port}.dat").read_bytes() == data
    # the statistics count each sender's datagrams apart (batches mixing two senders)
    invoke(app, "menubar.tools", "Statistics…")
    window = w(app, "stats_udp_server")
    table = window.nametowidget("body.table_frame.table")
    window.redraw()
    rows = {table.item(iid, "values")[0]: table.item(iid, "values")[1:5] for iid in table.get_children()}
    assert rows == {"All (this tab)": ("2,000", "0", "400", "0"),
                    **{f"127.0.0.1:{p}": ("1,000", "0", "200", "0") for p in expected}}


# ------------------------------------------------------------------- export
def test_the_log_exports_as_csv_with_every_entry_it_holds_and_says_what_the_cap_dropped(
        app, tmp_path, monkeypatch):
    import gui.log_view

    monkeypatch.setattr(gui.log_view, "MAX_LINES", 12)  # a small cap, quickly reached
    target = tmp_path / "log.csv"
    save_dialog(monkeypatch, target)
    began = datetime.datetime.now() - datetime.timedelta(seconds=1)
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    tricky = ['comma, "quote"', "=1+2", "中文 text"]
    for text in tricky:
        send_text(app, "tcp_client", text)
        wait_until(app.root, lambda text=text: text.encode() in b"".join(
            e.data or b"" for e in app.tabs["tcp_server"].log.entries))
    select_tab(app, "tcp_server")
    invoke(app, "menubar.tools", "Export log (CSV or text)…")
    log = app.tabs["tcp_server"].log
    with open(target, encoding="utf-8", newline="") as f:
        assert f.read(1) == "\ufeff"  # the byte order mark Excel needs for UTF-8
        rows = list(csv.reader(f))
    assert rows[0] == ["Date and time", "Direction", "Peer", "Size (B)", "Text", "Hex", "Note"]
    received = [row for row in rows[1:] if row[1] == "received"]
    assert [row[4] for row in received] == ['comma, "quote"', "'=1+2", "中文 text"]  # no formula
    assert [bytes.fromhex(row[5]) for row in received] == [text.encode() for text in tricky]
    assert [int(row[3]) for row in received] == [len(text.encode()) for text in tricky]
    for row in rows[1:]:
        when = datetime.datetime.strptime(row[0], "%Y-%m-%d %H:%M:%S.%f")
        assert began <= when <= datetime.datetime.now()
    assert log.dropped == 0
    assert f"Exported {len(rows) - 1} log entries" in log_text(app, "tcp_server")  # every entry it held

    # past the cap: the first row says how many older entries were dropped
    with socket.create_connection(("127.0.0.1", port)) as extra:
        server, total = app.tabs["tcp_server"], app.tabs["tcp_server"].received_bytes
        for i in range(16):  # one at a time: each is an entry of its own
            extra.sendall(b"line %d" % i)
            total += len(b"line %d" % i)
            wait_until(app.root, lambda total=total: server.received_bytes == total)
    invoke(app, "menubar.tools", "Export log (CSV or text)…")
    with open(target, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    # the export first draws what was handled and not drawn yet (the last line, the peer leaving), so
    # how many were dropped is known when it runs: the file and the log's note must agree on it
    said = re.search(rf"Exported {len(rows) - 2} log entries to {re.escape(str(target))}; (\d+) older "
                     "entries had already been dropped", log_text(app, "tcp_server"))
    assert said, log_text(app, "tcp_server")[-400:]
    dropped = int(said.group(1))
    assert dropped > 0
    assert rows[1][1] == "info" and f"{dropped} older entries were dropped" in rows[1][4]
    assert "line 15" in [row[4] for row in rows[-2:]]  # the newest line (then, maybe, the peer leaving)

    text_target = tmp_path / "log.txt"
    save_dialog(monkeypatch, text_target)
    invoke(app, "menubar.tools", "Export log (CSV or text)…")
    text = text_target.read_text(encoding="utf-8")
    assert "older entries were dropped" in text and "line 15" in text
    assert datetime.datetime.strptime(text.splitlines()[1][:23], "%Y-%m-%d %H:%M:%S.%f")


# ---------------------------------------------------------------- disk full
@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_said_and_nothing_unwritten_is_counted_as_saved(app, monkeypatch):
    save_dialog(monkeypatch, "/dev/full")
    port = start_server(app, "tcp_server")
    tab = app.tabs["tcp_server"]
    invoke(app, "menubar.file", "Save received data to file…")
    assert tab.recording.active
    with socket.create_connection(("127.0.0.1", port)) as peer:
        peer.sendall(b"x" * 1000)
        wait_until(app.root, lambda: "the disk is full [ENOSPC]" in log_text(app, "tcp_server"))
        text = log_text(app, "tcp_server")
        assert "could not write to /dev/full" in text and "holds the first 0 B" in text
        assert tab.recorder.written == 0 and not tab.recording.active
        assert w(app, "menubar.file").entrycget(2, "state") == "disabled"
        assert "saving to" not in w(app, "tabs.tcp_server.status_bar.status").cget("text")
        # the tab goes on: more data is received and counted
        peer.sendall(b"y" * 500)
        wait_until(app.root, lambda: tab.received_bytes == 1500)
        assert tab.state == "running"

        # a client chosen in the list, saved to a full disk: said too, and that saving stops
        clients = w(app, f"{CLIENTS}.body.clients")
        clients.selection_set(clients.get_children()[0])
        invoke(app, f"{CLIENTS}.menu", "Save received data from selected…")
        assert tab.recording.active
        peer.sendall(b"z" * 300)
        wait_until(app.root, lambda: "Saving received data per peer stopped" in log_text(app, "tcp_server"))
        assert not tab.recording.active and tab.recording.peers.files.written() == 0
        assert "(0 B in all)" in log_text(app, "tcp_server")

    # the message is said in Chinese after a switch
    app.set_language("zh")
    try:
        assert "磁盘已满 [ENOSPC]" in log_text(app, "tcp_server")
    finally:
        app.set_language("en")


# --------------------------------------------------------------- statistics
def chart_peak(chart, tag: str) -> float:
    """How high above the time axis the line ``tag`` reaches, in pixels (0: flat, or not drawn)."""
    from gui.workbench.stats_window import MARGIN_BOTTOM

    chart.winfo_toplevel().redraw()
    bottom = chart.winfo_height() - MARGIN_BOTTOM
    ys = [y for item in chart.find_withtag(tag) for y in chart.coords(item)[1::2]]
    return max((bottom - y for y in ys), default=0.0)


def test_statistics_count_exactly_chart_the_last_minute_and_reset(app):
    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    invoke(app, "menubar.tools", "Statistics…")
    window = w(app, "stats_udp_server")
    table, chart = window.nametowidget("body.table_frame.table"), window.nametowidget("body.chart")

    def rows():
        window.redraw()
        return [table.item(iid, "values") for iid in table.get_children()]

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        sender.bind(("127.0.0.1", 0))
        for i in range(1000):
            sender.sendto(b"%03d" % (i % 1000) + b"." * 97, ("127.0.0.1", port))
            if i % 250 == 249:  # in four bursts: the socket's buffer never overflows
                wait_until(app.root, lambda i=i: tab.received_count == i + 1)
        for _ in range(3):
            send_text(app, "udp_server", "reply")
        wait_until(app.root, lambda: tab.sent_count == 3)
        sender_name = f"127.0.0.1:{sender.getsockname()[1]}"
        everything = ("100,000", "15", "1,000", "3")
        wait_until(app.root, lambda: [r[1:5] for r in rows()] == [everything, everything],
                   what=lambda: rows())
        assert rows()[1][0] == sender_name
        # the rate is measured between redraws: traffic seen a moment ago shows in B/s, KB/s or MB/s
        wait_until(app.root, lambda: chart_peak(chart, "in_line") > 0, timeout=4)
    assert chart.find_withtag("out_line") and chart.find_withtag("axis") and chart.find_withtag("legend")
    ticks = [chart.itemcget(item, "text") for item in chart.find_withtag("tick")]
    assert "now" in ticks and "−60 s" in ticks
    assert chart.itemcget(chart.find_withtag("unit")[0], "text") in ("B/s", "KB/s", "MB/s")

    window.nametowidget("bar.reset").invoke()
    app.root.update()
    assert [r[1:5] for r in rows()] == [("0", "0", "0", "0")] * 2
    assert tab.received_bytes == tab.received_count == tab.sent_count == 0
    assert "received 0 B in 0 messages" in w(app, "tabs.udp_server.status_bar.status").cget("text")
    assert chart_peak(chart, "in_line") == 0  # the minute starts again

    # the theme's colours: the dark one redraws it dark
    from gui import theme

    app.set_theme("dark")
    try:
        assert chart.cget("background") == theme.PALETTES["dark"]["field"]
    finally:
        app.set_theme("light")
    window.nametowidget("bar.close").invoke()
    app.root.update()
    assert "stats_udp_server" not in app.root.children


def test_statistics_of_a_client_tab_show_its_server(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    send_text(app, "tcp_client", "hello")
    client = app.tabs["tcp_client"]
    wait_until(app.root, lambda: client.sent_count == 1)
    invoke(app, "menubar.tools", "Statistics…")
    window = w(app, "stats_tcp_client")
    table = window.nametowidget("body.table_frame.table")
    window.redraw()
    rows = [table.item(iid, "values") for iid in table.get_children()]
    assert rows[1][0] == f"127.0.0.1:{port}" and rows[1][2] == rows[0][2] == "5"
    invoke(app, "menubar.tools", "Statistics…")  # a second time: the same window, brought forward
    assert [c for c in app.root.children if c.startswith("stats_")] == ["stats_tcp_client"]
    started = time.monotonic()
    app.close()  # closing the app closes the window
    assert time.monotonic() - started < 5
