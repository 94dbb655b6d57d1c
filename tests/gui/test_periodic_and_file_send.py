"""Tools → Periodic send… and Send file…, driven through the window's widgets over real loopback."""

from __future__ import annotations

import hashlib
import os

from .drive import pump_for, select_tab, start_client, start_server, type_into, w, wait_until


def _tools(app, label: str) -> None:
    menu = app.menubar.nametowidget("tools")
    menu.invoke(menu.index(label))
    app.root.update()


def _chat_pair(app, server: str = "tcp_server", client: str = "tcp_client") -> None:
    port = start_server(app, server)
    start_client(app, client, port)
    if server == "tcp_server":
        wait_until(app.root, lambda: app.tabs["tcp_server"].clients.peers())


def test_periodic_send_from_the_window_then_stop(app):
    _chat_pair(app)
    select_tab(app, "tcp_client")
    type_into(w(app, "tabs.tcp_client.send.row.message"), "ping")
    _tools(app, "Periodic send…")
    window = w(app, "periodic_tcp_client")
    status = window.nametowidget("body.status")
    assert "Not sending." in status.cget("text")
    server = app.tabs["tcp_server"]

    # until stopped: the running state shows in the tab, under its send box, with a Stop
    type_into(window.nametowidget("body.fields.interval"), "10")
    type_into(window.nametowidget("body.fields.count"), "0")
    window.nametowidget("body.buttons.start").invoke()
    strip = w(app, "tabs.tcp_client.send.jobs.periodic.status")
    wait_until(app.root, lambda: "Sending every 10 ms:" in strip.cget("text") and strip.winfo_ismapped())
    assert "(until stopped)" in strip.cget("text") and "messages/s measured" in strip.cget("text")
    assert window.nametowidget("body.buttons.start").instate(["disabled"])  # one at a time
    app.root.geometry("760x480")  # at the minimum size the Stop and the status line still show whole
    app.root.update()
    stop, root = w(app, "tabs.tcp_client.send.jobs.periodic.stop"), app.root
    assert stop.winfo_rootx() + stop.winfo_width() <= root.winfo_rootx() + root.winfo_width()
    assert stop.winfo_width() >= stop.winfo_reqwidth()
    status_line = w(app, "tabs.tcp_client.status_bar.status")
    assert status_line.winfo_rooty() + status_line.winfo_height() <= root.winfo_rooty() + root.winfo_height()
    wait_until(app.root, lambda: server.received_bytes >= 4 * 5)
    stop.invoke()
    wait_until(app.root, lambda: "Periodic send stopped" in status.cget("text"), timeout=2)
    assert not strip.winfo_ismapped()  # gone once it ended
    sent = app.tabs["tcp_client"].sent_bytes
    wait_until(app.root, lambda: server.received_bytes == sent)
    pump_for(app.root, 0.1)
    assert server.received_bytes == sent  # nothing after Stop

    # at 1 ms, twenty times: every one arrives, and the result says how fast it went
    type_into(window.nametowidget("body.fields.interval"), "1")
    type_into(window.nametowidget("body.fields.count"), "20")
    window.nametowidget("body.buttons.start").invoke()
    wait_until(app.root, lambda: "Periodic send finished: 20 sent" in status.cget("text"))
    assert "messages/s measured" in status.cget("text")
    wait_until(app.root, lambda: server.received_bytes == sent + 80)
    assert "pingping" in server.log.content()
    assert "Periodic send finished: 20 sent" in app.tabs["tcp_client"].log.content()


