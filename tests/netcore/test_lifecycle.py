"""start / wait_ready / stop: returns in time, leaves nothing behind, can start again."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from netcore import (
    NetError,
    PeerConnected,
    PeerDisconnected,
    Started,
    Stopped,
    TcpClient,
    TcpServer,
    UdpClient,
    UdpServer,
)

from .support import errors, half_closed_by_peer, of_source, payloads, port_of, start, stopped


def _threads(name: str) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == f"netcore-{name}"]


@pytest.mark.parametrize("cls", [TcpServer, UdpServer])
def test_server_stop_returns_true_and_ends_its_thread(make, rec, cls):
    server = make(cls, "127.0.0.1", 0, name="srv")
    start(server)
    assert server.running and len(_threads("srv")) == 1
    assert server.stop() is True
    assert not server.running and _threads("srv") == []
    events = of_source(rec, "srv")
    assert [type(e) for e in events] == [Started, Stopped]
    assert events[-1].reason == "stopped"
    assert server.stop() is True  # stopping again is harmless


@pytest.mark.parametrize("cls", [TcpClient, UdpClient])
def test_client_stop_returns_true_and_ends_its_thread(make, rec, cls):
    kind = "tcp" if cls is TcpClient else "udp"
    server = make(TcpServer if kind == "tcp" else UdpServer, "127.0.0.1", 0, name="srv")
    client = make(cls, "127.0.0.1", port_of(start(server)), name="cli")
    start(client)
    assert client.stop() is True
    assert not client.running and _threads("cli") == []
    assert stopped(rec, "cli")[-1].reason == "stopped"
    last = of_source(rec, "cli")[-1]
    assert isinstance(last, Stopped) and (last.source, last.reason) == ("cli", "stopped")


def test_stop_before_started_and_never_started(make, rec):
    assert make(TcpServer, "127.0.0.1", 0, name="idle").stop() is True
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    server.start()
    assert server.stop() is True  # may land before or after the socket is bound
    assert not server.running
    rec.wait(lambda _: stopped(rec, "srv"))
    last = of_source(rec, "srv")[-1]
    assert isinstance(last, Stopped) and (last.source, last.reason) == ("srv", "stopped")


def test_stop_server_with_twenty_clients(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    names = [f"c{i}" for i in range(20)]
    clients = [make(TcpClient, "127.0.0.1", port, name=name) for name in names]
    for client in clients:
        client.start()
    rec.wait(lambda _: len(rec.of(PeerConnected, "srv")) == 20)
    peers = set(server.peers())
    assert len(peers) == 20

    assert server.stop() is True
    assert _threads("srv") == []
    events = of_source(rec, "srv")
    drops = [e for e in events if isinstance(e, PeerDisconnected)]
    assert {e.peer for e in drops} == peers
    assert {e.reason for e in drops} == {"stopped"}
    assert isinstance(events[-1], Stopped)
    # every client hears the server's EOF: its connection is half-closed, not gone (it may still send)
    rec.wait(lambda _: all(half_closed_by_peer(rec, n) for n in names))
    assert not any(stopped(rec, n) for n in names)
    assert all(client.running for client in clients)
    for client in clients:
        assert client.stop() is True
    for name in names:
        assert [e.reason for e in rec.of(PeerDisconnected, name)] == ["stopped"]
        assert stopped(rec, name)[0].reason == "stopped"


def test_stop_with_no_timeout_returns_at_once_and_still_flushes_within_its_budget(make, rec):
    # a client that never reads, and more queued for it than the kernel holds: the flush cannot finish
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        rec.wait(lambda _: server.peers())
        server.send(b"x" * (16 * 1024 * 1024))
        began = time.monotonic()
        returned = server.stop(timeout=0)
        waited = time.monotonic() - began
        assert waited < 0.2  # it did not wait for the flush
        assert returned is (not server.running)
        rec.wait(lambda _: stopped(rec, "srv"), timeout=3)
        # the flush had its budget (0.75 of the 1 s stop timeout), no more
        assert stopped(rec, "srv")[0].time - began < 1.0
        (unsent,) = errors(rec, "srv", "unsent")
        assert 0 < int(dict(unsent.params)["size"]) <= 16 * 1024 * 1024
        assert [e.reason for e in rec.of(PeerDisconnected, "srv")] == ["stopped"]
    assert not server.running


def test_send_before_start_and_after_stop_raises_not_running(make):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    tcp = make(TcpClient, "127.0.0.1", 1, name="tcp")
    udp_server = make(UdpServer, "127.0.0.1", 0, name="usrv")
    udp = make(UdpClient, "127.0.0.1", 1, name="udp")
    calls = [
        lambda: server.send(b"x"),
        lambda: server.send(b"x", peer=("127.0.0.1", 1)),
        lambda: server.disconnect(("127.0.0.1", 1)),
        lambda: server.disconnect(1, abort=True),
        lambda: server.shutdown_write(("127.0.0.1", 1)),
        lambda: tcp.shutdown_write(),
        lambda: tcp.send(b"x"),
        lambda: udp_server.send(b"x", peer=("127.0.0.1", 1)),
        lambda: udp.send(b"x"),
    ]
    for call in calls:  # never started
        with pytest.raises(NetError) as info:
            call()
        assert info.value.code == "not_running"
        assert info.value.message == "Not started yet: press Start listening, Connect or Open first."

    start(server)
    start(udp_server)
    tcp.port = port_of(server.local_addresses)
    udp.port = port_of(udp_server.local_addresses)
    start(tcp)
    start(udp)
    for endpoint in (tcp, udp, server, udp_server):
        assert endpoint.stop() is True
    for call in calls:  # stopped
        with pytest.raises(NetError) as info:
            call()
        assert info.value.code == "not_running"


@pytest.mark.parametrize("cls", [TcpServer, UdpServer])
def test_start_twice_raises_already_running(make, rec, cls):
    server = make(cls, "127.0.0.1", 0, name="srv")
    start(server)
    with pytest.raises(NetError) as info:
        server.start()
    assert info.value.code == "already_running"
    assert info.value.message == "Already started: stop it first."
    assert len(_threads("srv")) == 1
    assert len(rec.of(Started, "srv")) == 1


def test_tcp_restart_after_stop_on_the_same_port(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    start(client)
    client.send(b"first")
    rec.wait(lambda _: rec.received("srv") == b"first")
    # the server closes first, so its side of the old connection lingers in TIME_WAIT
    assert server.stop() is True
    rec.wait(lambda _: half_closed_by_peer(rec, "cli"))

    server.port = port  # the GUI restarts on the port the user sees
    assert port_of(start(server)) == port
    assert client.stop() is True
    start(client)  # the client starts again too
    client.send(b"second")
    rec.wait(lambda _: rec.received("srv") == b"firstsecond")
    assert len(rec.of(Started, "srv")) == 2 and len(rec.of(Started, "cli")) == 2
    assert server.peers() == rec.of(Started, "cli")[-1].local


def test_udp_restart_after_stop(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(UdpClient, "127.0.0.1", port, name="cli")
    start(client)
    client.send(b"one")
    rec.wait(lambda _: payloads(rec, "srv") == [b"one"])
    assert server.stop() and client.stop()
    server.port = port
    start(server)
    assert server.last_sender is None
    start(client)
    client.send(b"two")
    rec.wait(lambda _: payloads(rec, "srv") == [b"one", b"two"])
    server.send(b"back")
    rec.wait(lambda _: payloads(rec, "cli") == [b"back"])


def test_failed_start_can_be_retried(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    assert server.stop()
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    client.start()
    with pytest.raises(NetError):
        client.wait_ready()
    server.port = port
    start(server)
    start(client)  # same object, now someone listens
    rec.wait(lambda _: len(server.peers()) == 1)


def test_endpoints_from_many_threads(make, rec):
    # send() may be called from any thread at the same time
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    client = make(TcpClient, "127.0.0.1", port_of(start(server)), name="cli")
    start(client)
    workers = [
        threading.Thread(target=lambda i=i: [client.send(bytes([i]) * 10) for _ in range(100)])
        for i in range(8)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(10)
    rec.wait(lambda _: len(rec.received("srv")) >= 8 * 100 * 10)
    data = rec.received("srv")
    assert len(data) == 8000
    assert all(data.count(bytes([i])) == 1000 for i in range(8))
    assert all(data[k:k + 10] == data[k:k + 1] * 10 for k in range(0, 8000, 10))  # no send split up


def test_wait_ready_raises_when_stopped_before_ready(rec):
    """A client stopped while still connecting must not look started."""
    import socket as socket_module

    from netcore import NetError, TcpClient

    # a listener whose accept queue is full: the connect attempt hangs until its timeout
    listener = socket_module.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(8):
            filler = socket_module.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        client = TcpClient(rec, "127.0.0.1", port, timeout=5.0, name="early")
        client.start()
        assert client.stop()
        with pytest.raises(NetError) as caught:
            client.wait_ready(timeout=2)
        assert caught.value.code == "not_running"
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
