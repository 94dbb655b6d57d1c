"""Connection quality of life through the window: relay tab, auto-reconnect, max clients, local address."""

from __future__ import annotations

import socket

from .drive import log_text, press, pump_for, select_tab, start_server, type_into, w, wait_until


def _recv_until_eof(sock: socket.socket) -> bytes:
    sock.settimeout(5)
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _tools_entry(app, label: str):
    menu = app.menubar.nametowidget("tools")
    index = next(i for i in range(menu.index("end") + 1)
                 if menu.type(i) == "command" and menu.entrycget(i, "label") == label)
    return menu, index


def _connection_window(app, tab: str):
    select_tab(app, tab)
    menu, index = _tools_entry(app, "Connection settings…")
    menu.invoke(index)
    app.root.update()
    return w(app, f"connection_{tab}")


def _start_relay(app, target: str) -> int:
    select_tab(app, "tcp_relay")
    type_into(w(app, "tabs.tcp_relay.form.target"), target)
    type_into(w(app, "tabs.tcp_relay.form.port"), "0")
    w(app, "tabs.tcp_relay.form.start").invoke()
    wait_until(app.root, lambda: app.tabs["tcp_relay"].state == "running")
    return app.tabs["tcp_relay"].endpoint.local_addresses[0].port


def test_relay_tab_forwards_both_ways_and_names_both_ends(app):
    server_port = start_server(app, "tcp_server")
    relay_port = _start_relay(app, f"127.0.0.1:{server_port}")
    relay = app.tabs["tcp_relay"]
    assert f"connected on to 127.0.0.1:{server_port}" in log_text(app, "tcp_relay")
    with socket.create_connection(("127.0.0.1", relay_port), timeout=5) as client:
        client.sendall(b"ping through the relay")
        wait_until(app.root, lambda: "ping through the relay" in log_text(app, "tcp_server"))
        select_tab(app, "tcp_server")
        entry = w(app, "tabs.tcp_server.send.row.message")
        type_into(entry, "pong")
        w(app, "tabs.tcp_server.send.row.send_button").invoke()
        client.settimeout(5)
        assert client.recv(100) == b"pong"
        me = f"127.0.0.1:{client.getsockname()[1]}"
        wait_until(app.root, lambda: f"→ client {me}" in log_text(app, "tcp_relay"))
        text = log_text(app, "tcp_relay")
        assert f"client {me} → target 127.0.0.1:{server_port}" in text
        assert f"target 127.0.0.1:{server_port} → client {me}" in text
        rows = [relay.clients.label(key) for key in relay.clients.peers()]
        assert sorted(rows) == sorted([me, f"→ 127.0.0.1:{server_port}"])
        # the send box injects into the selected side only
        target_row = next(key for key in relay.clients.peers() if relay.clients.label(key).startswith("→"))
        client_row = next(key for key in relay.clients.peers() if key != target_row)
        relay.clients.selection_set(relay.clients._iid(client_row))
        app.root.update()
        select_tab(app, "tcp_relay")
        type_into(w(app, "tabs.tcp_relay.send.row.message"), "injected")
        w(app, "tabs.tcp_relay.send.row.send_button").invoke()
        assert client.recv(100) == b"injected"
    # the client's close reaches the server as a half-close (EOF passed on; the server may still answer)
    wait_until(app.root, lambda: "finished sending" in log_text(app, "tcp_server"))
    assert len(relay.clients.peers()) == 2
    w(app, "tabs.tcp_server.middle.panes.clients_panel.controls.buttons.disconnect_all").invoke()
    wait_until(app.root, lambda: not relay.clients.peers())  # the server's close ends the pair
    assert relay.received_bytes == len(b"ping through the relay") + len(b"pong")


def test_relay_tab_says_what_is_wrong(app):
    select_tab(app, "tcp_relay")
    for bad in ("nonsense", "127.0.0.1:", "::1:80"):
        type_into(w(app, "tabs.tcp_relay.form.target"), bad)
        w(app, "tabs.tcp_relay.form.start").invoke()
        app.root.update()
        assert "Type the target as host:port" in w(app, "tabs.tcp_relay.form.error").cget("text")
        assert app.tabs["tcp_relay"].state == "stopped"
    port = _start_relay(app, f"127.0.0.1:{_free_port()}")  # nobody there: each client is closed, and told
    with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
        assert _recv_until_eof(client) == b""
    wait_until(app.root, lambda: "the relay could not reach its target" in log_text(app, "tcp_relay"))
    assert "Nobody is listening on 127.0.0.1:" in log_text(app, "tcp_relay")
    app.set_language("zh")
    app.root.update()
    assert "TCP 转发" in app.notebook.tab(app.tabs["tcp_relay"], "text")
    assert "无法连接到目标" in log_text(app, "tcp_relay")


