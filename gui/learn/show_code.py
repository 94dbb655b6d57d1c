"""Learn → Show code and Learn → Export calls as script, for the tab shown.

Show code reads the tab's settings as they are now (the form, the server's
reply mode, the send box's encoding and line ending) into a
:class:`~netcore.codegen.ScriptSettings` and shows the blocking script
:func:`~netcore.codegen.generate` writes for them.  Export shows
:func:`~netcore.replay.replay_script` of the calls the tab's latest endpoint
made (its :class:`~gui.parts.call_record.CallRecord`).  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk

from netcore import NetError, SocketOptions
from netcore.codegen import ScriptSettings, generate, script_name
from netcore.replay import replay_script

from ..i18n import N_, tr
from ..tab import EndpointTab
from .code_window import CodeWindow, open_window

CODE_TITLE = N_("Code for the {tab} tab")
CALLS_TITLE = N_("Socket calls of the {tab} tab, as a script")
NO_SCRIPT = N_("Show code has no script for this address: UDP needs a host and a port.")
NOT_RECORDING = N_("No calls were recorded: turn on Learn → Record socket calls, start the tab, then export.")
FIX_FIRST = N_("Fix the address in the tab first: {reason}")
NO_RELAY_SCRIPT = N_("Show code has no script for the TCP relay: it is a server and a client at once "
                     "(two sockets per client, served by one selector loop). Try it on the TCP server or "
                     "client tab.")


# SocketOptions field → the constant a script sets
OPTION_NAMES = {"reuse_addr": "SO_REUSEADDR", "nodelay": "TCP_NODELAY", "keepalive": "SO_KEEPALIVE",
                "broadcast": "SO_BROADCAST", "rcvbuf": "SO_RCVBUF", "sndbuf": "SO_SNDBUF"}


def option_lines(options: SocketOptions) -> tuple[tuple[str, int], ...]:
    """The options a user chose (None: left as they are), as (constant, value) pairs."""
    return tuple((constant, int(value)) for field, constant in OPTION_NAMES.items()
                 if (value := getattr(options, field)) is not None)


def script_settings(tab: EndpointTab) -> ScriptSettings:
    """The tab's settings now; raises NetError (the form marks the field and says why)."""
    address = tab.form.address()
    kind = tab.winfo_name().replace("_", "-")
    extra = address.extra
    chosen = tab.sockopts.choice.parse()  # OptionError (a NetError) names a bad value to fix
    try:
        return ScriptSettings(kind, address.host, address.port, reply=tab.reply_mode or "manual",
                              max_clients=extra.get("max_clients"), timeout=extra.get("timeout"),
                              local_port=extra.get("local_port", 0), encoding=tab.sendbox.encoding.get(),
                              line_ending=tab.sendbox.line_ending.get(), options=option_lines(chosen.socket),
                              sock_timeout=chosen.timeout, blocking=chosen.blocking,
                              **multicast_settings(tab, address.host, chosen.socket))
    except ValueError:
        raise NetError("no_script", NO_SCRIPT) from None


def multicast_settings(tab: EndpointTab, host: str, options: SocketOptions) -> dict[str, object]:
    """The multicast part of a UDP tab's script: what it sends to groups, and the groups it joins."""
    if not tab.winfo_name().startswith("udp") or host.startswith(("unix:", "/")):
        return {}
    from netcore.interfaces import interface_address

    ipv6 = ":" in host
    groups_part = getattr(tab, "groups_part", None)  # Tools → Broadcast and multicast…, once opened
    groups = groups_part.script_groups(ipv6) if groups_part is not None else ()
    interface = options.multicast_interface or ""
    if interface and not ipv6:
        interface = interface_address(interface)  # IP_MULTICAST_IF takes the interface's IPv4 address
    return {"multicast_ttl": options.multicast_ttl, "multicast_loop": options.multicast_loop,
            "multicast_interface": interface, "groups": groups}


def code_text(tab: EndpointTab) -> str:
    """The script for the tab, or a comment saying what to fix first."""
    if tab.winfo_name() == "tcp_relay":
        return "# " + tr(NO_RELAY_SCRIPT) + "\n"
    try:
        return generate(script_settings(tab), tr)
    except NetError as err:
        return "# " + tr(FIX_FIRST).format(reason=err.translated(tr)) + "\n"


def show_code(root: tk.Misc, tab: EndpointTab) -> CodeWindow:
    tab.build()
    return open_window(root, name=f"code_{tab.winfo_name()}", title=CODE_TITLE, tab_title=tab.title,
                       make=lambda: code_text(tab), filename=script_name(tab.winfo_name().replace("_", "-")))


def calls_text(tab: EndpointTab) -> str:
    if not tab.calls.calls and not tab.record_calls:
        return "# " + tr(NOT_RECORDING) + "\n"
    return replay_script(tr(tab.title), tab.calls.calls, tr, more=tab.calls.more)


def export_calls(root: tk.Misc, tab: EndpointTab) -> CodeWindow:
    tab.build()
    return open_window(root, name=f"calls_{tab.winfo_name()}", title=CALLS_TITLE, tab_title=tab.title,
                       make=lambda: calls_text(tab), filename=f"socklab_{tab.winfo_name()}_calls.py")
