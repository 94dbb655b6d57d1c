"""Reading the kernel's TCP table off the Tk thread, on request (no tkinter).

The window asks (:meth:`StateReader.request`) at most twice a second while a
TCP tab is shown and running; the worker thread reads ``/proc/net/tcp*``
(:mod:`netcore.tcp_states`) for the ports it was given and leaves the
snapshot for :meth:`StateReader.take`.  A request made while a read is still
going is merged into the next one, so a slow read never piles work up.  The
thread starts with the first request; :meth:`close` ends it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from netcore.tcp_states import StateTable, read_table


class StateReader:
    """One worker thread reading the kernel's TCP table; ``request`` and ``take`` from the Tk thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._wanted: frozenset[int] | None = None
        self._latest: StateTable | None = None
        self._closed = False
        self._thread: threading.Thread | None = None
        #: seconds the last read took (a machine with thousands of sockets: tens of ms, mostly the
        #: kernel writing the table); the caller spaces its requests by it
        self.last_duration = 0.0

    def request(self, ports: Iterable[int]) -> None:
        """Read the table for sockets on ``ports`` soon (any thread)."""
        with self._lock:
            if self._closed:
                return
            self._wanted = frozenset(ports)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="tcp-states", daemon=True)
                self._thread.start()
        self._wake.set()

    def take(self) -> StateTable | None:
        """The newest snapshot since the last ``take`` (None: nothing new)."""
        with self._lock:
            latest, self._latest = self._latest, None
        return latest

    def close(self, timeout: float = 1.0) -> None:
        with self._lock:
            self._closed = True
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        """Worker thread: wait for a request, read, leave the result."""
        while True:
            self._wake.wait()
            self._wake.clear()
            with self._lock:
                if self._closed:
                    return
                wanted, self._wanted = self._wanted, None
            if wanted is None:
                continue
            began = time.monotonic()
            table = StateTable(read_table(wanted))
            with self._lock:
                self._latest = table
                self.last_duration = time.monotonic() - began
