"""Learn → Socket options…: set before start, read back after it, bad values stopped (issue 11, item 6).

Driven through the window's widgets: the Learn menu, the option fields and
checkboxes, the tab's Start button.  Real loopback sockets.
"""

from __future__ import annotations

import sys

import pytest

from .drive import select_tab, start_server, type_into, w, wait_until

LINUX = sys.platform.startswith("linux")


def open_options(app, tab: str):
    select_tab(app, tab)
    menu = w(app, "menubar.learn")
    labels = [menu.entrycget(i, "label") if menu.type(i) != "separator" else ""
              for i in range(menu.index("end") + 1)]
    menu.invoke(labels.index(_label(app, "Socket options…")))
    app.root.update()
    return w(app, f"options_{tab}")


def _label(app, english: str) -> str:
    from gui.i18n import tr

    return tr(english)


def read_back(window) -> dict[str, tuple[str, str]]:
    """The read-back table as {option: (asked, given)}."""
    table = window.nametowidget("body.read_back")
    return {table.set(row, "option"): (table.set(row, "asked"), table.set(row, "given"))
            for row in table.get_children()}


def test_a_receive_buffer_asked_before_start_is_read_back_as_the_kernel_gave_it(app):
    window = open_options(app, "tcp_server")
    type_into(window.nametowidget("body.grid.rcvbuf"), "65536")
    window.nametowidget("body.grid.reuse_addr").invoke()  # on by default for a server: now off
    start_server(app, "tcp_server")
    rows = wait_until(app.root, lambda: read_back(window).get("SO_RCVBUF") and read_back(window))
    asked, given = rows["SO_RCVBUF"]
    assert asked == "65,536"
    if LINUX:  # Linux doubles it, and the window says why
        assert given == "131,072"
        assert "Linux doubles" in window.nametowidget("body.explain").cget("text")
    else:
        assert int(given.replace(",", "")) >= 65536
    assert rows["SO_REUSEADDR"] == ("0", "0")
    assert "TCP_NODELAY" not in rows  # a listening socket's means nothing
    assert rows["timeout"][1] == "0.0"  # SockLab's own socket: non-blocking
    # the kernel really gave the listening socket that buffer (not only an event saying so)
    import socket

    listener = app.tabs["tcp_server"].endpoint._listeners[0]
    assert listener.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) == int(given.replace(",", ""))


def test_tcp_nodelay_turned_off_on_the_client_is_read_back(app):
    port = start_server(app, "tcp_server")
    window = open_options(app, "tcp_client")
    window.nametowidget("body.grid.nodelay").invoke()
    select_tab(app, "tcp_client")
    type_into(w(app, "tabs.tcp_client.form.port"), str(port))
    w(app, "tabs.tcp_client.form.start").invoke()
    rows = wait_until(app.root, lambda: read_back(window).get("TCP_NODELAY") and read_back(window))
    assert rows["TCP_NODELAY"] == ("0", "0")
    assert rows["SO_RCVBUF"][0] == "(default)"


@pytest.mark.parametrize(("field", "text", "english", "chinese"), [
    ("rcvbuf", "64k", "SO_RCVBUF must be a whole number of bytes", "SO_RCVBUF 必须是 1 到 1,073,741,824"),
    ("sndbuf", "-5", "SO_SNDBUF must be a whole number of bytes", "SO_SNDBUF 必须是"),
    ("rcvbuf", "2000000000", "from 1 to 1,073,741,824", "你输入的是“2000000000”"),
    ("timeout", "soon", "The timeout must be a number of seconds", "超时必须是 0 到 3600 之间的秒数"),
    ("timeout", "-1", "The timeout must be a number of seconds", "超时必须是"),
])
def test_a_bad_value_is_explained_in_both_languages_and_blocks_the_start(app, field, text, english, chinese):
    window = open_options(app, "udp_server")
    entry = window.nametowidget(f"body.grid.{field}")
    type_into(entry, text)
    problem = window.nametowidget("body.problem")
    assert english in problem.cget("text")
    assert entry.instate(["invalid"])
    app.set_language("zh")
    assert chinese in problem.cget("text")
    select_tab(app, "udp_server")
    type_into(w(app, "tabs.udp_server.form.port"), "0")
    w(app, "tabs.udp_server.form.start").invoke()
    app.root.update()
    tab = app.tabs["udp_server"]
    assert tab.state == "stopped" and tab.endpoint is None
    assert chinese in w(app, "tabs.udp_server.form.error").cget("text")
    assert chinese in tab.log.content()
    # fixed: the same button starts it
    type_into(entry, "")
    w(app, "tabs.udp_server.form.start").invoke()
    wait_until(app.root, lambda: tab.state == "running")


def test_a_timeout_on_a_non_blocking_socket_is_refused(app):
    window = open_options(app, "tcp_client")
    type_into(window.nametowidget("body.grid.timeout"), "5")
    assert "used at the next start" in window.nametowidget("body.problem").cget("text")
    window.nametowidget("body.grid.blocking").invoke()
    assert "non-blocking socket has no timeout" in window.nametowidget("body.problem").cget("text")
    chosen = app.tabs["tcp_client"].sockopts.choice
    assert not chosen.blocking and chosen.texts["timeout"] == "5"
    window.nametowidget("body.buttons.defaults").invoke()
    assert chosen.blocking and chosen.texts["timeout"] == ""
    assert chosen.parse().socket == type(chosen.parse().socket)()  # defaults: nothing is set


def test_udp_broadcast_is_offered_on_udp_tabs_and_nodelay_on_tcp_tabs(app):
    udp = open_options(app, "udp_client")
    assert set(udp.checks) == {"reuse_addr", "broadcast"}
    tcp = open_options(app, "tcp_server")
    assert set(tcp.checks) == {"reuse_addr", "nodelay", "keepalive"}
    assert tcp is open_options(app, "tcp_server")  # one window per tab, shown again
    app.close()
    assert not udp.winfo_exists() and not tcp.winfo_exists()


def test_the_learn_windows_controls_have_stable_names(app):
    import tkinter as tk
    from tkinter import ttk

    from .test_names_and_theme import INTERACTIVE

    windows = [open_options(app, "tcp_server"), open_options(app, "udp_client"), app.show_nagle_demo()]

    def walk(widget: tk.Misc):
        for child in widget.winfo_children():
            yield child
            yield from walk(child)

    for window in windows:
        controls = [c for c in walk(window) if isinstance(c, INTERACTIVE)]
        assert len(controls) >= 2
        assert not [str(c) for c in controls if c.winfo_name().startswith("!")]
    assert isinstance(windows[0].nametowidget("body.read_back"), ttk.Treeview)


def test_show_code_sets_the_options_chosen_in_the_options_window(app):
    window = open_options(app, "tcp_client")
    type_into(window.nametowidget("body.grid.rcvbuf"), "65536")
    menu = w(app, "menubar.learn")
    menu.invoke(0)  # Show code…
    app.root.update()
    code = w(app, "code_tcp_client")
    text = code.nametowidget("body.text").get("1.0", "end")
    assert "client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)" in text
    type_into(window.nametowidget("body.grid.rcvbuf"), "lots")  # a bad value: the code says to fix it
    code.nametowidget("bar.refresh").invoke()
    assert code.nametowidget("body.text").get("1.0", "end").startswith("# ")
