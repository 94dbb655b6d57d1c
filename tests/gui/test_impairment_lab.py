"""The unreliable network lab in the window (issue 14): settings, marks, the numbered demonstration."""

from __future__ import annotations

import socket

from gui import i18n
from gui.learn.numbered_window import HIGHLIGHTS
from netcore.arrivals import MISSING, OUT_OF_ORDER
from netcore.impairment import impairment_from_flags

from .drive import log_text, press, select_tab, start_client, start_server, type_into, w, wait_until


def learn(app, label: str) -> None:
    menu = w(app, "menubar.learn")
    labels = [menu.entrycget(i, "label") if menu.type(i) != "separator" else ""
              for i in range(menu.index("end") + 1)]
    menu.invoke(labels.index(label))
    app.root.update()


def lab_window(app, tab: str = "udp_client"):
    return app.root.nametowidget(f"{app.root}.impairment_{tab}")


def set_fields(window, **values: str) -> None:
    for name, text in values.items():
        type_into(window.nametowidget(f"body.fields.{name}"), text)


def trace_lines(app, tab: str) -> list[str]:
    return [line.text() for line in app.tabs[tab].trace_pane.model.lines]


def test_settings_window_marks_the_log_trace_and_status_bar(app):
    port = start_server(app, "udp_server")
    select_tab(app, "tcp_client")
    learn(app, "Unreliable network (impairment)…")  # on a stream: said why not, no window
    assert "TCP is a stream" in log_text(app, "tcp_client")
    assert "impairment_tcp_client" not in app.root.children

    start_client(app, "udp_client", port)
    learn(app, "Unreliable network (impairment)…")
    window = lab_window(app)
    mark = w(app, "tabs.udp_client.status_bar.impaired")
    assert not mark.winfo_ismapped()

    set_fields(window, loss="lots")  # a mistake is said, its field marked, nothing applied
    press(window.nametowidget("body.fields.loss"))
    assert "Loss must be a percentage from 0 to 100" in window.nametowidget("body.error").cget("text")
    assert window.nametowidget("body.fields.loss").instate(["invalid"])
    assert not mark.winfo_ismapped()

    set_fields(window, loss="100", dup="0", reorder="0", seed="5")
    window.nametowidget("body.buttons.apply").invoke()
    wait_until(app.root, mark.winfo_ismapped)
    assert mark.cget("text") == "⚠ impaired"
    wait_until(app.root, lambda: "Impairment lab on for what this socket sends: 100 % lost" in log_text(
        app, "udp_client"))
    assert "seed 5 " in log_text(app, "udp_client")
    # what the command line's --loss 100 --dup 0 --reorder 0 --seed 5 gives
    assert app.tabs["udp_client"].impairment_lab.settings == impairment_from_flags(loss="100", seed="5")

    app.tabs["udp_client"].send_message(b"never")
    wait_until(app.root, lambda: any("s.send(b'never')  # dropped by the impairment lab" in line
                                     for line in trace_lines(app, "udp_client")))
    app.tabs["udp_client"].trace_pane.set_shown(True)
    app.root.update()
    assert any("# dropped by the impairment lab" in line
               for line in w(app, "tabs.udp_client.middle.trace.body.list").get(0, "end"))
    assert "never" not in log_text(app, "udp_server")

    window.nametowidget("body.buttons.off").invoke()
    wait_until(app.root, lambda: "Impairment lab off" in log_text(app, "udp_client"))
    assert not mark.winfo_ismapped()
    app.tabs["udp_client"].send_message(b"arrives")
    wait_until(app.root, lambda: "arrives" in log_text(app, "udp_server"))


