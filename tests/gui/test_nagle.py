"""The Nagle demonstration: its measurement on real loopback sockets, and its window (issue 11, item 6).

On Linux the round trip with Nagle on is held by the delayed-ACK timer
(about 40 ms); with TCP_NODELAY it is tens of microseconds.  The assertions
keep a wide margin: only the order of the two medians everywhere, and on
Linux that Nagle's is above 20 ms (the mechanism: a timer, not a slow machine).
"""

from __future__ import annotations

import sys
import threading
import time

import pytest

from gui.learn.nagle_run import Cancelled, measure

from .drive import w, wait_until

LINUX = sys.platform.startswith("linux")


def test_the_measurement_gives_two_medians_and_nodelay_is_faster():
    began = time.monotonic()
    result = measure(rounds=12)
    assert time.monotonic() - began < 10
    assert len(result.nagle_samples) == len(result.nodelay_samples) == 12
    assert 0 < result.nodelay < result.nagle
    if LINUX:
        assert result.nagle > 0.020  # the delayed ACK's timer
        assert result.nagle > 5 * result.nodelay
    assert not [t for t in threading.enumerate() if t.name == "nagle-peer"]


def test_a_cancelled_measurement_stops_at_once():
    cancel = threading.Event()
    cancel.set()
    began = time.monotonic()
    with pytest.raises(Cancelled):
        measure(cancel=cancel)
    assert time.monotonic() - began < 3
    assert not [t for t in threading.enumerate() if t.name == "nagle-peer"]


def test_the_window_runs_it_on_a_worker_and_shows_both_medians(app):
    menu = w(app, "menubar.learn")
    labels = [menu.entrycget(i, "label") if menu.type(i) != "separator" else ""
              for i in range(menu.index("end") + 1)]
    menu.invoke(labels.index("Nagle's algorithm demonstration…"))
    window = w(app, "nagle")
    run = window.nametowidget("body.buttons.run")
    run.invoke()
    assert run.instate(["disabled"])  # once at a time
    assert "Measuring" in window.nametowidget("body.status").cget("text")
    wait_until(app.root, lambda: window.result is not None, timeout=15)
    with_nagle = window.nametowidget("body.with_nagle").cget("text")
    without = window.nametowidget("body.without_nagle").cget("text")
    assert with_nagle.startswith("TCP_NODELAY off (Nagle on): median round trip ")
    assert without.startswith("TCP_NODELAY on: median round trip ")
    assert "delays that acknowledgement" in window.nametowidget("body.why").cget("text")
    assert run.instate(["!disabled"])
    app.set_language("zh")
    assert "往返时间中位数" in window.nametowidget("body.with_nagle").cget("text")


def test_closing_the_window_while_it_measures_ends_the_worker(app):
    window = app.show_nagle_demo()
    window.run()
    app.root.update()
    window.destroy()
    assert not [t for t in threading.enumerate() if t.name in ("nagle-demo", "nagle-peer")]
