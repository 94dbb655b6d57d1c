"""tcp-client and tcp-server as subprocesses: against the window's endpoints, against each other."""

from __future__ import annotations

import hashlib
import queue
import re
import subprocess
import time

import netcore
from netcore import ConnectionState, DataReceived, PeerDisconnected, Stopped

from .support import DEADLINE, ROOT, cli_command, cli_env, run_cli


def _events_until(events: queue.SimpleQueue, done: type, deadline: float = DEADLINE) -> list[object]:
    seen: list[object] = []
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            event = events.get(timeout=0.2)
        except queue.Empty:
            continue
        seen.append(event)
        if isinstance(event, done):
            return seen
    raise AssertionError(f"no {done.__name__} within {deadline} s: {seen!r}")


def test_half_close_request_and_reply_against_the_windows_server(spawn):
    """The client sends its request, half-closes (EOF), and still receives the answer made after the EOF."""
    events: queue.SimpleQueue = queue.SimpleQueue()
    server = netcore.TcpServer(events, "127.0.0.1", 0)
    server.start()
    try:
        port = server.wait_ready()[0].port
        client = spawn("tcp-client", "127.0.0.1", str(port), stdin=b"GET /time\n")
        request = b""
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            event = events.get(timeout=DEADLINE)
            if isinstance(event, DataReceived):
                request += event.data
            if isinstance(event, ConnectionState) and event.state == "half-closed-by-peer":
                # the request is complete only now: the client's EOF says so
                server.send(b"answer to " + request, event.conn)
                server.shutdown_write(event.conn)
            if isinstance(event, PeerDisconnected):
                break
        code, out, err = client.finish()
    finally:
        server.stop()
    assert code == 0, err
    assert request == b"GET /time\n"
    assert out == b"answer to GET /time\n"


def test_the_server_echoes_to_the_windows_client(spawn):
    server = spawn("tcp-server", "127.0.0.1", "0", "--reply", "echo", "--once", stdin=None)
    events: queue.SimpleQueue = queue.SimpleQueue()
    client = netcore.TcpClient(events, "127.0.0.1", server.port())
    client.start()
    try:
        client.wait_ready()
        client.send(b"hello ")
        client.send(b"echo")
        client.shutdown_write()
        seen = _events_until(events, Stopped)
    finally:
        client.stop()
    assert b"".join(e.data for e in seen if isinstance(e, DataReceived)) == b"hello echo"
    code, out, err = server.finish()
    assert code == 0, err
    assert out == b"hello echo"  # what a server receives goes to its stdout, whatever it answers


