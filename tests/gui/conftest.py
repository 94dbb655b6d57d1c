"""One Tk root for the whole session; one SockLab window per test.

Any exception raised inside a Tk callback fails the test that caused it.
"""

from __future__ import annotations

import gc
import itertools
import time
import tkinter as tk
import traceback

import pytest

from gui.app import App

_counter = itertools.count()


@pytest.fixture(scope="session")
def tk_root():
    root = tk.Tk(className="SockLab")
    root.withdraw()
    root.callback_errors = []

    def report(exc_type, exc, tb):
        root.callback_errors.append("".join(traceback.format_exception(exc_type, exc, tb)))

    root.report_callback_exception = report
    yield root
    root.update()
    root.destroy()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """After a test with a window, free the closed window here, on the Tk thread.

    Its objects hold reference cycles, so only a collection frees them, and an
    automatic one runs on whichever thread triggers it: an endpoint's I/O thread
    in a later test, where tkinter's Variable.__del__ called Tcl from the wrong
    thread ("main thread is not in main loop", an unraisable exception).  Here
    pytest has let go of the test's fixtures.  What survives is frozen: each
    collection then looks at one test's objects, not at every earlier test's
    (without it the window tests took 16-30 s longer).
    """
    yield
    if "app" in item.fixturenames:
        gc.collect()
        gc.freeze()


@pytest.fixture
def app(tk_root):
    tk_root.callback_errors.clear()
    window = tk.Toplevel(tk_root, name=f"socklab{next(_counter)}")
    window.geometry("1100x700+0+0")
    application = App(window, lang="en", theme_name="light")
    window.update()
    # the app builds the tabs not shown just after its first window appears: wait for them, as a
    # user who clicks a tab a moment later finds it ready
    deadline = time.monotonic() + 5
    while not all(tab.built for tab in application.tabs.values()) and time.monotonic() < deadline:
        window.update()
        time.sleep(0.005)
    yield application
    if not application.closed:
        application.close()
    tk_root.update()
    errors = list(tk_root.callback_errors)
    tk_root.callback_errors.clear()
    assert not errors, "a Tk callback raised:\n" + "\n".join(errors)
