"""Export as script: the socket calls an endpoint really made, traced, replayed by a real program."""

from __future__ import annotations

import queue

from netcore import EventTracer, SocketCall, TcpClient, TcpServer, UdpClient, UdpServer
from netcore.replay import replay_script
from tests.helpers import Recorder
from tests.script_runner import Running, run_client, write

from .support import closed_port, payloads, start


def _traced(rec: Recorder, source: str) -> list[SocketCall]:
    return rec.of(SocketCall, source)


def _stop(endpoint) -> None:
    assert endpoint.stop()


def test_a_tcp_client_replay_connects_and_sends_the_same_bytes(make, rec, tmp_path):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    client = make(TcpClient, "127.0.0.1", port, name="cli", tracer=EventTracer(rec))
    start(client)
    client.send(b"hello\n")
    client.send(b"x" * 3000)  # over 24 bytes: the trace keeps its size, not its content
    rec.wait(lambda _: len(rec.received("srv")) == 3006)
    _stop(client)
    script = replay_script("TCP client", _traced(rec, "cli"))
    assert "s.connect(('127.0.0.1', " in script and "s.sendall(b'hello\\n')" in script
    assert "setblocking" not in script.replace("# SockLab", "") and "sel." not in script

    done = run_client(write(tmp_path, script), stdin="")
    assert done.returncode == 0, done.stderr.decode()
    # the replay's connection brought the same first line, and as many bytes after it
    rec.wait(lambda _: len(rec.received("srv")) == 2 * 3006)
    assert rec.received("srv")[3006:] == b"hello\n" + bytes(3000)


def test_a_tcp_server_replay_listens_accepts_and_sends_the_answer(make, rec, tmp_path):
    server = make(TcpServer, "127.0.0.1", 0, name="srv", tracer=EventTracer(rec))
    port = start(server)[0].port
    first = make(TcpClient, "127.0.0.1", port, name="first")
    start(first)
    first.send(b"ping")
    rec.wait(lambda _: rec.received("srv") == b"ping")
    server.send(b"pong")
    rec.wait(lambda _: rec.received("first") == b"pong")
    _stop(first)
    _stop(server)
    script = replay_script("TCP server", _traced(rec, "srv"))
    assert "s.listen(128)" in script and "conn1, addr = s.accept()" in script
    assert "# conn1.recv(16384)  → received 4 bytes" in script

    with Running(write(tmp_path, script)) as replay:
        client = make(TcpClient, "127.0.0.1", replay.port(), name="again")
        start(client)
        rec.wait(lambda _: rec.received("again") == b"pong")
        assert replay.proc.wait(timeout=10) == 0  # it closed and ended, as the server did


def test_a_udp_client_replay_sends_the_same_datagram(make, rec, tmp_path):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    client = make(UdpClient, "127.0.0.1", port, name="cli", tracer=EventTracer(rec))
    start(client)
    client.send(b"hi")
    rec.wait(lambda _: payloads(rec, "srv") == [b"hi"])
    _stop(client)
    script = replay_script("UDP client", _traced(rec, "cli"))
    assert "s.send(b'hi')" in script  # a datagram: send(), one whole message, not sendall()
    done = run_client(write(tmp_path, script), stdin="")
    assert done.returncode == 0, done.stderr.decode()
    rec.wait(lambda _: payloads(rec, "srv") == [b"hi", b"hi"])


def test_a_udp_server_replay_answers_the_same_address(make, rec, tmp_path):
    server = make(UdpServer, "127.0.0.1", 0, name="srv", echo=True, tracer=EventTracer(rec))
    port = start(server)[0].port
    client = make(UdpClient, "127.0.0.1", port, name="cli", connect=False)
    start(client)
    client.send(b"ping")
    rec.wait(lambda _: payloads(rec, "cli") == [b"ping"])
    _stop(server)
    script = replay_script("UDP server", _traced(rec, "srv"))
    assert "# s.recvfrom(65536)  → received (4 bytes" in script
    done = run_client(write(tmp_path, script), stdin="")
    assert done.returncode == 0, done.stderr.decode()
    rec.wait(lambda _: payloads(rec, "cli") == [b"ping", b"ping"])


