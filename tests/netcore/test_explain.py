"""Every explained error is produced for real on loopback, then explained: errno name, lesson, next step."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from netcore import Error, NetError, TcpClient, TcpServer, UdpClient
from netcore.explain import LESSONS, Explanation, errno_name, explain, fill, localhost_ipv6_case, no_reply
from netcore.os_errors import from_os_error
from tests.helpers import wait_for

from .support import closed_port, errors, start

ROOT = Path(__file__).resolve().parents[2]


def _start_error(endpoint) -> NetError:
    endpoint.start()
    with pytest.raises(NetError) as info:
        endpoint.wait_ready()
    return info.value


def _explained(err: NetError | Error, transport: str = "tcp") -> Explanation:
    params = err.params if isinstance(err, NetError) else dict(err.params)
    found = explain(err.code, err.errno, params, transport=transport)
    assert found is not None, f"no lesson for {err.code}"
    why, step = found.translated(lambda text: text)
    # every placeholder is filled from the error itself
    assert "?" not in why + step and "{" not in why + step, (why, step)
    return found


def test_refused_names_econnrefused_and_the_port_to_check(make):
    port = closed_port()
    err = _start_error(make(TcpClient, "127.0.0.1", port, name="cli"))
    found = _explained(err)
    assert (found.key, found.name) == ("refused", "ECONNREFUSED")
    assert f"port {port}" in found.translated(str)[1]


def test_refused_on_a_unix_path_is_about_the_socket_file(make, tmp_path):
    err = _start_error(make(TcpClient, str(tmp_path / "nobody.sock"), 0, name="cli"))
    found = _explained(err)
    assert (found.key, found.name) == ("refused_unix", "ENOENT")


def test_address_in_use_names_eaddrinuse_and_so_reuseaddr(make):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        err = _start_error(make(TcpServer, "127.0.0.1", port, name="srv"))
    found = _explained(err)
    assert (found.key, found.name) == ("in_use", "EADDRINUSE")
    assert "SO_REUSEADDR" in found.next_step and "TIME_WAIT" in found.why


def _unprivileged_python() -> str | None:
    """An interpreter the user "nobody" may run (root's own may live in /root, closed to others)."""
    for candidate in (sys.executable, shutil.which("python3"), "/usr/bin/python3"):
        if candidate and all(os.stat(p).st_mode & 0o005 == 0o005 for p in _dirs_of(candidate)):
            return candidate
    return None


def _dirs_of(path: str) -> list[str]:
    real = Path(os.path.realpath(path))
    return [str(p) for p in [*reversed(real.parents), real]]


def test_permission_denied_below_1024_names_eacces():
    with open("/proc/sys/net/ipv4/ip_unprivileged_port_start", encoding="ascii") as setting:
        if int(setting.read()) <= 80:
            pytest.skip("this system lets every user listen on port 80 (ip_unprivileged_port_start)")
    script = ("import json, queue, sys\n"
              "from netcore import NetError, TcpServer\n"
              "from netcore.explain import explain\n"
              "server = TcpServer(queue.SimpleQueue(), '127.0.0.1', 80)\n"
              "server.start()\n"
              "try:\n"
              "    server.wait_ready(5)\n"
              "    print(json.dumps(['listening']))\n"
              "except NetError as err:\n"
              "    found = explain(err.code, err.errno, err.params)\n"
              "    print(json.dumps([err.code, err.errno, found.key, found.name]))\n"
              "server.stop()\n")
    if os.geteuid() == 0:
        # root may listen anywhere: the server runs as "nobody" in a child process, for real
        python = _unprivileged_python()
        if python is None:
            pytest.skip("running as root, and no Python the user nobody may run to try it without root")
        # a copy of netcore the user nobody may read (a clone may sit in a folder only root can enter)
        with tempfile.TemporaryDirectory() as home:
            os.chmod(home, 0o755)
            shutil.copytree(ROOT / "netcore", Path(home) / "netcore",
                            ignore=shutil.ignore_patterns("__pycache__"))
            result = subprocess.run([python, "-c", script], user=65534, group=65534, extra_groups=[],
                                    capture_output=True, text=True, timeout=30, cwd="/",
                                    env={"PYTHONPATH": home, "PATH": "/usr/bin:/bin",
                                         "PYTHONDONTWRITEBYTECODE": "1"})
    else:
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30,
                                cwd=str(ROOT))
    assert result.returncode == 0, result.stderr
    import json

    assert json.loads(result.stdout) == ["privileged", errno.EACCES, "privileged", "EACCES"]


