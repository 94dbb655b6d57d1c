"""udp-client and udp-server: the UDP tabs' roles on netcore's UdpClient and UdpServer.

UDP has no connection and no end: the client sends each line of stdin as one
datagram and, once stdin ends, waits for replies (1 s of silence, or
--timeout); "port unreachable" (refused) ends it with exit 3.  The server
answers by itself (--reply, --rule) or sends lines of stdin to the last
sender, as the tab does.  Main thread.
"""

from __future__ import annotations

from typing import Any

from netcore import DatagramsReceived, Error, NetError, Peer, Started, describe
from netcore.datagram import max_payload
from netcore.explain import no_reply

from . import exits
from .inputs import start_input
from .replies import Replier
from .session import UNCONSUMED_LIMIT, Session
from .sources import Outgoing
from .words import N_, lesson_text, trf

#: After its input ends, a UDP client without --timeout waits this long after the last datagram.
LINGER = 1.0
NO_REPLY = N_("No reply from {address} within {seconds} s.")


class UdpClientSession(Session):
    transport = "udp"

    def make_endpoint(self) -> Any:
        from netcore.udp_client import UdpClient

        cfg = self.cfg
        return UdpClient(self.events, cfg.host, cfg.port, max_unconsumed=UNCONSUMED_LIMIT,
                         options=cfg.options, tracer=self.tracer(), name="udp-client",
                         impairment=cfg.impairment)

    def on_started(self, event: Started) -> None:
        super().on_started(event)
        remote = event.remote
        self.label = describe(remote) if remote is not None else self.cfg.host
        self.out.info(trf(N_("Ready: datagrams go from {local} to {remote}."), local=describe(event.local[0]),
                          remote=self.label), event.time)
        limit = max_payload(remote.socket_family) if remote is not None else None
        start_input(self.cfg, self.endpoint, self.send, self.events.put, datagram_limit=limit,
                    label=lambda: self.label)

    def send(self, data: bytes) -> str:
        self.endpoint.send(data)
        return self.label

    def idle_limit(self) -> float | None:
        if self.cfg.timeout is not None:
            return self.cfg.timeout
        return LINGER if self.input_done else None

    def on_idle(self) -> None:
        if self.cfg.timeout is None:
            self.finish(exits.OK)  # the replies had their second
            return
        super().on_idle()

    def timeout_text(self) -> str:
        text = trf(NO_REPLY, address=getattr(self, "label", self.cfg.host), seconds=f"{self.cfg.timeout:g}")
        return text + "\n" + lesson_text(no_reply(self.cfg.port))

    def on_error(self, event: Error) -> None:
        self.report(event)
        if event.code == "refused":  # the other side said "port unreachable": nobody will answer
            self.finish(exits.REFUSED)
        elif event.fatal and self.failure is None:
            self.failure = exits.for_error(event.code)


class UdpServerSession(Session):
    transport = "udp"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.replier = Replier(self.cfg) if self.cfg.answers and self.cfg.reply != "echo" else None
        self.input_started = False

    def make_endpoint(self) -> Any:
        from netcore.udp_server import UdpServer

        cfg = self.cfg
        return UdpServer(self.events, cfg.host, cfg.port, echo=cfg.reply == "echo",
                         max_unconsumed=UNCONSUMED_LIMIT, options=cfg.options, tracer=self.tracer(),
                         name="udp-server", impairment=cfg.impairment)

    def on_started(self, event: Started) -> None:
        super().on_started(event)
        self.say_listening(N_("Bound to {address}: datagrams sent there arrive here."), event)

    def on_datagrams(self, event: DatagramsReceived) -> None:
        cfg = self.cfg
        if cfg.reply == "echo" and cfg.show is not None:  # netcore echoed them on its I/O thread
            for peer, data in event:
                self.dispatch(Outgoing(describe(peer), data))
        if self.replier is not None:
            for peer, data in event:
                reply = self.replier.answer(data)
                if reply is not None:
                    self._reply(reply, peer)
        elif not cfg.answers and not self.input_started:  # stdin goes to the last sender, from now on
            self.input_started = True
            start_input(cfg, self.endpoint, self.send, self.events.put,
                        datagram_limit=max_payload(event.peers[-1].socket_family))
        if cfg.once and cfg.answers:
            self.finish(exits.OK)  # answered (an echo went out on the I/O thread already); stop() flushes

    def send(self, data: bytes) -> str:
        """The input thread: one datagram to the last sender."""
        return describe(self.endpoint.send(data))

    def _reply(self, data: bytes, peer: Peer) -> None:
        try:
            self.endpoint.send(data, peer)
        except NetError as err:
            self.report(err)
            return
        if self.cfg.show is not None:
            self.dispatch(Outgoing(describe(peer), data))

    def on_input_end(self) -> None:
        if self.cfg.once:
            self.finish(exits.OK)
