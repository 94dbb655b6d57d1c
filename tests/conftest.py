"""Shared test set-up: Xvfb is required, and no test may leak a thread or a socket."""

from __future__ import annotations

import os
import shutil
import threading
import time

import pytest
from hypothesis import settings

# Property tests (tests/properties): ./test.sh runs "default"; HYPOTHESIS_PROFILE=stress runs
# 10,000 examples per property.  Tests set no max_examples of their own, so the profile decides.
settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("stress", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--stress", action="store_true",
                     help="also collect tests/stress: 1 GiB transfers, leak cycles, soak (./stress.sh)")


def pytest_ignore_collect(collection_path, config: pytest.Config):
    # the long suite has its own command (./stress.sh); ./test.sh stays fast
    if "stress" in collection_path.parts and not config.getoption("--stress"):
        return True
    return None


def pytest_configure(config: pytest.Config) -> None:
    # pytest-xvfb does not skip GUI tests when Xvfb is missing: they would fail
    # with confusing Tcl errors.  Say what is wrong instead, and never skip.
    if shutil.which("Xvfb") is None and not os.environ.get("DISPLAY"):
        raise pytest.UsageError(
            "Xvfb is not installed, and the GUI tests need it. Install it (sudo apt-get install xvfb) "
            "or run ./test.sh, which does."
        )


def _netcore_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name.startswith("netcore-")}


def _socket_fds() -> set[str]:
    found = set()
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:  # not Linux: no fd check
        return found
    for name in names:
        try:
            target = os.readlink(f"/proc/self/fd/{name}")
        except OSError:
            continue
        if target.startswith("socket:"):
            found.add(f"{name}->{target}")
    return found


@pytest.fixture(autouse=True)
def no_leaks():
    """Fail the test if it leaves an I/O thread running or a socket open."""
    threads_before = _netcore_threads()
    sockets_before = _socket_fds()
    yield
    deadline = time.monotonic() + 3.0
    while time.monotonic() < deadline:
        threads = _netcore_threads() - threads_before
        sockets = _socket_fds() - sockets_before
        if not threads and not sockets:
            return
        time.sleep(0.02)
    assert not threads, f"threads left running: {threads}"
    assert not sockets, f"sockets left open: {sorted(sockets)}"
