"""The TCP tabs' state strip through a half-close, and "Shut down sending" (issue 11, item 8).

A TCP server tab and a TCP client tab over loopback, driven by their
buttons: the strip shows the kernel's LISTEN and ESTABLISHED, then the
client's "Shut down sending" moves the client to FIN_WAIT2 and the server's
side of that connection to CLOSE_WAIT, in the client list's State column.
"""

from __future__ import annotations

import sys
import threading

import pytest

from netcore.tcp_states import available

from .drive import pump_for, select_tab, start_client, start_server, w, wait_until

pytestmark = pytest.mark.skipif(not (sys.platform.startswith("linux") and available()),
                                reason="the kernel's TCP states are read from /proc (Linux)")


def strip_text(app, tab: str) -> str:
    return w(app, f"tabs.{tab}.conn_strip.state").cget("text")


def test_the_state_strip_through_a_half_close(app):
    port = start_server(app, "tcp_server")
    wait_until(app.root, lambda: "LISTEN" in strip_text(app, "tcp_server"),
               what=lambda: strip_text(app, "tcp_server"))
    assert "accept() takes each one" in strip_text(app, "tcp_server")

    start_client(app, "tcp_client", port)
    wait_until(app.root, lambda: "ESTABLISHED" in strip_text(app, "tcp_client"),
               what=lambda: strip_text(app, "tcp_client"))
    assert "both sides can send" in strip_text(app, "tcp_client")

    w(app, "tabs.tcp_client.conn_strip.shutdown").invoke()  # shutdown(SHUT_WR): our FIN
    wait_until(app.root, lambda: "FIN_WAIT2" in strip_text(app, "tcp_client"),
               what=lambda: strip_text(app, "tcp_client"))
    assert "the other side may still send" in strip_text(app, "tcp_client")

    select_tab(app, "tcp_server")
    clients = app.tabs["tcp_server"].clients
    rows = wait_until(app.root, lambda: clients.get_children())
    wait_until(app.root, lambda: clients.set(rows[0], "state") == "CLOSE_WAIT",
               what=lambda: clients.set(rows[0], "state"))
    clients.selection_set(rows[0])
    wait_until(app.root, lambda: "CLOSE_WAIT" in strip_text(app, "tcp_server"))
    assert "the other side finished sending" in strip_text(app, "tcp_server")

    app.set_language("zh")  # the explanation follows the language; the kernel's names stay
    assert "CLOSE_WAIT — 对方已结束发送" in strip_text(app, "tcp_server")


def test_the_server_shuts_down_sending_to_the_selected_client(app):
    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    select_tab(app, "tcp_server")
    tab = app.tabs["tcp_server"]
    button = w(app, "tabs.tcp_server.conn_strip.shutdown")
    button.invoke()  # nobody selected: said, nothing done
    assert "Select a client in the list first." in w(app, "tabs.tcp_server.send.hint").cget("text")
    rows = wait_until(app.root, lambda: tab.clients.get_children())
    tab.clients.selection_set(rows[0])
    app.root.update()
    button.invoke()
    wait_until(app.root, lambda: tab.clients.set(rows[0], "state") == "FIN_WAIT2",
               what=lambda: tab.clients.set(rows[0], "state"))
    select_tab(app, "tcp_client")
    wait_until(app.root, lambda: "CLOSE_WAIT" in strip_text(app, "tcp_client"),
               what=lambda: strip_text(app, "tcp_client"))


def test_shut_down_before_start_is_explained_and_a_hidden_tab_reads_nothing(app):
    w(app, "tabs.tcp_client.conn_strip.shutdown").state(["!disabled"])  # as if the state lagged
    select_tab(app, "tcp_client")
    w(app, "tabs.tcp_client.conn_strip.shutdown").invoke()
    assert "Not started yet" in w(app, "tabs.tcp_client.send.hint").cget("text")
    assert strip_text(app, "tcp_client") == "Kernel TCP state: not connected."

    port = start_server(app, "tcp_server")
    start_client(app, "tcp_client", port)
    strip = app.tabs["tcp_server"].conn_strip
    wait_until(app.root, lambda: strip._after_id is None)  # the server tab is hidden: no polling
    requests = []
    strip.reader.request = lambda ports: requests.append(tuple(ports))
    pump_for(app.root, 1.2)
    assert requests == []
    select_tab(app, "tcp_server")
    pump_for(app.root, 1.2)
    assert 2 <= len(requests) <= 4  # about twice a second while shown
    assert requests[0] == (port,)


def test_the_state_reader_threads_end_with_the_window(app):
    port = start_server(app, "tcp_server")
    wait_until(app.root, lambda: "LISTEN" in strip_text(app, "tcp_server"))
    assert any(t.name == "tcp-states" for t in threading.enumerate())
    app.close()
    assert not any(t.name == "tcp-states" for t in threading.enumerate())
    assert port
