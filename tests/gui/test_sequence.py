"""The sequence diagram (issue 11, item 9): an exchange drawn as arrows, and its exact Mermaid text."""

from __future__ import annotations

import socket

from gui.i18n import tr
from gui.learn.sequence_model import MAX_PEER_LANES, MAX_STEPS

from .drive import log_text, pump_for, select_tab, send_text, start_client, start_server, w, wait_until


def open_diagram(app, tab: str):
    select_tab(app, tab)
    menu = w(app, "menubar.learn")
    labels = [menu.entrycget(i, "label") if menu.type(i) != "separator" else ""
              for i in range(menu.index("end") + 1)]
    menu.invoke(labels.index(tr("Sequence diagram…")))
    app.root.update()
    window = w(app, f"sequence_{tab}")
    assert window.winfo_ismapped()
    return window


def arrows(window) -> int:
    return len(window.canvas.find_withtag("arrow"))


def test_a_client_exchange_is_drawn_and_exported_as_mermaid(app, tmp_path, monkeypatch):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    client_port = app.tabs["tcp_client"].endpoint.local_addresses[0].port
    window = open_diagram(app, "tcp_client")
    send_text(app, "tcp_client", "hi")
    wait_until(app.root, lambda: "hi" in log_text(app, "tcp_server"))
    send_text(app, "tcp_server", "hello;#1")  # ";" and "#" must not break the Mermaid text
    wait_until(app.root, lambda: "hello" in log_text(app, "tcp_client"))
    select_tab(app, "tcp_client")
    w(app, "tabs.tcp_client.form.start").invoke()  # Disconnect
    wait_until(app.root, lambda: app.tabs["tcp_client"].state == "stopped")
    wait_until(app.root, lambda: arrows(window) == 4, what=lambda: window.mermaid_text())
    labels = [window.canvas.itemcget(item, "text") for item in window.canvas.find_withtag("label")]
    assert labels == ["connect()", 'send 2 B "hi"', 'recv 8 B "hello;#1"', "close()"]
    expected = (
        "sequenceDiagram\n"
        f"    participant S as This socket 127.0.0.1:{client_port}\n"
        f"    participant P1 as Peer 127.0.0.1:{port}\n"
        "    S->>P1: connect()\n"
        f"    Note over S: started on 127.0.0.1:{client_port}\n"
        '    S->>P1: send 2 B "hi"\n'
        '    P1->>S: recv 8 B "hello#59;#35;1"\n'
        "    S->>P1: close()\n"
    )
    assert window.mermaid_text() == expected
    w(app, "sequence_tcp_client.bar.copy").invoke()
    assert app.root.clipboard_get() == expected
    target = tmp_path / "exchange.mmd"
    monkeypatch.setattr("gui.learn.sequence_window.filedialog.asksaveasfilename",
                        lambda **options: str(target))
    w(app, "sequence_tcp_client.bar.save").invoke()
    assert target.read_text(encoding="utf-8") == expected
    # a new connection starts a new diagram
    start_client(app, "tcp_client", port)
    wait_until(app.root, lambda: arrows(window) == 1)
    w(app, "sequence_tcp_client.bar.close").invoke()
    app.root.update()
    assert "sequence_tcp_client" not in app.root.children


def test_a_server_has_a_lane_per_peer_bounded(app):
    port = start_server(app, "tcp_server")
    window = open_diagram(app, "tcp_server")
    clients = []
    try:
        for number in range(MAX_PEER_LANES + 2):
            raw = socket.create_connection(("127.0.0.1", port), timeout=5)
            clients.append(raw)
            raw.sendall(b"from %d" % number)
            wait_until(app.root, lambda n=number: f"from {n}" in log_text(app, "tcp_server"))
    finally:
        for raw in clients:
            raw.close()
    # each close reaches the server as a FIN: "finished sending (it half-closed the connection)"
    wait_until(app.root, lambda: log_text(app, "tcp_server").count("half-closed") == len(clients))
    pump_for(app.root, 0.4)  # the window redraws a moment later
    text = window.mermaid_text()
    participants = [line for line in text.splitlines() if "participant" in line]
    assert len(participants) == 1 + MAX_PEER_LANES + 1  # this socket, four peers, "other peers"
    assert participants[-1] == f"    participant P{MAX_PEER_LANES + 1} as Other peers"
    # each client: connect → accept, its data, its FIN: three arrows
    assert arrows(window) == 3 * len(clients)
    assert text.count("->>S: connect() → accept()") == len(clients)
    assert text.count(f"P{MAX_PEER_LANES + 1}->>S: FIN: finished sending") == 2


def test_a_long_exchange_keeps_the_last_steps_and_says_so(app):
    port = start_server(app, "udp_server")
    window = open_diagram(app, "udp_server")
    total = MAX_STEPS + 7
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for number in range(total):
            sender.sendto(b"d%d" % number, ("127.0.0.1", port))
            wait_until(app.root, lambda n=number: f": d{n}" in log_text(app, "udp_server"))
    pump_for(app.root, 0.4)
    omitted = total + 1 - MAX_STEPS  # the datagrams and the "started" note, less what is kept
    assert f"… {omitted} earlier steps omitted" in window.mermaid_text()
    assert window.canvas.itemcget(window.canvas.find_withtag("omitted")[0], "text") == \
        f"… {omitted} earlier steps omitted"
    assert arrows(window) == MAX_STEPS
    last = f"d{total - 1}"
    assert window.mermaid_text().endswith(f'    P1->>S: datagram {len(last)} B "{last}"\n')


def test_the_diagram_speaks_chinese(app):
    app.set_language("zh")
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    window = open_diagram(app, "tcp_client")
    assert window.title() == "时序图 — TCP 客户端"
    assert "S->>P1: connect() 连接" in window.mermaid_text()
