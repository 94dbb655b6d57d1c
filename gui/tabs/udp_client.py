"""UDP client tab: send datagrams to a target, see its replies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netcore import Started, describe, parse_port

from ..i18n import N_, trf
from ..parts.address_form import Address, port_field
from ..parts.no_reply import NoReplyHint
from ..tab import UDP_FLOW_LIMIT, EndpointTab

if TYPE_CHECKING:
    from netcore import Endpoint


class UdpClientTab(EndpointTab):
    title = N_("UDP client")
    is_server = False
    transport = "udp"
    start_label = N_("Open")
    stop_label = N_("Close")
    host_label = N_("Target host:")
    unix = True  # a Unix datagram socket, bound to a private path of its own for replies
    unix_file = "socklab-dgram.sock"  # the UDP server tab's default path
    fields = (port_field("local_port", N_("Local port (0 = any):"), "0"),)

    def build(self) -> None:
        if not self.built:
            super().build()
            self.parts.append(NoReplyHint(self.log))  # "no reply" is UDP's silent failure: hint at it

    def parse_port(self, text: str) -> int:
        return parse_port(text, allow_zero=False)

    def make_endpoint(self, source: str, address: Address) -> Endpoint:
        from netcore import UdpClient  # imported with the first start, not at start-up
        from netcore.multicast import is_multicast

        # a socket connected to a group or a broadcast address would only take datagrams *from* that
        # address, and the members' replies come from their own: such a target stays unconnected
        asked = self.sockopts.asked
        connect = not (is_multicast(address.host) or (asked is not None and asked.socket.broadcast))
        return UdpClient(self.events, address.host, address.port, local_port=address.extra["local_port"],
                         connect=connect, max_unconsumed=UDP_FLOW_LIMIT, name=source, tracer=self.tracer())

    def send_data(self, data: bytes) -> str | None:
        from netcore import UdpClient

        assert isinstance(self.endpoint, UdpClient)
        to = self.endpoint.send(data)
        return describe(to) if to is not None else self.host.get()

    def started_text(self, event: Started) -> str:
        return trf("Ready: datagrams go from {local} to {remote}.", local=describe(event.local[0]),
                   remote=describe(event.remote) if event.remote else "?")
