"""Helpers for the tests: bounded waits and an event recorder."""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from typing import Any


def wait_for(predicate: Callable[[], Any], timeout: float = 5.0, interval: float = 0.005) -> Any:
    """Poll ``predicate`` until it returns something true; fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s: {predicate}")
        time.sleep(interval)


class Recorder:
    """A queue for endpoints plus everything taken from it so far."""

    def __init__(self) -> None:
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.events: list[Any] = []

    def put(self, item: Any) -> None:
        self.queue.put(item)

    def pump(self) -> list[Any]:
        while True:
            try:
                self.events.append(self.queue.get_nowait())
            except queue.Empty:
                return self.events

    def wait(self, predicate: Callable[[list[Any]], Any], timeout: float = 5.0) -> Any:
        """Wait until ``predicate(all events so far)`` is true; returns its value."""
        return wait_for(lambda: predicate(self.pump()), timeout)

    def of(self, kind: type, source: str | None = None) -> list[Any]:
        return [e for e in self.pump() if isinstance(e, kind) and (source is None or e.source == source)]

    def received(self, source: str) -> bytes:
        """Every byte a TCP endpoint received, joined."""
        from netcore import DataReceived

        return b"".join(e.data for e in self.of(DataReceived, source))