def test_crafted_arrivals_give_the_exact_summary_and_marked_rows(app):
    port = start_server(app, "udp_server")
    start_client(app, "udp_client", port)
    learn(app, "Unreliable network (impairment)…")
    set_fields(lab_window(app), loss="100")  # the demonstration's own datagrams are all lost...
    lab_window(app).nametowidget("body.buttons.apply").invoke()
    learn(app, "Numbered messages demonstration…")  # (sends 100 over both at once)
    demo = app.root.nametowidget(f"{app.root}.numbered_demo")
    type_into(demo.nametowidget("body.controls.count"), "10")
    demo.nametowidget("body.controls.udp").invoke()  # a new run, over UDP only
    column = demo.columns["udp"]
    wait_until(app.root, lambda: column.run is not None and column.run.sent == 10)
    run = column.run.arrivals.run
    # ...and these arrive instead, in a crafted order: 3 and 5 late, 3 twice, 10 three times, 7 and 8 lost
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as raw:
        for number in (1, 2, 4, 3, 3, 6, 5, 9, 10, 10, 10):
            raw.sendto(b"#%d %d/10" % (run, number), ("127.0.0.1", port))
        raw.sendto(b"#%d 5/100" % run, ("127.0.0.1", port))  # not of this run: not counted
    summary = demo.nametowidget("body.columns.udp.summary")
    wait_until(app.root, lambda: summary.cget("text") == "10 sent, 8 received, 3 duplicated, 2 out of order",
               what=lambda: summary.cget("text"))
    listbox = demo.nametowidget("body.columns.udp.body.list")
    assert [line.strip() for line in listbox.get(0, "end")] == [
        "1", "2", "4", "3  ↩ out of order (after 4)", "3  ×2 duplicate", "6", "5  ↩ out of order (after 6)",
        "✕ 7–8 never arrived", "9", "10", "10  ×2 duplicate", "10  ×3 duplicate"]
    assert demo.nametowidget("body.columns.udp.missing").cget("text") == "Never arrived: 7, 8"
    assert "lower than the highest number that arrived before it" in demo.nametowidget(
        "body.bottom.definitions").cget("text")
    # highlighted from the theme, light and dark
    assert listbox.itemcget(3, "background") == HIGHLIGHTS["light"][OUT_OF_ORDER][1]
    assert listbox.itemcget(7, "background") == HIGHLIGHTS["light"][MISSING][1]
    assert listbox.itemcget(0, "background") == ""
    app.set_theme("dark")
    try:
        assert listbox.itemcget(7, "background") == HIGHLIGHTS["dark"][MISSING][1]
        assert listbox.itemcget(7, "foreground") == "#ff8a80"  # the dark palette's error colour
        app.set_language("zh")
        assert summary.cget("text") == "发送 10 个，收到 8 个，重复 3 个，乱序 2 个"
        assert listbox.get(3).strip() == "3  ↩ 乱序（在 4 之后）"
    finally:
        app.set_language("en")
        app.set_theme("light")
        assert i18n.language() == "en"


def test_one_click_runs_both_and_the_stream_keeps_every_number_in_order(app):
    learn(app, "Unreliable network (impairment)…")  # (on the TCP server tab: says why not)
    select_tab(app, "udp_client")
    learn(app, "Unreliable network (impairment)…")
    set_fields(lab_window(app), loss="25", dup="20", reorder="0", seed="11")
    lab_window(app).nametowidget("body.buttons.apply").invoke()
    learn(app, "Numbered messages demonstration…")  # one click: the tabs open on loopback, 100 go each way
    demo = app.root.nametowidget(f"{app.root}.numbered_demo")
    assert "25 % lost" in demo.nametowidget("body.lab.state").cget("text")
    tcp_summary = demo.nametowidget("body.columns.tcp.summary")
    wait_until(app.root, lambda: tcp_summary.cget("text")
               == "100 sent, 100 received, 0 duplicated, 0 out of order", timeout=10,
               what=lambda: tcp_summary.cget("text"))
    assert all(app.tabs[name].state == "running" for name in ("tcp_server", "tcp_client", "udp_server",
                                                              "udp_client"))
    assert [line.strip() for line in demo.nametowidget("body.columns.tcp.body.list").get(0, "end")] \
        == [str(n) for n in range(1, 101)]
    assert "retransmits" in demo.nametowidget("body.columns.tcp.why").cget("text")
    # the datagrams: exactly what the lab did (seeded; no delay, so nothing is reordered)
    lab = app.tabs["udp_client"].endpoint.impairer
    expected = f"100 sent, {100 - lab.dropped} received, {lab.duplicated} duplicated, 0 out of order"
    udp_summary = demo.nametowidget("body.columns.udp.summary")
    wait_until(app.root, lambda: udp_summary.cget("text") == expected, what=lambda: udp_summary.cget("text"))
    assert 10 <= lab.dropped <= 45 and lab.duplicated > 0
    demo.nametowidget("body.bottom.close").invoke()
    app.root.update()
    assert not any(type(part).__name__ == "Arrivals" for part in app.tabs["udp_server"].parts)  # closed
