"""Tools → Broadcast and multicast… (issue 12, feature 6), driven through the window's widgets.

Real sockets on this host only: a multicast group joined on the loopback
interface (lo, 127.0.0.1) with the UDP server tab, the UDP client tab sending
to it; a broadcast to loopback's own broadcast address, 127.255.255.255.
"""

from __future__ import annotations

import pytest

from gui.i18n import tr
from gui.learn.show_code import code_text
from netcore.multicast import NOT_MULTICAST

from .drive import (
    log_text,
    pump_for,
    select_tab,
    send_text,
    start_client,
    start_server,
    type_into,
    w,
    wait_until,
)

GROUP = "239.255.42.7"


def open_window(app, tab: str, shown: str | None = None):
    """Tools → Broadcast and multicast… with ``tab`` shown; the window of ``shown`` (default: that tab)."""
    select_tab(app, tab)
    menu = w(app, "menubar.tools")
    labels = [menu.entrycget(i, "label") if menu.type(i) != "separator" else ""
              for i in range(menu.index("end") + 1)]
    menu.invoke(labels.index(tr("Broadcast and multicast…")))
    app.root.update()
    return w(app, f"groups_{shown or tab}")


def choose_interface(window, name: str) -> None:
    combo = window.nametowidget("body.sending.interface")
    combo.current(window.interfaces.index(name))
    combo.event_generate("<<ComboboxSelected>>")
    window.update()


def table_states(window) -> dict[str, str]:
    table = window.nametowidget("body.groups.list")
    return {row: table.set(row, "state") for row in table.get_children()}


def calls(app, tab: str) -> str:
    return "\n".join(call.call for call in app.tabs[tab].calls.calls)


def test_a_group_joined_on_loopback_receives_what_the_client_sends_until_it_leaves(app):
    port = start_server(app, "udp_server")  # the default bind, 127.0.0.1: a group cannot reach it
    server = open_window(app, "udp_server")
    choose_interface(server, "lo")
    type_into(server.nametowidget("body.groups.row.group"), GROUP)
    server.nametowidget("body.groups.row.join").invoke()
    # joined, but the window says why nothing will arrive and offers the binds that work; it does not rebind
    note = server.nametowidget("body.groups.bind_note")
    wait_until(app.root, lambda: note.winfo_manager())
    assert "127.0.0.1" in note.nametowidget("text").cget("text")
    assert app.tabs["udp_server"].endpoint.local_addresses[0].host == "127.0.0.1"
    note.nametowidget("offers.on_group").invoke()
    server_tab = app.tabs["udp_server"]
    wait_until(app.root, lambda: server_tab.state == "running" and server_tab.endpoint is not None
               and server_tab.endpoint.local_addresses[0].host == GROUP, what=lambda: server_tab.state)
    assert server_tab.endpoint.local_addresses[0].port == port  # reopened on the same port
    wait_until(app.root, lambda: table_states(server).get(GROUP) == "joined",
               what=lambda: table_states(server))
    assert not note.winfo_manager()

    client = open_window(app, "udp_client")
    choose_interface(client, "lo")
    type_into(client.nametowidget("body.sending.ttl"), "1")
    start_client(app, "udp_client", port, host=GROUP)
    send_text(app, "udp_client", "hello group")
    wait_until(app.root, lambda: "hello group" in log_text(app, "udp_server"))
    # the trace shows the membership and the sending interface
    assert "IP_ADD_MEMBERSHIP" in calls(app, "udp_server")
    assert "IP_MULTICAST_IF" in calls(app, "udp_client")
    assert ("server.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton("
            f'"{GROUP}") + socket.inet_aton("127.0.0.1"))') in code_text(server_tab)
    client_code = code_text(app.tabs["udp_client"])
    assert "client.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)" in client_code
    assert 'socket.IP_MULTICAST_IF, socket.inet_aton("127.0.0.1"))' in client_code

    server.nametowidget("body.groups.list").selection_set(GROUP)
    server.nametowidget("body.groups.row.leave").invoke()
    wait_until(app.root, lambda: server_tab.endpoint.groups == () and "IP_DROP_MEMBERSHIP" in calls(
        app, "udp_server"))
    assert table_states(server) == {}
    sent_before = app.tabs["udp_client"].sent_count
    send_text(app, "udp_client", "after leaving")
    wait_until(app.root, lambda: app.tabs["udp_client"].sent_count > sent_before)
    pump_for(app.root, 0.3)
    assert "after leaving" not in log_text(app, "udp_server")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bad_group_or_ttl_gets_a_clear_message(app, lang):
    app.set_language(lang)
    window = open_window(app, "tcp_server", shown="udp_server")  # a TCP tab shows the UDP server's
    assert app.current_tab() is app.tabs["udp_server"]
    assert window.nametowidget("body.message").cget("text") == tr(
        "Broadcast and multicast are for the UDP tabs: showing the UDP server tab's settings.")
    type_into(window.nametowidget("body.groups.row.group"), "10.0.0.1")
    window.nametowidget("body.groups.row.join").invoke()
    message = window.nametowidget("body.message").cget("text")
    assert message == tr(NOT_MULTICAST).format(group="10.0.0.1")
    assert ("不是组播" in message) if lang == "zh" else ("not a multicast group address" in message)
    assert table_states(window) == {}
    type_into(window.nametowidget("body.sending.ttl"), "300")
    assert "255" in window.nametowidget("body.message").cget("text")
    assert window.nametowidget("body.sending.ttl").instate(["invalid"])


def test_broadcast_is_refused_and_explained_without_so_broadcast_and_arrives_with_it(app):
    port = start_server(app, "udp_server", host="127.255.255.255")  # loopback's broadcast address
    select_tab(app, "udp_client")
    type_into(w(app, "tabs.udp_client.form.host"), "127.255.255.255")
    type_into(w(app, "tabs.udp_client.form.port"), str(port))
    w(app, "tabs.udp_client.form.start").invoke()
    form_error = w(app, "tabs.udp_client.form.error")
    wait_until(app.root, lambda: "SO_BROADCAST" in form_error.cget("text"),
               what=lambda: form_error.cget("text"))
    assert "[EACCES]" in form_error.cget("text")
    assert app.tabs["udp_client"].state == "stopped"

    window = open_window(app, "udp_client")
    window.nametowidget("body.sending.broadcast").invoke()
    start_client(app, "udp_client", port, host="127.255.255.255")
    send_text(app, "udp_client", "to everyone")
    wait_until(app.root, lambda: "to everyone" in log_text(app, "udp_server"))
    assert "SO_BROADCAST, 1" in calls(app, "udp_client")
    assert "client.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)" in code_text(app.tabs["udp_client"])
