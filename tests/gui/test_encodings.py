"""Hex and Chinese text through the real widgets."""

from __future__ import annotations

import pytest

from .drive import choose, log_text, send_text, start_client, start_server, w, wait_until


def test_hex_send_and_hex_view_round_trip(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    choose(w(app, "tabs.tcp_client.send.options.mode"), "hex")
    send_text(app, "tcp_client", "0x48:65-6c 6C,6f")
    wait_until(app.root, lambda: "Hello" in log_text(app, "tcp_server"))
    choose(w(app, "tabs.tcp_server.middle.panes.log.bar.view"), "hex")
    assert "48 65 6C 6C 6F" in log_text(app, "tcp_server")
    assert "|Hello|" in log_text(app, "tcp_server")  # the hex dump's ASCII column
    assert "B): Hello" not in log_text(app, "tcp_server")  # no text part
    choose(w(app, "tabs.tcp_server.middle.panes.log.bar.view"), "both")
    assert "48 65 6C 6C 6F" in log_text(app, "tcp_server") and "Hello" in log_text(app, "tcp_server")


@pytest.mark.parametrize("encoding, wire", [("gbk", "你好".encode("gbk")), ("utf-8", "你好".encode())])
def test_chinese_message_in_each_encoding(app, encoding, wire):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    choose(w(app, "tabs.tcp_client.send.options.encoding"), encoding)  # what is sent
    choose(w(app, "tabs.tcp_server.middle.panes.log.bar.encoding"), encoding)  # how the log shows it
    send_text(app, "tcp_client", "你好")
    server = app.tabs["tcp_server"]
    wait_until(app.root, lambda: server.received_bytes == len(wire))
    assert "你好" in log_text(app, "tcp_server")
    choose(w(app, "tabs.tcp_server.middle.panes.log.bar.view"), "hex")
    assert " ".join(f"{b:02X}" for b in wire) in log_text(app, "tcp_server")


def test_wrong_encoding_shows_bytes_instead_of_failing(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    choose(w(app, "tabs.tcp_client.send.options.encoding"), "gbk")
    send_text(app, "tcp_client", "你好")  # the server tab still decodes UTF-8
    wait_until(app.root, lambda: app.tabs["tcp_server"].received_bytes == 4)
    assert "\\xc4" in log_text(app, "tcp_server").lower()


def test_escapes_and_line_ending(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    choose(w(app, "tabs.tcp_client.send.options.mode"), "escapes")
    choose(w(app, "tabs.tcp_client.send.options.line_ending"), "crlf")
    send_text(app, "tcp_client", "a\\tb\\x00")
    server = app.tabs["tcp_server"]
    wait_until(app.root, lambda: server.received_bytes == 6)
    choose(w(app, "tabs.tcp_server.middle.panes.log.bar.view"), "hex")
    assert "61 09 62 00 0D 0A" in log_text(app, "tcp_server")


def test_history_recalls_sent_messages(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    send_text(app, "tcp_client", "first")
    send_text(app, "tcp_client", "second")
    entry = w(app, "tabs.tcp_client.send.row.message")
    assert entry.get() == ""
    entry.event_generate("<Up>")
    assert entry.get() == "second"
    entry.event_generate("<Up>")
    assert entry.get() == "first"
    entry.event_generate("<Down>")
    assert entry.get() == "second"


def test_switching_view_and_timestamps_on_an_empty_log(app):
    log = app.tabs["udp_client"].log
    for view in ("hex", "both", "text"):
        choose(w(app, "tabs.udp_client.middle.panes.log.bar.view"), view)
    w(app, "tabs.udp_client.middle.panes.log.body.text.menu").invoke(3)  # right-click: Show timestamps
    w(app, "tabs.udp_client.middle.panes.log.bar.clear").invoke()
    assert log.content() == ""


def test_network_error_verbs_are_translated():
    from gui.locale_zh import CATALOG
    from netcore.os_errors import from_os_error

    err = from_os_error(OSError(99999, "Strange failure"), action="connect", host="127.0.0.1", port=80)
    assert err.message == "Could not connect to 127.0.0.1:80: Strange failure"
    chinese = err.translated(lambda text: CATALOG.get(text, text))
    assert "connect to" not in chinese and CATALOG["connect to"] in chinese
