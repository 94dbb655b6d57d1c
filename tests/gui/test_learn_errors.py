"""Errors explained in the window (issue 11, item 4): produced for real, read where the user reads them."""

from __future__ import annotations

import socket

import gui.parts.no_reply as no_reply
from gui.locale_zh import CATALOG
from netcore.explain import LESSONS

from .drive import (
    log_text,
    pump_for,
    select_tab,
    send_text,
    start_client,
    type_into,
    w,
    wait_until,
)

REFUSED_WHY = LESSONS["refused"].why


def _closed_port(kind: int = socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _connect(app, tab: str, port: int) -> None:
    select_tab(app, tab)
    type_into(w(app, f"tabs.{tab}.form.host"), "127.0.0.1")
    type_into(w(app, f"tabs.{tab}.form.port"), str(port))
    w(app, f"tabs.{tab}.form.start").invoke()


def test_refused_shows_its_errno_name_and_why_on_request(app):
    port = _closed_port()
    _connect(app, "tcp_client", port)
    error = w(app, "tabs.tcp_client.form.error")
    wait_until(app.root, lambda: "[ECONNREFUSED]" in error.cget("text"), what=lambda: error.cget("text"))
    assert error.cget("text") == (f"Nobody is listening on 127.0.0.1:{port} — is the server started? "
                                  "[ECONNREFUSED]")
    why_button, why_text = w(app, "tabs.tcp_client.form.why"), w(app, "tabs.tcp_client.form.why_text")
    assert why_button.winfo_ismapped() and not why_text.winfo_ismapped()  # folded until asked
    why_button.invoke()
    app.root.update()
    assert why_text.winfo_ismapped()
    assert why_text.cget("text") == (f"Why: {REFUSED_WHY}\nNext: Start the server first (the TCP server "
                                     "tab, or your own program), then check that both sides use the same "
                                     f"address and port {port}.")
    why_button.invoke()
    app.root.update()
    assert not why_text.winfo_ismapped()
    # the log says it too, with the lesson the first time only
    wait_until(app.root, lambda: app.tabs["tcp_client"].state == "stopped")
    _connect(app, "tcp_client", port)
    wait_until(app.root, lambda: log_text(app, "tcp_client").count("[ECONNREFUSED]") == 2,
               what=lambda: log_text(app, "tcp_client"))
    assert log_text(app, "tcp_client").count("Why: ") == 1
    assert "\n    Next: Start the server first" in log_text(app, "tcp_client")


def test_a_form_problem_has_no_errno_and_no_why(app):
    select_tab(app, "tcp_client")
    type_into(w(app, "tabs.tcp_client.form.port"), "99999")
    w(app, "tabs.tcp_client.form.start").invoke()
    app.root.update()
    assert "whole number" in w(app, "tabs.tcp_client.form.error").cget("text")
    assert "[" not in w(app, "tabs.tcp_client.form.error").cget("text")
    assert not w(app, "tabs.tcp_client.form.why").winfo_ismapped()


def test_address_in_use_names_eaddrinuse_and_time_wait(app):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        _connect(app, "tcp_server", holder.getsockname()[1])
        error = w(app, "tabs.tcp_server.form.error")
        wait_until(app.root, lambda: "[EADDRINUSE]" in error.cget("text"), what=lambda: error.cget("text"))
    w(app, "tabs.tcp_server.form.why").invoke()
    app.root.update()
    assert "TIME_WAIT" in w(app, "tabs.tcp_server.form.why_text").cget("text")
    assert "SO_REUSEADDR" in log_text(app, "tcp_server")


def test_a_refused_datagram_is_the_icmp_lesson(app):
    start_client(app, "udp_client", _closed_port(socket.SOCK_DGRAM))

    def refused() -> bool:
        if "[ECONNREFUSED]" not in log_text(app, "udp_client"):
            send_text(app, "udp_client", "anyone?")  # the ICMP answer comes back on the next send
            pump_for(app.root, 0.05)
        return "[ECONNREFUSED]" in log_text(app, "udp_client")

    wait_until(app.root, refused, what=lambda: log_text(app, "udp_client"))
    assert "ICMP “port unreachable”" in log_text(app, "udp_client")


def test_an_oversize_datagram_names_emsgsize_in_the_send_box(app):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server:
        server.bind(("127.0.0.1", 0))
        start_client(app, "udp_client", server.getsockname()[1])
        send_text(app, "udp_client", "x" * 70_000)
        hint = w(app, "tabs.udp_client.send.hint")
        assert hint.cget("text").endswith("[EMSGSIZE]"), hint.cget("text")
        assert "Why: A datagram travels whole or not at all" in log_text(app, "udp_client")


def test_no_reply_gets_one_gentle_hint_and_a_reply_gets_none(app, monkeypatch):
    monkeypatch.setattr(no_reply, "WAIT_MS", 300)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:  # receives, never answers
        silent.bind(("127.0.0.1", 0))
        port = silent.getsockname()[1]
        start_client(app, "udp_client", port)
        send_text(app, "udp_client", "hello?")
        wait_until(app.root, lambda: "No reply from" in log_text(app, "udp_client"))
        hint = f"No reply from 127.0.0.1:{port} after 0.3 s, and no error either."
        assert hint in log_text(app, "udp_client")
        assert "no acknowledgement" in log_text(app, "udp_client")
        send_text(app, "udp_client", "hello again?")
        pump_for(app.root, 0.6)
        assert log_text(app, "udp_client").count("No reply from") == 1  # a hint, not a nag
        # after a restart, a target that answers gets no hint
        w(app, "tabs.udp_client.form.start").invoke()
        wait_until(app.root, lambda: app.tabs["udp_client"].state == "stopped")
        w(app, "tabs.udp_client.middle.panes.log.bar.clear").invoke()
        start_client(app, "udp_client", port)
        send_text(app, "udp_client", "ping")
        silent.settimeout(5)
        for _ in range(3):  # the earlier run's datagrams come first
            data, sender = silent.recvfrom(100)
            if data == b"ping":
                break
        silent.sendto(b"pong", sender)
        wait_until(app.root, lambda: "pong" in log_text(app, "udp_client"))
        pump_for(app.root, 0.6)
        assert "No reply from" not in log_text(app, "udp_client")


def test_the_lesson_in_chinese(app):
    app.set_language("zh")
    _connect(app, "tcp_client", _closed_port())
    error = w(app, "tabs.tcp_client.form.error")
    wait_until(app.root, lambda: "[ECONNREFUSED]" in error.cget("text"))
    w(app, "tabs.tcp_client.form.why").invoke()
    app.root.update()
    text = w(app, "tabs.tcp_client.form.why_text").cget("text")
    assert text.startswith(CATALOG["Why: {why}"].format(why=CATALOG[REFUSED_WHY]))
    assert CATALOG["Why?"] == w(app, "tabs.tcp_client.form.why").cget("text")
