"""Learn → Show code and Export calls as script, driven through the menu of the real window."""

from __future__ import annotations

import socket
import subprocess
import sys

from gui.learn.code_window import CodeWindow
from tests.netcore.support import closed_port
from tests.script_runner import run_client, write

from .drive import (
    choose,
    log_text,
    select_tab,
    send_text,
    start_client,
    start_server,
    type_into,
    w,
    wait_until,
)

SHOW_CODE, EXPORT, RECORD = 0, 1, 2  # the Learn menu's entries


def _record(app) -> None:
    """Learn → Record socket calls is ticked (it is from the start; a test may have turned it off)."""
    if not app.root.getvar("record_calls"):
        app.menubar.nametowidget("learn").invoke(RECORD)
        app.root.update()
    assert app.root.getvar("record_calls")


def _learn(app, entry: int, tab: str) -> CodeWindow:
    select_tab(app, tab)
    app.menubar.nametowidget("learn").invoke(entry)
    app.root.update()
    name = ("code_" if entry == SHOW_CODE else "calls_") + tab
    window = app.root.nametowidget(f"{app.root}.{name}")
    assert isinstance(window, CodeWindow) and window.winfo_viewable()
    return window


def _shown(window: CodeWindow) -> str:
    return window.text.get("1.0", "end-1c")


def test_learn_menu_sits_between_tools_and_help(app):
    labels = [app.menubar.entrycget(i, "label") for i in range(app.menubar.index("end") + 1)]
    assert labels == ["File", "View", "Tools", "Learn", "Help"]
    app.set_language("zh")
    assert app.menubar.entrycget(2, "label") == "工具"
    assert app.menubar.entrycget(3, "label") == "学习"
    assert app.menubar.nametowidget("learn").entrycget(SHOW_CODE, "label") == "查看代码…"


def test_show_code_follows_the_tabs_settings(app, tmp_path, monkeypatch):
    tab = app.tabs["tcp_client"]
    select_tab(app, "tcp_client")
    type_into(w(app, "tabs.tcp_client.form.host"), "::1")
    type_into(w(app, "tabs.tcp_client.form.port"), "4321")
    type_into(w(app, "tabs.tcp_client.form.timeout"), "2.5")
    choose(tab.sendbox.encoding, "gbk")
    choose(tab.sendbox.line_ending, "crlf")
    window = _learn(app, SHOW_CODE, "tcp_client")
    text = _shown(window)
    for expected in ('HOST = "::1"', "PORT = 4321", "TIMEOUT = 2.5", 'ENCODING = "gbk"',
                     'LINE_ENDING = "\\r\\n"', "socket.socket(socket.AF_INET6, socket.SOCK_STREAM)",
                     "client.connect((HOST, PORT))"):
        assert expected in text, expected
    assert window.title() == "Code for the TCP client tab"
    for tag in ("keyword", "string", "comment", "number"):  # highlighted
        assert window.text.tag_ranges(tag), tag
    first_keyword = window.text.tag_ranges("keyword")[0]
    assert window.text.get(first_keyword, f"{first_keyword} wordend") == "import"

    window.nametowidget("bar.copy").invoke()
    assert app.root.clipboard_get() == text == window.source
    target = tmp_path / "client.py"
    monkeypatch.setattr("gui.learn.code_window.filedialog.asksaveasfilename", lambda **options: str(target))
    window.nametowidget("bar.save").invoke()
    assert target.read_text(encoding="utf-8") == window.source
    assert str(target) in window.nametowidget("bar.note").cget("text")

    # changed settings show after Refresh (or the next Show code); the same window is reused
    type_into(w(app, "tabs.tcp_client.form.port"), "4322")
    window.nametowidget("bar.refresh").invoke()
    assert "PORT = 4322" in _shown(window)
    assert _learn(app, SHOW_CODE, "tcp_client") is window


def test_a_save_that_fails_says_why(app, tmp_path, monkeypatch):
    window = _learn(app, SHOW_CODE, "udp_client")
    monkeypatch.setattr("gui.learn.code_window.filedialog.asksaveasfilename",
                        lambda **options: str(tmp_path / "missing" / "x.py"))
    window.nametowidget("bar.save").invoke()
    note = window.nametowidget("bar.note")
    assert note.cget("text").startswith("Could not save the script:")
    assert str(note.cget("style")) == "Error.TLabel"


