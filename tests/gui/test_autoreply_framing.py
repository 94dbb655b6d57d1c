"""Tools → Auto-reply rules… and Tools → Receive framing…, driven through their windows over loopback."""

from __future__ import annotations

import socket

import pytest

from gui.i18n import tr
from gui.widgets import is_marked_bad

from .drive import (
    choose,
    log_text,
    press,
    pump_for,
    select_tab,
    send_text,
    start_client,
    start_server,
    type_into,
    w,
    wait_until,
)

RULES = "Auto-reply rules…"
FRAMING = "Receive framing…"


def tools(app, label: str):
    """Invoke the Tools menu entry ``label`` (English) for the tab shown; returns its window."""
    menu = app.menubar.nametowidget("tools")
    for index in range(menu.index("end") + 1):
        if menu.type(index) == "command" and menu.entrycget(index, "label") == tr(label):
            menu.invoke(index)
            app.root.update()
            name = "autoreply" if label == RULES else "framing"
            return w(app, f"{name}_{app.current_tab().winfo_name()}")
    raise AssertionError(f"no Tools entry {label!r}")


def add_rule(app, tab: str, kind: str, pattern: str = "", reply: str = "", reply_format: str = "text"):
    editor = f"autoreply_{tab}.body.editor"
    choose(w(app, f"{editor}.kind"), kind)
    choose(w(app, f"{editor}.reply_format"), reply_format)
    for field, text in (("pattern", pattern), ("reply", reply)):
        entry = w(app, f"{editor}.{field}")
        if str(entry.cget("state")) == "normal":
            type_into(entry, text)
    w(app, f"{editor}.actions.add").invoke()


def rows(window) -> list[tuple[str, ...]]:
    table = window.rules
    return [tuple(str(v) for v in table.item(iid, "values")) for iid in table.get_children()]


def exchange(port: int, messages: list[bytes], expect: int) -> list[bytes]:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(2)
        for message in messages:
            sock.sendto(message, ("127.0.0.1", port))
        replies = [sock.recv(1000) for _ in range(expect)]
        sock.settimeout(0.05)
        with pytest.raises(TimeoutError):
            sock.recv(1000)
    return replies


def test_rules_typed_in_the_editor_answer_every_message_and_follow_the_list_buttons(app):
    select_tab(app, "udp_server")
    window = tools(app, RULES)
    add_rule(app, "udp_server", "regex", r"GET (?P<key>\w+)", r"\g<key>=42\n")
    add_rule(app, "udp_server", "hex_prefix", "AA 55", "06", "hex")
    add_rule(app, "udp_server", "fixed", reply="?")
    assert rows(window) == [("1", "yes", "regex", r"GET (?P<key>\w+)", r"\g<key>=42\n", "Text"),
                            ("2", "yes", "hex prefix", "AA 55", "06", "Hex"),
                            ("3", "yes", "fixed", "", "?", "Text")]
    port = start_server(app, "udp_server")  # the rules set while stopped apply from the start
    replies = exchange(port, [b"GET volume", b"\xaa\x55\x01", b"other"] * 10, 30)
    assert replies == [b"volume=42\n", b"\x06", b"?"] * 10
    wait_until(app.root, lambda: log_text(app, "udp_server").count("(auto-reply, rule 1)") == 10)
    assert app.tabs["udp_server"].sent_count == 30 and app.tabs["udp_server"].received_count == 30

    # while running: move the catch-all to the top, then disable it, then delete it
    window.rules.selection_set("2")
    w(app, "autoreply_udp_server.body.list.buttons.up").invoke()
    w(app, "autoreply_udp_server.body.list.buttons.up").invoke()
    assert [row[2] for row in rows(window)] == ["fixed", "regex", "hex prefix"]
    assert exchange(port, [b"GET volume"], 1) == [b"?"]
    w(app, "autoreply_udp_server.body.list.buttons.toggle").invoke()
    assert rows(window)[0][1] == "no"
    assert exchange(port, [b"GET volume", b"other"], 1) == [b"volume=42\n"]
    w(app, "autoreply_udp_server.body.list.buttons.delete").invoke()
    w(app, "autoreply_udp_server.body.list.buttons.down").invoke()  # (the regex rule, now selected)
    assert [row[2] for row in rows(window)] == ["hex prefix", "regex"]
    # Update selected: the editor shows the selected rule; change its reply
    app.root.update()
    assert w(app, "autoreply_udp_server.body.editor.pattern").get() == r"GET (?P<key>\w+)"
    type_into(w(app, "autoreply_udp_server.body.editor.reply"), r"\g<key>!")
    w(app, "autoreply_udp_server.body.editor.actions.update").invoke()
    assert exchange(port, [b"GET x"], 1) == [b"x!"]


