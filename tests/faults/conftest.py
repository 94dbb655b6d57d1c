"""Fixtures for the fault tests: the loopback ones (``rec``, ``make``) plus child processes."""

from __future__ import annotations

import pytest

from tests.netcore.conftest import make, rec  # noqa: F401

from .tools import Child


@pytest.fixture
def child():
    """``child(SCRIPT, *args)``: a Python child process; any still alive at teardown is killed."""
    children: list[Child] = []

    def factory(script: str, *args: object) -> Child:
        process = Child(script, *args)
        children.append(process)
        return process

    yield factory
    for process in children:
        process.close()
