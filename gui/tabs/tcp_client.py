"""TCP client tab: connect to a server (host and port, or a Unix socket path), chat, see when it closes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netcore import Started, describe, parse_port
from netcore.arguments import check_timeout
from netcore.limits import CONNECT_TIMEOUT

from ..i18n import N_, trf
from ..parts.address_form import Address, Field
from ..tab import FLOW_LIMIT, EndpointTab

if TYPE_CHECKING:
    from netcore import Endpoint


class TcpClientTab(EndpointTab):
    title = N_("TCP client")
    is_server = False
    unix = True
    stream = True
    start_label = N_("Connect")
    stop_label = N_("Disconnect")
    host_label = N_("Server host:")
    fields = (Field("timeout", N_("Timeout (s):"), f"{CONNECT_TIMEOUT:g}", 4, check_timeout),)

    def build(self) -> None:
        if not self.built:
            super().build()
            from ..parts.reconnect_status import ReconnectStatus  # (the tab is built after the window shows)

            self.parts.append(ReconnectStatus(self.log, self.status_bar))  # auto-reconnect's retries

    def parse_port(self, text: str) -> int:
        return parse_port(text, allow_zero=False)

    def make_endpoint(self, source: str, address: Address) -> Endpoint:
        from netcore import TcpClient  # imported with the first connection, not at start-up

        return TcpClient(self.events, address.host, address.port, timeout=address.extra["timeout"],
                         max_unconsumed=FLOW_LIMIT, name=source, tracer=self.tracer())

    def send_data(self, data: bytes) -> str | None:
        from netcore import TcpClient

        assert isinstance(self.endpoint, TcpClient)
        self.endpoint.send(data)
        return describe(self.endpoint.remote) if self.endpoint.remote else ""

    def started_text(self, event: Started) -> str:
        remote = describe(event.remote) if event.remote else "?"
        return trf("Connected to {remote} from {local}.", remote=remote, local=describe(event.local[0]))
