"""UDP client tab: send datagrams to a target, see its replies."""

from __future__ import annotations

from tkinter import ttk

from netcore import Endpoint, Started, UdpClient, describe, parse_port

from ..i18n import N_, bind_text, trf
from ..tab_base import UDP_FLOW_LIMIT, EndpointTab


class UdpClientTab(EndpointTab):
    title = N_("UDP client")
    is_server = False
    start_label = N_("Open")
    stop_label = N_("Close")
    host_label = N_("Target host:")

    def _build_extra_fields(self, form: ttk.Frame) -> None:
        bind_text(ttk.Label(form, name="local_port_label"), "Local port (0 = any):").pack(side="left")
        self.local_port = ttk.Entry(form, name="local_port", width=7)
        self.local_port.insert(0, "0")
        self.local_port.pack(side="left", padx=(4, 10))

    def _form_fields(self) -> list[ttk.Entry]:
        return [self.host, self.port, self.local_port]

    def _parse_port(self, text: str) -> int:
        return parse_port(text, allow_zero=False)

    def _check_extra_fields(self) -> None:
        self._field(self.local_port, parse_port)

    def make_endpoint(self, source: str, host: str, port: int) -> Endpoint:
        return UdpClient(self.events, host, port, local_port=self.local_port.get(),
                         max_unconsumed=UDP_FLOW_LIMIT, name=source)

    def send_data(self, data: bytes) -> str | None:
        assert isinstance(self.endpoint, UdpClient)
        to = self.endpoint.send(data)
        return describe(to) if to is not None else self.host.get()

    def started_text(self, event: Started) -> str:
        return trf("Ready: datagrams go from {local} to {remote}.", local=describe(event.local[0]),
                   remote=describe(event.remote) if event.remote else "?")