def test_oversize_datagram_names_emsgsize(make):
    port = closed_port(socket.SOCK_DGRAM)
    # what the kernel itself says
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as raw, pytest.raises(OSError) as info:
        raw.sendto(b"x" * 70_000, ("127.0.0.1", port))
    err = from_os_error(info.value, action="send", host="127.0.0.1", port=port)
    assert (_explained(err, "udp").key, _explained(err, "udp").name) == ("too_long", "EMSGSIZE")
    client = make(UdpClient, "127.0.0.1", port, name="cli")  # SockLab's client says so before sending
    start(client)
    with pytest.raises(NetError) as said:
        client.send(b"x" * 70_000)
    assert _explained(said.value, "udp").name == "EMSGSIZE"


def test_reset_by_a_peer_closing_with_so_linger_0_names_econnreset(make, rec):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(5)
        client = make(TcpClient, "127.0.0.1", listener.getsockname()[1], name="cli")
        start(client)
        conn, _ = listener.accept()
        client.send(b"hello")  # unread data on our side: the close below sends a reset
        time.sleep(0.05)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
        conn.close()
        found = rec.wait(lambda _: errors(rec, "cli", "reset"))
    explained = _explained(found[0])
    assert (explained.key, explained.name) == ("reset", "ECONNRESET")
    assert "SO_LINGER" in explained.why


def test_connect_timeout_on_a_full_backlog_names_etimedout(make):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=5):  # fills the accept queue
            err = _start_error(make(TcpClient, "127.0.0.1", port, timeout=0.3, name="cli"))
    found = _explained(err)
    assert (found.key, found.name) == ("timed_out", "ETIMEDOUT")


def test_host_not_found_names_eai_noname(make):
    err = _start_error(make(TcpClient, "no-such-host.invalid", 9, name="cli"))
    found = _explained(err)
    assert (found.key, found.name) == ("host_not_found", "EAI_NONAME")
    assert "no-such-host.invalid" in found.translated(str)[0]


def test_udp_refused_is_the_icmp_port_unreachable_lesson(make, rec):
    client = make(UdpClient, "127.0.0.1", closed_port(socket.SOCK_DGRAM), name="cli")
    start(client)

    def refused():
        if not errors(rec, "cli", "refused"):
            client.send(b"anyone?")  # the ICMP answer is reported on the next send or receive
            time.sleep(0.02)
        return errors(rec, "cli", "refused")

    found = _explained(wait_for(refused)[0], "udp")
    assert (found.key, found.name) == ("refused_udp", "ECONNREFUSED")
    assert "ICMP" in found.why


def test_binding_an_address_not_of_this_computer_explains_127_and_0000(make):
    err = _start_error(make(TcpServer, "192.0.2.1", 0, name="srv"))  # TEST-NET: never local
    found = _explained(err)
    assert (found.key, found.name) == ("not_local", "EADDRNOTAVAIL")
    assert "127.0.0.1" in found.why and "0.0.0.0" in found.why


def test_sending_after_the_peer_closed_names_epipe():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        with socket.create_connection(listener.getsockname(), timeout=5) as sender:
            conn, _ = listener.accept()
            conn.close()
            with pytest.raises(OSError) as info:
                for _ in range(100):  # the first sends may still be taken; a broken pipe follows
                    sender.send(b"x" * 1024)
                    time.sleep(0.01)
    err = from_os_error(info.value, action="send", host="127.0.0.1", port=1)
    found = _explained(err)
    # a peer that closed with unread data answers with a reset first; either is a lesson of its own
    assert (found.key, found.name) in (("broken_pipe", "EPIPE"), ("reset", "ECONNRESET"))


