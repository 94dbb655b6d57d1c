"""Fixtures for the loopback tests: an event recorder and an endpoint factory that stops all it made."""

from __future__ import annotations

import pytest

from tests.helpers import Recorder


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


@pytest.fixture
def make(rec):
    """``make(TcpServer, "127.0.0.1", 0, name="srv")``: an endpoint posting into ``rec``.

    Every endpoint made is stopped at teardown, and each ``stop()`` must return
    True (the I/O thread ended within its 1 s timeout).
    """
    made = []

    def factory(cls, *args, events=None, **kwargs):
        kwargs.setdefault("name", f"{cls.kind}-{len(made)}")
        endpoint = cls(rec if events is None else events, *args, **kwargs)
        made.append(endpoint)
        return endpoint

    yield factory
    results = [(endpoint.name, endpoint.stop()) for endpoint in reversed(made)]
    assert all(ok for _, ok in results), f"stop() timed out for: {[n for n, ok in results if not ok]}"
