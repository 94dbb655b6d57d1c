"""Hostile data on screen: binary garbage, invalid UTF-8 and GBK, a 100 KB line — shown, never a crash."""

from __future__ import annotations

import random

import pytest

from .drive import choose, log_text, pump_for, start_client, start_server, w, wait_until

GARBAGE = {
    "binary": random.Random(5).randbytes(20_000),
    "invalid utf-8": b"\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x90\x28\xbc" * 200,
    "invalid gbk": b"\x81\x20\xfe\xff\x80\xa1" * 300,
    "controls": bytes(range(32)) * 50 + b"\x7f\x1b[31mred\x1b[0m",
    "a 100 KB line": b"y" * 100_000,
}


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "latin-1"])
@pytest.mark.parametrize("name", list(GARBAGE))
def test_hostile_bytes_are_shown_without_trouble(app, name, encoding):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    tab = app.tabs["tcp_server"]
    choose(w(app, "tabs.tcp_server.send.options.encoding"), encoding)
    data = GARBAGE[name]
    app.tabs["tcp_client"].endpoint.send(data)
    wait_until(app.root, lambda: tab.received_bytes == len(data))
    for view in ("hex", "both", "text"):
        choose(w(app, "tabs.tcp_server.middle.panes.log.bar.view"), view)
    pump_for(app.root, 0.05)
    shown = log_text(app, "tcp_server")
    assert f"({len(data):,} B)" in shown or f"({len(data)} B)" in shown
    assert tab.log.line_count() < 200
    # whatever arrived, the text view never shows raw control characters (they could mangle the log)
    body = shown.split("B): ", 1)[1]
    assert not any(ord(c) < 32 and c not in "\n\t" for c in body)


def test_invalid_bytes_are_visible_as_escapes(app):
    port = start_server(app, "udp_server")
    start_client(app, "udp_client", port)
    app.tabs["udp_client"].endpoint.send(b"ok \xff\xfe end")
    wait_until(app.root, lambda: app.tabs["udp_server"].received_count == 1)
    assert "ok \\xff\\xfe end" in log_text(app, "udp_server")
