"""Saved messages through the window: made in Tools → Saved messages…, sent from Saved ▾ to a real peer,
imported and exported; a bad file changes nothing and says why in both languages."""

from __future__ import annotations

import json
import socket
import time

from gui.workbench import saved_window
from netcore.checksums import append_checksum
from netcore.saved_messages import MAX_MESSAGES, SavedMessage

from .drive import choose, select_tab, start_client, type_into, w


def open_library(app):
    tools = w(app, "menubar.tools")
    index = next(i for i in range(tools.index("end") + 1) if tools.entrycget(i, "label") == "Saved messages…")
    tools.invoke(index)
    app.root.update()
    return w(app, "saved_messages")


def make_message(window, name: str, text: str, mode: str, line_ending: str, checksum: str) -> None:
    """Type a new message into the window's editor and save it, as a person would."""
    window.new_button.invoke()
    type_into(window.name, name)
    window.text.delete("1.0", "end")
    window.text.insert("1.0", text)
    choose(window.mode, mode)
    choose(window.line_ending, line_ending)
    choose(window.checksum, checksum)
    window.save_button.invoke()
    assert window.status.cget("text") == f"Saved “{name}”."


def saved_menu_entry(app, tab: str, label: str):
    """Open the tab's Saved ▾ menu (its entries are made as it opens) and return it with ``label``'s index."""
    button = w(app, f"tabs.{tab}.send.row.saved")
    menu = w(app, f"tabs.{tab}.send.row.saved.menu")
    menu.post(button.winfo_rootx(), button.winfo_rooty())
    app.root.update()
    menu.unpost()
    labels = [menu.entrycget(i, "label") if menu.type(i) == "command" else None
              for i in range(menu.index("end") + 1)]
    return menu, labels.index(label) if label in labels else labels


def quick_send(app, tab: str, label: str) -> None:
    menu, index = saved_menu_entry(app, tab, label)
    menu.invoke(index)
    app.root.update()


def read_exactly(conn: socket.socket, size: int) -> bytes:
    data = b""
    deadline = time.monotonic() + 5
    while len(data) < size and time.monotonic() < deadline:
        data += conn.recv(size - len(data))
    return data


def test_quick_send_puts_the_exact_bytes_with_their_checksum_on_the_wire(app):
    window = open_library(app)
    make_message(window, "Read registers", "01 03 00 00 00 0A", "hex", "none", "crc16-modbus")
    make_message(window, "Count", "n={counter};", "text", "crlf", "sum8")
    names = [window.list.item(i, "values")[0] for i in window.list.get_children()]
    assert names == ["Read registers", "Count"]

    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(5)
        start_client(app, "tcp_client", server.getsockname()[1])
        conn, _ = server.accept()
        with conn:
            conn.settimeout(5)
            quick_send(app, "tcp_client", "Read registers")
            assert read_exactly(conn, 8) == bytes.fromhex("01 03 00 00 00 0A C5 CD")  # Modbus CRC, low first
            # the counter is the tab's, counting every saved message it sent: "Read registers" was 1
            quick_send(app, "tcp_client", "Count")
            quick_send(app, "tcp_client", "Count")
            second, third = append_checksum(b"n=2;", "sum8"), append_checksum(b"n=3;", "sum8")
            assert read_exactly(conn, 14) == second + b"\r\n" + third + b"\r\n"
            # reset from the same menu, it starts again at 1
            quick_send(app, "tcp_client", "Reset {counter} (next send: 4)")
            quick_send(app, "tcp_client", "Count")
            assert read_exactly(conn, 7) == append_checksum(b"n=1;", "sum8") + b"\r\n"
    assert app.tabs["tcp_client"].sent_count == 4
    assert "→" in app.tabs["tcp_client"].log.content()