def test_bad_input_is_refused_when_typed_with_the_field_marked_in_both_languages(app):
    select_tab(app, "tcp_server")
    window = tools(app, RULES)
    for lang, words in (("en", "is not a valid regular expression"), ("zh", "不是有效的正则表达式")):
        app.set_language(lang)
        add_rule(app, "tcp_server", "regex", r"temp=(\d+", r"T\1")
        problem = w(app, "autoreply_tcp_server.body.editor.problem").cget("text")
        assert words in problem and "6" in problem
        pattern = w(app, "autoreply_tcp_server.body.editor.pattern")
        assert is_marked_bad(pattern) and pattern.selection_get() == "("
        assert rows(window) == []
    app.set_language("en")
    add_rule(app, "tcp_server", "regex", r"temp=(\d+)", r"T\2")  # a group the pattern lacks
    assert is_marked_bad(w(app, "autoreply_tcp_server.body.editor.reply")) and rows(window) == []
    assert "has only 1" in w(app, "autoreply_tcp_server.body.editor.problem").cget("text")
    type_into(w(app, "autoreply_tcp_server.body.settings.guard"), "many")
    press(w(app, "autoreply_tcp_server.body.settings.guard"))
    assert is_marked_bad(w(app, "autoreply_tcp_server.body.settings.guard"))

    # the framing window: a bad delimiter, a bad gap
    select_tab(app, "tcp_client")
    tools(app, FRAMING)
    w(app, "framing_tcp_client.body.choices.row_custom.mode_custom").invoke()
    choose(w(app, "framing_tcp_client.body.choices.row_custom.custom_format"), "hex")
    type_into(w(app, "framing_tcp_client.body.choices.row_custom.custom"), "0D 0G")
    w(app, "framing_tcp_client.body.bottom.apply").invoke()
    assert is_marked_bad(w(app, "framing_tcp_client.body.choices.row_custom.custom"))
    assert "not a hex digit" in w(app, "framing_tcp_client.body.problem").cget("text")
    w(app, "framing_tcp_client.body.choices.row_idle.mode_idle").invoke()
    type_into(w(app, "framing_tcp_client.body.choices.row_idle.idle"), "0")
    w(app, "framing_tcp_client.body.bottom.apply").invoke()
    assert is_marked_bad(w(app, "framing_tcp_client.body.choices.row_idle.idle"))
    select_tab(app, "udp_client")  # a UDP tab has nothing to frame, and says why
    framing = tools(app, FRAMING)
    assert "each datagram is already one message" in framing.intro.cget("text")
    assert "apply" not in w(app, "framing_udp_client.body.bottom").children


def test_the_loop_guard_stops_two_tabs_echoing_at_each_other_and_says_so(app):
    for tab in ("udp_server", "udp_client"):
        select_tab(app, tab)
        tools(app, RULES)
        add_rule(app, tab, "echo")
        if tab == "udp_server":  # its guard trips first
            type_into(w(app, "autoreply_udp_server.body.settings.guard"), "30")
            press(w(app, "autoreply_udp_server.body.settings.guard"))
        w(app, f"autoreply_{tab}.body.bottom.close").invoke()
    port = start_server(app, "udp_server")
    start_client(app, "udp_client", port)
    send_text(app, "udp_client", "ping")  # answered, and the answer answered...
    wait_until(app.root, lambda: "a loop?" in log_text(app, "udp_server") + log_text(app, "udp_client"))
    told = log_text(app, "udp_server") + log_text(app, "udp_client")
    assert "Auto-reply paused for 127.0.0.1:" in told and "replies in 1 s" in told
    pump_for(app.root, 0.1)
    sent = app.tabs["udp_server"].sent_count
    pump_for(app.root, 0.2)
    assert app.tabs["udp_server"].sent_count == sent <= 31  # it stopped, at its limit (30 a second)
    assert "Auto-reply paused for 127.0.0.1:" in log_text(app, "udp_server")


def test_framing_by_line_shows_and_counts_messages_and_rules_match_whole_lines(app):
    select_tab(app, "tcp_server")
    window = tools(app, FRAMING)
    w(app, "framing_tcp_server.body.choices.row_lf.mode_lf").invoke()
    w(app, "framing_tcp_server.body.bottom.apply").invoke()
    assert "Applied" in window.problem.cget("text")
    port = start_server(app, "tcp_server")
    tab = app.tabs["tcp_server"]
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(b"one\ntwo\nthree\n")  # one send, most likely one recv(): three messages
        wait_until(app.root, lambda: tab.received_count == 3)
        assert log_text(app, "tcp_server").count("received from") == 3
        tools(app, RULES)  # rules added while it runs answer at once, line by line
        add_rule(app, "tcp_server", "contains", "PING", "PONG\\n")
        sock.sendall(b"PI")
        pump_for(app.root, 0.03)
        sock.sendall(b"NG 1\nPING 2\nPIN")
        wait_until(app.root, lambda: tab.received_count == 5)
        sock.sendall(b"G 3\n")
        got = b""
        while got.count(b"\n") < 3:
            got += sock.recv(100)
        assert got == b"PONG\n" * 3
        wait_until(app.root, lambda: tab.received_count == 6)
        log = log_text(app, "tcp_server")
        assert log.count("received from") == 6 and "(7 B): PING 1" in log and "PING 3" in log
        assert log.count("(auto-reply, rule 1)") == 3
        # off again, while running: reads are shown as they come
        w(app, "framing_tcp_server.body.choices.row_off.mode_off").invoke()
        w(app, "framing_tcp_server.body.bottom.apply").invoke()
        assert "off" in window.problem.cget("text")
