"""The trace pane (Learn → Socket calls): the calls a tab's sockets made, read through the pane's own list."""

from __future__ import annotations

import socket
import time

import pytest

from gui.learn.trace_model import TraceModel
from gui.learn.trace_words import NON_BLOCKING_NOTE

from .drive import log_text, pump_for, select_tab, send_text, start_client, start_server, w, wait_until
from .test_min_size import _problems

NOTE = NON_BLOCKING_NOTE
EAGAIN = "BlockingIOError [Errno 11]  # nothing to do now"


def pane_list(app, tab: str):
    return w(app, f"tabs.{tab}.middle.trace.body.list")


def shown_lines(app, tab: str) -> list[str]:
    return list(pane_list(app, tab).get(0, "end"))


def toggle_trace(app, tab: str) -> None:
    """Learn → Socket calls (trace), on ``tab``: what a user clicks."""
    select_tab(app, tab)
    learn = app.menubar.nametowidget("learn")
    entry = next(i for i in range(learn.index("end") + 1)
                 if learn.type(i) == "checkbutton" and str(learn.entrycget(i, "variable")) == "trace_shown")
    learn.invoke(entry)
    app.root.update()


def select_line(app, tab: str, index: int) -> str:
    """Click line ``index`` of the tab's trace; returns the explanation shown."""
    listbox = pane_list(app, tab)
    listbox.selection_clear(0, "end")
    listbox.selection_set(index)
    listbox.event_generate("<<ListboxSelect>>")
    app.root.update()
    return w(app, f"tabs.{tab}.middle.trace.explanation").get("1.0", "end-1c")


def test_a_tcp_chat_is_traced_call_by_call_in_the_server_pane(app):
    port = start_server(app, "tcp_server")
    toggle_trace(app, "tcp_server")
    assert w(app, "tabs.tcp_server.middle.trace").winfo_ismapped()
    start_client(app, "tcp_client", port)
    client_port = app.tabs["tcp_client"].endpoint.local_addresses[0].port
    send_text(app, "tcp_client", "hello world!")
    wait_until(app.root, lambda: app.tabs["tcp_server"].received_bytes == 12)
    send_text(app, "tcp_server", "hi")
    w(app, "tabs.tcp_client.form.start").invoke()  # disconnect
    eof = "conn1.recv(16384)  → b''  # end of file: the other side closed"
    wait_until(app.root, lambda: eof in shown_lines(app, "tcp_server"),
               what=lambda: shown_lines(app, "tcp_server"))
    select_tab(app, "tcp_server")
    w(app, "tabs.tcp_server.form.start").invoke()  # stop listening
    wait_until(app.root, lambda: app.tabs["tcp_server"].state == "stopped" and
               shown_lines(app, "tcp_server")[-1] == "conn1.close()")
    assert shown_lines(app, "tcp_server") == [
        "s = socket(AF_INET, SOCK_STREAM)",
        "s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)",
        "s.bind(('127.0.0.1', 0))",
        "s.listen(128)",
        NOTE,
        "s.setblocking(False)",
        "sel.register(s, EVENT_READ)",
        f"s.getsockname()  → ('127.0.0.1', {port})",
        f"conn1, addr = s.accept()  → ('127.0.0.1', {client_port})",
        "conn1.setblocking(False)",
        "conn1.setsockopt(IPPROTO_TCP, TCP_NODELAY, 1)",
        "sel.register(conn1, EVENT_READ)",
        f"s.accept()  → {EAGAIN}",
        "conn1.recv(16384)  → 12 bytes",
        "conn1.send(b'hi')  → 2",
        eof,
        "sel.unregister(conn1)",
        "sel.unregister(s)",
        "s.close()",
        "conn1.close()",
    ]
    # the client's pane, opened only now, has its whole trace: its endpoint was traced from the start
    toggle_trace(app, "tcp_client")
    client = shown_lines(app, "tcp_client")
    assert client[:2] == ["s = socket(AF_INET, SOCK_STREAM)", NOTE]
    assert f"s.connect_ex(('127.0.0.1', {port}))  → 115 (EINPROGRESS)  # connecting…" in client
    assert "s.send(b'hello world!')  → 12" in client and "s.recv(16384)  → 2 bytes" in client
    assert client[-1] == "s.close()"


