"""The first thing a user tries: a server tab and a client tab chatting over loopback."""

from __future__ import annotations

import pytest

from .drive import log_text, pump_for, send_text, start_client, start_server, w, wait_until


def test_tcp_server_and_client_tabs_chat_both_ways(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    server = app.tabs["tcp_server"]
    wait_until(app.root, lambda: len(server.clients.peers()) == 1)

    send_text(app, "tcp_client", "hello server")
    wait_until(app.root, lambda: "hello server" in log_text(app, "tcp_server"))
    assert "→" in log_text(app, "tcp_client") and "hello server" in log_text(app, "tcp_client")

    send_text(app, "tcp_server", "hello client")
    wait_until(app.root, lambda: "hello client" in log_text(app, "tcp_client"))
    wait_until(app.root, lambda: server.received_bytes == len("hello server") and server.sent_bytes == 12)
    assert "received 12 B" in w(app, "tabs.tcp_server.status_bar.status").cget("text")
    client = app.tabs["tcp_client"]
    assert client.received_bytes == len("hello client")
    # the client list shows the byte counts per client
    row = server.clients.item(server.clients.get_children()[0], "values")
    assert row[1] == "12" and row[2] == "12"


def test_a_server_that_stops_leaves_the_client_half_open_until_it_disconnects(app):
    """EOF from the server is a half-close, not a close: the client tab says so and may still send."""
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    w(app, "tabs.tcp_server.form.start").invoke()
    wait_until(app.root, lambda: app.tabs["tcp_server"].state == "stopped")
    wait_until(app.root, lambda: "finished sending" in log_text(app, "tcp_client"))
    assert app.tabs["tcp_client"].state == "running"
    w(app, "tabs.tcp_client.form.start").invoke()  # Disconnect
    wait_until(app.root, lambda: app.tabs["tcp_client"].state == "stopped")
    assert w(app, "tabs.tcp_client.form.start").cget("text") == "Connect"


def test_disconnect_selected_client(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    clients = app.tabs["tcp_server"].clients
    wait_until(app.root, lambda: clients.get_children())
    clients.selection_set(clients.get_children()[0])
    w(app, "tabs.tcp_server.middle.panes.clients_panel.controls.buttons.disconnect").invoke()
    wait_until(app.root, lambda: not clients.get_children())
    wait_until(app.root, lambda: "finished sending" in log_text(app, "tcp_client"))
    assert "Disconnected 127.0.0.1:" in log_text(app, "tcp_server")


def test_udp_server_and_client_tabs_chat_both_ways(app):
    port = start_server(app, "udp_server")
    start_client(app, "udp_client", port)
    send_text(app, "udp_client", "ping")
    wait_until(app.root, lambda: "ping" in log_text(app, "udp_server"))
    senders = app.tabs["udp_server"].senders
    wait_until(app.root, lambda: len(senders.peers()) == 1)
    send_text(app, "udp_server", "pong")  # to the last sender
    wait_until(app.root, lambda: "pong" in log_text(app, "udp_client"))
    assert app.tabs["udp_client"].received_count == 1


@pytest.mark.parametrize("host", ["::1", "localhost"])
def test_tcp_chat_over_other_addresses(app, host):
    port = start_server(app, "tcp_server", host=host)
    start_client(app, "tcp_client", port, host=host)
    send_text(app, "tcp_client", f"via {host}")
    wait_until(app.root, lambda: f"via {host}" in log_text(app, "tcp_server"))


def test_sending_while_stopped_says_so_and_sends_nothing(app):
    send_text(app, "tcp_client", "lost?")
    hint = w(app, "tabs.tcp_client.send.hint").cget("text")
    assert "Not started yet" in hint
    pump_for(app.root, 0.1)
    # the text stays in the box so nothing typed is lost
    assert w(app, "tabs.tcp_client.send.row.message").get() == "lost?"


def test_a_client_that_half_closes_is_marked_in_the_client_list_and_can_be_answered(app):
    import socket

    port = start_server(app, "tcp_server")
    with socket.create_connection(("127.0.0.1", port)) as raw:
        raw.sendall(b"question")
        raw.shutdown(socket.SHUT_WR)
        clients = app.tabs["tcp_server"].clients
        wait_until(app.root, lambda: clients.get_children()
                   and "finished sending" in str(clients.item(clients.get_children()[0], "values")[0]))
        send_text(app, "tcp_server", "answer")  # to all clients: the half-closed one still reads
        raw.settimeout(5)
        assert raw.recv(100) == b"answer"
