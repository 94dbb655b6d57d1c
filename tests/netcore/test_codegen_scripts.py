"""Every script "Show code" generates, run for real against SockLab's own endpoints over loopback.

Client scripts read their lines from stdin and end at the end of the input;
server scripts run in the background, print the address they bound, and are
killed at the end of each test.
"""

from __future__ import annotations

import re
import socket

import pytest

from gui import i18n
from netcore import DatagramsReceived, TcpClient, TcpServer, UdpClient, UdpServer
from netcore.codegen import ScriptSettings, family_of, generate, literal, script_name
from netcore.udp_server import ctime_reply
from tests.script_runner import Running, run_client, write

from .support import closed_port, payloads, start

CTIME = r"\[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\] "
LOOPBACKS = ["127.0.0.1", "::1"]


@pytest.fixture
def chinese():
    i18n.set_language("zh")
    yield i18n.tr
    i18n.set_language("en")


def _unix_host(tmp_path) -> str:
    return f"unix:{tmp_path / 's.sock'}"


# ------------------------------------------------------------ TCP client
@pytest.mark.parametrize("family", ["127.0.0.1", "::1", "unix"])
def test_tcp_client_script_chats_with_a_netcore_echo_server(make, rec, tmp_path, family):
    host = _unix_host(tmp_path) if family == "unix" else family
    server = make(TcpServer, host, 0, echo=True, name="srv")
    port = start(server)[0].port
    script = generate(ScriptSettings("tcp-client", host, port, timeout=5.0, line_ending="lf"))
    done = run_client(write(tmp_path, script), stdin="hello\nsecond line\n")
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    assert "Received: hello\n" in out and "Received: second line\n" in out
    rec.wait(lambda _: rec.received("srv") == b"hello\nsecond line\n")


def test_tcp_client_script_encodes_with_the_tabs_encoding(make, rec, tmp_path):
    server = make(TcpServer, "127.0.0.1", 0, echo=True, name="srv")
    port = start(server)[0].port
    script = generate(ScriptSettings("tcp-client", "127.0.0.1", port, encoding="gbk", line_ending="crlf"))
    done = run_client(write(tmp_path, script), stdin="你好\n")
    assert done.returncode == 0, done.stderr.decode()
    rec.wait(lambda _: rec.received("srv") == "你好\r\n".encode("gbk"))


def test_tcp_client_script_stops_at_an_empty_line(make, rec, tmp_path):
    server = make(TcpServer, "127.0.0.1", 0, echo=True, name="srv")
    port = start(server)[0].port
    script = generate(ScriptSettings("tcp-client", "127.0.0.1", port))
    done = run_client(write(tmp_path, script), stdin="one\n\nnever sent\n")
    assert done.returncode == 0
    rec.wait(lambda _: rec.received("srv") == b"one")
    assert b"never" not in rec.received("srv")


# ------------------------------------------------------------ TCP server
@pytest.mark.parametrize("family", ["127.0.0.1", "::1", "unix"])
def test_tcp_server_script_echoes_to_a_netcore_client(make, rec, tmp_path, family):
    host = _unix_host(tmp_path) if family == "unix" else family
    script = generate(ScriptSettings("tcp-server", host, 0, reply="echo", max_clients=100))
    with Running(write(tmp_path, script)) as server:
        port = 0 if family == "unix" else server.port()
        server.wait_for("Listening on")
        client = make(TcpClient, host, port, name="cli")
        start(client)
        client.send(b"ping\n")
        rec.wait(lambda _: rec.received("cli") == b"ping\n")
        server.wait_for("Received: ping")
        client.stop()
        server.wait_for("Client left:")
        # one client at a time: the next is served after the first left
        again = make(TcpClient, host, port, name="again")
        start(again)
        again.send(b"second")
        rec.wait(lambda _: rec.received("again") == b"second")


def test_tcp_server_script_answers_with_what_its_user_types(make, rec, tmp_path):
    script = generate(ScriptSettings("tcp-server", "127.0.0.1", 0, reply="manual", line_ending="crlf"))
    with Running(write(tmp_path, script), stdin="pong\n") as server:
        client = make(TcpClient, "127.0.0.1", server.port(), name="cli")
        start(client)
        client.send(b"ping")
        rec.wait(lambda _: rec.received("cli") == b"pong\r\n")


