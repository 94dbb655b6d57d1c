"""The form and the send box do what the keys and choices say (issue 9: bugs 6, 12, 16, 17)."""

from __future__ import annotations

import socket

from .drive import choose, press, select_tab, send_text, start_server, type_into, w, wait_until


def test_enter_in_any_field_of_the_form_starts_the_endpoint(app):
    select_tab(app, "tcp_server")
    type_into(w(app, "tabs.tcp_server.form.port"), "0")
    press(w(app, "tabs.tcp_server.form.max_clients"))
    wait_until(app.root, lambda: app.tabs["tcp_server"].state == "running")
    port = app.tabs["tcp_server"].endpoint.local_addresses[0].port
    select_tab(app, "udp_client")
    type_into(w(app, "tabs.udp_client.form.port"), str(port))
    press(w(app, "tabs.udp_client.form.local_port"))
    wait_until(app.root, lambda: app.tabs["udp_client"].state == "running")


def test_ctrl_a_selects_the_whole_field(app):
    select_tab(app, "tcp_server")
    port = w(app, "tabs.tcp_server.form.port")
    type_into(port, "9999")
    port.icursor("end")
    press(port, "<Control-a>")
    assert port.selection_present()
    assert (port.index("sel.first"), port.index("sel.last")) == (0, 4)


def test_hex_sends_exactly_the_bytes_typed_unless_a_line_ending_is_chosen_for_it(app):
    port = start_server(app, "tcp_server")
    with socket.create_connection(("127.0.0.1", port)) as raw:
        wait_until(app.root, lambda: app.tabs["tcp_server"].clients.peers())
        box = app.tabs["tcp_server"].sendbox
        choose(box.line_ending, "lf")  # chosen for text...
        choose(box.mode, "hex")  # ...and not carried over into hex
        assert box.line_ending.get() == "none"
        send_text(app, "tcp_server", "48 69")
        raw.settimeout(5)
        assert raw.recv(100) == b"Hi"
        choose(box.line_ending, "crlf")  # chosen in hex mode: the user's own
        send_text(app, "tcp_server", "21")
        assert raw.recv(100) == b"!\r\n"


def test_a_server_on_port_0_shows_the_port_it_got_while_it_runs(app):
    port = start_server(app, "tcp_server")  # types 0
    field = w(app, "tabs.tcp_server.form.port")
    assert field.get() == str(port) and port != 0
    w(app, "tabs.tcp_server.form.start").invoke()
    wait_until(app.root, lambda: app.tabs["tcp_server"].state == "stopped")
    assert field.get() == "0"  # what the user typed: the next start asks for any free port again