def test_a_refused_connection_is_refused_again(make, rec, tmp_path):
    client = make(TcpClient, "127.0.0.1", closed_port(), name="cli", tracer=EventTracer(rec))
    client.start()
    rec.wait(lambda _: any("SO_ERROR" in c.call for c in _traced(rec, "cli")))
    script = replay_script("TCP client", _traced(rec, "cli"))
    assert "SO_ERROR)  → failed in SockLab: 111 (ECONNREFUSED)" in script  # what SockLab saw, as a comment
    done = run_client(write(tmp_path, script), stdin="")
    assert done.returncode != 0 and b"ConnectionRefusedError" in done.stderr


def test_summaries_failures_and_limits_are_said():
    calls = [
        SocketCall("x", "s = socket(AF_INET, SOCK_STREAM)", ""),
        SocketCall("x", "s.setsockopt(SOL_SOCKET, SO_KEEPALIVE, 1)", ""),
        SocketCall("x", "s.bind(('127.0.0.1', 80))", "PermissionError [Errno 13]", 13),
        SocketCall("x", "s.send(b'abc')", "2"),  # the kernel took two of three bytes
        SocketCall("x", "s.send(…)", "4,812 bytes in all", None, 3, 4812),
        SocketCall("x", "s.recv(…)", "would block", 11, 40, 0),
        SocketCall("x", "s.shutdown(SHUT_WR)", ""),
        SocketCall("x", "u = socket(AF_INET, SOCK_DGRAM)", ""),
        SocketCall("x", "u.sendto(<1,000 bytes>, ('::1', 9, 0, 0))", "1000"),
        SocketCall("x", "u.sendto(…)", "9,000 bytes in all", None, 9, 9000),
    ]
    script = replay_script("Test", calls, more=7)
    compile(script, "replay", "exec")
    lines = script.splitlines()
    assert "s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)" in lines
    assert "# s.bind(('127.0.0.1', 80))  → failed in SockLab: PermissionError [Errno 13]" in lines
    assert "s.sendall(b'ab')" in lines
    assert "s.sendall(bytes(4812))" in lines
    assert "s.shutdown(socket.SHUT_WR)" in lines
    assert "u.sendto(bytes(1000), ('::1', 9, 0, 0))" in lines
    assert "# u.sendto(…) ×9  → 9,000 bytes in all" in lines
    assert not any("recv" in line for line in lines)  # a would-block is the loop's, not the program's
    assert lines[-1] == "# The trace kept the first 10 calls; 7 more are not in this script."
    assert "Nothing yet" in replay_script("Test", [])


def test_the_tab_title_and_words_are_translated():
    script = replay_script("TCP 客户端", [SocketCall("x", "s.recv(10)", "3 bytes")],
                           translate=lambda text: {"received": "收到"}.get(text, text))
    assert "TCP 客户端" in script and "# s.recv(10)  → 收到 3 bytes" in script


def test_tracing_costs_one_event_per_call_kind_under_a_flood(make, tmp_path):
    """The trace a flood leaves stays short: that is what the export reads."""
    events: queue.SimpleQueue = queue.SimpleQueue()
    server = make(UdpServer, "127.0.0.1", 0, name="srv", events=events, tracer=EventTracer(events))
    port = start(server)[0].port
    client = make(UdpClient, "127.0.0.1", port, name="cli", events=events)
    start(client)
    for _ in range(2000):
        client.send(b"x" * 16)
    _stop(client)
    _stop(server)
    calls = []
    while not events.empty():
        event = events.get()
        if isinstance(event, SocketCall):
            calls.append(event)
    assert len(calls) < 60, [c.call for c in calls]
