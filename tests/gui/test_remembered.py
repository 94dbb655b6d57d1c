"""Settings remembered: close the window, open it again, and it comes back as it was; a damaged settings
file is kept aside, said in the window, and replaced by the defaults; features add their own state."""

from __future__ import annotations

import json
import socket
import tkinter as tk

from gui import settings_keeper, tab_memory
from gui.app import App
from gui.settings import Settings
from netcore.saved_messages import SavedMessage

from .drive import choose, press, pump_for, select_tab, start_server, type_into, w, wait_until


def _open(tk_root, name: str, path) -> App:
    """A window as main.py makes it: the settings read once, before it."""
    settings = Settings.load(path)
    window = tk.Toplevel(tk_root, name=name)
    app = App(window, lang=settings.language or "en", theme_name=settings.theme, settings=settings)
    wait_until(window, lambda: all(tab.built for tab in app.tabs.values()))
    return app


def _menu_index(menu, label: str) -> int:
    return next(i for i in range(menu.index("end") + 1)
                if menu.type(i) != "separator" and menu.entrycget(i, "label") == label)


def test_a_window_closed_and_opened_again_comes_back_as_it_was(tk_root, tmp_path):
    path = tmp_path / "settings.json"
    first = _open(tk_root, "remembered1", path)
    try:
        first.root.geometry("900x740")  # tall enough for the trace pane shown below
        select_tab(first, "tcp_client")
        choose(w(first, "tabs.tcp_client.form.family"), "ipv6")
        type_into(w(first, "tabs.tcp_client.form.host"), "::1")
        type_into(w(first, "tabs.tcp_client.form.port"), "5555")
        type_into(w(first, "tabs.tcp_client.form.timeout"), "2.5")
        choose(w(first, "tabs.tcp_client.send.options.mode"), "hex")
        choose(w(first, "tabs.tcp_client.send.options.encoding"), "gbk")
        choose(w(first, "tabs.tcp_client.send.options.line_ending"), "crlf")
        learn = w(first, "menubar.learn")
        learn.invoke(_menu_index(learn, "Socket options…"))  # the options window of the tab shown
        options = w(first, "options_tcp_client")
        options.checks["keepalive"].invoke()
        type_into(options.entries["rcvbuf"], "65536")
        learn.invoke(_menu_index(learn, "Socket calls (trace)"))
        type_into(w(first, "tabs.udp_client.form.local_port"), "0")
        type_into(w(first, "tabs.udp_server.form.port"), "7001")
        first.saved_messages().set_messages([SavedMessage("Ping", "ping {counter}", line_ending="lf")])
        w(first, "menubar.view.language").invoke(1)  # 简体中文
        w(first, "menubar.view.theme").invoke(1)  # dark
        first.root.update()
    finally:
        first.close()

    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["version"] == 2 and stored["window"] == {"width": 900, "height": 740}
    second = _open(tk_root, "remembered2", path)
    try:
        assert (second.settings.language, second.settings.theme) == ("zh", "dark")
        assert (second.language.get(), second.theme.get()) == ("zh", "dark")
        second.root.update()
        assert (second.root.winfo_width(), second.root.winfo_height()) == (900, 740)
        client = second.tabs["tcp_client"]
        assert client.form.family.get() == "ipv6"
        assert (client.form.host.get(), client.form.port.get(), client.form.extra["timeout"].get()) == \
            ("::1", "5555", "2.5")
        box = client.sendbox
        assert (box.mode.get(), box.encoding.get(), box.line_ending.get()) == ("hex", "gbk", "crlf")
        assert client.sockopts.choice.flags["keepalive"] is True
        assert client.sockopts.choice.texts["rcvbuf"] == "65536"
        assert client.trace_pane.shown.get() and not second.tabs["tcp_server"].trace_pane.shown.get()
        assert second.tabs["udp_server"].form.port.get() == "7001"
        assert second.saved_messages().messages == [SavedMessage("Ping", "ping {counter}", line_ending="lf")]
        # what was not changed is as it always was
        assert second.tabs["tcp_server"].form.host.get() == "127.0.0.1"
        assert second.tabs["tcp_server"].sendbox.mode.get() == "text"
    finally:
        second.close()


def test_a_damaged_settings_file_is_kept_aside_said_and_replaced_by_defaults(tk_root, tmp_path):
    path = tmp_path / "settings.json"
    damaged = b'{"language": "zh", "theme": "dark", "tabs": {'  # cut short (a power cut mid-write)
    path.write_bytes(damaged)
    app = _open(tk_root, "damaged1", path)
    try:
        backups = list(tmp_path.glob("settings.json.bad-*"))
        assert len(backups) == 1 and backups[0].read_bytes() == damaged  # kept, byte for byte
        assert (app.settings.language, app.settings.theme) == (None, "light")  # the defaults
        log = app.tabs["tcp_server"].log.content()
        assert "The settings file could not be read" in log and str(backups[0]) in log
        assert "SockLab started with the default settings" in log
        app.set_language("zh")
        assert "无法读取设置文件" in app.tabs["tcp_server"].log.content()
    finally:
        app.close()
    assert json.loads(path.read_text(encoding="utf-8"))["language"] == "zh"  # a good file again
    assert backups[0].read_bytes() == damaged


