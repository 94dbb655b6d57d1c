"""The tab's parts, driven through the window (issue 9: the shape and the first ten minutes).

Address form per family, client list with several selected, tab and window
titles, the status bar's plurals, rates and reset, the TCP client's timeout,
the send history across restarts, and timestamps taken when data arrived.
"""

from __future__ import annotations

import re
import socket
import time
import tkinter as tk
from datetime import datetime

from gui.app import App
from gui.settings import Settings
from gui.widgets import is_marked_bad
from netcore import DataSent, Peer, describe

from .drive import (
    choose,
    log_text,
    press,
    pump_for,
    select_tab,
    send_text,
    start_client,
    start_server,
    type_into,
    w,
    wait_until,
)


def test_a_unix_socket_path_has_its_own_form_and_carries_a_chat(app, tmp_path):
    path = str(tmp_path / "chat.sock")
    for tab in ("tcp_server", "tcp_client"):
        select_tab(app, tab)
        choose(w(app, f"tabs.{tab}.form.family"), "unix")
        app.root.update()
        assert not w(app, f"tabs.{tab}.form.port").winfo_ismapped()  # a path has no port
        assert w(app, f"tabs.{tab}.form.path").winfo_ismapped()
        type_into(w(app, f"tabs.{tab}.form.path"), path)
        press(w(app, f"tabs.{tab}.form.path"))  # Enter in the path field starts
        wait_until(app.root, lambda tab=tab: app.tabs[tab].state == "running")
    send_text(app, "tcp_client", "over a path")
    wait_until(app.root, lambda: "over a path" in log_text(app, "tcp_server"))
    assert path in log_text(app, "tcp_server")


def test_a_path_typed_as_the_host_switches_to_the_unix_form(app, tmp_path):
    path = str(tmp_path / "typed.sock")
    select_tab(app, "tcp_server")
    type_into(w(app, "tabs.tcp_server.form.host"), path)
    w(app, "tabs.tcp_server.form.start").invoke()
    wait_until(app.root, lambda: app.tabs["tcp_server"].state == "running")
    assert app.tabs["tcp_server"].form.family.get() == "unix"
    assert w(app, "tabs.tcp_server.form.path").get() == path


def test_an_empty_path_is_marked_with_an_example(app):
    select_tab(app, "tcp_client")
    choose(w(app, "tabs.tcp_client.form.family"), "unix")
    field = w(app, "tabs.tcp_client.form.path")
    type_into(field, "  ")
    w(app, "tabs.tcp_client.form.start").invoke()
    assert is_marked_bad(field)
    assert "Type the path of the socket file" in w(app, "tabs.tcp_client.form.error").cget("text")
    assert app.tabs["tcp_client"].state == "stopped"


def _rows(app):
    clients = app.tabs["tcp_server"].clients
    return clients.get_children()


def test_send_to_several_selected_clients_then_disconnect_all(app):
    port = start_server(app, "tcp_server")
    peers = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
    try:
        wait_until(app.root, lambda: len(_rows(app)) == 3)
        clients = app.tabs["tcp_server"].clients
        clients.selection_set(_rows(app)[:2])  # as a shift-click does
        app.root.update()
        assert app.tabs["tcp_server"].target.get() == "selected"
        send_text(app, "tcp_server", "to two")
        for peer in peers[:2]:
            peer.settimeout(5)
            assert peer.recv(100) == b"to two"
        peers[2].settimeout(0.3)
        try:
            got = peers[2].recv(100)
        except TimeoutError:
            got = b""
        assert got == b""  # the third was not selected
        # a stale hint from an earlier mistake is gone after a disconnect that worked
        clients.selection_set(())
        w(app, "tabs.tcp_server.middle.panes.clients_panel.controls.buttons.disconnect").invoke()
        hint = w(app, "tabs.tcp_server.send.hint")
        assert "Select a client" in hint.cget("text")
        w(app, "tabs.tcp_server.middle.panes.clients_panel.controls.buttons.disconnect_all").invoke()
        wait_until(app.root, lambda: not _rows(app))
        assert "Select a client" not in hint.cget("text")
        for peer in peers:
            peer.settimeout(5)
            assert peer.recv(100) == b""  # closed by the server
    finally:
        for peer in peers:
            peer.close()


