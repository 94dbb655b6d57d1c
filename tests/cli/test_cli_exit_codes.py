"""Every exit code, produced for real: a failure on a real socket, then its code and its sentence."""

from __future__ import annotations

import signal
import socket
import time

import pytest

from .support import free_port, run_cli, text


def test_refused_is_3_on_a_closed_tcp_port():
    port = free_port()
    result = run_cli("tcp-client", "127.0.0.1", str(port), input=b"hi\n")
    assert result.returncode == 3, text(result)
    assert f"Nobody is listening on 127.0.0.1:{port}" in text(result) and "[ECONNREFUSED]" in text(result)
    assert "Why:" in text(result) and "Traceback" not in text(result)


def test_refused_is_3_on_a_closed_udp_port_and_a_missing_unix_path(tmp_path):
    udp = run_cli("udp-client", "127.0.0.1", str(free_port(socket.SOCK_DGRAM)), "--timeout", "5",
                  input=b"anyone?\n")
    unix = run_cli("tcp-client", "--unix", str(tmp_path / "nobody.sock"), input=b"hi")
    assert udp.returncode == 3, text(udp)
    assert "port unreachable" in text(udp)
    assert unix.returncode == 3, text(unix)
    assert "[ENOENT]" in text(unix)


def test_timeout_is_4_when_a_listening_server_never_replies():
    with socket.socket() as listener:  # listens (the kernel completes the handshake) but never accepts
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        started = time.monotonic()
        result = run_cli("tcp-client", "127.0.0.1", str(port), "--timeout", "0.3", input=b"hello?\n")
        took = time.monotonic() - started
    assert result.returncode == 4, text(result)
    assert f"No reply from 127.0.0.1:{port} within 0.3 s" in text(result)
    assert took >= 0.3 and result.stdout == b""


def test_timeout_is_4_when_no_datagram_comes_back():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:  # bound: no "unreachable" either
        silent.bind(("127.0.0.1", 0))
        result = run_cli("udp-client", "127.0.0.1", str(silent.getsockname()[1]), "--timeout", "0.3",
                         input=b"ping\n", lang="zh")
        assert silent.recv(100) == b"ping\n"
    assert result.returncode == 4, text(result)
    assert "秒内没有收到" in text(result) and "原因：" in text(result), text(result)


def test_address_in_use_is_5():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        result = run_cli("tcp-server", "127.0.0.1", str(port))
    assert result.returncode == 5, text(result)
    assert f"Port {port} on 127.0.0.1 is already in use" in text(result) and "[EADDRINUSE]" in text(result)


def test_host_not_found_is_6():
    # .invalid is reserved (RFC 2606): no resolver may ever find it
    result = run_cli("tcp-client", "socklab-test.invalid", "80", input=b"")
    assert result.returncode == 6, text(result)
    assert "Cannot find the host “socklab-test.invalid”" in text(result)


def test_bad_arguments_is_2():
    result = run_cli("udp-server", "127.0.0.1", "port")
    assert result.returncode == 2
    assert "The port must be a whole number" in text(result) and "Traceback" not in text(result)


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_and_sigterm_end_quietly(spawn, signum, code):
    server = spawn("tcp-server", "127.0.0.1", "0", stdin=None)
    server.port()
    server.proc.send_signal(signum)
    returncode, out, err = server.finish()
    assert returncode == code, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert out == b""


def test_a_reset_connection_is_1(spawn):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        client = spawn("tcp-client", "127.0.0.1", str(listener.getsockname()[1]), stdin=None)
        conn, _addr = listener.accept()
        with conn:  # close with SO_LINGER 0: the kernel sends a reset, not a FIN
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    returncode, _out, err = client.finish()
    assert returncode == 1, err
    assert "was reset" in err and "[ECONNRESET]" in err
