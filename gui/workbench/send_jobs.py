"""A tab's periodic send and file send (Tools menu): starting them, following their events, stopping them.

One :class:`SendJobs` per tab, made at the first use of either feature
(:func:`jobs_for`) and added to the tab's parts, so a tab that never uses
them pays nothing.  It starts the netcore jobs (:mod:`netcore.periodic`,
:mod:`netcore.file_sender`), which run on the endpoint's I/O thread; it takes
their progress events (at most ten a second each) from the tab's batches and
shows the running state in the tab (:class:`~gui.workbench.job_strip.JobStrip`)
and in the feature windows, once per pump tick.  Stop is always offered
while a job runs.  Tk thread only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from netcore import NetError, describe
from netcore.file_sender import FileDone, FileProgress, FileSend
from netcore.periodic import PeriodicDone, PeriodicProgress, PeriodicSend

from ..i18n import N_, tr, trf, trn
from ..parts import TabPart
from . import job_words as words
from .job_strip import JobStrip

if TYPE_CHECKING:
    from ..tab import EndpointTab

NOT_RUNNING = N_("Start the tab first (Start listening, Connect or Open), then start sending.")
NOTHING_TO_SEND = N_("There is nothing to send: type a message in the tab's send box first.")
NO_SELECTION = N_("Select one or more in the list first, or choose to send to all.")
ALL_CLIENTS = N_("every client")
LAST_SENDER = N_("the last sender ({peer})")


class CannotStart(Exception):
    """Why a job could not start, in the current language (``text``)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class SendJobs(TabPart):
    def __init__(self, tab: EndpointTab) -> None:
        self.tab = tab
        self.periodic: PeriodicSend | None = None
        self.periodic_state: PeriodicProgress | PeriodicDone | None = None
        self.file: FileSend | None = None
        self.file_state: FileProgress | FileDone | None = None
        self.strip = JobStrip(tab.sendbox, stop_periodic=self.stop_periodic, cancel_file=self.cancel_file)
        self.listeners: list[Callable[[], None]] = []  # the feature windows: redrawn with the strip
        self._changed = False

    # ----------------------------------------------------------- periodic
    def start_periodic(self, interval: float, count: int | None) -> None:
        """Send the send box's message every ``interval`` s (any running one is stopped first).

        Raises :class:`CannotStart` with the reason in words (not started, a bad message, nobody to
        send to).
        """
        try:
            endpoint = self._endpoint()
            data = self._message()
            target, label = self._target()
            job = PeriodicSend(endpoint, data, interval, count, target)
            self.stop_periodic()
            job.start()
        except NetError as err:
            raise CannotStart(err.translated(tr)) from None
        self.periodic, self.periodic_state = job, None
        def times() -> str:  # in the language shown when the log is drawn
            return trn(words.TIME, words.TIMES, count) if count else tr(words.UNTIL_STOPPED)

        self._log(lambda: trf(words.PERIODIC_STARTED, size=f"{len(data):,}",
                              interval=words.interval_text(interval), target=label, count=times()))
        self._show()

    def stop_periodic(self) -> None:
        if self.periodic is not None:
            self.periodic.stop()

    @property
    def periodic_running(self) -> bool:
        return self.periodic is not None and not isinstance(self.periodic_state, PeriodicDone)

    # --------------------------------------------------------------- file
    def start_file(self, path: str, **pace: Any) -> None:
        """Send the file at ``path`` (``pace``: FileSend's datagram_size, rate, gap); it is opened and
        read on the endpoint's I/O thread.  Raises :class:`CannotStart` as :meth:`start_periodic`."""
        try:
            endpoint = self._endpoint()
            target, label = self._target()
            job = FileSend(endpoint, path, target, **pace)
            self.cancel_file()
            job.start()
        except NetError as err:
            raise CannotStart(err.translated(tr)) from None
        self.file, self.file_state = job, None
        self._log(lambda: trf(words.FILE_STARTED, path=path, target=label))
        self._show()

    def cancel_file(self) -> None:
        if self.file is not None:
            self.file.stop()

    @property
    def file_running(self) -> bool:
        return self.file is not None and not isinstance(self.file_state, FileDone)

    @property
    def file_name(self) -> str:
        return os.path.basename(self.file.path) if self.file is not None else ""

    # ------------------------------------------------------------- events
    def handle(self, events: Sequence[object]) -> None:
        periodic = self.periodic.id if self.periodic is not None else None
        file = self.file.id if self.file is not None else None
        for event in events:  # (about 0.1 µs an event: only tabs that have used a job pay it)
            if isinstance(event, (PeriodicProgress, PeriodicDone)):
                if event.job == periodic:
                    self._periodic_event(event)
            elif isinstance(event, (FileProgress, FileDone)) and event.job == file:
                self._file_event(event)

    def _periodic_event(self, event: PeriodicProgress | PeriodicDone) -> None:
        if isinstance(self.periodic_state, PeriodicDone):
            return  # ended: a late progress event changes nothing
        self.periodic_state = event
        self._changed = True
        if isinstance(event, PeriodicDone):
            self._log(lambda: words.periodic_ended(event))

    def _file_event(self, event: FileProgress | FileDone) -> None:
        if isinstance(self.file_state, FileDone):
            return
        self.file_state = event
        self._changed = True
        if isinstance(event, FileDone):
            name = self.file_name
            self._log(lambda: words.file_ended(name, event))

    def redraw(self) -> None:
        if self._changed:
            self._changed = False
            self._show()

    def set_state(self, state: str) -> None:
        for listener in list(self.listeners):
            listener()

    def _show(self) -> None:
        self.strip.show(self)
        for listener in list(self.listeners):
            listener()

    # ------------------------------------------------------------ helpers
    def _endpoint(self) -> Any:
        tab = self.tab
        if tab.endpoint is None or tab.state != "running":
            raise NetError("not_running", NOT_RUNNING)
        return tab.endpoint

    def _message(self) -> bytes:
        data = self.tab.sendbox.encode()  # a typo is marked in the send box, and said here too
        if data is None:
            raise CannotStart(str(self.tab.sendbox.hint.cget("text")))
        if not data:
            raise NetError("nothing_to_send", NOTHING_TO_SEND)
        return data

    def _target(self) -> tuple[Any, str]:
        """Whom to send to, as the tab's own Send would, and who that is in words."""
        tab: Any = self.tab
        name = tab.winfo_name()
        if name == "tcp_server":
            if tab.target.get() == "selected":
                chosen = [conn for conn in tab.clients_panel.selected() if isinstance(conn, int)]
                if not chosen:
                    raise NetError("no_selection", NO_SELECTION)
                return chosen, ", ".join(tab.clients.label(conn) for conn in chosen)
            return None, tr(ALL_CLIENTS)
        if name == "udp_server":
            if tab.target.get() == "selected":
                chosen = [peer for peer in tab.senders_panel.selected() if not isinstance(peer, int)]
                if not chosen:
                    raise NetError("no_selection", NO_SELECTION)
                return chosen, ", ".join(describe(peer) for peer in chosen)
            last = tab.endpoint.last_sender if tab.endpoint is not None else None
            return None, trf(LAST_SENDER, peer=describe(last) if last is not None else "?")
        remote = getattr(tab.endpoint, "remote", None)
        return None, describe(remote) if remote is not None else ""

    def _log(self, message: Callable[[], str]) -> None:
        self.tab.log.add_message("info", message)
        self.tab.log.flush()


def jobs_for(tab: EndpointTab) -> SendJobs:
    """The tab's :class:`SendJobs`, made (and added to its parts) at the first call."""
    jobs = tab.__dict__.get("send_jobs")
    if jobs is None:
        tab.build()
        jobs = SendJobs(tab)
        tab.send_jobs = jobs  # type: ignore[attr-defined]
        tab.parts.append(jobs)
    return jobs