def test_client_and_server_over_ipv6_with_show(spawn):
    server = spawn("tcp-server", "[::1]", "0", "--reply", "echo", "--once", "--show", "text", stdin=None)
    port = server.port()
    result = run_cli("tcp-client", "[::1]", str(port), "--show", "text", input=b"over IPv6\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"over IPv6\n"
    err = result.stderr.decode()
    assert re.search(rf"\d\d:\d\d:\d\d\.\d\d\d → \[::1\]:{port}  over IPv6", err), err
    assert re.search(rf"← \[::1\]:{port}  over IPv6", err) and "Finished sending to" in err
    code, _out, server_err = server.finish()
    assert code == 0 and re.search(r"← \[::1\]:\d+  over IPv6", server_err), server_err
    assert "connected." in server_err and "closed the connection." in server_err


def test_unix_path_with_a_fixed_reply(spawn, tmp_path):
    path = tmp_path / "s.sock"
    server = spawn("tcp-server", "--unix", str(path), "--reply", "fixed", "ok", "--line-ending", "lf",
                   "--once", stdin=None)
    server.wait_line("Listening on")
    result = run_cli("tcp-client", "--unix", str(path), input=b"hi")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"ok\n"
    code, out, err = server.finish()
    assert code == 0 and out == b"hi", err
    assert not path.exists()  # the server removed its socket file


def test_hex_mode_sends_bytes_and_show_hex_prints_them(spawn):
    server = spawn("tcp-server", "127.0.0.1", "0", "--show", "hex", "--once", stdin=None)
    port = server.port()
    result = run_cli("tcp-client", "127.0.0.1", str(port), "--mode", "hex", input=b"48 65 6C 6C 6F\n00 FF\n")
    assert result.returncode == 0, result.stderr
    code, out, err = server.finish()
    assert code == 0, err
    assert out == b"Hello\x00\xff"
    assert "48 65 6C 6C 6F" in err and "00 FF" in err


def test_a_bad_hex_line_is_said_and_skipped(spawn):
    server = spawn("tcp-server", "127.0.0.1", "0", "--once", stdin=None)
    result = run_cli("tcp-client", "127.0.0.1", str(server.port()), "--mode", "hex", input=b"41\nZZ\n42\n")
    assert result.returncode == 0
    assert "is not a hex digit" in result.stderr.decode()
    assert server.finish()[1] == b"AB"


def test_chinese_in_gbk_both_ways(spawn):
    server = spawn("tcp-server", "127.0.0.1", "0", "--encoding", "gbk", "--reply", "fixed", "收到",
                   "--show", "text", "--once", stdin=None)
    port = server.port()
    result = run_cli("tcp-client", "127.0.0.1", str(port), "--mode", "text", "--encoding", "gbk",
                     input="你好，服务器\n".encode())
    assert result.returncode == 0, result.stderr
    assert result.stdout == "收到".encode("gbk")
    code, out, err = server.finish()
    assert code == 0
    assert out == "你好，服务器".encode("gbk")  # raw on stdout: the bytes that crossed the network
    assert "你好，服务器" in err and "→" in err and "收到" in err  # --show decodes them as GBK


def test_rules_come_first_then_the_reply(spawn):
    server = spawn("tcp-server", "127.0.0.1", "0", "--rule", r"^ping\b=pong", "--rule", "a\\=b=equal",
                   "--reply", "ctime", stdin=None)
    port = str(server.port())
    answers = [run_cli("tcp-client", "127.0.0.1", port, "--send", text) for text in ("ping 1", "a=b", "hi")]
    server.proc.terminate()
    assert [a.returncode for a in answers] == [0, 0, 0], [a.stderr for a in answers]
    assert answers[0].stdout == b"pong" and answers[1].stdout == b"equal"
    stamped = rb"\[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\] hi"
    assert re.fullmatch(stamped, answers[2].stdout), answers[2].stdout
    assert server.finish()[0] == 143


def test_periodic_send_with_interval_and_count(spawn):
    server = spawn("tcp-server", "127.0.0.1", "0", "--once", stdin=None)
    port = str(server.port())
    started = time.monotonic()
    result = run_cli("tcp-client", "127.0.0.1", port, "--send", "tick", "--line-ending", "lf",
                     "--interval", "100", "--count", "3")
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started >= 0.2  # three sends, 100 ms apart
    assert server.finish()[1] == b"tick\ntick\ntick\n"


def test_send_file_with_trace(spawn, tmp_path):
    payload = bytes(range(256)) * 1000
    path = tmp_path / "payload.bin"
    path.write_bytes(payload)
    server = spawn("tcp-server", "127.0.0.1", "0", "--once", stdin=None)
    result = run_cli("tcp-client", "127.0.0.1", str(server.port()), "--send-file", str(path), "--count", "2",
                     "--trace")
    assert result.returncode == 0, result.stderr
    err = result.stderr.decode()
    for call in ("s = socket(AF_INET, SOCK_STREAM)", "s.connect_ex(('127.0.0.1', ", "s.shutdown(SHUT_WR)",
                 "s.close()"):
        assert call in err, err
    assert server.finish()[1] == payload * 2


def test_a_greeting_server_and_a_server_feeding_stdin(spawn):
    greeter = spawn("tcp-server", "127.0.0.1", "0", "--send", "welcome\\n", "--mode", "escapes", "--once",
                    stdin=None)
    feeder = spawn("tcp-server", "127.0.0.1", "0", "--once", stdin=b"from stdin")
    greeting = run_cli("tcp-client", "127.0.0.1", str(greeter.port()))
    fed = run_cli("tcp-client", "127.0.0.1", str(feeder.port()))
    assert greeting.returncode == fed.returncode == 0, (greeting.stderr, fed.stderr)
    assert greeting.stdout == b"welcome\n" and fed.stdout == b"from stdin"
    assert greeter.finish()[0] == feeder.finish()[0] == 0


def test_100_mb_through_tcp_arrive_whole(spawn, tmp_path):
    """100 MB of random bytes from stdin, through a TCP connection, to the server's stdout: SHA-256 equal."""
    source = tmp_path / "100mb.bin"
    block = hashlib.sha256(b"socklab").digest() * 32768  # 1 MiB, varied bytes (not all zero)
    digest = hashlib.sha256()
    with source.open("wb") as file:
        for index in range(100):
            chunk = bytes([index]) + block[1:]
            digest.update(chunk)
            file.write(chunk)
    received = tmp_path / "received.bin"
    with received.open("wb") as out, source.open("rb") as stdin:
        server = subprocess.Popen(cli_command("tcp-server", "127.0.0.1", "0", "--once"), cwd=ROOT,
                                  env=cli_env(), stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.PIPE)
        try:
            line = server.stderr.readline().decode()
            port = re.search(r":(\d+)\.", line).group(1)
            client = subprocess.run(cli_command("tcp-client", "127.0.0.1", port), cwd=ROOT, env=cli_env(),
                                    stdin=stdin, capture_output=True, timeout=60)
            server.wait(timeout=30)
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()
            server.stderr.close()
    assert client.returncode == 0 and server.returncode == 0, client.stderr
    assert received.stat().st_size == 100 * 1024 * 1024
    with received.open("rb") as file:
        assert hashlib.file_digest(file, "sha256").hexdigest() == digest.hexdigest()


def test_show_prints_what_is_sent_before_its_echo():
    # (the input thread told what it sent only after send() returned: by then the I/O thread had
    # often read the echo, and --show printed "← n" before "→ n")
    events: queue.SimpleQueue = queue.SimpleQueue()
    server = netcore.TcpServer(events, "127.0.0.1", 0, echo=True)
    server.start()
    try:
        port = server.wait_ready()[0].port
        lines = b"".join(b"n%d\n" % n for n in range(40))
        result = run_cli("tcp-client", "127.0.0.1", str(port), "--mode", "text", "--show", "text",
                         input=lines)
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr
    sent: set[str] = set()
    echoed = 0
    for line in result.stderr.decode().splitlines():
        arrow = re.search(r" ([→←]) \S+\s+(.*)$", line)
        if arrow is None:
            continue
        tokens = re.findall(r"n\d+", arrow.group(2))
        if arrow.group(1) == "→":
            sent.update(tokens)
        else:
            assert set(tokens) <= sent, (line, sorted(sent))
            echoed += len(tokens)
    assert echoed == 40 and len(sent) == 40