def test_tab_titles_show_running_and_unread_and_the_window_title_the_shown_tab(app):
    port = start_server(app, "udp_server")
    select_tab(app, "udp_client")
    title = lambda name: app.notebook.tab(app.tabs[name], "text")  # noqa: E731
    assert title("udp_server").startswith("● ")
    assert app.root.title().startswith("SockLab — UDP client")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        for _ in range(3):
            udp.sendto(b"x", ("127.0.0.1", port))
        wait_until(app.root, lambda: title("udp_server").endswith("(3 new)"),
                   what=lambda: title("udp_server"))
    select_tab(app, "udp_server")
    assert title("udp_server") == "● UDP server"
    assert app.root.title() == f"SockLab — UDP server · Running 127.0.0.1:{port}"
    w(app, "tabs.udp_server.form.start").invoke()
    wait_until(app.root, lambda: title("udp_server") == "UDP server")


def test_status_line_plurals_rates_and_reset(app):
    port = start_server(app, "tcp_server")
    status = w(app, "tabs.tcp_server.status_bar.status")
    with socket.create_connection(("127.0.0.1", port)) as peer:
        peer.sendall(b"12345")
        wait_until(app.root, lambda: "received 5 B in 1 message" in status.cget("text"),
                   what=lambda: status.cget("text"))
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and "B/s" not in status.cget("text"):
            peer.sendall(b"y" * 1000)
            pump_for(app.root, 0.1)
        assert re.search(r"received [\d,]+ B in [\d,]+ messages \([\d.]+ K?B/s", status.cget("text")), \
            status.cget("text")
        w(app, "tabs.tcp_server.status_bar.reset").invoke()
        assert "received 0 B in 0 messages" in status.cget("text")
        assert app.tabs["tcp_server"].received_bytes == 0
        peer.sendall(b"z")
        wait_until(app.root, lambda: "received 1 B in 1 message" in status.cget("text"))
    app.set_language("zh")
    assert "已接收 1 字节（1 条消息）" in status.cget("text")


def test_the_tcp_client_connect_timeout_is_a_field(app):
    select_tab(app, "tcp_client")
    field = w(app, "tabs.tcp_client.form.timeout")
    type_into(field, "0")
    port = start_server(app, "tcp_server")
    select_tab(app, "tcp_client")
    type_into(w(app, "tabs.tcp_client.form.port"), str(port))
    w(app, "tabs.tcp_client.form.start").invoke()
    assert is_marked_bad(field)
    assert "timeout" in w(app, "tabs.tcp_client.form.error").cget("text")
    type_into(field, "2.5")
    press(field)  # Enter in this field connects too
    wait_until(app.root, lambda: app.tabs["tcp_client"].state == "running")
    assert app.tabs["tcp_client"].endpoint.timeout == 2.5


def test_the_send_history_is_there_after_a_restart(tk_root, tmp_path):
    path = tmp_path / "settings.json"
    window = tk.Toplevel(tk_root, name="history1")
    first = App(window, settings=Settings.load(path))
    try:
        port = start_server(first, "udp_server")
        start_client(first, "udp_client", port)
        send_text(first, "udp_client", "remember me")
        send_text(first, "udp_client", "and me")
    finally:
        first.close()
    window = tk.Toplevel(tk_root, name="history2")
    second = App(window, settings=Settings.load(path))
    try:
        select_tab(second, "udp_client")
        entry = w(second, "tabs.udp_client.send.row.message")
        press(entry, "<Up>")
        assert entry.get() == "and me"
        press(entry, "<Up>")
        assert entry.get() == "remember me"
    finally:
        second.close()