def test_selecting_a_line_explains_it_in_both_languages(app):
    port = start_server(app, "tcp_server")
    toggle_trace(app, "tcp_server")
    start_client(app, "tcp_client", port)
    wait_until(app.root, lambda: any(line.startswith("s.accept()") for line in shown_lines(app, "tcp_server")
                                     ))
    lines = shown_lines(app, "tcp_server")
    accept = next(i for i, line in enumerate(lines) if line.startswith("conn1, addr = s.accept()"))
    would_block = next(i for i, line in enumerate(lines) if line.startswith("s.accept()"))
    select_tab(app, "tcp_server")
    assert select_line(app, "tcp_server", accept).startswith(
        "s.accept() — Takes the next waiting connection: returns a new socket for that client alone")
    assert "BlockingIOError: nothing to do right now" in select_line(app, "tcp_server", would_block)
    assert select_line(app, "tcp_server", lines.index(NOTE)).startswith("A blocking program waits")
    register = lines.index("sel.register(s, EVENT_READ)")
    assert "Not in the tutorial's method table: sel.register()" in select_line(app, "tcp_server", register)

    app.set_language("zh")
    app.root.update()
    assert select_line(app, "tcp_server", accept).startswith("s.accept() — 取出下一个等待中的连接")
    assert select_line(app, "tcp_server", would_block).startswith("s.accept() — 取出下一个等待中的连接")
    assert "BlockingIOError：现在无事可做" in select_line(app, "tcp_server", would_block)
    assert shown_lines(app, "tcp_server")[would_block].endswith("# 现在无事可做")
    assert shown_lines(app, "tcp_server")[lines.index(NOTE)].startswith("# 非阻塞套接字")
    bind = next(i for i, line in enumerate(lines) if line.startswith("s.bind("))
    assert select_line(app, "tcp_server", bind).startswith("s.bind() — 给套接字指定自己的地址")


def test_a_udp_exchange_is_traced_on_both_tabs(app):
    port = start_server(app, "udp_server")
    start_client(app, "udp_client", port)
    client_port = app.tabs["udp_client"].endpoint.local_addresses[0].port
    send_text(app, "udp_client", "hi")
    wait_until(app.root, lambda: app.tabs["udp_server"].received_count == 1)
    send_text(app, "udp_server", "yo")
    wait_until(app.root, lambda: app.tabs["udp_client"].received_count == 1)
    toggle_trace(app, "udp_server")
    toggle_trace(app, "udp_client")
    server = shown_lines(app, "udp_server")
    assert server[:3] == ["s = socket(AF_INET, SOCK_DGRAM)", "s.setsockopt(SOL_SOCKET, SO_RCVBUF, 4194304)",
                          "s.bind(('127.0.0.1', 0))"]
    assert server[-3:] == [f"s.recvfrom(65536)  → (2 bytes, ('127.0.0.1', {client_port}))",
                           f"s.recvfrom(65536)  → {EAGAIN}",
                           f"s.sendto(b'yo', ('127.0.0.1', {client_port}))  → 2"]
    client = shown_lines(app, "udp_client")
    assert f"s.connect(('127.0.0.1', {port}))" in client
    wait_until(app.root, lambda: shown_lines(app, "udp_client")[-2:] == [
        f"s.recvfrom(65536)  → (2 bytes, ('127.0.0.1', {port}))", f"s.recvfrom(65536)  → {EAGAIN}"])


