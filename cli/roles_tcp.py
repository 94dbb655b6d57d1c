"""tcp-client and tcp-server: the TCP tabs' roles on netcore's TcpClient and TcpServer.

The client ends like ``nc -N``: at the end of its input it half-closes
(``shutdown(SHUT_WR)``) and waits until the server has finished too; netcore's
client then stops by itself.  The server serves many clients, as the tab does:
stdin goes to every client connected, or it answers by itself (--reply,
--rule); at the end of stdin each client gets the server's EOF.  Main thread.
"""

from __future__ import annotations

import contextlib
from typing import Any

from netcore import (
    ConnectionState,
    DataReceived,
    Error,
    NetError,
    PeerConnected,
    PeerDisconnected,
    Started,
    describe,
)
from netcore.events import PEER_HALF_CLOSED
from netcore.limits import CONNECT_TIMEOUT

from . import exits
from .inputs import start_input
from .replies import Replier
from .session import UNCONSUMED_LIMIT, Session
from .sources import Outgoing
from .words import N_, trf

#: How long one send() waits for room before trying again (it tries until the connection ends).
SEND_WAIT = 60.0
#: What may wait for the network per connection before the input is held back (netcore's flow control).
WRITE_HIGH, WRITE_LOW, MAX_BUFFERED = 1024 * 1024, 256 * 1024, 4 * 1024 * 1024  # the endpoints' write limits
NO_CLIENT = N_("No client is connected, so there is nobody to send to.")
NO_REPLY = N_("No reply from {address} within {seconds} s: the connection is open, but nothing came back.")


class TcpClientSession(Session):
    transport = "tcp"

    def make_endpoint(self) -> Any:
        from netcore.tcp_client import TcpClient

        cfg = self.cfg
        return TcpClient(self.events, cfg.host, cfg.port, timeout=cfg.timeout or CONNECT_TIMEOUT,
                         max_unconsumed=UNCONSUMED_LIMIT, options=cfg.options, tracer=self.tracer(),
                         name="tcp-client", write_high=WRITE_HIGH, write_low=WRITE_LOW,
                         max_buffered=MAX_BUFFERED)

    def on_started(self, event: Started) -> None:
        super().on_started(event)
        self.label = describe(event.remote) if event.remote is not None else ""
        self.out.info(trf(N_("Connected to {remote} from {local}."), remote=self.label,
                          local=describe(event.local[0])), event.time)
        start_input(self.cfg, self.endpoint, self.send, self.events.put, send_now=self.send_now,
                    label=lambda: self.label)

    def send_now(self, data: bytes) -> str:
        """The I/O thread (--interval): a full buffer is reported, that message skipped."""
        self.endpoint.send(data)
        return self.label

    def send(self, data: bytes) -> str:
        """Any thread: wait for room as long as the connection lasts (a slow server slows stdin down)."""
        while True:
            try:
                self.endpoint.send(data, wait=SEND_WAIT)
                return self.label
            except NetError as err:
                if err.code != "backlog_full":
                    raise

    def on_input_end(self) -> None:
        # our EOF, after what is queued; the server's answer still comes.  NetError: the connection
        # ended already, and its events say how
        with contextlib.suppress(NetError):
            self.endpoint.shutdown_write()

    def on_error(self, event: Error) -> None:
        self.report(event)
        if self.failure is None and event.code != "closed_for_writing":
            self.failure = exits.for_error(event.code)

    def timeout_text(self) -> str:
        return trf(NO_REPLY, address=getattr(self, "label", self.cfg.host), seconds=f"{self.cfg.timeout:g}")


class TcpServerSession(Session):
    transport = "tcp"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.replier = Replier(self.cfg) if self.cfg.answers and self.cfg.reply != "echo" else None
        self.input_started = False
        self.labels: dict[int, str] = {}  # connection id → the client's address, for --show

    def make_endpoint(self) -> Any:
        from netcore.tcp_server import TcpServer

        cfg = self.cfg
        return TcpServer(self.events, cfg.host, cfg.port, max_clients=cfg.max_clients,
                         echo=cfg.reply == "echo", max_unconsumed=UNCONSUMED_LIMIT, options=cfg.options,
                         tracer=self.tracer(), name="tcp-server", write_high=WRITE_HIGH, write_low=WRITE_LOW,
                         max_buffered=MAX_BUFFERED)

    def on_started(self, event: Started) -> None:
        super().on_started(event)
        self.say_listening(N_("Listening on {address}."), event)
        if self.cfg.interval is not None:  # the timer sends to every client connected at each tick
            self.input_started = True
            start_input(self.cfg, self.endpoint, self.broadcast, self.events.put, send_now=self.broadcast_now)

    def on_connected(self, event: PeerConnected) -> None:
        cfg = self.cfg
        self.labels[event.conn] = describe(event.peer)
        if cfg.answers or cfg.interval is not None:
            if self.input_done:
                self._shutdown(event.conn)
            return
        if cfg.send is not None:  # a greeting: the message --count times, then this side's EOF
            for _ in range(cfg.count or 1):
                self._send_to(cfg.send, event.conn)
            self._shutdown(event.conn)
            return
        if not self.input_started:  # stdin is read once somebody can receive it, as nc -l does
            self.input_started = True
            start_input(cfg, self.endpoint, self.broadcast, self.events.put)
        elif self.input_done:
            self._shutdown(event.conn)

    def on_data(self, event: DataReceived) -> None:
        if self.cfg.reply == "echo" and self.cfg.show is not None:  # netcore echoed it on its I/O thread
            self.dispatch(Outgoing(describe(event.peer), event.data))
        if self.replier is not None:
            reply = self.replier.answer(event.data)
            if reply is not None:
                self._send_to(reply, event.conn)

    def on_state(self, event: ConnectionState) -> None:
        # the client finished its request: once answered (replies are queued before this), finish too
        if event.state == PEER_HALF_CLOSED and self.replier is not None:
            self._shutdown(event.conn)

    def on_disconnected(self, event: PeerDisconnected) -> None:
        self.labels.pop(event.conn, None)
        if self.cfg.once:
            self.finish(self.failure if self.failure is not None else exits.OK)

    def on_input_end(self) -> None:
        for conn, _peer in self.endpoint.connections():
            self._shutdown(conn)

    def broadcast(self, data: bytes, wait: float = SEND_WAIT) -> str:
        """Any thread: ``data`` to every client connected, each waiting up to ``wait`` s for room;
        returns whom it went to ("" for nobody)."""
        sent = []
        for conn, peer in self.endpoint.connections():
            try:
                self.endpoint.send(data, conn, wait=wait)
            except NetError as err:
                if err.code == "not_running":
                    raise
                if err.code != "unknown_client":  # it left meanwhile
                    self.events.put(err)
                continue
            sent.append(describe(peer))
        if not sent and self.cfg.interval is None:  # stdin with nobody connected (all clients left)
            self.events.put(NetError("no_client", NO_CLIENT))
        return ", ".join(sent)

    def broadcast_now(self, data: bytes) -> str:
        """The I/O thread (--interval): a client whose buffer is full misses this message."""
        return self.broadcast(data, 0.0)

    def _send_to(self, data: bytes, conn: int) -> None:
        try:
            self.endpoint.send(data, conn)
        except NetError as err:
            self.report(err)
            return
        if self.cfg.show is not None:
            self.dispatch(Outgoing(self.labels.get(conn, f"#{conn}"), data))

    def _shutdown(self, conn: int) -> None:
        with contextlib.suppress(NetError):  # gone meanwhile: its own events tell
            self.endpoint.shutdown_write(conn)
