"""The socket calls the tab's latest endpoint made, kept for Learn → Export calls as script.

The endpoint's :class:`~netcore.sockops.EventTracer` posts them as
:class:`~netcore.events.SocketCall` events (a flood is already summarised to a
few a second); this part keeps the first :data:`CALLS_KEPT` of the latest
endpoint and counts the rest.  It draws nothing.  Tk thread only.
"""

from __future__ import annotations

from collections.abc import Sequence

from netcore import SocketCall

from . import TabPart

#: Setup calls come first, so the first calls are the ones to keep; the count of the rest is told.
CALLS_KEPT = 500  # a replay script longer than this is read by nobody; each kept call is ~600 B


class CallRecord(TabPart):
    def __init__(self) -> None:
        self.source = ""  # the endpoint whose calls these are ("tcp_client#3")
        self.calls: list[SocketCall] = []
        self.more = 0  # calls made after the first CALLS_KEPT

    def handle(self, events: Sequence[object]) -> None:
        for event in events:
            if type(event) is not SocketCall:
                continue
            if event.source != self.source:  # a new endpoint (each start makes one): its calls only
                self.source, self.calls, self.more = event.source, [], 0
            if len(self.calls) < CALLS_KEPT:
                self.calls.append(event)
            else:
                self.more += event.count