def test_timestamps_are_when_the_data_arrived_not_when_it_was_drawn(app):
    port = start_server(app, "udp_server")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        sent_at = datetime.now()
        udp.sendto(b"stamped", ("127.0.0.1", port))
        time.sleep(1.5)  # the window is busy: the datagram waits in the queue
    wait_until(app.root, lambda: "stamped" in log_text(app, "udp_server"))
    line = next(line for line in log_text(app, "udp_server").splitlines() if "stamped" in line)
    shown = datetime.strptime(line[:12], "%H:%M:%S.%f").replace(
        year=sent_at.year, month=sent_at.month, day=sent_at.day)
    assert abs((shown - sent_at).total_seconds()) < 0.7, (line, sent_at)


def test_right_click_on_a_client_offers_disconnect_and_copy(app):
    port = start_server(app, "tcp_server")
    with socket.create_connection(("127.0.0.1", port)) as peer:
        wait_until(app.root, lambda: len(_rows(app)) == 1)
        clients = app.tabs["tcp_server"].clients
        row = _rows(app)[0]
        clients.see(row)
        app.root.update()
        x, y, width, height = clients.bbox(row, "address")
        clients.event_generate("<Button-3>", x=x + 5, y=y + height // 2, rootx=clients.winfo_rootx() + x + 5,
                               rooty=clients.winfo_rooty() + y + height // 2)
        menu = w(app, "tabs.tcp_server.middle.panes.clients_panel.menu")
        app.root.update()
        assert clients.selection() == (row,)
        labels = [menu.entrycget(i, "label") for i in range(menu.index("end") + 1)]
        assert labels == ["Copy address", "Send to selected", "Disconnect", "Shut down sending",
                          "Save received data from selected…"]
        menu.unpost()
        menu.invoke(0)
        assert app.root.clipboard_get() == describe(peer.getsockname())
        menu.invoke(2)
        peer.settimeout(5)
        assert peer.recv(10) == b""
        wait_until(app.root, lambda: not _rows(app))


def test_a_flood_on_another_tab_retitles_it_once_a_second_not_every_tick(app):
    port = start_server(app, "udp_server")
    select_tab(app, "tcp_client")
    titles = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        deadline = time.monotonic() + 1.5
        sent = 0
        while time.monotonic() < deadline:
            udp.sendto(b"x", ("127.0.0.1", port))
            sent += 1
            if sent % 20 == 0:
                app.root.update()  # about every tick
                title = app.notebook.tab(app.tabs["udp_server"], "text")
                if not titles or titles[-1] != title:
                    titles.append(title)
    assert sent > 200
    # a notebook tab's text costs a relayout of the whole notebook: not on every tick
    assert len(titles) <= 6, titles
    final = f"({sent:,} new)" if sent < 1000 else "(999+ new)"
    wait_until(app.root, lambda: app.notebook.tab(app.tabs["udp_server"], "text").endswith(final),
               what=lambda: app.notebook.tab(app.tabs["udp_server"], "text"))
def test_a_partial_data_sent_counts_its_bytes_but_not_a_message(app):
    # a connection that ended after the kernel took part of a request: those bytes went out,
    # but no whole message did
    peer = Peer.ipv4("127.0.0.1", 9)
    tab = app.tabs["tcp_client"]
    tab.status_bar.handle([DataSent("cli", peer, 10, 1), DataSent("cli", peer, 4, 1, partial=True)])
    assert (tab.sent_bytes, tab.sent_count) == (14, 1)


def test_traffic_rates_are_taken_over_at_least_a_second_and_start_again_after_a_reset():
    from gui.parts.traffic import Traffic

    traffic = Traffic()
    assert traffic.sample(now=100.0).received_bytes == 0
    traffic.received(500, 5)
    assert traffic.sample(now=100.5).received_bytes == 1000  # (only half a second measured so far)
    traffic.received(1500, 15)
    rates = traffic.sample(now=101.5)  # from the newest sample a second or more before (100.5)
    assert (rates.received_bytes, rates.received_count, rates.sent_bytes) == (1500, 15, 0)
    assert [sample[0] for sample in traffic.history] == [100.0, 101.5]  # one a second for the chart
    traffic.reset()
    assert traffic.sample(now=102.0).received_bytes == 0 and traffic.received_count == 0
