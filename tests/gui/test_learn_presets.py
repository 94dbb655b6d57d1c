"""Learn → Seed programs: each preset starts its tab with one click, and the preset pairs really talk."""

from __future__ import annotations

import re
import socket

import pytest

from gui.learn import presets
from gui.learn.presets import PresetPanel
from tests.netcore.support import closed_port

from .drive import log_text, pump_for, send_text, start_server, w, wait_until

TCP_SERVER, TCP_CLIENT, UDP_SERVER, UDP_CLIENT = range(4)  # the entries of Learn → Seed programs
CTIME = r"\[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\] "


@pytest.fixture(autouse=True)
def free_ports(monkeypatch):
    """The seed's ports (9999, 21567) may be taken on a shared machine: the presets use free ones."""
    ports = {"tcp": closed_port(), "udp": closed_port(socket.SOCK_DGRAM)}
    monkeypatch.setattr(presets, "PORTS", ports)
    return ports


def _preset(app, entry: int, tab: str) -> PresetPanel:
    app.menubar.nametowidget("learn.seed").invoke(entry)
    app.root.update()
    assert app.notebook.select() == str(app.tabs[tab])  # the preset's tab is shown
    panel = app.root.nametowidget(f"{app.root}.preset_{tab}")
    assert isinstance(panel, PresetPanel) and panel.winfo_viewable()
    return panel


def _running(app, tab: str) -> None:
    wait_until(app.root, lambda: app.tabs[tab].state == "running",
               what=lambda: log_text(app, tab))


def test_tcp_presets_start_an_echo_server_and_its_client(app, free_ports):
    panel = _preset(app, TCP_SERVER, "tcp_server")
    _running(app, "tcp_server")
    server = app.tabs["tcp_server"]
    assert server.local_text == f"127.0.0.1:{free_ports['tcp']}"
    assert "accept()" in panel.text() and "What the original program did" in panel.text()
    assert "sends every message back" in log_text(app, "tcp_server")

    client_panel = _preset(app, TCP_CLIENT, "tcp_client")
    _running(app, "tcp_client")
    assert w(app, "tabs.tcp_client.form.port").get() == str(free_ports["tcp"])
    assert "connect_ex()" in client_panel.text()
    send_text(app, "tcp_client", "hello echo")
    wait_until(app.root, lambda: app.tabs["tcp_client"].received_bytes == len("hello echo"))
    assert log_text(app, "tcp_client").count("hello echo") == 2  # sent, and received back
    assert "hello echo" in log_text(app, "tcp_server")
    # the presets record the calls their panels point at
    app.notebook.select(app.tabs["tcp_server"])
    app.menubar.nametowidget("learn").invoke(1)  # Export calls as script…
    calls = app.root.nametowidget(f"{app.root}.calls_tcp_server").source
    assert "conn1, addr = s.accept()" in calls and "conn1.sendall(b'hello echo')" in calls


def test_udp_presets_answer_with_the_time(app, free_ports):
    panel = _preset(app, UDP_SERVER, "udp_server")
    _running(app, "udp_server")
    assert "recvfrom()" in panel.text() and "no listen()" in panel.text()
    _preset(app, UDP_CLIENT, "udp_client")
    _running(app, "udp_client")
    send_text(app, "udp_client", "what time is it")
    wait_until(app.root, lambda: app.tabs["udp_client"].received_count == 1)
    assert re.search(CTIME + "what time is it", log_text(app, "udp_client")), log_text(app, "udp_client")


def test_a_client_preset_aims_at_its_server_tabs_port(app, free_ports):
    port = start_server(app, "udp_server")  # started by hand on a port of the system's choosing
    _preset(app, UDP_CLIENT, "udp_client")
    _running(app, "udp_client")
    assert w(app, "tabs.udp_client.form.port").get() == str(port) != str(free_ports["udp"])


def test_a_preset_restarts_a_running_tab_and_its_reply_ends_with_the_run(app, free_ports):
    start_server(app, "tcp_server")
    assert app.tabs["tcp_server"].reply_mode == ""
    _preset(app, TCP_SERVER, "tcp_server")
    wait_until(app.root, lambda: app.tabs["tcp_server"].local_text == f"127.0.0.1:{free_ports['tcp']}")
    assert app.tabs["tcp_server"].reply_mode == "echo"
    # the code shown for the tab now says it echoes
    app.menubar.nametowidget("learn").invoke(0)
    code = app.root.nametowidget(f"{app.root}.code_tcp_server").source
    assert "conn.sendall(data)" in code and "input(" not in code
    w(app, "tabs.tcp_server.form.start").invoke()
    wait_until(app.root, lambda: app.tabs["tcp_server"].state == "stopped")
    assert app.tabs["tcp_server"].reply_mode == ""  # a start by hand answers by hand again


def test_a_busy_port_gives_the_usual_error(app, free_ports):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", free_ports["tcp"]))
        busy.listen()
        _preset(app, TCP_SERVER, "tcp_server")
        wait_until(app.root, lambda: "already in use" in w(app, "tabs.tcp_server.form.error").cget("text"))
        wait_until(app.root, lambda: app.tabs["tcp_server"].state == "stopped")
    assert app.tabs["tcp_server"].reply_mode == ""


def test_a_client_preset_without_its_server_is_refused_plainly(app):
    _preset(app, TCP_CLIENT, "tcp_client")
    wait_until(app.root, lambda: "Nobody is listening" in log_text(app, "tcp_client"))
    assert app.tabs["tcp_client"].state == "stopped"


def test_the_panel_speaks_chinese_and_opens_the_code(app):
    app.set_language("zh")
    panel = _preset(app, UDP_SERVER, "udp_server")
    assert "原来的程序做了什么" in panel.text() and "recvfrom()" in panel.text()
    assert panel.title() == "回复时间的 UDP 服务器"
    panel.nametowidget("body.bar.code").invoke()
    code = app.root.nametowidget(f"{app.root}.code_udp_server")
    wait_until(app.root, lambda: app.tabs["udp_server"].state == "running")
    code.refresh()
    assert 'server.sendto(f"[{time.ctime()}] ".encode(ENCODING) + data, addr)' in code.source
    assert _preset(app, UDP_SERVER, "udp_server") is panel  # one panel per tab
    panel.nametowidget("body.bar.close").invoke()
    pump_for(app.root, 0.05)
    assert not panel.winfo_exists()


def test_every_control_of_the_learn_windows_has_a_name(app):
    from .test_names_and_theme import INTERACTIVE, _walk

    panel = _preset(app, TCP_SERVER, "tcp_server")
    panel.nametowidget("body.bar.code").invoke()
    app.menubar.nametowidget("learn").invoke(1)
    windows = [panel, *(app.root.nametowidget(f"{app.root}.{name}") for name in ("code_tcp_server",
                                                                                 "calls_tcp_server"))]
    unnamed = [str(widget) for window in windows for widget in _walk(window)
               if isinstance(widget, INTERACTIVE) and widget.winfo_name().startswith("!")]
    assert not unnamed
