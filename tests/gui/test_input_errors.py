"""Bad input gets a clear message in the window, and nothing is sent."""

from __future__ import annotations

import socket

import pytest

from gui.widgets import is_marked_bad

from .drive import (
    choose,
    log_text,
    press,
    pump_for,
    select_tab,
    start_client,
    start_server,
    type_into,
    w,
    wait_until,
)


@pytest.mark.parametrize("port", ["70000", "abc", "-1", ""])
def test_bad_port_is_marked_and_explained(app, port):
    select_tab(app, "tcp_server")
    entry = w(app, "tabs.tcp_server.form.port")
    type_into(entry, port)
    w(app, "tabs.tcp_server.form.start").invoke()
    app.root.update()
    assert app.tabs["tcp_server"].endpoint is None
    assert "0 to 65535" in w(app, "tabs.tcp_server.form.error").cget("text")
    assert is_marked_bad(entry)
    assert "0 to 65535" in log_text(app, "tcp_server")
    # typing again clears the mark
    press(entry, "<Key-1>")
    assert str(entry.cget("style")) == "TEntry"


def test_client_port_zero_is_refused(app):
    select_tab(app, "tcp_client")
    type_into(w(app, "tabs.tcp_client.form.port"), "0")
    w(app, "tabs.tcp_client.form.start").invoke()
    assert "Port 0" in w(app, "tabs.tcp_client.form.error").cget("text")


def test_bad_host_is_explained(app):
    select_tab(app, "tcp_client")
    type_into(w(app, "tabs.tcp_client.form.host"), "no such host")
    w(app, "tabs.tcp_client.form.start").invoke()
    assert "not a valid host name" in w(app, "tabs.tcp_client.form.error").cget("text")


def test_unknown_host_is_explained_after_lookup(app):
    select_tab(app, "tcp_client")
    type_into(w(app, "tabs.tcp_client.form.host"), "no-such-host.invalid")
    type_into(w(app, "tabs.tcp_client.form.port"), "9")
    w(app, "tabs.tcp_client.form.start").invoke()
    wait_until(app.root, lambda: app.tabs["tcp_client"].state == "stopped", timeout=15)
    assert "Cannot find the host" in log_text(app, "tcp_client")


def test_connection_refused_is_explained(app):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nobody listens there now
    select_tab(app, "tcp_client")
    type_into(w(app, "tabs.tcp_client.form.port"), str(port))
    w(app, "tabs.tcp_client.form.start").invoke()
    wait_until(app.root, lambda: app.tabs["tcp_client"].state == "stopped")
    assert f"Nobody is listening on 127.0.0.1:{port}" in w(app, "tabs.tcp_client.form.error").cget("text")
    assert w(app, "tabs.tcp_client.form.start").cget("text") == "Connect"


def test_port_in_use_is_explained(app):
    blocker = socket.socket()
    try:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        select_tab(app, "tcp_server")
        type_into(w(app, "tabs.tcp_server.form.port"), str(port))
        w(app, "tabs.tcp_server.form.start").invoke()
        wait_until(app.root, lambda: "already in use" in log_text(app, "tcp_server"))
        wait_until(app.root, lambda: app.tabs["tcp_server"].state == "stopped")
    finally:
        blocker.close()


def test_bad_hex_is_marked_in_place_and_nothing_is_sent(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    choose(w(app, "tabs.tcp_client.send.options.mode"), "hex")
    entry = w(app, "tabs.tcp_client.send.row.message")
    type_into(entry, "48 6G")
    press(entry)
    hint = w(app, "tabs.tcp_client.send.hint").cget("text")
    assert "G" in hint and "5" in hint  # the bad digit and its position, counted from 1
    assert entry.selection_present() and entry.index("sel.first") == 4
    assert is_marked_bad(entry)
    assert entry.get() == "48 6G"  # kept, so the user can fix it
    pump_for(app.root, 0.2)
    assert app.tabs["tcp_client"].sent_bytes == 0
    assert app.tabs["tcp_server"].received_bytes == 0


def test_wildcard_host_warns_that_the_port_is_open_to_the_network(app):
    select_tab(app, "tcp_server")
    host = w(app, "tabs.tcp_server.form.host")
    type_into(host, "0.0.0.0")
    press(host, "<KeyRelease>")
    assert "other computers can connect" in w(app, "tabs.tcp_server.form.warning").cget("text")
    type_into(host, "127.0.0.1")
    press(host, "<KeyRelease>")
    assert w(app, "tabs.tcp_server.form.warning").cget("text") == ""


def test_oversize_datagram_is_refused_with_a_message(app):
    port = start_server(app, "udp_server")
    start_client(app, "udp_client", port)
    choose(w(app, "tabs.udp_client.send.options.mode"), "escapes")
    entry = w(app, "tabs.udp_client.send.row.message")
    type_into(entry, "x" * 65508)
    press(entry)
    assert "too large" in w(app, "tabs.udp_client.send.hint").cget("text")
    pump_for(app.root, 0.1)
    assert app.tabs["udp_server"].received_count == 0


def test_servers_start_on_loopback_with_a_client_cap(app):
    for tab in ("tcp_server", "udp_server", "tcp_client", "udp_client"):
        assert w(app, f"tabs.{tab}.form.host").get() == "127.0.0.1"
    assert w(app, "tabs.tcp_server.form.max_clients").get() == "100"
    start_server(app, "tcp_server")
    assert app.tabs["tcp_server"].endpoint.max_clients == 100
    assert w(app, "tabs.tcp_server.form.warning").cget("text") == ""


def test_a_host_with_a_port_in_it_points_to_the_port_field(app):
    from .drive import select_tab, type_into, w

    select_tab(app, "tcp_client")
    type_into(w(app, "tabs.tcp_client.form.host"), "127.0.0.1:9996")
    w(app, "tabs.tcp_client.form.start").invoke()
    app.root.update()
    message = w(app, "tabs.tcp_client.form.error").cget("text")
    assert "Port field" in message and "9996" in message
    assert app.tabs["tcp_client"].state == "stopped"