def test_periodic_send_says_what_is_wrong(app):
    _tools(app, "Periodic send…")
    window = w(app, "periodic_tcp_server")
    start = window.nametowidget("body.buttons.start")
    assert start.instate(["disabled"])  # the tab is not started
    port = start_server(app, "tcp_server")
    assert port
    status = window.nametowidget("body.status")
    type_into(window.nametowidget("body.fields.interval"), "0.5")
    start.invoke()
    assert "from 1 to 86,400,000" in status.cget("text")
    assert window.nametowidget("body.fields.interval").instate(["invalid"])
    type_into(window.nametowidget("body.fields.interval"), "5")
    type_into(window.nametowidget("body.fields.count"), "lots")
    start.invoke()
    assert "The count must be a whole number" in status.cget("text")
    type_into(window.nametowidget("body.fields.count"), "3")
    start.invoke()
    assert "type a message in the tab's send box" in status.cget("text")
    type_into(w(app, "tabs.tcp_server.send.row.message"), "hi")
    start.invoke()
    assert "No client is connected" in status.cget("text")
    app.set_language("zh")
    start.invoke()
    assert status.cget("text") == "还没有客户端连接，没有可以发送的对象。"
    assert window.title() == "定时发送 — TCP 服务器"


def test_send_a_file_over_tcp_with_progress_and_completion_then_a_missing_one(app, tmp_path):
    data = os.urandom(3 * 1024 * 1024 + 17)
    path = tmp_path / "firmware.bin"
    path.write_bytes(data)
    _chat_pair(app)
    saved = tmp_path / "received.bin"
    app.tabs["tcp_server"].save_received_to(str(saved))
    select_tab(app, "tcp_client")
    _tools(app, "Send file…")
    window = w(app, "sendfile_tcp_client")
    type_into(window.nametowidget("body.chooser.path"), str(path))
    window.nametowidget("body.buttons.send").invoke()
    status = window.nametowidget("body.status")
    wait_until(app.root, lambda: "Sending firmware.bin finished" in status.cget("text"), timeout=10)
    assert float(window.nametowidget("body.progress").cget("value")) == 1000
    server = app.tabs["tcp_server"]
    wait_until(app.root, lambda: server.received_bytes == len(data), timeout=10)
    app.tabs["tcp_server"].save_received_to(None)
    assert hashlib.sha256(saved.read_bytes()).digest() == hashlib.sha256(data).digest()
    assert app.tabs["tcp_client"].sent_bytes == len(data)
    assert "Sending firmware.bin finished" in app.tabs["tcp_client"].log.content()

    # a file that is not there: said in the window and the log, in both languages; the tab goes on
    missing = tmp_path / "nope.bin"
    type_into(window.nametowidget("body.chooser.path"), str(missing))
    window.nametowidget("body.buttons.send").invoke()
    wait_until(app.root, lambda: f"There is no file {missing}." in status.cget("text"))
    assert "failed" in status.cget("text") and str(status.cget("style")) == "Error.TLabel"
    assert f"There is no file {missing}." in app.tabs["tcp_client"].log.content()
    app.set_language("zh")
    wait_until(app.root, lambda: f"文件 {missing} 不存在。" in status.cget("text"))
    assert app.tabs["tcp_client"].state == "running"


def test_udp_file_in_paced_datagrams_and_cancel(app, tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(b"x" * 5000)
    port = start_server(app, "udp_server")
    start_client(app, "udp_client", port)
    select_tab(app, "udp_client")
    _tools(app, "Send file…")
    window = w(app, "sendfile_udp_client")
    type_into(window.nametowidget("body.chooser.path"), str(path))
    type_into(window.nametowidget("body.udp.datagram_size"), "500")
    window.nametowidget("body.udp.pace").set("rate")
    type_into(window.nametowidget("body.udp.pace_value"), "500")
    window.nametowidget("body.buttons.send").invoke()
    status = window.nametowidget("body.status")
    wait_until(app.root, lambda: "Sending data.bin finished" in status.cget("text"), timeout=5)
    server = app.tabs["udp_server"]
    wait_until(app.root, lambda: server.received_count == 10)
    assert server.received_bytes == 5000

    # a slow pace, cancelled mid-way from the tab's strip
    type_into(window.nametowidget("body.udp.pace_value"), "20")
    window.nametowidget("body.buttons.send").invoke()
    wait_until(app.root, lambda: server.received_count >= 12)
    w(app, "tabs.udp_client.send.jobs.file.cancel").invoke()
    wait_until(app.root, lambda: "Sending data.bin stopped" in status.cget("text"), timeout=2)
    count = server.received_count
    pump_for(app.root, 0.12)
    assert server.received_count == count < 20
