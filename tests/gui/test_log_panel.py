"""The log panel (issue 9: bugs 2, 8, 9, 19, 20 and the tester's log features), driven through the widgets."""

from __future__ import annotations

import queue
import re
import socket
import threading
import time

import pytest

from gui import pump as pump_module
from gui.locale_zh import CATALOG

from ..helpers import wait_for
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

LOG = "tabs.{tab}.middle.panes.log"


def log_widget(app, tab: str, path: str):
    return w(app, LOG.format(tab=tab) + "." + path)


def send_datagrams(port: int, payloads) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for payload in payloads:
            sender.sendto(payload, ("127.0.0.1", port))


def end_is_visible(text) -> bool:
    text.update_idletasks()
    return text.dlineinfo("end-1c") is not None


# ------------------------------------------------------------------ bug 2
def test_the_log_keeps_following_after_the_window_grows_and_shrinks(app):
    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    text = tab.log.text
    send_datagrams(port, (b"line %d" % i for i in range(300)))
    wait_until(app.root, lambda: tab.received_count == 300)
    assert end_is_visible(text)
    for size in ("1100x1000", "1100x560"):  # the user makes the window larger, then smaller
        app.root.geometry(size)
        pump_for(app.root, 0.2)
    assert end_is_visible(text)  # still showing the newest line
    send_datagrams(port, (b"more %d" % i for i in range(50)))
    wait_until(app.root, lambda: tab.received_count == 350)
    wait_until(app.root, lambda: "more 49" in text.get("end-1c linestart", "end"))  # drawn (<= 50 ms later)
    pump_for(app.root, 0.05)
    assert end_is_visible(text)  # it followed


def test_the_log_stops_following_only_when_the_user_scrolls_away(app):
    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    text = tab.log.text
    send_datagrams(port, (b"line %d" % i for i in range(300)))
    wait_until(app.root, lambda: tab.received_count == 300)
    wait_until(app.root, lambda: "line 299" in log_text(app, "udp_server"))  # drawn (at most 50 ms later)
    text.focus_force()
    press(text, "<Prior>")  # Page Up
    pump_for(app.root, 0.05)
    top = text.index("@0,0")
    send_datagrams(port, (b"more %d" % i for i in range(50)))
    wait_until(app.root, lambda: tab.received_count == 350)
    wait_until(app.root, lambda: "more 49" in log_text(app, "udp_server"))  # drawn (at most 50 ms later)
    assert text.index("@0,0") == top and not end_is_visible(text)  # it stayed where the user was
    app.root.geometry("1100x600")  # a resize does not bring it back
    pump_for(app.root, 0.2)
    assert not end_is_visible(text)
    press(text, "<Control-End>")  # back to the end: it follows again
    pump_for(app.root, 0.05)
    send_datagrams(port, (b"last %d" % i for i in range(10)))
    wait_until(app.root, lambda: tab.received_count == 360)
    wait_until(app.root, lambda: "last 9" in log_text(app, "udp_server"))
    pump_for(app.root, 0.05)
    assert end_is_visible(text)


# ------------------------------------------------------------------ bug 8
def test_text_plus_hex_shows_both_for_long_data_and_hex_is_a_dump(app):
    port = start_server(app, "tcp_server")
    tab = app.tabs["tcp_server"]
    with socket.create_connection(("127.0.0.1", port)) as raw:
        raw.sendall(b"Hello\n" + b"x" * 20_000)
        wait_until(app.root, lambda: tab.received_bytes == 20_006)
    choose(log_widget(app, "tcp_server", "bar.view"), "both")
    shown = log_text(app, "tcp_server")
    assert "Hello" in shown and "x" * 100 in shown  # the text part
    dump = [line.strip() for line in shown.splitlines() if re.match(r"\s*[0-9A-F]{4}  ", line)]
    assert dump, "no hex at all in Text + hex"
    assert dump[0] == "0000  48 65 6C 6C 6F 0A 78 78 78 78 78 78 78 78 78 78  |Hello.xxxxxxxxxx|"
    assert dump[1].startswith("0010  78 78")
    choose(log_widget(app, "tcp_server", "bar.view"), "hex")
    assert "0000  48 65 6C 6C 6F 0A" in log_text(app, "tcp_server")


