"""The UDP server says what it does (it binds); the window keeps its size (issue 9: bugs 5 and 22)."""

from __future__ import annotations

import re

from .drive import log_text, select_tab, type_into, w, wait_until


def test_the_udp_server_opens_a_port_it_does_not_listen(app):
    select_tab(app, "udp_server")
    button = w(app, "tabs.udp_server.form.start")
    assert button.cget("text") == "Open"
    type_into(w(app, "tabs.udp_server.form.port"), "0")
    button.invoke()
    wait_until(app.root, lambda: app.tabs["udp_server"].state == "running")
    assert button.cget("text") == "Close"
    assert "Bound to 127.0.0.1:" in log_text(app, "udp_server")
    assert "Listening" not in log_text(app, "udp_server")


def test_a_message_under_the_form_does_not_make_the_window_grow(tk_root):
    import tkinter as tk

    from gui.app import App

    window = tk.Toplevel(tk_root)  # no size given, as when the app starts
    app = App(window, lang="en", theme_name="light")
    try:
        for _ in range(20):
            window.update()
        height = window.winfo_height()
        for bad in ("99999", "abc", "-1"):  # each shows a message line under the form
            type_into(w(app, "tabs.tcp_server.form.port"), bad)
            w(app, "tabs.tcp_server.form.start").invoke()
            for _ in range(5):
                window.update()
            assert w(app, "tabs.tcp_server.form.error").winfo_ismapped()
            assert window.winfo_height() == height
    finally:
        app.close()


def test_a_failing_tab_handler_loses_no_other_tab_and_leaves_flow_control_running(app, monkeypatch):
    import socket

    from .drive import start_server

    udp_port = start_server(app, "udp_server")
    tcp_port = start_server(app, "tcp_server")
    tcp_tab = app.tabs["tcp_server"]
    calls = []

    def broken(events):  # a bug in one part of the TCP server tab (its client list)
        calls.append(len(events))
        raise RuntimeError("boom")

    monkeypatch.setattr(tcp_tab.clients_panel, "handle", broken)
    with socket.create_connection(("127.0.0.1", tcp_port)) as raw, \
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        raw.sendall(b"x" * 4096)
        udp.sendto(b"to the other tab", ("127.0.0.1", udp_port))
        # (the part fails from the first batch, the peer's arrival: wait for the data's own batch)
        wait_until(app.root, lambda: calls and app.tabs["udp_server"].received_count == 1
                   and tcp_tab.received_bytes == 4096)
        assert "Internal error" in log_text(app, app.current_tab().winfo_name())
        assert tcp_tab.endpoint is not None and tcp_tab.endpoint._unconsumed == 0  # acknowledged anyway
        # the tab's other parts still got the data: counted, and shown in the log
        wait_until(app.root, lambda: tcp_tab.received_bytes == 4096
                   and re.search(r"4,?096 B", log_text(app, "tcp_server")))