def test_client_reconnects_after_a_server_restart_and_disconnect_stops_it(app):
    port = start_server(app, "tcp_server")
    window = _connection_window(app, "tcp_client")
    w(app, "connection_tcp_client.body.reconnect").invoke()
    w(app, "connection_tcp_client.body.buttons.close").invoke()
    app.root.update()
    assert not window.winfo_exists()
    select_tab(app, "tcp_client")
    type_into(w(app, "tabs.tcp_client.form.port"), str(port))
    w(app, "tabs.tcp_client.form.start").invoke()
    client = app.tabs["tcp_client"]
    wait_until(app.root, lambda: client.state == "running" and "Connected to" in log_text(app, "tcp_client"))

    status = w(app, "tabs.tcp_client.status_bar.status")
    server_button = w(app, "tabs.tcp_server.form.start")
    server_button.invoke()  # the server goes away
    wait_until(app.root, lambda: "reconnecting" in status.cget("text"), what=lambda: status.cget("text"))
    assert "Reconnecting to 127.0.0.1:" in log_text(app, "tcp_client")
    assert client.state == "running"  # still trying: Disconnect stays offered
    wait_until(app.root, lambda: app.tabs["tcp_server"].state == "stopped")
    type_into(w(app, "tabs.tcp_server.form.port"), str(port))
    server_button.invoke()  # back, on the same port
    wait_until(app.root, lambda: "Reconnected on attempt" in log_text(app, "tcp_client"), timeout=5)
    wait_until(app.root, lambda: app.tabs["tcp_server"].clients.peers())
    assert "reconnecting" not in status.cget("text")

    server_button.invoke()
    wait_until(app.root, lambda: "reconnecting in" in status.cget("text"))
    w(app, "tabs.tcp_client.form.start").invoke()  # Disconnect while it waits
    wait_until(app.root, lambda: client.state == "stopped")
    tries = log_text(app, "tcp_client").count("Reconnecting to")
    pump_for(app.root, 0.7)  # longer than the next wait would have been
    assert log_text(app, "tcp_client").count("Reconnecting to") == tries
    assert "reconnecting" not in status.cget("text")


def test_max_clients_refusal_is_seen_by_the_client_and_logged(app):
    select_tab(app, "tcp_server")
    type_into(w(app, "tabs.tcp_server.form.max_clients"), "1")
    port = start_server(app, "tcp_server")
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        wait_until(app.root, lambda: app.tabs["tcp_server"].clients.peers())
        with socket.create_connection(("127.0.0.1", port), timeout=5) as extra:
            assert _recv_until_eof(extra) == b"server full: 1 clients\n"
            extra_port = extra.getsockname()[1]
        wait_until(app.root, lambda: f"127.0.0.1:{extra_port} was turned away" in log_text(app, "tcp_server"))
    # the server's Connection settings: only close, without the line
    w(app, "tabs.tcp_server.form.start").invoke()
    wait_until(app.root, lambda: app.tabs["tcp_server"].state == "stopped")
    _connection_window(app, "tcp_server")
    w(app, "connection_tcp_server.body.refusal_line").invoke()
    port = start_server(app, "tcp_server")
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        wait_until(app.root, lambda: app.tabs["tcp_server"].clients.peers())
        with socket.create_connection(("127.0.0.1", port), timeout=5) as extra:
            assert _recv_until_eof(extra) == b""


def test_a_client_connects_from_the_local_address_chosen(app):
    port = start_server(app, "tcp_server")
    _connection_window(app, "tcp_client")
    local = w(app, "connection_tcp_client.body.local_host_row.local_host")
    problem = w(app, "connection_tcp_client.body.problem")
    type_into(local, "not an address")
    press(local)
    assert "must be an IP address of this computer" in problem.cget("text")
    select_tab(app, "tcp_client")
    type_into(w(app, "tabs.tcp_client.form.port"), str(port))
    w(app, "tabs.tcp_client.form.start").invoke()  # refused with the same words, not started
    app.root.update()
    assert "must be an IP address of this computer" in w(app, "tabs.tcp_client.form.error").cget("text")
    assert app.tabs["tcp_client"].state == "stopped"

    # the ▾ menu lists this computer's addresses; choosing one fills the field
    picker = app.root.nametowidget(f"{app.root}.connection_tcp_client.body.local_host_row.local_pick")
    menu = picker.nametowidget("menu")
    menu.tk.call(menu.cget("postcommand"))  # what opening the menu runs
    wait_until(app.root, lambda: "Looking for" not in _menu_labels(menu))
    labels = _menu_labels(menu)
    assert labels[0] == "Automatic (the system chooses)" and "127.0.0.1    this computer only" in labels
    assert not any("every interface" in label for label in labels)  # a client sends from one address
    menu.invoke(_index_of(menu, "127.0.0.1    this computer only"))
    assert local.get() == "127.0.0.1" and not problem.cget("text")
    type_into(local, "127.0.0.2")
    press(local)
    type_into(w(app, "connection_tcp_client.body.local_port_row.local_port"), "0")
    w(app, "tabs.tcp_client.form.start").invoke()
    wait_until(app.root, lambda: app.tabs["tcp_server"].clients.peers())
    (row,) = app.tabs["tcp_server"].clients.peers()
    assert app.tabs["tcp_server"].clients.label(row).startswith("127.0.0.2:")