# ------------------------------------------------------------------ bug 9
def test_the_log_has_its_own_encoding_and_redraws_what_it_kept(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    server = app.tabs["tcp_server"]
    # the server's send box encoding says how the server sends, not how its log reads
    choose(w(app, "tabs.tcp_server.send.options.encoding"), "gbk")
    send_text(app, "tcp_client", "你好")  # UTF-8
    wait_until(app.root, lambda: server.received_bytes == 6)
    assert "你好" in log_text(app, "tcp_server")
    choose(w(app, "tabs.tcp_client.send.options.encoding"), "gbk")
    send_text(app, "tcp_client", "再见")  # GBK: shown as bytes in the UTF-8 log...
    wait_until(app.root, lambda: server.received_bytes == 10)
    assert "再见" not in log_text(app, "tcp_server") and "\\xd4" in log_text(app, "tcp_server").lower()
    choose(log_widget(app, "tcp_server", "bar.encoding"), "gbk")  # ...until the log reads GBK
    assert "再见" in log_text(app, "tcp_server")
    assert log_widget(app, "tcp_server", "bar.encoding").cget("values") == ("UTF-8", "GBK", "Latin-1")
    choose(log_widget(app, "tcp_server", "bar.encoding"), "utf-8")
    assert "你好" in log_text(app, "tcp_server") and "再见" not in log_text(app, "tcp_server")


def test_a_character_split_between_reads_joins_up_also_when_redrawn(app):
    port = start_server(app, "tcp_server")
    tab = app.tabs["tcp_server"]
    wire = "é你".encode()
    with socket.create_connection(("127.0.0.1", port)) as raw:
        raw.sendall(wire[:3])  # é and the first byte of 你
        wait_until(app.root, lambda: tab.received_bytes == 3)
        raw.sendall(wire[3:])
        wait_until(app.root, lambda: tab.received_bytes == 5)
    assert "你" in log_text(app, "tcp_server")
    choose(log_widget(app, "tcp_server", "bar.view"), "hex")
    choose(log_widget(app, "tcp_server", "bar.view"), "text")  # drawn again from the kept bytes
    assert "你" in log_text(app, "tcp_server") and "\\x" not in log_text(app, "tcp_server")


def test_a_language_switch_redraws_the_older_lines(app):
    port = start_server(app, "udp_server")
    send_datagrams(port, [b"hi"])
    wait_until(app.root, lambda: "received from" in log_text(app, "udp_server"))
    before = log_text(app, "udp_server")
    assert "Bound to 127.0.0.1" in before and "received from" in before
    app.set_language("zh")
    after = log_text(app, "udp_server")
    bound = CATALOG["Bound to {address}: datagrams sent there arrive here."]
    assert "Bound to" not in after and bound[:3] in after
    assert "received from" not in after and "接收自" in after and "hi" in after
    app.set_language("en")
    assert log_text(app, "udp_server") == before


# ----------------------------------------------------------------- bug 19
def test_timestamps_are_arrival_times_and_saved_logs_are_dated(app, tmp_path, monkeypatch):
    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    app.pump.close()  # the window is busy: the datagram waits before it is shown
    sent_at = time.time()
    send_datagrams(port, [b"late"])
    held: list = []

    def arrived() -> bool:
        while True:
            try:
                held.append(app.events.get_nowait())
            except queue.Empty:
                return any(hasattr(event, "payloads") for event in held)

    wait_for(arrived)
    time.sleep(1.5)
    for event in held:
        app.events.put(event)
    app.pump.closed = False
    app.pump.start()
    wait_until(app.root, lambda: tab.received_count == 1)
    line = next(line for line in log_text(app, "udp_server").splitlines() if "late" in line)
    hours, minutes, seconds = line.split()[0].split(":")
    shown = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    local = time.localtime(sent_at)
    expected = local.tm_hour * 3600 + local.tm_min * 60 + local.tm_sec + sent_at % 1
    assert abs((shown - expected + 43200) % 86400 - 43200) < 0.5  # when it arrived, not when drawn

    target = tmp_path / "log.txt"
    monkeypatch.setattr("gui.app.filedialog.asksaveasfilename", lambda **options: str(target))
    select_tab(app, "udp_server")
    w(app, "menubar.file").invoke(0)  # Save log…
    saved = target.read_text(encoding="utf-8").splitlines()
    assert len(saved) == 2
    for entry in saved:
        assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} ", entry), entry
    assert saved[1].startswith(time.strftime("%Y-%m-%d ", local)) and "late" in saved[1]


