"""200 start/stop cycles of each endpoint kind leave threads, descriptors and memory where they were."""

from __future__ import annotations

import gc
import os
import threading
import tracemalloc

import pytest

import netcore

from ..helpers import Recorder

CYCLES = 200
WARM_UP = 10


def _fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def _tcp_cycle(events: Recorder) -> None:
    server = netcore.TcpServer(events, "127.0.0.1", 0, name="srv")
    server.start()
    port = server.wait_ready()[0].port
    client = netcore.TcpClient(events, "127.0.0.1", port, name="cli")
    client.start()
    client.wait_ready()
    client.send(b"ping")
    events.wait(lambda evs: any(isinstance(e, netcore.DataReceived) and e.source == "srv" for e in evs))
    assert client.stop() and server.stop()


def _udp_cycle(events: Recorder) -> None:
    server = netcore.UdpServer(events, "127.0.0.1", 0, name="usrv")
    server.start()
    port = server.wait_ready()[0].port
    client = netcore.UdpClient(events, "127.0.0.1", port, name="ucli")
    client.start()
    client.wait_ready()
    client.send(b"ping")
    events.wait(lambda evs: any(isinstance(e, netcore.DatagramsReceived) for e in evs))
    server.send(b"pong")
    events.wait(lambda evs: sum(isinstance(e, netcore.DatagramsReceived) for e in evs) == 2)
    assert client.stop() and server.stop()


def _failed_start_cycle(events: Recorder) -> None:
    """A start that fails (nobody listening) must not leak either."""
    client = netcore.TcpClient(events, "127.0.0.1", 1, name="refused")
    client.start()
    with pytest.raises(netcore.NetError):
        client.wait_ready()
    assert client.stop()


@pytest.mark.parametrize("cycle", [_tcp_cycle, _udp_cycle, _failed_start_cycle], ids=lambda f: f.__name__[1:])
def test_start_stop_cycles_leave_nothing_behind(cycle):
    def one() -> None:
        events = Recorder()
        cycle(events)
        events.pump()  # drop the events with the recorder

    for _ in range(WARM_UP):
        one()
    gc.collect()
    threads, fds = threading.active_count(), _fds()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(CYCLES):
            one()
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert threading.active_count() == threads
    assert _fds() == fds
    # a leak of even one small object per cycle would show as several KiB here
    assert grown < 64 * 1024, f"{grown} bytes still allocated after {CYCLES} cycles"


def test_start_stop_cycles_through_the_window(app):
    from ..gui.drive import w, wait_until

    def cycle(tab_name: str) -> None:
        tab = app.tabs[tab_name]
        w(app, f"tabs.{tab_name}.form.start").invoke()
        wait_until(app.root, lambda: tab.state == "running")
        w(app, f"tabs.{tab_name}.form.start").invoke()
        wait_until(app.root, lambda: tab.state == "stopped")

    for name in ("tcp_server", "udp_server"):
        app.tabs[name].port.delete(0, "end")
        app.tabs[name].port.insert(0, "0")
        cycle(name)
    threads, fds = threading.active_count(), _fds()
    for _ in range(CYCLES):
        cycle("tcp_server")
        cycle("udp_server")
    assert threading.active_count() == threads
    assert _fds() == fds
    assert app.tabs["tcp_server"].log.line_count() <= 5000
