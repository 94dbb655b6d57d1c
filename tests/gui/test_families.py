"""Every address family in every tab's form, driven through the window: IPv4, IPv6, Unix stream and datagram.

Real sockets: Unix paths in the test's tmp dir, ::1 for IPv6.  Also the stale
socket file (explained, replaced) and a regular file at the path (refused, kept),
and the Help text's word on AF_NETLINK.
"""

from __future__ import annotations

import os
import socket
import stat
import tempfile

import pytest

from gui import app as app_module

from .drive import choose, log_text, press, select_tab, send_text, type_into, w, wait_until

unix_only = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix-domain sockets here")


def _form(app, tab: str, field: str):
    return w(app, f"tabs.{tab}.form.{field}")


def _start_on_path(app, tab: str, path: str) -> None:
    """Choose "Unix path" in the tab's drop-down, type ``path``, press Enter in the path field."""
    select_tab(app, tab)
    choose(_form(app, tab, "family"), "unix")
    app.root.update()
    type_into(_form(app, tab, "path"), path)
    press(_form(app, tab, "path"))


@unix_only
def test_unix_datagram_chat_between_the_udp_tabs(app, tmp_path):
    path = str(tmp_path / "chat-dgram.sock")
    _start_on_path(app, "udp_server", path)
    wait_until(app.root, lambda: app.tabs["udp_server"].state == "running")
    assert stat.S_ISSOCK(os.lstat(path).st_mode)
    assert not _form(app, "udp_server", "port").winfo_ismapped()  # a path has no port

    _start_on_path(app, "udp_client", path)
    assert not _form(app, "udp_client", "local_port").winfo_ismapped()  # nor a local port
    wait_until(app.root, lambda: app.tabs["udp_client"].state == "running")
    client_log = log_text(app, "udp_client")
    assert "needs a path of its own to get replies" in client_log  # the private path, said in the log
    own_path = app.tabs["udp_client"].endpoint.local_addresses[0].host
    assert own_path in client_log and os.path.dirname(own_path) != str(tmp_path)

    send_text(app, "udp_client", "hello over a path")
    wait_until(app.root, lambda: "hello over a path" in log_text(app, "udp_server"))
    assert own_path in log_text(app, "udp_server")  # the sender is shown by its path
    wait_until(app.root, lambda: app.tabs["udp_server"].senders.peers())
    send_text(app, "udp_server", "and back")  # to the last sender
    wait_until(app.root, lambda: "and back" in log_text(app, "udp_client"))

    _form(app, "udp_client", "start").invoke()  # Close
    wait_until(app.root, lambda: app.tabs["udp_client"].state == "stopped")
    assert not os.path.exists(os.path.dirname(own_path))  # the private folder is gone
    _form(app, "udp_server", "start").invoke()
    wait_until(app.root, lambda: app.tabs["udp_server"].state == "stopped")
    assert not os.path.exists(path)


@unix_only
def test_the_unix_path_defaults_differ_for_stream_and_datagram(app):
    paths = {}
    for tab in [name for name, tab in app.tabs.items() if tab.unix]:  # (the TCP relay offers no path)
        select_tab(app, tab)
        choose(_form(app, tab, "family"), "unix")
        paths[tab] = _form(app, tab, "path").get()
    temp = tempfile.gettempdir()
    assert paths["tcp_server"] == paths["tcp_client"] == os.path.join(temp, "socklab.sock")
    assert paths["udp_server"] == paths["udp_client"] == os.path.join(temp, "socklab-dgram.sock")


@unix_only
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("tab", ["udp_server", "tcp_server"])
def test_a_stale_socket_file_is_explained_and_replaced(app, tmp_path, tab, lang):
    path = str(tmp_path / "stale.sock")
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM if tab == "udp_server" else socket.SOCK_STREAM)
    dead.bind(path)
    dead.close()  # a server that died: its socket file stays
    app.set_language(lang)
    _start_on_path(app, tab, path)
    wait_until(app.root, lambda: app.tabs[tab].state == "running")
    words = {"en": "was left behind by a server that is no longer running",
             "zh": "残留的套接字文件"}[lang]
    wait_until(app.root, lambda: words in log_text(app, tab), what=lambda: log_text(app, tab))
    assert _form(app, tab, "error").cget("text") == ""


@unix_only
@pytest.mark.parametrize("tab", ["udp_server", "tcp_server"])
def test_a_regular_file_at_the_path_is_refused_and_not_deleted(app, tmp_path, tab):
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me")
    _start_on_path(app, tab, str(notes))
    wait_until(app.root, lambda: app.tabs[tab].state == "stopped"
               and "is not a socket file" in _form(app, tab, "error").cget("text"))
    assert "never deletes" in _form(app, tab, "error").cget("text")
    assert "is not a socket file" in log_text(app, tab)
    assert notes.read_text() == "keep me"


def test_ipv6_datagrams_between_the_udp_tabs(app):
    select_tab(app, "udp_server")
    choose(_form(app, "udp_server", "family"), "ipv6")
    assert _form(app, "udp_server", "host").get() == "::1"  # the host follows the family
    type_into(_form(app, "udp_server", "port"), "0")
    press(_form(app, "udp_server", "port"))
    wait_until(app.root, lambda: app.tabs["udp_server"].state == "running")
    (local,) = app.tabs["udp_server"].endpoint.local_addresses
    assert local.family == "ipv6"

    select_tab(app, "udp_client")
    assert _form(app, "udp_client", "family").get() == "ipv4"
    type_into(_form(app, "udp_client", "host"), "[::1]")  # brackets as in a URL are fine
    type_into(_form(app, "udp_client", "port"), str(local.port))
    _form(app, "udp_client", "start").invoke()
    wait_until(app.root, lambda: app.tabs["udp_client"].state == "running")
    assert _form(app, "udp_client", "family").get() == "ipv6"  # the drop-down follows what was typed
    send_text(app, "udp_client", "over IPv6")
    wait_until(app.root, lambda: "over IPv6" in log_text(app, "udp_server"))
    assert "[::1]:" in log_text(app, "udp_server")
    send_text(app, "udp_server", "v6 reply")
    wait_until(app.root, lambda: "v6 reply" in log_text(app, "udp_client"))


def test_the_host_follows_the_family_and_names_stay(app):
    select_tab(app, "tcp_server")
    family, host = _form(app, "tcp_server", "family"), _form(app, "tcp_server", "host")
    assert [label for label in family.cget("values")][:2] == ["IPv4", "IPv6"]
    choose(family, "ipv6")
    assert host.get() == "::1"
    choose(family, "ipv4")
    assert host.get() == "127.0.0.1"
    type_into(host, "0.0.0.0")
    choose(family, "ipv6")
    assert host.get() == "::"  # every address stays every address
    assert "opens this port to the network" in _form(app, "tcp_server", "warning").cget("text")
    type_into(host, "localhost")
    choose(family, "ipv4")
    assert host.get() == "localhost"  # a name may stand for either family
    type_into(host, "::1")
    press(host, "<KeyRelease>")  # as typing does
    assert family.get() == "ipv6"


def test_help_says_why_there_is_no_af_netlink(app, monkeypatch):
    shown = []
    monkeypatch.setattr(app_module.messagebox, "showinfo", lambda title, text, **kw: shown.append(text))
    help_menu = app.menubar.nametowidget("help")
    help_menu.invoke(0)
    app.set_language("zh")
    help_menu.invoke(0)
    english, chinese = shown
    assert "AF_NETLINK" in english and "not a way for programs to chat" in english
    assert "AF_NETLINK" in chinese and "内核" in chinese