# ----------------------------------------------------------------- bug 20
def test_direction_is_said_in_words_in_both_languages(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    send_text(app, "tcp_client", "ping")
    wait_until(app.root, lambda: "ping" in log_text(app, "tcp_server"))
    assert re.search(r"→ sent to 127\.0\.0\.1:\d+ \(4 B\): ping", log_text(app, "tcp_client"))
    assert re.search(r"← received from 127\.0\.0\.1:\d+ \(4 B\): ping", log_text(app, "tcp_server"))
    app.set_language("zh")
    assert "→ 发送给 127.0.0.1:" in log_text(app, "tcp_client")
    assert "← 接收自 127.0.0.1:" in log_text(app, "tcp_server")


def test_a_long_error_wraps_at_the_log_width(app):
    select_tab(app, "tcp_server")
    type_into(w(app, "tabs.tcp_server.form.port"), "9" * 300)
    w(app, "tabs.tcp_server.form.start").invoke()
    app.root.update()
    text = app.tabs["tcp_server"].log.text
    line = int(text.search("you typed", "1.0").split(".")[0])
    assert (text.count(f"{line}.0", f"{line}.end", "displaylines") or (0,))[0] >= 1  # wrapped, not cut
    assert text.bbox(f"{line}.end - 1c") is not None  # its end can be read without scrolling sideways


def test_no_blank_line_after_a_message_ending_in_a_line_break(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    for ending, total in (("crlf", 11), ("lf", 20)):
        choose(w(app, "tabs.tcp_client.send.options.line_ending"), ending)
        send_text(app, "tcp_client", "line")
        send_text(app, "tcp_client", "two")
        wait_until(app.root, lambda n=total: app.tabs["tcp_server"].received_bytes == n)
    pump_for(app.root, 0.05)
    for tab in ("tcp_server", "tcp_client"):
        lines = log_text(app, tab).splitlines()
        assert not [line for line in lines if not line.strip()], lines


# --------------------------------------------------- the tester's features
def test_right_click_menu_copy_select_all_clear_and_save(app, tmp_path, monkeypatch):
    port = start_server(app, "udp_server")
    send_datagrams(port, [b"copy me"])
    wait_until(app.root, lambda: "copy me" in log_text(app, "udp_server"))
    text = app.tabs["udp_server"].log.text
    menu = log_widget(app, "udp_server", "body.text.menu")
    labels = [menu.entrycget(i, "label") for i in range(menu.index("end") + 1) if menu.type(i) != "separator"]
    assert labels == ["Copy", "Select all", "Show timestamps", "Clear", "Save log…",
                      "Mark recv() and datagram boundaries"]
    text.event_generate("<Button-3>", x=20, y=10, rootx=text.winfo_rootx() + 20,
                        rooty=text.winfo_rooty() + 10)
    app.root.update()
    assert menu.winfo_ismapped()
    menu.unpost()
    app.root.grab_release()
    menu.invoke(1)  # Select all
    menu.invoke(0)  # Copy
    assert "copy me" in app.root.clipboard_get() and "Bound to" in app.root.clipboard_get()
    # Ctrl+C copies what is selected
    start = text.search("copy me", "1.0")
    text.tag_remove("sel", "1.0", "end")
    text.tag_add("sel", start, f"{start}+4c")
    press(text, "<Control-c>")
    assert app.root.clipboard_get() == "copy"
    target = tmp_path / "log.txt"
    monkeypatch.setattr("gui.app.filedialog.asksaveasfilename", lambda **options: str(target))
    select_tab(app, "udp_server")
    menu.invoke(6)  # Save log…
    assert "copy me" in target.read_text(encoding="utf-8")
    menu.invoke(5)  # Clear
    assert log_text(app, "udp_server") == ""


def test_pause_keeps_new_entries_and_says_how_many(app):
    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    log_widget(app, "udp_server", "bar.pause").invoke()
    send_datagrams(port, [b"first", b"second"])
    wait_until(app.root, lambda: tab.received_count == 2)
    pump_for(app.root, 0.05)
    assert "first" not in log_text(app, "udp_server")
    note = log_widget(app, "udp_server", "body.paused_note")
    assert note.winfo_ismapped() and note.cget("text") == "(paused: 2 new entries)"
    log_widget(app, "udp_server", "bar.pause").invoke()
    app.root.update()
    assert "first" in log_text(app, "udp_server") and "second" in log_text(app, "udp_server")
    assert not note.winfo_ismapped()


def test_hide_sent(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    send_text(app, "tcp_client", "outgoing")
    send_text(app, "tcp_server", "incoming")
    wait_until(app.root, lambda: "incoming" in log_text(app, "tcp_client"))
    log_widget(app, "tcp_client", "bar.hide_sent").invoke()
    assert "outgoing" not in log_text(app, "tcp_client") and "incoming" in log_text(app, "tcp_client")
    log_widget(app, "tcp_client", "bar.hide_sent").invoke()
    assert "outgoing" in log_text(app, "tcp_client")


def test_search_highlights_counts_jumps_and_clears(app):
    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    send_datagrams(port, [b"Needle one", b"hay", b"needle two"] + [b"hay %d" % i for i in range(200)])
    wait_until(app.root, lambda: tab.received_count == 203)
    wait_until(app.root, lambda: "hay 199" in log_text(app, "udp_server"))
    search = log_widget(app, "udp_server", "bar.search")
    type_into(search, "needle")
    app.root.update()
    text = tab.log.text
    assert len(text.tag_ranges("match")) == 4  # two matches, case-insensitive
    assert log_widget(app, "udp_server", "bar.matches").cget("text") == "2 matches"
    press(search, "<Return>")
    current = text.tag_ranges("current_match")
    assert text.get(*current) == "Needle" and text.dlineinfo(current[0]) is not None
    press(search, "<Return>")
    assert text.get(*text.tag_ranges("current_match")) == "needle"
    send_datagrams(port, [b"a NEEDLE and a needle"])  # new lines are searched as they come
    wait_until(app.root, lambda: tab.received_count == 204)
    wait_until(app.root, lambda: "a NEEDLE and a needle" in log_text(app, "udp_server"))
    assert log_widget(app, "udp_server", "bar.matches").cget("text") == "4 matches"
    assert len(text.tag_ranges("match")) == 8
    press(search, "<Escape>")
    assert search.get() == "" and not text.tag_ranges("match")
    assert log_widget(app, "udp_server", "bar.matches").cget("text") == ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_log_control_keeps_its_size_in_a_narrow_log(app, lang):
    app.set_language(lang)
    app.root.geometry("760x480")  # the window's minimum size
    select_tab(app, "tcp_server")
    panes = w(app, "tabs.tcp_server.middle.panes")
    for width in (None, 440):  # as laid out at the minimum size, then the log at 440 px
        if width is not None:
            panes.sashpos(0, width)
        pump_for(app.root, 0.1)
        log = app.tabs["tcp_server"].log
        assert log.winfo_width() <= 450
        bar = log_widget(app, "tcp_server", "bar")
        controls = [child for child in bar.winfo_children() if child.winfo_name() not in ("row1", "row2")]
        assert len(controls) >= 8
        for control in controls:
            if control.winfo_name() == "matches":
                continue  # empty until a search
            assert control.winfo_ismapped(), control
            assert control.winfo_width() >= control.winfo_reqwidth(), control
            assert control.winfo_rootx() + control.winfo_width() <= log.winfo_rootx() + log.winfo_width()


def test_a_paused_log_keeps_every_datagram_of_bursts_bigger_than_one_draw(app):
    # while drawing, a log that is behind takes one draw's worth of datagrams a refresh (the rest are
    # counted and said); paused, it keeps them all up to its caps, so the note counts each one
    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]
    log_widget(app, "udp_server", "bar.pause").invoke()
    for burst in range(3):
        send_datagrams(port, [b"b%d.%d" % (burst, n) for n in range(400)])
        wait_until(app.root, lambda burst=burst: tab.received_count == 400 * (burst + 1))
        pump_for(app.root, 0.05)
    note = log_widget(app, "udp_server", "body.paused_note")
    assert note.cget("text") == "(paused: 1,200 new entries)"


def test_saving_the_log_mid_flood_writes_what_was_counted_and_not_drawn_yet(app, tmp_path, monkeypatch):
    # in a flood the pump draws a tab at most every MIN_REDRAW_GAP (here: only when the flood pauses);
    # the datagrams counted since are written to the log by that draw, so saving draws first
    monkeypatch.setattr(pump_module, "MIN_REDRAW_GAP", 30.0)
    port = start_server(app, "udp_server")
    tab = app.tabs["udp_server"]

    def flood() -> None:  # about one a millisecond for 0.3 s: events on every tick
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
            for n in range(300):
                sender.sendto(b"d %d" % n, ("127.0.0.1", port))
                time.sleep(0.001)

    sending = threading.Thread(target=flood)
    sending.start()
    try:
        wait_until(app.root, lambda: tab.received_count == 300)
    finally:
        sending.join(5)
    target = tmp_path / "log.txt"
    monkeypatch.setattr("gui.app.filedialog.asksaveasfilename", lambda **options: str(target))
    w(app, "menubar.file").invoke(0)  # Save log…
    assert "d 299" in target.read_text(encoding="utf-8")
