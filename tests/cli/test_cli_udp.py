"""udp-client and udp-server as subprocesses: against the window's endpoints, against each other."""

from __future__ import annotations

import queue
import re
import time

import netcore
from netcore import DatagramsReceived

from .support import DEADLINE, run_cli, wait_path


def _datagrams(events: queue.SimpleQueue, count: int) -> list[tuple[object, bytes]]:
    got: list[tuple[object, bytes]] = []
    end = time.monotonic() + DEADLINE
    while len(got) < count and time.monotonic() < end:
        try:
            event = events.get(timeout=0.2)
        except queue.Empty:
            continue
        if isinstance(event, DatagramsReceived):
            got += [(peer, data) for peer, data in event]
    assert len(got) >= count, got
    return got


def test_each_line_is_one_datagram_to_the_windows_server():
    events: queue.SimpleQueue = queue.SimpleQueue()
    server = netcore.UdpServer(events, "127.0.0.1", 0, echo=True)
    server.start()
    try:
        port = server.wait_ready()[0].port
        result = run_cli("udp-client", "127.0.0.1", str(port), "--timeout", "0.5", input=b"one\ntwo\nthree")
        got = _datagrams(events, 3)
    finally:
        server.stop()
    assert [data for _peer, data in got] == [b"one\n", b"two\n", b"three"]
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"one\ntwo\nthree"  # the echoes, after the timeout's silence: exit 0


def test_the_server_answers_the_windows_client_with_ctime(spawn):
    server = spawn("udp-server", "127.0.0.1", "0", "--reply", "ctime", "--once", stdin=None)
    events: queue.SimpleQueue = queue.SimpleQueue()
    client = netcore.UdpClient(events, "127.0.0.1", server.port())
    client.start()
    try:
        client.wait_ready()
        client.send(b"what time is it")
        (_peer, answer), = _datagrams(events, 1)
    finally:
        client.stop()
    assert re.fullmatch(rb"\[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\] what time is it", answer), answer
    code, out, err = server.finish()
    assert code == 0 and out == b"what time is it", err


def test_client_and_server_over_ipv6_with_a_rule(spawn):
    server = spawn("udp-server", "[::1]", "0", "--rule", "ping=pong", "--show", "both", stdin=None)
    port = str(server.port())
    result = run_cli("udp-client", "[::1]", port, "--send", "ping", "--timeout", "1")
    server.proc.terminate()
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"pong"
    code, out, err = server.finish()
    assert out == b"ping"
    assert "70 69 6E 67  |  ping" in err and "→" in err and "pong" in err, err


