"""The command line's arguments: help in both languages, argument mistakes, the entry in main.py.

What needs no network runs in this process (``cli_here``); what depends on how the program is
started (the locale, main.py's dispatch, no display) runs as a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .support import ROOT, run_cli, text


@pytest.mark.parametrize("role", ["tcp-server", "tcp-client", "udp-server", "udp-client"])
def test_help_in_english_lists_the_options_and_the_exit_codes(cli_here, role):
    code, out, _err = cli_here(role, "--help")
    assert code == 0
    assert out.startswith("usage: ") and role in out
    for words in ("--timeout", "--show", "--trace", "--unix", "--encoding", "--mode", "--line-ending",
                  "Exit codes:", "  3  refused", "  4  timeout", "  5  address in use",
                  "  6  host not found", "130  interrupted"):
        assert words in out, words
    assert ("--reply {echo,ctime,fixed TEXT}" in out) == role.endswith("server")
    assert ("--max-clients" in out) == (role == "tcp-server")
    assert ("--send TEXT" in out) == (role != "udp-server")


def test_help_follows_the_locale_and_lang():
    by_locale = run_cli("tcp-client", "--help", lang="zh")
    by_option = run_cli("tcp-client", "--lang", "zh_CN", "--help")
    for result in (by_locale, by_option):
        assert result.returncode == 0, text(result)
        out = result.stdout.decode()
        assert out.startswith("用法：") and "退出码" in out and "连接被拒绝" in out and "半关闭" in out, out


def test_lang_en_wins_over_a_chinese_locale(cli_here, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert cli_here("udp-client", "--help")[1].startswith("用法：")
    assert cli_here("udp-client", "--lang", "en", "--help")[1].startswith("usage: ")


def test_chinese_help_lines_fit_the_terminal(cli_here, monkeypatch):
    from cli.help_format import cells

    monkeypatch.setenv("COLUMNS", "60")
    code, out, _err = cli_here("udp-server", "--lang", "zh", "--help")
    lines = out.splitlines()
    # the usage line and the examples are commands to copy, and an option name is never cut:
    # everything else fits
    wide = [line for line in lines if cells(line) > 60 and "main.py" not in line
            and not line.lstrip().startswith(("--", "-h"))]
    assert code == 0 and len(lines) > 40 and not wide, wide


def test_an_unknown_option_is_argparses_usage_message_in_the_language(cli_here):
    code, _out, err = cli_here("tcp-client", "127.0.0.1", "9", "--colour")
    assert code == 2 and "unrecognized arguments: --colour" in err
    chinese = run_cli("tcp-client", "127.0.0.1", "9", "--colour", lang="zh")
    assert chinese.returncode == 2
    assert "无法识别的参数：--colour" in text(chinese) and "Traceback" not in text(chinese)


@pytest.mark.parametrize("args, words", [
    (("tcp-client", "127.0.0.1", "65536"), "The port must be a whole number from 0 to 65535"),
    (("tcp-client", "127.0.0.1"), "Say which port"),
    (("tcp-client",), "Say where: give the host and the port"),
    (("udp-client", "999.1.1.1", "9"), "is not a valid IPv4 address"),
    (("tcp-client", "127.0.0.1", "9", "--send", "4G", "--mode", "hex"), "is not a hex digit"),
    (("tcp-client", "127.0.0.1", "9", "--send", "x", "--encoding", "klingon"),
     "is not a known text encoding"),
    (("tcp-client", "127.0.0.1", "9", "--send", "€", "--encoding", "latin-1"),
     "cannot be written in latin-1"),
    (("tcp-server", "0", "--reply", "sing"), "--reply takes echo, ctime, or fixed"),
    (("tcp-server", "0", "--reply", "fixed"), "--reply takes echo, ctime, or fixed"),
    (("tcp-server", "0", "--rule", "(=x"), "is not a valid regular expression"),
    (("udp-server", "0", "--rule", "nothing"), "needs the form REGEX=REPLY"),
    (("tcp-client", "127.0.0.1", "9", "--interval", "100"), "--interval and --count repeat"),
    (("tcp-client", "127.0.0.1", "9", "--send-file", "/no/such/file"), "Cannot read the file /no/such/file"),
    (("udp-client", "127.0.0.1", "9", "--timeout", "0"), "is not a number of seconds"),
    (("udp-client", "127.0.0.1", "9", "--send", "x", "--count", "-1"), "is not a whole number from 1"),
    (("tcp-server", "9", "--unix", "/tmp/x.sock"), "--unix PATH takes the place of HOST and PORT"),
    (("tcp-server", "0", "--reply", "echo", "--send", "x"), "reads nothing from stdin"),
    (("udp-server", "0", "--send", "x"), "unrecognized arguments: --send"),
    (("tcp-client", "127.0.0.1", "9", "--ttl", "300"), "is not a whole number from 1 to 255"),
])
def test_bad_arguments_exit_2_with_the_plain_sentence(cli_here, args, words):
    code, out, err = cli_here(*args)
    assert code == 2, err
    assert words in err and "Traceback" not in err
    assert out == ""


def test_a_bad_argument_in_chinese_uses_netcores_translated_sentence(cli_here):
    code, _out, err = cli_here("tcp-client", "127.0.0.1", "70000", "--lang", "zh")
    assert code == 2
    assert "端口" in err and "70000" in err and "--help" in err, err


def test_host_and_port_may_be_one_argument():
    from cli.config import _host_and_port

    assert _host_and_port("127.0.0.1:9999") == ("127.0.0.1", "9999")
    assert _host_and_port("[::1]:9999") == ("[::1]", "9999")
    assert _host_and_port("::1") is None and _host_and_port("localhost") is None


def test_roles_agree_between_main_and_cli():
    import cli
    import main

    assert main.CLI_ROLES == cli.ROLES


def test_the_window_does_not_import_the_command_line():
    # main() without a role (here it stops at "no display"): the cli package is never imported
    code = ("import sys, main; main.main(['--lang', 'en']); "
            "print(any(m == 'cli' or m.startswith('cli.') for m in sys.modules))")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=30)
    assert result.stdout.strip() == "False", result.stdout + result.stderr
    assert "Without a window" in result.stderr and "tcp-client --help" in result.stderr


def test_no_role_and_no_display_explains_the_command_line_in_chinese():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "main.py", "--lang", "zh"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    for word in ("不开窗口", "tcp-server 9999 --reply echo", "xvfb-run"):
        assert word in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_wrap_counts_chinese_characters_as_two_cells():
    from cli.help_format import cells, wrap

    sentence = "监听 TCP 客户端的连接。它们发来的数据写到标准输出；标准输入发给每个已连接的客户端。"
    lines = wrap(sentence, 20)
    assert all(cells(line) <= 20 for line in lines), lines
    assert "".join(lines).replace(" ", "") == sentence.replace(" ", "")
    assert not any(line.startswith(("。", "；")) for line in lines)
    assert wrap("a few english words here", 10) == ["a few", "english", "words here"]


def test_a_server_open_to_every_network_warns_as_the_window_does():
    import io

    from cli.config import build_config
    from cli.output import Output
    from cli.parser import build
    from cli.roles_udp import UdpServerSession
    from netcore import Peer, Started

    stderr = io.StringIO()
    for host, warned in (("0.0.0.0", True), ("127.0.0.1", False)):
        cfg = build_config("udp-server", build("udp-server").parse_args([host, "0"]))
        session = UdpServerSession(cfg, Output(None, "utf-8", stderr=stderr))
        session.on_started(Started("udp-server", (Peer.ipv4(host, 40000),)))
        said = stderr.getvalue()
        assert f"Bound to {host}:40000" in said
        assert ("Warning: 0.0.0.0 opens this port to the network" in said) == warned, said
        stderr.seek(0)
        stderr.truncate()


def test_a_file_too_large_for_one_datagram_is_a_bad_argument(cli_here, tmp_path):
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 65508)
    code, _out, err = cli_here("udp-client", "127.0.0.1", "9", "--send-file", str(big))
    assert code == 2 and "65508 bytes" in err and "65507" in err, err
