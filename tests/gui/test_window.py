"""The window as a whole: language, theme, the capped log, closing under a flood."""

from __future__ import annotations

import socket
import threading
import time
import tkinter as tk

from gui import log_view, theme
from gui.locale_zh import CATALOG

from .drive import log_text, pump_for, select_tab, start_client, start_server, w, wait_until


def test_window_title_and_five_tabs(app):
    assert app.root.title() == "SockLab — TCP server · Stopped"
    titles = [app.notebook.tab(tab, "text") for tab in app.notebook.tabs()]
    assert titles == ["TCP server", "TCP client", "UDP server", "UDP client", "TCP relay"]


def test_language_switch_from_the_menu_relabels_everything(app):
    language_menu = w(app, "menubar.view.language")
    language_menu.invoke(1)  # 简体中文
    app.root.update()
    titles = [app.notebook.tab(tab, "text") for tab in app.notebook.tabs()]
    assert titles == [CATALOG[t] for t in ("TCP server", "TCP client", "UDP server", "UDP client",
                                           "TCP relay")]
    assert w(app, "tabs.tcp_server.form.start").cget("text") == CATALOG["Start listening"]
    assert w(app, "tabs.tcp_client.form.start").cget("text") == CATALOG["Connect"]
    assert w(app, "tabs.tcp_server.middle.panes.log.bar.clear").cget("text") == CATALOG["Clear"]
    assert app.menubar.entrycget(0, "label") == CATALOG["File"]
    # Tk's own dialogs follow
    assert app.root.tk.eval("namespace eval ::tk {::msgcat::mc &Save}") != "&Save"
    # a message produced now is in Chinese
    w(app, "tabs.tcp_server.form.port").delete(0, "end")
    w(app, "tabs.tcp_server.form.start").invoke()
    assert "65535" in w(app, "tabs.tcp_server.form.error").cget("text")
    assert w(app, "tabs.tcp_server.form.error").cget("text").startswith(
        CATALOG["The port must be a whole number from 0 to 65535 (you typed “{text}”)."][:4])
    language_menu.invoke(0)
    app.root.update()
    assert w(app, "tabs.tcp_server.form.start").cget("text") == "Start listening"


def test_chat_in_chinese(tk_root):
    """Start in Chinese (as --lang zh does) and chat; labels and counters work."""
    import tkinter as tk

    from gui.app import App

    window = tk.Toplevel(tk_root, name="socklab_zh")
    app = App(window, lang="zh")
    try:
        port = start_server(app, "tcp_server")
        start_client(app, "tcp_client", port)
        from .drive import send_text

        send_text(app, "tcp_client", "你好，服务器")
        wait_until(app.root, lambda: "你好，服务器" in log_text(app, "tcp_server"))
        assert w(app, "tabs.tcp_client.form.start").cget("text") == CATALOG["Disconnect"]
    finally:
        app.close()
        tk_root.update()
    assert not tk_root.callback_errors


def test_dark_theme_recolours_the_log(app):
    w(app, "menubar.view.theme").invoke(1)
    app.root.update()
    assert theme.current() == "dark"
    text = app.tabs["tcp_server"].log.text
    assert text.cget("background") == theme.PALETTES["dark"]["field"]
    pump_for(app.root, 0.05)
    # error and hint labels keep their own colours (sv-ttk's palette must not pin them)
    hint = w(app, "tabs.tcp_server.send.hint")
    assert str(hint.cget("foreground")) == ""
    error_colour = hint.tk.call("ttk::style", "lookup", "Error.TLabel", "-foreground")
    assert error_colour == theme.PALETTES["dark"]["error"]
    w(app, "menubar.view.theme").invoke(0)
    assert text.cget("background") == theme.PALETTES["light"]["field"]


def test_log_is_capped_and_counters_stay_exact(app):
    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    total = 0
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for burst in range(60):
            for i in range(100):
                sender.sendto(f"datagram {burst}-{i}".encode(), ("127.0.0.1", port))
            total += 100
            # paced, so the kernel never drops one and the count must be exact; each burst is drawn
            # before the next (one draw's worth: nothing is hidden or skipped), so 6,000 entries pass
            # through a log of 5,000 lines and the oldest must go
            wait_until(app.root, lambda expected=total: tab.received_count == expected, timeout=10)
            wait_until(app.root, lambda burst=burst: f"datagram {burst}-99" in log_text(app, "udp_server"))
    assert tab.received_count == 6_000
    assert tab.log.line_count() <= log_view.MAX_LINES
    assert "datagram 0-0 " not in log_text(app, "udp_server") + " "
    assert tab.log.dropped > 0