def test_a_change_is_saved_once_a_moment_later_and_features_add_their_state(tk_root, tmp_path, monkeypatch):
    monkeypatch.setattr(settings_keeper, "SAVE_DELAY_MS", 50)
    path = tmp_path / "settings.json"
    saves = []
    app = _open(tk_root, "debounce1", path)
    real_save = app.settings.save
    monkeypatch.setattr(app.settings, "save", lambda: saves.append(1) or real_save())
    try:
        host = w(app, "tabs.tcp_server.form.host")
        for text in ("1", "12", "127.0.0.2"):  # a burst of typing: one save after it
            type_into(host, text)
            press(host, "<KeyRelease-2>")
        assert not saves  # not on every keystroke
        wait_until(app.root, lambda: saves and "127.0.0.2" in path.read_text(encoding="utf-8"))
        assert len(saves) == 1

        # a feature registered after the tabs were built gets its stored value at once, and its
        # capture goes into the file; a key no feature claims this run is kept as it was
        app.settings.tabs["tcp_server"]["periodic"] = {"interval_ms": 250}
        app.settings.tabs["udp_client"]["from_a_newer_socklab"] = [1, 2]
        restored = {}
        monkeypatch.setitem(tab_memory._providers, "unused", (lambda tab: None, lambda tab, v: None))
        tab_memory.remember_per_tab("periodic", lambda tab: restored.get(tab.winfo_name()),
                                    lambda tab, value: restored.update({tab.winfo_name(): value}))
        assert restored == {"tcp_server": {"interval_ms": 250}}
        restored["tcp_server"] = {"interval_ms": 5}
        tab_memory.changed(app.tabs["tcp_server"])
        wait_until(app.root, lambda: '"interval_ms": 5' in path.read_text(encoding="utf-8"))


        # saved messages stored with the settings that no longer read (edited by hand): written aside
        # as they were, said in the log, and the library starts empty
        stored = [{"name": "ok", "text": "hi"}, {"name": "bad", "text": "GG", "mode": "hex"}]
        app.settings.saved_messages = stored
        assert app.saved_messages().messages == []
        kept = list(tmp_path.glob("saved-messages.bad-*.json"))
        assert len(kept) == 1 and json.loads(kept[0].read_text(encoding="utf-8")) == stored
        log = app.tabs["tcp_server"].log.content()
        assert "The saved messages stored with the settings could not be read" in log and str(kept[0]) in log
        assert app.settings.saved_messages is None  # said once: not again at every start
    finally:
        app.close()
        tab_memory._providers.pop("periodic", None)
    tabs = json.loads(path.read_text(encoding="utf-8"))["tabs"]
    assert tabs["udp_client"]["from_a_newer_socklab"] == [1, 2]
    assert "periodic" not in tabs["udp_client"]  # capture said None: nothing to keep


def test_auto_reply_rules_and_framing_come_back_and_answer_from_the_first_start(tk_root, tmp_path):
    # (the merged rules and framing windows kept their choices only for the session: a tester who
    # set up a device simulator found it silent after a restart until the rules window was opened)
    from .test_autoreply_framing import FRAMING, RULES, add_rule, tools

    path = tmp_path / "settings.json"
    first = _open(tk_root, "remembered5", path)
    try:
        select_tab(first, "tcp_server")
        tools(first, FRAMING)
        w(first, "framing_tcp_server.body.choices.row_lf.mode_lf").invoke()
        w(first, "framing_tcp_server.body.bottom.apply").invoke()
        tools(first, RULES)
        add_rule(first, "tcp_server", "regex", r"PING (\d+)", r"PONG \1\n")
        add_rule(first, "tcp_server", "fixed", reply="?\\n")
        first.root.update()
    finally:
        first.close()

    stored = json.loads(path.read_text(encoding="utf-8"))["tabs"]["tcp_server"]
    assert [rule["kind"] for rule in stored["auto_reply_rules"]["rules"]] == ["regex", "fixed"]
    assert stored["receive_framing"]["mode"] == "lf"
    second = _open(tk_root, "remembered6", path)
    try:
        # nothing opened: Start, and the remembered rules answer whole lines at once
        port = start_server(second, "tcp_server")
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(b"PI")
            pump_for(second.root, 0.03)
            sock.sendall(b"NG 7\nhello\n")
            got = b""
            while got.count(b"\n") < 2:
                got += sock.recv(100)
        assert got == b"PONG 7\n?\n"
    finally:
        second.close()
