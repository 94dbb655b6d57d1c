"""The command line against real peers installed from Debian: socat and ncat, TCP and UDP, both ways.

Each peer is the other side of one exchange: a server the command line connects
to, or a client of the command line's server.  ``need()`` fails with the
install line when a tool is missing (./test.sh installs them as root).
"""

from __future__ import annotations

import socket

from .support import free_port, need, run_cli, wait_bound, wait_path


def test_tcp_client_half_closes_and_gets_socats_echo(spawn):
    socat = need("socat")
    port = free_port()
    # an echo through cat: cat ends only at the client's EOF, so the reply proves the half-close
    peer = spawn(socat, f"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr", "EXEC:cat", peer=True, stdin=None)
    wait_bound(port)
    result = run_cli("tcp-client", "127.0.0.1", str(port), input=b"through socat\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"through socat\n"
    assert peer.finish()[0] == 0


def test_tcp_client_sends_gbk_to_socat(spawn):
    socat = need("socat")
    port = free_port()
    peer = spawn(socat, "-u", f"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr", "STDOUT", peer=True, stdin=None)
    wait_bound(port)
    result = run_cli("tcp-client", "127.0.0.1", str(port), "--send", "你好，socat", "--encoding", "gbk",
                     "--line-ending", "crlf")
    assert result.returncode == 0, result.stderr
    code, out, _err = peer.finish()
    assert code == 0 and out == "你好，socat\r\n".encode("gbk")


def test_ncat_client_gets_the_servers_echo(spawn):
    ncat = need("ncat")
    server = spawn("tcp-server", "127.0.0.1", "0", "--reply", "echo", "--once", stdin=None)
    port = server.port()
    client = spawn(ncat, "127.0.0.1", str(port), peer=True, stdin=b"hello from ncat\n")
    code, out, err = client.finish()
    assert code == 0 and out == b"hello from ncat\n", err
    code, out, err = server.finish()
    assert code == 0 and out == b"hello from ncat\n", err


def test_ncat_over_ipv6_to_the_server(spawn):
    ncat = need("ncat")
    server = spawn("tcp-server", "::1", "0", "--reply", "fixed", "ok", "--once", stdin=None)
    client = spawn(ncat, "-6", "::1", str(server.port()), peer=True, stdin=b"v6")
    assert client.finish()[1] == b"ok"
    code, out, err = server.finish()
    assert code == 0 and out == b"v6", err


def test_unix_paths_with_socat_and_ncat(spawn, tmp_path):
    socat, ncat = need("socat"), need("ncat")
    echo_path = tmp_path / "socat.sock"
    peer = spawn(socat, f"UNIX-LISTEN:{echo_path}", "EXEC:cat", peer=True, stdin=None)
    wait_path(echo_path)
    result = run_cli("tcp-client", "--unix", str(echo_path), input=b"to socat's path")
    assert result.returncode == 0 and result.stdout == b"to socat's path", result.stderr
    assert peer.finish()[0] == 0

    server_path = tmp_path / "socklab.sock"
    server = spawn("tcp-server", "--unix", str(server_path), "--reply", "echo", "--once", stdin=None)
    server.wait_line("Listening on")
    client = spawn(ncat, "-U", str(server_path), peer=True, stdin=b"from ncat -U")
    assert client.finish()[1] == b"from ncat -U"
    assert server.finish()[0] == 0


def test_udp_client_against_socats_echo(spawn):
    socat = need("socat")
    port = free_port(socket.SOCK_DGRAM)
    peer = spawn(socat, "-T2", f"UDP-RECVFROM:{port},bind=127.0.0.1,reuseaddr", "SYSTEM:cat", peer=True,
                 stdin=None)
    wait_bound(port, socket.SOCK_DGRAM)
    result = run_cli("udp-client", "127.0.0.1", str(port), "--timeout", "1", input=b"datagram for socat\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"datagram for socat\n"
    peer.proc.terminate()


def test_udp_client_against_ncats_echo_in_hex(spawn):
    ncat = need("ncat")
    port = free_port(socket.SOCK_DGRAM)
    peer = spawn(ncat, "-u", "-l", "127.0.0.1", str(port), "--exec", "/bin/cat", peer=True, stdin=None)
    wait_bound(port, socket.SOCK_DGRAM)
    result = run_cli("udp-client", "127.0.0.1", str(port), "--mode", "hex", "--line-ending", "lf",
                     "--timeout", "1", input=b"DE AD BE EF\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"\xde\xad\xbe\xef\n"
    peer.proc.terminate()


def test_socat_and_ncat_udp_clients_to_the_server(spawn):
    socat, ncat = need("socat"), need("ncat")
    server = spawn("udp-server", "127.0.0.1", "0", "--reply", "echo", "--show", "text", stdin=None)
    port = server.port()
    via_socat = spawn(socat, "-t", "1", "-", f"UDP:127.0.0.1:{port}", peer=True, stdin=b"from socat\n")
    code, out, err = via_socat.finish()
    assert code == 0 and out == b"from socat\n", err
    via_ncat = spawn(ncat, "-u", "127.0.0.1", str(port), peer=True, stdin=b"from ncat\n")
    assert via_ncat.finish()[0] == 0
    server.wait_line(r"← 127\.0\.0\.1:\d+  from ncat")
    server.proc.terminate()
    code, out, _err = server.finish()
    assert out == b"from socat\nfrom ncat\n"