def test_the_server_form_offers_this_computers_addresses_and_warns_for_every_interface(app):
    select_tab(app, "tcp_server")
    menu = w(app, "tabs.tcp_server.form.host_pick.menu")
    menu.tk.call(menu.cget("postcommand"))
    wait_until(app.root, lambda: "Looking for" not in _menu_labels(menu))
    labels = _menu_labels(menu)
    assert labels[0] == "127.0.0.1    this computer only"
    assert labels[-2:] == ["0.0.0.0    every interface: reachable from the network",
                           "::    every interface: reachable from the network"]
    warning = w(app, "tabs.tcp_server.form.warning")
    menu.invoke(_index_of(menu, labels[-1]))  # "::": the family follows, the warning shows
    app.root.update()
    assert w(app, "tabs.tcp_server.form.host").get() == "::"
    assert w(app, "tabs.tcp_server.form.family").get() == "ipv6"
    assert "opens this port to the network" in warning.cget("text")
    menu.invoke(_index_of(menu, "127.0.0.1    this computer only"))
    app.root.update()
    assert w(app, "tabs.tcp_server.form.host").get() == "127.0.0.1" and not warning.winfo_ismapped()


def _menu_labels(menu) -> list[str]:
    return [menu.entrycget(i, "label") for i in range(menu.index("end") + 1) if menu.type(i) == "command"]


def _index_of(menu, label: str) -> int:
    return next(i for i in range(menu.index("end") + 1)
                if menu.type(i) == "command" and menu.entrycget(i, "label") == label)


def test_the_learn_and_tools_entries_work_on_the_relay_tab(app):
    _start_relay(app, f"127.0.0.1:{_free_port()}")
    learn = app.menubar.nametowidget("learn")
    wanted = ("Show code…", "Export calls as script…", "Socket options…", "Socket calls (trace)",
              "Boundaries demo", "Sequence diagram…")
    for index in range(learn.index("end") + 1):
        if learn.type(index) in ("command", "checkbutton") and learn.entrycget(index, "label") in wanted:
            learn.invoke(index)
            app.root.update()
    code = w(app, "code_tcp_relay")
    assert code.winfo_exists()
    assert "no script for the TCP relay" in code.text.get("1.0", "end")
    assert w(app, "options_tcp_relay").title() == "Socket options — TCP relay"
    tools = app.menubar.nametowidget("tools")
    # (these two open a modal file chooser first)
    dialogs = ("Save received data, one file per peer…", "Export log (CSV or text)…")
    for index in range(tools.index("end") + 1):  # the other workbench features: no failure on this tab
        if tools.type(index) == "command" and tools.entrycget(index, "label") not in dialogs:
            select_tab(app, "tcp_relay")
            tools.invoke(index)
            app.root.update()
    window = _connection_window(app, "tcp_relay")
    entry = w(app, "connection_tcp_relay.body.max_clients_row.max_clients")
    type_into(entry, "0")
    press(entry)
    assert "Max clients must be a whole number" in w(app, "connection_tcp_relay.body.problem").cget("text")
    assert window.winfo_exists()


def test_rules_and_framing_are_not_offered_on_the_relay_tab(app):
    # (merged, the relay tab opened the rules and framing windows: a rule there answered in the
    # target's place, and framing held bytes back from the partner until a delimiter came)
    select_tab(app, "tcp_relay")
    tools = app.menubar.nametowidget("tools")
    for label, window in (("Auto-reply rules…", "autoreply_tcp_relay"),
                          ("Receive framing…", "framing_tcp_relay")):
        index = next(i for i in range(tools.index("end") + 1)
                     if tools.type(i) == "command" and tools.entrycget(i, "label") == label)
        tools.invoke(index)
        app.root.update()
        assert window not in app.root.children
    assert log_text(app, "tcp_relay").count("belong to the server and client tabs") == 2