def test_tcp_server_script_replaces_a_stale_unix_socket_file(make, rec, tmp_path):
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as old:
        old.bind(str(path))  # closed without unlinking: a stale file, as a killed server leaves
    script = generate(ScriptSettings("tcp-server", f"unix:{path}", reply="echo"))
    with Running(write(tmp_path, script)) as server:
        server.wait_for("Listening on")
        client = make(TcpClient, f"unix:{path}", 0, name="cli")
        start(client)
        client.send(b"x")
        rec.wait(lambda _: rec.received("cli") == b"x")


# ------------------------------------------------------------ UDP server
@pytest.mark.parametrize("host", LOOPBACKS)
@pytest.mark.parametrize("reply", ["echo", "ctime", "manual"])
def test_udp_server_script_answers_a_netcore_client(make, rec, tmp_path, host, reply):
    script = generate(ScriptSettings("udp-server", host, 0, reply=reply, line_ending="lf"))
    with Running(write(tmp_path, script), stdin="typed answer\n") as server:
        port = server.port()
        client = make(UdpClient, host, port, name="cli")
        start(client)
        client.send(b"hi")
        answer = rec.wait(lambda _: payloads(rec, "cli"))[0].decode()
        server.wait_for(r"From \(.*\) hi")
    expected = {"echo": "hi", "ctime": CTIME + "hi", "manual": "typed answer\n"}[reply]
    assert re.fullmatch(expected, answer), answer


def test_udp_server_script_keeps_each_datagram_whole(make, rec, tmp_path):
    script = generate(ScriptSettings("udp-server", "127.0.0.1", 0, reply="echo"))
    with Running(write(tmp_path, script)) as server:
        client = make(UdpClient, "127.0.0.1", server.port(), name="cli")
        start(client)
        for word in (b"one", b"two", b"three"):
            client.send(word)
        rec.wait(lambda _: len(payloads(rec, "cli")) == 3)
    assert payloads(rec, "cli") == [b"one", b"two", b"three"]


@pytest.mark.parametrize("reply", ["echo", "ctime"])
def test_udp_server_script_on_a_unix_path_answers_a_netcore_client(make, rec, tmp_path, reply):
    path = tmp_path / "d.sock"
    script = generate(ScriptSettings("udp-server", f"unix:{path}", reply=reply))
    with Running(write(tmp_path, script)) as server:
        server.wait_for("Waiting for datagrams on")
        client = make(UdpClient, f"unix:{path}", 0, name="cli")
        start(client)
        client.send(b"hi")
        answer = rec.wait(lambda _: payloads(rec, "cli"))[0].decode()
    assert re.fullmatch({"echo": "hi", "ctime": CTIME + "hi"}[reply], answer), answer


def test_udp_server_script_on_a_unix_path_skips_a_sender_without_a_path(make, rec, tmp_path):
    path = tmp_path / "d.sock"
    script = generate(ScriptSettings("udp-server", f"unix:{path}", reply="echo"))
    with Running(write(tmp_path, script)) as server:
        server.wait_for("Waiting for datagrams on")
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as unnamed:
            unnamed.sendto(b"first", str(path))
        server.wait_for(r"From (None|'') first")  # printed, not answered, and the server goes on
        client = make(UdpClient, f"unix:{path}", 0, name="cli")
        start(client)
        client.send(b"second")
        assert rec.wait(lambda _: payloads(rec, "cli")) == [b"second"]


# ------------------------------------------------------------ UDP client
@pytest.mark.parametrize("host", LOOPBACKS)
def test_udp_client_script_gets_the_ctime_answer_of_a_netcore_server(make, rec, tmp_path, host):
    server = make(UdpServer, host, 0, reply=ctime_reply, name="srv")
    port = start(server)[0].port
    script = generate(ScriptSettings("udp-client", host, port, line_ending="lf"))
    done = run_client(write(tmp_path, script), stdin="hello\n")
    assert done.returncode == 0, done.stderr.decode()
    assert re.search(r"From \(.*\) " + CTIME + "hello\n", done.stdout.decode()), done.stdout
    assert payloads(rec, "srv") == [b"hello\n"]


def test_udp_client_script_on_a_unix_path_binds_its_own_and_removes_it(make, rec, tmp_path):
    path = tmp_path / "d.sock"
    server = make(UdpServer, f"unix:{path}", 0, reply=ctime_reply, name="srv")
    start(server)
    script = generate(ScriptSettings("udp-client", f"unix:{path}", line_ending="lf"))
    done = run_client(write(tmp_path, script), stdin="hello\n")
    assert done.returncode == 0, done.stderr.decode()
    assert re.search(r"From .* " + CTIME + "hello\n", done.stdout.decode()), done.stdout
    assert payloads(rec, "srv") == [b"hello\n"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".client") == []  # its own path is gone