def test_unix_datagram_paths(spawn, tmp_path):
    path = tmp_path / "dgram.sock"
    server = spawn("udp-server", "--unix", str(path), "--reply", "echo", "--once", stdin=None)
    wait_path(path)
    result = run_cli("udp-client", "--unix", str(path), "--send", "over a path", "--timeout", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"over a path"
    code, out, _err = server.finish()
    assert code == 0 and out == b"over a path"


def test_periodic_datagrams_in_hex(spawn):
    server = spawn("udp-server", "127.0.0.1", "0", "--reply", "echo", stdin=None)
    port = str(server.port())
    started = time.monotonic()
    result = run_cli("udp-client", "127.0.0.1", port, "--send", "AA 01", "--mode", "hex", "--interval", "100",
                     "--count", "3", "--timeout", "1")
    assert time.monotonic() - started >= 0.2
    server.proc.terminate()
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"\xaa\x01" * 3
    assert server.finish()[1] == b"\xaa\x01" * 3


def test_stdin_goes_to_the_last_sender(spawn):
    server = spawn("udp-server", "127.0.0.1", "0", "--once", stdin=b"reply from stdin\n")
    result = run_cli("udp-client", "127.0.0.1", str(server.port()), "--send", "hello", "--timeout", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"reply from stdin\n"
    code, out, _err = server.finish()
    assert code == 0 and out == b"hello"  # --once without a reply mode: done when its stdin is


def test_a_udp_client_without_timeout_waits_a_second_for_replies(spawn):
    server = spawn("udp-server", "127.0.0.1", "0", "--reply", "fixed", "late but here", stdin=None)
    started = time.monotonic()
    result = run_cli("udp-client", "127.0.0.1", str(server.port()), input=b"x\n")
    took = time.monotonic() - started
    server.proc.terminate()
    assert result.returncode == 0 and result.stdout == b"late but here", result.stderr
    assert took >= 1.0


def test_the_impairment_labs_flags_duplicate_and_drop(spawn):
    """issue 14's flags on the command line: --dup 100 sends every datagram twice, --loss 100 none."""
    events: queue.SimpleQueue = queue.SimpleQueue()
    server = netcore.UdpServer(events, "127.0.0.1", 0)
    server.start()
    try:
        port = str(server.wait_ready()[0].port)
        doubled = run_cli("udp-client", "127.0.0.1", port, "--send", "twice", "--dup", "100", "--seed", "7",
                          "--timeout", "0.3", "--show", "text")
        lost = run_cli("udp-client", "127.0.0.1", port, "--send", "never", "--loss", "100%",
                       "--timeout", "0.3")
        bad = run_cli("udp-client", "127.0.0.1", port, "--send", "x", "--loss", "120")
        got = _datagrams(events, 2)
    finally:
        server.stop()
    while not events.empty():  # all the server received, up to its stop: nothing more
        event = events.get_nowait()
        if isinstance(event, DatagramsReceived):
            got += [(peer, data) for peer, data in event]
    assert [data for _peer, data in got] == [b"twice", b"twice"]
    assert doubled.returncode == lost.returncode == 4  # nobody answered either
    assert "Impairment lab on" in doubled.stderr.decode()
    assert bad.returncode == 2 and "Loss must be a percentage from 0 to 100" in bad.stderr.decode()


def test_show_prints_each_datagram_sent_before_its_echo():
    # (the input thread told what it sent only after send() returned: by then the I/O thread had
    # often read the echo, and --show printed "← n" before "→ n")
    events: queue.SimpleQueue = queue.SimpleQueue()
    server = netcore.UdpServer(events, "127.0.0.1", 0, echo=True)
    server.start()
    try:
        port = server.wait_ready()[0].port
        lines = b"".join(b"n%d\n" % n for n in range(40))
        result = run_cli("udp-client", "127.0.0.1", str(port), "--timeout", "0.5", "--show", "text",
                         input=lines)
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr
    shown = [(m.group(1), m.group(2)) for m in re.finditer(r"([→←]) \S+\s+(n\d+)", result.stderr.decode())]
    for n in range(40):
        assert shown.index(("→", f"n{n}")) < shown.index(("←", f"n{n}")), shown


def _payloads_until_quiet(events: queue.SimpleQueue, quiet: float = 0.2) -> list[bytes]:
    """Every datagram the server posts until none has come for ``quiet`` s (bounded by DEADLINE)."""
    got: list[bytes] = []
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        try:
            event = events.get(timeout=quiet)
        except queue.Empty:
            break
        if isinstance(event, DatagramsReceived):
            got += list(event.payloads)
    return got


def test_the_labs_flags_give_what_the_window_gives_with_the_same_seed():
    """issue 14: 200 numbered datagrams with --loss 30 --dup 10 --seed 42 arrive exactly as they do from a
    UDP client given the same settings, read by the same parser as the window's impairment fields."""
    from netcore.impairment import impairment_from_flags

    lines = [b"%d\n" % n for n in range(200)]
    arrived = []
    for via_cli in (True, False):
        events: queue.SimpleQueue = queue.SimpleQueue()
        server = netcore.UdpServer(events, "127.0.0.1", 0)
        server.start()
        client = None
        try:
            port = server.wait_ready()[0].port
            if via_cli:
                result = run_cli("udp-client", "127.0.0.1", str(port), "--loss", "30", "--dup", "10",
                                 "--seed", "42", "--timeout", "0.3", input=b"".join(lines))
                assert result.returncode == 4, result.stderr  # nobody answers: the timeout's exit
            else:
                client = netcore.UdpClient(queue.SimpleQueue(), "127.0.0.1", port,
                                           impairment=impairment_from_flags(loss="30", dup="10", seed="42"))
                client.start()
                client.wait_ready()
                for line in lines:
                    client.send(line)
            arrived.append(_payloads_until_quiet(events))
        finally:
            if client is not None:
                client.stop()
            server.stop()
    assert arrived[0] == arrived[1]
    assert 100 < len(arrived[0]) < 180  # about 70 % kept, 10 % of those twice