def test_the_code_shown_runs_against_the_window_it_came_from(app, tmp_path):
    """Show code on the TCP client tab aimed at the TCP server tab: the script chats with that tab."""
    port = start_server(app, "tcp_server")
    select_tab(app, "tcp_client")
    type_into(w(app, "tabs.tcp_client.form.port"), str(port))
    choose(app.tabs["tcp_client"].sendbox.line_ending, "lf")
    script = _learn(app, SHOW_CODE, "tcp_client").source
    proc = subprocess.Popen([sys.executable, "-u", str(write(tmp_path, script))], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        proc.stdin.write(b"from the script\n")
        proc.stdin.close()  # after this line the script's input ends: it stops once answered
        wait_until(app.root, lambda: "from the script" in log_text(app, "tcp_server"))
        send_text(app, "tcp_server", "from the window")  # the tab's user answers, as the seed's server did
        wait_until(app.root, lambda: proc.poll() is not None, timeout=10)
        out = proc.stdout.read().decode()
        assert proc.returncode == 0, proc.stderr.read().decode()
        assert "Received: from the window" in out
    finally:
        proc.kill()
        proc.wait(timeout=5)
        proc.stdout.close()
        proc.stderr.close()


def test_show_code_in_chinese_and_for_a_unix_server(app, tmp_path):
    app.set_language("zh")
    select_tab(app, "tcp_server")
    choose(w(app, "tabs.tcp_server.form.family"), "unix")
    type_into(w(app, "tabs.tcp_server.form.path"), str(tmp_path / "lab.sock"))
    type_into(w(app, "tabs.tcp_server.form.max_clients"), "7")
    window = _learn(app, SHOW_CODE, "tcp_server")
    text = _shown(window)
    assert f'PATH = "{tmp_path / "lab.sock"}"' in text and "socket.AF_UNIX" in text
    assert "# 标签页借助选择器（selector）同时服务最多 7 个客户端" in text
    assert window.title() == "TCP 服务器标签页的代码"
    app.set_language("en")  # the window follows the language
    assert "# The tab serves up to 7 clients" in _shown(window)


def test_show_code_with_a_bad_address_says_what_to_fix(app):
    select_tab(app, "udp_server")
    type_into(w(app, "tabs.udp_server.form.port"), "70000")
    text = _shown(_learn(app, SHOW_CODE, "udp_server"))
    assert text.startswith("# Fix the address in the tab first: The port must be a whole number")
    assert w(app, "tabs.udp_server.form.error").winfo_ismapped()


def test_export_shows_the_calls_the_tab_made(app, tmp_path):
    _record(app)
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    send_text(app, "tcp_client", "hello")
    wait_until(app.root, lambda: "hello" in log_text(app, "tcp_server"))
    text = _shown(_learn(app, EXPORT, "tcp_client"))
    assert "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)" in text
    assert f"s.connect(('127.0.0.1', {port}))" in text and "s.sendall(b'hello')" in text

    server_calls = _shown(_learn(app, EXPORT, "tcp_server"))
    assert "s.listen(128)" in server_calls and "conn1, addr = s.accept()" in server_calls
    assert "# conn1.recv(" in server_calls and "received 5 bytes" in server_calls
    # the export runs: it connects to the server tab and sends the same bytes again
    done = run_client(write(tmp_path, text), stdin="")
    assert done.returncode == 0, done.stderr.decode()
    wait_until(app.root, lambda: app.tabs["tcp_server"].received_bytes == 10
               and log_text(app, "tcp_server").count("hello") == 2)


def test_export_before_any_start_says_there_is_nothing_yet(app):
    _record(app)
    assert "Nothing yet: start the tab" in _shown(_learn(app, EXPORT, "udp_client"))


def test_calls_are_recorded_from_the_start_and_cost_nothing_when_turned_off(app):
    assert app.root.getvar("record_calls")  # on from the start: the trace and Export are complete
    app.menubar.nametowidget("learn").invoke(RECORD)  # off: the next start is not traced
    app.root.update()
    assert not app.root.getvar("record_calls") and not app.tabs["tcp_server"].record_calls
    port = start_server(app, "udp_server")
    assert app.tabs["udp_server"].endpoint.tracer is None  # plain socket calls: no cost on the data path
    assert _shown(_learn(app, EXPORT, "udp_server")).startswith("# No calls were recorded: turn on Learn")
    _record(app)  # on again
    start_client(app, "udp_client", port)
    assert app.tabs["udp_client"].endpoint.tracer is not None
    wait_until(app.root, lambda: "s.connect((" in _shown(_learn(app, EXPORT, "udp_client")))


def test_export_keeps_only_the_latest_run(app):
    _record(app)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        start_client(app, "tcp_client", port)
    w(app, "tabs.tcp_client.form.start").invoke()
    wait_until(app.root, lambda: app.tabs["tcp_client"].state == "stopped")
    refused = closed_port()
    type_into(w(app, "tabs.tcp_client.form.port"), str(refused))
    w(app, "tabs.tcp_client.form.start").invoke()
    wait_until(app.root, lambda: app.tabs["tcp_client"].state == "stopped")
    text = _shown(_learn(app, EXPORT, "tcp_client"))
    assert str(refused) in text and f", {port})" not in text


def test_show_code_for_a_unix_path_typed_into_a_udp_tab_is_a_unix_datagram_server(app):
    select_tab(app, "udp_server")
    type_into(w(app, "tabs.udp_server.form.host"), "/tmp/socklab-udp.sock")
    text = _shown(_learn(app, SHOW_CODE, "udp_server"))
    assert 'PATH = "/tmp/socklab-udp.sock"' in text
    assert "socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)" in text and "server.bind(PATH)" in text