def test_send_now_from_the_window_a_mistake_and_a_tab_not_started(app):
    # a mistake is marked where it is, and not saved
    window = open_library(app)
    window.new_button.invoke()
    type_into(window.name, "Broken")
    window.text.insert("1.0", "01 {counter} 0G")
    choose(window.mode, "hex")
    assert not window.save()
    assert "is not a hex digit" in window.status.cget("text")
    assert window.text.tag_ranges("bad")  # the G is highlighted
    assert app.saved_messages().messages == []
    make_message(window, "Frame", "AA {counter:2}", "hex", "none", "crc32")
    # not started: nothing is sent, the send box says why, and the counter does not move
    select_tab(app, "udp_client")
    assert not window.send_now()
    assert "Not started" in window.status.cget("text")
    assert "Not started" in w(app, "tabs.udp_client.send.hint").cget("text")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
        peer.bind(("127.0.0.1", 0))
        peer.settimeout(5)
        start_client(app, "udp_client", peer.getsockname()[1])
        window.send_button.invoke()
        assert peer.recv(100) == append_checksum(b"\xaa\x00\x01", "crc32")
        window.send_button.invoke()
        assert peer.recv(100) == append_checksum(b"\xaa\x00\x02", "crc32")
    assert window.preview_label.cget("text").startswith("Next send from UDP client: AA 00 03")


LIBRARY = [SavedMessage("Read registers", "01 03 00 00 00 0A", "hex", checksum="crc16-modbus"),
           SavedMessage("问候", "你好 {counter}", "text", "gbk", "crlf", "xor8")]


def _rows(window) -> list[tuple[str, ...]]:
    return [tuple(window.list.item(i, "values")) for i in window.list.get_children()]


def test_export_then_import_round_trips_and_bad_files_change_nothing(app, tmp_path, monkeypatch):
    _menu, labels = saved_menu_entry(app, "tcp_server", "nothing")
    assert labels[0] == "No saved messages yet"
    app.saved_messages().set_messages(LIBRARY)
    window = open_library(app)
    exported = tmp_path / "mine.json"
    monkeypatch.setattr(saved_window.filedialog, "asksaveasfilename", lambda **_: str(exported))
    window.export_button.invoke()
    assert window.status.cget("text") == f"Exported 2 messages to {exported}."
    assert json.loads(exported.read_text(encoding="utf-8"))["messages"][1]["name"] == "问候"

    chosen = {"path": str(exported)}
    monkeypatch.setattr(saved_window.filedialog, "askopenfilename", lambda **_: chosen["path"])
    window.import_button.invoke()  # the same names again: kept apart, nothing replaced
    assert [m.name for m in app.saved_messages().messages] == ["Read registers", "问候", "Read registers (2)",
                                                               "问候 (2)"]
    copies = [SavedMessage(f"{m.name} (2)", *list(m.to_data().values())[1:]) for m in LIBRARY]
    assert app.saved_messages().messages[2:] == copies  # text, mode, encoding… as exported
    before, rows = list(app.saved_messages().messages), _rows(window)

    bad_files = {
        "not-json.json": (b"{ this is not json", "is not valid JSON"),
        "wrong-shape.json": (b'{"messages": {"a": 1}}', "does not hold saved messages"),
        "bad-hex.json": (b'[{"name": "x", "text": "01 ZZ", "mode": "hex"}]', "is not a hex digit"),
        "missing.json": (None, "No such file"),
    }
    for name, (content, words) in bad_files.items():
        path = tmp_path / name
        if content is not None:
            path.write_bytes(content)
        chosen["path"] = str(path)
        window.import_button.invoke()
        said = window.status.cget("text")
        assert words in said and said.endswith("Your saved messages were not changed."), said
        assert app.saved_messages().messages == before and _rows(window) == rows  # nothing lost
    app.set_language("zh")  # the message is said again in the language chosen
    assert "您的常用消息没有任何改变" in window.status.cget("text")
    assert window.title() == "常用消息"

    # more than the library holds: refused whole
    app.saved_messages().set_messages([SavedMessage(f"m{i}", "x") for i in range(MAX_MESSAGES - 1)])
    chosen["path"] = str(exported)
    window.import_button.invoke()
    assert "500" in window.status.cget("text") and "没有任何改变" in window.status.cget("text")
    assert len(app.saved_messages().messages) == MAX_MESSAGES - 1

    # Saved ▾ lists the first 30, then where the rest are, then its tools (in the language chosen)
    menu, labels = saved_menu_entry(app, "tcp_server", "nothing")
    assert labels[:2] == ["m0", "m1"] and labels[29] == "m29"
    assert labels[30:] == ["还有 469 条，见“工具 → 常用消息…”", None, "把输入框中的内容存为常用消息…",
                           "重置 {counter}（下次发送：1）", "管理常用消息…"]
    window.destroy()
    menu.invoke(len(labels) - 1)
    assert w(app, "saved_messages").winfo_exists()
