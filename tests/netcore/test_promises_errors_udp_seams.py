"""Error mapping, UDP drops, and the seams (timers, trace, options, unconnected UDP client)."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import threading

import pytest

import netcore.loop
import netcore.sockops
from netcore import (
    DatagramsDropped,
    EventTracer,
    NetError,
    OptionsApplied,
    SocketCall,
    SocketOptions,
    TcpClient,
    TcpServer,
    UdpClient,
    UdpServer,
)
from netcore.os_errors import from_os_error
from tests.netcore.support import errors, start


# ------------------------------------------------------------ 7. error mapping
def test_out_of_descriptors_at_socket_is_explained_not_internal(make, rec, monkeypatch):
    def no_more(self, family, kind, base="s"):
        raise OSError(errno.EMFILE, "Too many open files")

    monkeypatch.setattr(netcore.sockops.SocketOps, "socket", no_more)
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    with pytest.raises(NetError) as info:
        start(server)
    assert info.value.code == "too_many_files"


def _open_files() -> dict[str, str]:
    files = {}
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(FileNotFoundError):  # the descriptor listdir itself used
            files[fd] = os.readlink(f"/proc/self/fd/{fd}")
    return files


def test_out_of_descriptors_at_start_raises_net_error_and_leaks_nothing(make, monkeypatch):
    def no_more(*args, **kwargs):
        raise OSError(errno.EMFILE, "Too many open files")

    # the selector (an epoll descriptor) is made first; the wake-up pipe then fails
    monkeypatch.setattr(netcore.loop.socket, "socketpair", no_more)
    server = make(TcpServer, "127.0.0.1", 0)
    before = _open_files()
    with pytest.raises(NetError) as info:
        server.start()
    assert info.value.code == "too_many_files"
    assert not server.running
    after = _open_files()
    leaked = [link for fd, link in after.items()
              if before.get(fd) != link and link.startswith(("anon", "socket"))]
    assert leaked == []


def test_ipv6_socket_told_to_reply_to_an_ipv4_address_says_so(make, rec):
    server = make(UdpServer, "::1", 0, name="srv")
    start(server)
    with pytest.raises(NetError) as info:
        server.send(b"x", ("127.0.0.1", 9))
    assert info.value.code == "family_mismatch"
    assert "Cannot find the host" not in info.value.message


def test_a_resolver_failure_is_told_apart_from_an_unknown_name():
    again = from_os_error(socket.gaierror(socket.EAI_AGAIN, "Temporary failure"), action="connect",
                          host="example.org", port=80)
    unknown = from_os_error(socket.gaierror(socket.EAI_NONAME, "Name or service not known"), action="connect",
                            host="nosuch.invalid", port=80)
    assert (again.code, unknown.code) == ("dns_temporary", "host_not_found")


def test_no_free_local_port_on_connect_is_not_called_not_local():
    err = from_os_error(OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address"), action="connect",
                        host="127.0.0.1", port=80)
    assert err.code == "no_local_port" and "not an address of this computer" not in err.message


def test_a_unix_path_over_the_limit_is_refused_at_start(make):
    client = make(TcpClient, "unix:/tmp/" + "x" * 200, 0)
    with pytest.raises(NetError) as info:
        client.start()
    assert info.value.code == "unix_path_too_long"


def test_a_live_unix_server_with_a_full_backlog_is_not_taken_for_stale(make, tmp_path):
    path = str(tmp_path / "busy.sock")
    live = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    live.bind(path)
    live.listen(0)
    fillers = []
    try:
        for _ in range(8):  # fill the backlog of a server that never accepts
            filler = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            filler.setblocking(False)
            fillers.append(filler)
            if filler.connect_ex(path) != 0:
                break
        server = make(TcpServer, f"unix:{path}", 0)
        with pytest.raises(NetError) as info:
            start(server)
        assert info.value.code == "in_use"
        assert os.path.exists(path)
        # the live server still owns its path: a new connection attempt reaches it, not us
    finally:
        for filler in fillers:
            filler.close()
        live.close()


# -------------------------------------------------------------------- 9. UDP
def test_datagrams_the_os_drops_are_counted_and_reported(make, rec):
    # a tiny receive buffer and a consumer that never acknowledges: reading pauses, the kernel drops
    server = make(UdpServer, "127.0.0.1", 0, name="srv", max_unconsumed=1000,
                  options=SocketOptions(rcvbuf=4096))
    port = start(server)[0].port
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as raw:
        for _ in range(2000):
            raw.sendto(b"d" * 100, ("127.0.0.1", port))
    drops = rec.wait(lambda evs: rec.of(DatagramsDropped, "srv"), timeout=3)
    assert sum(e.count for e in drops) > 0
    assert drops[-1].total == sum(e.count for e in drops)
    assert server.reading_paused


# -------------------------------------------------------------------- seams
def test_timers_run_in_order_and_a_cancelled_one_never_runs(make):
    server = make(TcpServer, "127.0.0.1", 0)
    start(server)
    ran: list[str] = []
    done = threading.Event()
    server.call_later(0.06, lambda: (ran.append("late"), done.set()))
    server.call_later(0.02, lambda: ran.append("early"))
    cancelled = server.call_later(0.04, lambda: ran.append("cancelled"))
    cancelled.cancel()
    assert done.wait(2)
    assert ran == ["early", "late"]
    with pytest.raises(NetError):
        server.call_later(float("inf"), lambda: None)


def test_the_trace_shows_each_socket_call_as_python(make, rec):
    tracer = EventTracer(rec)
    server = make(TcpServer, "127.0.0.1", 0, name="srv", tracer=tracer)
    port = start(server)[0].port
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    start(client)
    client.send(b"hi")
    rec.wait(lambda evs: rec.received("srv") == b"hi")
    client.stop()
    server.stop()
    assert any(e.call.startswith("conn1.close") for e in rec.of(SocketCall, "srv"))
    calls = [e.call for e in rec.of(SocketCall, "srv")]
    assert calls[:4] == ["s = socket(AF_INET, SOCK_STREAM)", "s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)",
                         "s.bind(('127.0.0.1', 0))", "s.listen(128)"]
    assert "s.setblocking(False)" in calls and "sel.register(s, EVENT_READ)" in calls
    accept = next(e for e in rec.of(SocketCall, "srv") if e.call == "conn1, addr = s.accept()")
    assert accept.result.startswith("('127.0.0.1', ")
    recv = next(e for e in rec.of(SocketCall, "srv") if e.call.startswith("conn1.recv("))
    assert recv.result == "2 bytes"


def test_a_flood_is_summarised_in_the_trace(make, rec):
    tracer = EventTracer(rec, interval=0.05)
    server = make(UdpServer, "127.0.0.1", 0, name="srv", tracer=tracer)
    port = start(server)[0].port
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as raw:
        for _ in range(5000):
            raw.sendto(b"f" * 64, ("127.0.0.1", port))
    rec.wait(lambda evs: sum(len(e) for e in evs if hasattr(e, "payloads")) >= 4900, timeout=5)
    server.stop()  # posts the trace's last summary
    traced = [e for e in rec.of(SocketCall, "srv") if "recvfrom" in e.call]
    assert sum(e.count for e in traced) >= 4900
    assert len(traced) < 500  # a few lines per interval, not one per datagram
    assert any(e.count > 100 for e in traced)


def test_options_are_applied_and_read_back_as_the_kernel_has_them(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    client = make(TcpClient, "127.0.0.1", port, name="cli",
                  options=SocketOptions(rcvbuf=65536, keepalive=True, nodelay=False))
    start(client)
    (applied,) = rec.of(OptionsApplied, "cli")
    values = dict(applied.values)
    assert int(values["SO_RCVBUF"]) >= 65536  # Linux doubles what was asked
    assert values["SO_KEEPALIVE"] == "1"
    assert values["TCP_NODELAY"] == "0"


def test_a_client_bound_to_a_chosen_local_port(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        local_port = probe.getsockname()[1]
    client = make(TcpClient, "127.0.0.1", port, name="cli",
                  options=SocketOptions(bind_host="127.0.0.1", bind_port=local_port))
    start(client)
    assert client.local_addresses[0].port == local_port


def test_an_unconnected_udp_client_hears_replies_from_any_port(make, rec):
    client = make(UdpClient, "127.0.0.1", 9, name="cli", connect=False)
    local = start(client)[0]
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as device:
        device.bind(("127.0.0.1", 0))
        device.sendto(b"answer from elsewhere", ("127.0.0.1", local.port))
        batches = rec.wait(lambda evs: [e for e in evs if getattr(e, "source", "") == "cli"
                                        and hasattr(e, "payloads")])
        datagram = batches[0].datagrams[0]
        assert datagram.data == b"answer from elsewhere"
        assert datagram.peer.port == device.getsockname()[1]
    assert not errors(rec, "cli")
