"""What the window probes share: opening SockLab's window, starting a tab through its form, a heartbeat."""

from __future__ import annotations

import time
import tkinter as tk

from gui.app import App

HEARTBEAT_MS = 16


def open_window() -> App:
    """SockLab's window, as a user gets it (English), placed on the virtual display."""
    root = tk.Tk(className="SockLab")
    root.geometry("1100x700+0+0")
    return App(root, lang="en")


def beat(root: tk.Tk, gaps: list[float], seconds: float) -> float:
    """Run the Tk main loop for ``seconds`` with one heartbeat chain; collect the gaps between beats in ms.

    Each beat schedules the next, so the id to cancel at the end is the latest
    one.  Cancelling the first (long fired) left every chain running: the idle
    reference went on collecting through the flood (427 gaps for its 3 s, in a
    10 s run) and the busy list took the beats of ten chains at once.  The
    count is checked against what the time allows.  Returns the seconds the
    chain really ran (one ``update()`` may overrun the end).
    """
    last = [time.perf_counter()]
    pending = [""]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now
        pending[0] = root.after(HEARTBEAT_MS, tick)

    before = len(gaps)
    started = time.perf_counter()
    pending[0] = root.after(HEARTBEAT_MS, tick)
    # the Tk loop runs as the app's own does (main.py: root.mainloop()), blocked in Tcl without the
    # GIL until an event or timer is due; polling with update() + sleep(0.5 ms) claimed the GIL from
    # the I/O threads 2,000 times a second, a cost the app never pays, measured into every beat
    stop = root.after(max(1, round(seconds * 1000)), root.quit)
    root.mainloop()
    root.after_cancel(stop)
    root.after_cancel(pending[0])
    ran = time.perf_counter() - started
    if pending[0] in root.tk.splitlist(root.tk.call("after", "info")):
        raise RuntimeError("the heartbeat was not cancelled")
    beats = len(gaps) - before
    if beats > most_beats(ran):
        raise RuntimeError(f"{beats} heartbeats in {ran:.2f} s: more than one {HEARTBEAT_MS} ms chain ran")
    return ran


def most_beats(seconds: float) -> int:
    """The most beats one chain can make in ``seconds``: every gap is at least HEARTBEAT_MS (+1: clocks)."""
    return int(seconds * 1000 / HEARTBEAT_MS) + 1


def start_tab(app: App, name: str) -> int:
    tab = app.tabs[name]
    tab.port.delete(0, "end")
    tab.port.insert(0, "0")
    tab.start_button.invoke()
    deadline = time.monotonic() + 10
    while tab.state != "running" and time.monotonic() < deadline:
        app.root.update()
    return tab.endpoint.local_addresses[0].port
