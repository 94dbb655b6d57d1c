"""The Learn menu's "Boundaries demo": five small sends in a burst, to see TCP merge and UDP keep.

On a running TCP or UDP client tab it marks boundaries in that tab's log and
in the server tab of the same protocol (where the burst arrives if the user
chats with SockLab's own server), sends ``msg-1`` … ``msg-5`` as five
separate sends, and says in one sentence what to look for.  Tk thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import N_, tr

if TYPE_CHECKING:
    from ..tab import EndpointTab

MESSAGES = tuple(f"msg-{number}".encode() for number in range(1, 6))
CLIENT_TABS = {"tcp_client": "tcp_server", "udp_client": "udp_server"}  # where the burst arrives

WRONG_TAB = N_("The boundaries demo runs on the TCP client and UDP client tabs: choose one, connect it to a "
               "server (for example this window's server tab), then try again.")
NOT_RUNNING = N_("Boundaries demo: connect (TCP) or open (UDP) this tab first, to a server such as this "
                 "window's server tab.")
LESSON = {
    "tcp": N_("Boundaries demo: 5 messages went out in 5 send() calls. TCP carries a stream of bytes, not "
              "messages, so the receiver's recv() may get them merged into one chunk or split anywhere "
              "(see the ┤ recv() ├ marks in the server's log): a program must mark where each message "
              "ends itself, for example with a newline."),
    "udp": N_("Boundaries demo: 5 messages went out as 5 datagrams. UDP keeps each datagram whole, so the "
              "receiver gets 5 datagrams of 5 bytes (see the ┤ datagram ├ marks in the server's log), "
              "never merged or split — though one may be lost."),
}


def run_demo(tabs: dict[str, EndpointTab], tab: EndpointTab) -> int:
    """Run the demo on ``tab`` (one of ``tabs``, the window's tabs by name); returns how many
    messages were sent (0: the demo said why it could not run)."""
    name = tab.winfo_name()
    if name not in CLIENT_TABS:
        tab.log.add_message("info", lambda: tr(WRONG_TAB))
        tab.log.flush()
        return 0
    if tab.state != "running":
        tab.log.add_message("info", lambda: tr(NOT_RUNNING))
        tab.log.flush()
        return 0
    tab.log.boundaries.set(True)
    server = tabs.get(CLIENT_TABS[name])
    if server is not None and server.built:
        server.log.boundaries.set(True)
    sent = 0
    for data in MESSAGES:
        if not tab.send_message(data):
            break
        sent += 1
    lesson = LESSON[tab.transport]
    tab.log.add_message("info", lambda: tr(lesson))
    tab.log.flush()
    return sent