def test_udp_client_script_sends_from_the_tabs_local_port(make, rec, tmp_path):
    server = make(UdpServer, "127.0.0.1", 0, echo=True, name="srv")
    port = start(server)[0].port
    local = closed_port(socket.SOCK_DGRAM)
    script = generate(ScriptSettings("udp-client", "127.0.0.1", port, local_port=local))
    done = run_client(write(tmp_path, script), stdin="x\n")
    assert done.returncode == 0, done.stderr.decode()
    senders = [d.peer for e in rec.of(DatagramsReceived, "srv") for d in e.datagrams]
    assert [peer.port for peer in senders] == [local]


def test_options_from_the_options_window_are_set_in_the_script(make, rec, tmp_path):
    options = (("SO_REUSEADDR", 0), ("SO_RCVBUF", 65536), ("TCP_NODELAY", 0), ("SO_KEEPALIVE", 1))
    script = generate(ScriptSettings("tcp-server", "127.0.0.1", 0, reply="echo", options=options,
                                     sock_timeout=30.0, blocking=False))
    assert "server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)" in script
    assert "server.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 0)" in script
    assert "SO_REUSEADDR" not in script  # turned off: the server's own line is left out
    assert "server.settimeout(30)" in script and "setblocking(False)" not in script
    with Running(write(tmp_path, script)) as server:  # and it still serves
        client = make(TcpClient, "127.0.0.1", server.port(), name="cli")
        start(client)
        client.send(b"ok")
        rec.wait(lambda _: rec.received("cli") == b"ok")
    with pytest.raises(ValueError, match="unknown socket option"):
        ScriptSettings("tcp-client", "127.0.0.1", 1, options=(("SO_LINGER", 1),))


# ----------------------------------------------------- words and shapes
def test_comments_and_printed_words_follow_the_language(make, rec, tmp_path, chinese):
    server = make(TcpServer, "127.0.0.1", 0, echo=True, name="srv")
    port = start(server)[0].port
    script = generate(ScriptSettings("tcp-client", "127.0.0.1", port), chinese)
    assert re.search(r"#.*[\u4e00-\u9fff]", script), script
    assert "Received" not in script
    done = run_client(write(tmp_path, script), stdin="你好\n")
    assert done.returncode == 0, done.stderr.decode()
    assert f"{chinese('Received:')} 你好" in done.stdout.decode()


@pytest.mark.parametrize("kind", ["tcp-server", "tcp-client", "udp-server", "udp-client"])
def test_scripts_are_short_modern_and_blocking(kind):
    script = generate(ScriptSettings(kind, "127.0.0.1", 9999, reply="echo" if "server" in kind else "manual"))
    assert len(script.splitlines()) < 60
    assert "setblocking" not in script and "selectors" not in script  # the seed's programs block
    assert "with socket.socket(socket.AF_INET" in script and "def main() -> None:" in script
    calls = {"tcp-server": ["bind(", "listen(", "accept()", "recv(", "sendall("],
             "tcp-client": ["connect(", "sendall(", "recv("],
             "udp-server": ["bind(", "recvfrom(", "sendto("],
             "udp-client": ["sendto(", "recvfrom("]}[kind]
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("#"))
    positions = [code.index(call) for call in calls]
    assert positions == sorted(positions), f"calls out of order in:\n{code}"


def test_helpers():
    assert family_of("::1") == "AF_INET6" and family_of("unix:/tmp/x") == "AF_UNIX"
    assert family_of("localhost") == "AF_INET"
    assert script_name("udp-client") == "socklab_udp_client.py"
    for text in ("plain", "it's", 'say "hi"', "\r\n", "back\\slash"):
        assert eval(literal(text)) == text  # noqa: S307 - our own literal
    with pytest.raises(ValueError):
        ScriptSettings("tcp-server", "127.0.0.1", reply="shout")


def test_hostile_settings_stay_data(tmp_path):
    """A host or path with quotes and newlines is a string in the script, never code."""
    script = generate(ScriptSettings("tcp-server", 'unix:/tmp/a"\nimport os; os.exit(1)#.sock', reply="echo"))
    compile(script, "x", "exec")
    assert "\nimport os; os.exit" not in script