def test_localhost_refused_at_ipv6_while_ipv4_exists(make):
    infos = socket.getaddrinfo("localhost", 0, 0, socket.SOCK_STREAM)
    first, families = infos[0][4][0], {info[0] for info in infos}
    if not (first == "::1" and socket.AF_INET in families):
        # this host resolves localhost to 127.0.0.1 first (many do); the connect below is still real,
        # the answer is what a host listing ::1 first (/etc/hosts on many distributions) would give
        infos = [*socket.getaddrinfo("::1", 0, socket.AF_INET6, socket.SOCK_STREAM),
                 *socket.getaddrinfo("127.0.0.1", 0, socket.AF_INET, socket.SOCK_STREAM)]
    with socket.socket() as server:  # a server on IPv4 only
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        with socket.socket(socket.AF_INET6) as v6:  # port free on ::1? otherwise it says nothing
            v6.bind(("::1", port))
        with socket.socket(socket.AF_INET6) as client, pytest.raises(ConnectionRefusedError) as info:
            client.connect(("::1", port))  # what a program trying only the first address does
    err = from_os_error(info.value, action="connect", host="localhost", port=port)
    params = {**err.params, "resolved": ",".join(info[4][0] for info in infos)}
    assert explain(err.code, err.errno, params).key == "localhost_ipv6"


@pytest.mark.parametrize(("host", "resolved", "expected"), [
    ("localhost", ["::1", "127.0.0.1"], True),
    ("localhost", ["127.0.0.1", "::1"], False),  # IPv4 tried first: not this case
    ("localhost", ["::1"], False),  # no IPv4 address to have meant
    ("::1", ["::1", "127.0.0.1"], False),  # typed as an address: the user chose IPv6
    ("myhost", ["fe80::1", "127.0.0.1"], False),  # not a loopback address
    ("", [], False),
])
def test_the_localhost_detector(host, resolved, expected):
    assert localhost_ipv6_case(host, resolved) is expected


def test_a_tcp_client_refused_on_a_name_says_what_it_resolved_to(make):
    port = closed_port()
    err = _start_error(make(TcpClient, "localhost", port, name="cli"))
    infos = socket.getaddrinfo("localhost", port, 0, socket.SOCK_STREAM)
    assert err.params["resolved"].split(",") == list(dict.fromkeys(str(info[4][0]) for info in infos))
    found = explain(err.code, err.errno, err.params)
    assert found is not None
    ipv6_first = localhost_ipv6_case("localhost", err.params["resolved"].split(","))
    assert found.key == ("localhost_ipv6" if ipv6_first else "refused")
    # with an ::1-first answer, the lesson names both addresses
    fake = explain("refused", errno.ECONNREFUSED,
                   {"address": f"localhost:{port}", "resolved": "::1,127.0.0.1"})
    assert fake is not None and fake.key == "localhost_ipv6"
    assert "::1 (tried first) and 127.0.0.1" in fake.translated(str)[0]


def test_names_and_lessons_without_a_network():
    assert errno_name("refused", errno.ECONNREFUSED) == "ECONNREFUSED"
    assert errno_name("host_not_found", socket.EAI_NONAME) == "EAI_NONAME"
    assert errno_name("reset", None) == ""
    for code, number, key, name in [
        ("unreachable", errno.ENETUNREACH, "net_unreachable", "ENETUNREACH"),
        ("unreachable", errno.EHOSTUNREACH, "host_unreachable", "EHOSTUNREACH"),
        ("privileged", errno.EACCES, "privileged", "EACCES"),
        ("refused", None, "refused", "ECONNREFUSED"),  # no number: the lesson's own name
        ("os_error", errno.EBADF, "os_error", "EBADF"),
    ]:
        found = explain(code, number, {"address": "127.0.0.1:9", "reason": "x"})
        assert found is not None and (found.key, found.name) == (key, name)
    for not_the_system in ("bad_port", "empty_host", "internal", "unsent", "os_error"):
        assert explain(not_the_system, None, {}) is None
    hint = no_reply(21567)
    assert hint.translated(str)[1].startswith("Check that the server is started on port 21567")
    assert fill("{a} {b}", {"a": "1"}) == "1 ?"
    assert all(lesson.why and lesson.next_step for lesson in LESSONS.values())
