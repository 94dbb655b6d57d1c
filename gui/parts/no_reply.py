"""A gentle hint on a UDP client tab whose datagrams get no answer (and no error) for a while.

UDP never says whether anyone received a datagram, so a beginner who sends
and sees nothing does not know why (Packet Sender's users ask this in #172).
After the first datagram sent since a start or since the last reply, the part
waits :data:`WAIT_MS`; if still nothing came back, it says once per start why
that happens and what to check.  A reply, a refused error (which has its own
lesson) or a stop ends the wait.  Tk thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from netcore import DatagramsReceived, DataSent, Error, Started, Stopped, describe
from netcore.explain import no_reply

from ..i18n import N_, trf
from ..learn.error_words import lesson_text
from ..log_view import LogView
from . import TabPart

WAIT_MS = 3000
NO_REPLY = N_("No reply from {address} after {seconds} s, and no error either.")


class NoReplyHint(TabPart):
    """Watches a UDP client's events; costs a type check per event until its hint is settled."""

    def __init__(self, log: LogView) -> None:
        self.log = log
        self._settled = True  # nothing to watch until a start
        self._remote = None
        self._after: str | None = None
        log.bind("<Destroy>", self._destroyed, add="+")

    def handle(self, events: Sequence[object]) -> None:
        for event in events:
            if isinstance(event, Started):
                self._cancel()
                self._settled = event.remote is None
                self._remote = event.remote
            elif self._settled:
                continue
            elif isinstance(event, DataSent) and self._after is None:
                self._after = self.log.after(WAIT_MS, self._no_reply_yet)
            elif isinstance(event, DatagramsReceived) or (
                    isinstance(event, Error) and event.code == "refused"):
                self._cancel()
                self._settled = True  # it answers (or the refusal is explained): no hint this run
            elif isinstance(event, Stopped):
                self._cancel()
                self._settled = True

    def _destroyed(self, event: object) -> None:
        if getattr(event, "widget", None) is self.log:
            self._cancel()

    def _cancel(self) -> None:
        if self._after is not None:
            self.log.after_cancel(self._after)
            self._after = None

    def _no_reply_yet(self) -> None:
        self._after = None
        if self._settled or self._remote is None:
            return
        self._settled = True  # said once per start: a hint, not a nag
        remote = self._remote
        self.log.add_message("info", partial(_hint_text, describe(remote), remote.port))
        self.log.flush()


def _hint_text(address: str, port: int) -> str:
    return trf(NO_REPLY, address=address, seconds=f"{WAIT_MS / 1000:g}") + "\n" + lesson_text(no_reply(port))