def test_a_hidden_pane_draws_nothing_and_shows_everything_when_opened(app):
    start_server(app, "tcp_server")
    pane = app.tabs["tcp_server"].trace_pane
    wait_until(app.root, lambda: len(pane.model.lines) >= 7)
    pump_for(app.root, 0.1)
    assert pane_list(app, "tcp_server").size() == 0  # kept, not drawn
    toggle_trace(app, "tcp_server")
    assert shown_lines(app, "tcp_server")[0] == "s = socket(AF_INET, SOCK_STREAM)"
    assert app.trace_shown.get()
    w(app, "tabs.tcp_server.middle.trace.header.hide").invoke()
    app.root.update()
    assert not w(app, "tabs.tcp_server.middle.trace").winfo_ismapped() and not app.trace_shown.get()


def test_floods_stay_bounded_and_summarised(app):
    tcp = app.tabs["tcp_server"].trace_pane
    tcp.model = TraceModel(max_lines=50)  # the cap (2,000 in the window), small enough to reach here
    port = start_server(app, "tcp_server")
    toggle_trace(app, "tcp_server")
    for _ in range(40):  # each connection is about 6 lines; slowly enough to be listed one by one
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        pump_for(app.root, 0.05)
    wait_until(app.root, lambda: tcp.model.end > 200, timeout=10)
    pump_for(app.root, 0.3)
    assert pane_list(app, "tcp_server").size() <= 50
    assert shown_lines(app, "tcp_server") == [line.text() for line in tcp.model.lines]  # the newest kept

    udp_port = start_server(app, "udp_server")
    toggle_trace(app, "udp_server")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as raw:
        for _ in range(20_000):
            raw.sendto(b"f" * 64, ("127.0.0.1", udp_port))
    wait_until(app.root, lambda: any("s.recvfrom(…)  ×" in line for line in shown_lines(app, "udp_server")),
               timeout=10)
    pump_for(app.root, 0.5)
    lines = shown_lines(app, "udp_server")
    assert len(lines) < 80  # the start, the first calls of the flood, then summaries that grow in place
    # the data summary (a would-block summary of the same call may come first: it says BlockingIOError)
    summary = next(line for line in lines
                   if line.startswith("s.recvfrom(…)  ×") and "BlockingIOError" not in line)
    assert summary.split("→ ")[1].endswith(("KB", "MB", " B"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_with_the_trace_shown_every_control_still_fits(app, lang):
    app.set_language(lang)
    app.root.geometry("760x480")
    app.root.update()
    for tab in app.tabs:
        toggle_trace(app, tab)
        app.root.update()
        assert not _problems(app, tab), _problems(app, tab)
        assert app.root.winfo_height() > 480  # the window grew by the pane's height


def test_copy_puts_the_selected_lines_on_the_clipboard(app):
    start_server(app, "tcp_server")
    toggle_trace(app, "tcp_server")
    wait_until(app.root, lambda: len(shown_lines(app, "tcp_server")) >= 7)
    listbox = pane_list(app, "tcp_server")
    listbox.focus_force()
    listbox.event_generate("<Control-a>")
    listbox.event_generate("<Control-c>")
    app.root.update()
    assert app.root.clipboard_get() == "\n".join(shown_lines(app, "tcp_server"))


def test_the_trace_does_not_split_what_the_log_shows_as_one_message(app):
    port = start_server(app, "tcp_server")
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        wait_until(app.root, lambda: app.tabs["tcp_server"].clients.peers())
        for part in (b"one ", b"two ", b"three"):  # three reads, each traced, waiting for the window
            raw.sendall(part)
            time.sleep(0.05)
        wait_until(app.root, lambda: app.tabs["tcp_server"].received_bytes == 13)
    pump_for(app.root, 0.2)
    assert sum(e.startswith("conn1.recv(") for e in [line.call for line in
                                                      app.tabs["tcp_server"].trace_pane.model.lines]) >= 3
    text = log_text(app, "tcp_server")
    assert text.count("← received from") == 1 and "one two three" in text