def test_a_long_line_is_folded_and_cut(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    tab = app.tabs["tcp_server"]
    app.tabs["tcp_client"].endpoint.send(b"x" * 100_000)
    wait_until(app.root, lambda: tab.received_bytes == 100_000)
    pump_for(app.root, 0.05)
    assert tab.log.line_count() <= 3 * log_view.MAX_ENTRY_LINES
    assert "cut here" in log_text(app, "tcp_server")


def _flood_tcp(port: int, stop: threading.Event) -> None:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(0.5)
        chunk = b"flood " * 1000
        deadline = time.monotonic() + 10
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                sock.sendall(chunk)
            except OSError:
                return


def _flood_udp(port: int, stop: threading.Event) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        deadline = time.monotonic() + 10
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                sock.sendto(b"u" * 200, ("127.0.0.1", port))
            except OSError:
                time.sleep(0.001)


def test_closing_the_window_during_a_flood_is_quick_and_clean(app):
    tcp_port = start_server(app, "tcp_server")
    udp_port = start_server(app, "udp_server")
    stop = threading.Event()
    floods = [threading.Thread(target=_flood_tcp, args=(tcp_port, stop)),
              threading.Thread(target=_flood_udp, args=(udp_port, stop))]
    for thread in floods:
        thread.start()
    try:
        wait_until(app.root, lambda: app.tabs["tcp_server"].received_bytes > 1_000_000
                   and app.tabs["udp_server"].received_count > 1000, timeout=10)
        select_tab(app, "tcp_server")
        started = time.monotonic()
        app.close()
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        for thread in floods:
            thread.join(5)
    assert elapsed < 2.0
    assert not any(t.name.startswith("netcore-") for t in threading.enumerate())
    assert not app.root.winfo_exists()


def test_counters_for_a_client_reconnecting(app):
    port = start_server(app, "tcp_server")
    for _ in range(3):
        start_client(app, "tcp_client", port)
        w(app, "tabs.tcp_client.form.start").invoke()
        wait_until(app.root, lambda: app.tabs["tcp_client"].state == "stopped")
    wait_until(app.root, lambda: log_text(app, "tcp_server").count("connected.") == 3)


def test_received_data_saved_to_file_is_complete(app, tmp_path, monkeypatch):
    import hashlib
    import random

    target = tmp_path / "received.bin"
    monkeypatch.setattr("gui.app.filedialog.asksaveasfilename", lambda **options: str(target))
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    select_tab(app, "tcp_server")
    file_menu = w(app, "menubar.file")
    assert file_menu.entrycget(2, "state") == "disabled"
    file_menu.invoke(1)  # Save received data to file…
    assert file_menu.entrycget(2, "state") == "normal"
    payload = random.Random(7).randbytes(5 * 1024 * 1024)
    app.tabs["tcp_client"].endpoint.send(payload)
    server = app.tabs["tcp_server"]
    wait_until(app.root, lambda: server.received_bytes == len(payload), timeout=30)
    assert "saving to" in w(app, "tabs.tcp_server.status_bar.status").cget("text")
    file_menu.invoke(2)  # Stop saving received data
    assert hashlib.sha256(target.read_bytes()).digest() == hashlib.sha256(payload).digest()
    # the log draws at its own pace in a flood: the line appears within a moment
    wait_until(app.root, lambda: "Stopped saving received data" in log_text(app, "tcp_server"))
    # the on-screen log stayed small
    assert server.log.line_count() < 200


def test_data_arriving_while_the_window_closes_still_reaches_the_file(app, tmp_path):
    import queue

    from netcore import DatagramsReceived

    from ..helpers import wait_for

    target = tmp_path / "datagrams.bin"
    port = start_server(app, "udp_server")
    app.tabs["udp_server"].save_received_to(str(target))
    app.pump.close()  # from now on nothing is drawn: the events wait in the queue
    held: list = []

    def queued_datagrams() -> int:
        while True:
            try:
                held.append(app.events.get_nowait())
            except queue.Empty:
                break
        return sum(len(e.datagrams) for e in held if isinstance(e, DatagramsReceived))

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for i in range(200):
            sender.sendto(b"%05d" % i, ("127.0.0.1", port))
    wait_for(lambda: queued_datagrams() == 200)
    for event in held:  # back in the queue, in order, as if the window were too busy to look
        app.events.put(event)
    app.close()
    assert target.read_bytes() == b"".join(b"%05d" % i for i in range(200))


def test_language_and_theme_choices_are_remembered(app, tmp_path):
    from gui.settings import Settings

    app.settings = Settings(path=tmp_path / "settings.json")
    w(app, "menubar.view.theme").invoke(1)
    w(app, "menubar.view.language").invoke(1)
    w(app, "menubar.view.language").invoke(0)
    w(app, "menubar.view.theme").invoke(0)
    w(app, "menubar.view.theme").invoke(1)
    loaded = Settings.load(tmp_path / "settings.json")
    assert (loaded.language, loaded.theme) == ("en", "dark")
    w(app, "menubar.view.theme").invoke(0)


def test_log_follows_new_lines_only_when_already_at_the_bottom(app):
    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    text = tab.log.text
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        def send_burst(first: int) -> None:
            for i in range(first, first + 100):
                sender.sendto(b"line %d" % i, ("127.0.0.1", port))
            wait_until(app.root, lambda: tab.received_count == first + 100)

        send_burst(0)
        assert text.yview()[1] == 1.0  # at the bottom: it followed
        for _ in range(100):  # the user scrolls up to read, with the mouse wheel
            text.event_generate("<Button-4>")
        app.root.update()
        send_burst(100)
        assert text.yview()[0] == 0.0 and text.yview()[1] < 1.0  # it stayed where the user was
        for _ in range(200):  # and back down to the bottom
            text.event_generate("<Button-5>")
        app.root.update()
        send_burst(200)
        assert text.yview()[1] == 1.0


def test_save_log_writes_the_kept_entries(app, tmp_path, monkeypatch):
    target = tmp_path / "log.txt"
    monkeypatch.setattr("gui.app.filedialog.asksaveasfilename", lambda **options: str(target))
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    from .drive import send_text

    send_text(app, "tcp_client", "keep me")
    wait_until(app.root, lambda: "keep me" in log_text(app, "tcp_server"))
    select_tab(app, "tcp_server")
    w(app, "menubar.file").invoke(0)  # Save log…
    saved = target.read_text(encoding="utf-8")
    assert "keep me" in saved and "Listening on 127.0.0.1" in saved
    assert "Saved 3 log entries" in log_text(app, "tcp_server")


def test_a_flood_the_window_cannot_keep_up_with_is_held_back_not_lost(app):
    from gui.tab import FLOW_LIMIT

    port = start_server(app, "tcp_server")
    tab = app.tabs["tcp_server"]
    app.pump.close()  # the window falls behind completely: nothing is taken from the queue
    total = 4 * FLOW_LIMIT
    done = threading.Event()

    def flood() -> None:
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(b"z" * total)
        done.set()

    sender = threading.Thread(target=flood)
    sender.start()
    try:
        from ..helpers import wait_for

        wait_for(lambda: tab.endpoint.reading_paused, timeout=10)
        assert not done.is_set()  # held back by TCP flow control, not buffered in memory
        # the window catches up: everything arrives, counted exactly
        wait_until(app.root, lambda: (app.pump.drain(), tab.received_bytes == total)[1], timeout=30)
    finally:
        sender.join(30)
    assert done.is_set()


def test_the_first_window_builds_only_the_tab_it_shows_and_the_others_just_after(tk_root):
    from gui.app import App

    window = tk.Toplevel(tk_root, name="lazy")
    app = App(window)
    try:
        assert [name for name, tab in app.tabs.items() if tab.built] == ["tcp_server"]
        app.notebook.select(app.tabs["udp_client"])  # a click on a tab not built yet builds it
        window.update()
        assert app.tabs["udp_client"].built
        assert w(app, "tabs.udp_client.form.host").winfo_viewable()
        wait_until(window, lambda: all(tab.built for tab in app.tabs.values()), timeout=3)
    finally:
        app.close()


def test_stop_saving_is_offered_however_saving_started(app, tmp_path):
    """A script (or a test) that starts saving through the tab, not the File menu, still gets "Stop
    saving" in the menu: it was left disabled, and invoking it did nothing, so the file was never
    closed and its last buffered bytes never written (the 1 GiB stress test lost 636 of them)."""
    target = tmp_path / "received.bin"
    port = start_server(app, "tcp_server")
    tab = app.tabs["tcp_server"]
    tab.save_received_to(str(target))
    app.root.update()
    file_menu = w(app, "menubar.file")
    assert file_menu.entrycget(2, "state") == "normal"
    with socket.create_connection(("127.0.0.1", port)) as peer:
        peer.sendall(b"x" * 1000)
        wait_until(app.root, lambda: tab.received_bytes == 1000)
    file_menu.invoke(2)  # Stop saving received data
    app.root.update()
    assert not tab.recording.recorder.active and target.stat().st_size == 1000
    assert file_menu.entrycget(2, "state") == "disabled"


def test_the_window_asks_netcore_to_keep_less_heap(tk_root, monkeypatch):
    # its tabs' flow control bounds what is in flight (8 MiB a tab): 64 MiB kept free at each heap's
    # top only raised its resident size (by 6-13 MiB in the flood benchmark)
    from gui import app as app_module
    from netcore import heap

    asked: list[int] = []
    monkeypatch.setattr(app_module, "keep_less", asked.append)
    window = tk.Toplevel(tk_root)
    try:
        application = app_module.App(window, lang="en", theme_name="light")
        assert asked == [heap.GIVE_BACK_PAD] and heap.GIVE_BACK_PAD < heap.TRIM_THRESHOLD
        application.close()
    finally:
        if window.winfo_exists():
            window.destroy()
