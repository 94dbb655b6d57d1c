"""The arguments of each role, with their help in the current language.

One parser per role, holding only the options that role uses (an option of
another role is an "unrecognized argument", exit 2).  Values that need the
network layer's checks (the port, the host, the encoding, hex in --send) are
left as typed and checked in :mod:`cli.config` with netcore's own messages.
Main thread only.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
from collections.abc import Callable

from netcore.payload import LINE_ENDINGS

from . import exits
from .help_format import HelpFormatter, wrap
from .words import N_, tr, trf

SHOW_MODES = ("text", "hex", "both")
#: How stdin is read: "raw" passes bytes through; the others read it line by line, as the send box would.
INPUT_MODES = ("raw", "text", "hex", "escapes")
REPLY_MODES = ("echo", "ctime", "fixed")
#: How --reply's one or two words show in the help (not argparse's "MODE [MODE ...]").
REPLY_METAVAR = "{echo,ctime,fixed TEXT}"

DESCRIPTIONS = {
    "tcp-server": N_("Listen for TCP clients. What they send goes to stdout; stdin goes to every client "
                     "connected (or answer by itself with --reply or --rule)."),
    "tcp-client": N_("Connect to a TCP server. stdin is sent and what comes back goes to stdout. When stdin "
                     "ends, this side half-closes the connection (shutdown SHUT_WR) and waits for the "
                     "server to finish, as nc -N does."),
    "udp-server": N_("Receive UDP datagrams. Each one goes to stdout; lines of stdin go to the last sender "
                     "(or answer by itself with --reply or --rule)."),
    "udp-client": N_("Send UDP datagrams: each line of stdin (with its newline) is one datagram, and the "
                     "replies go to stdout. When stdin ends it waits for replies: 1 s, or --timeout."),
}
EXAMPLES = {
    "tcp-server": ("{prog} 9999 --reply echo", "{prog} 0.0.0.0 9999 --show text > received.bin"),
    "tcp-client": ("printf 'hi\\n' | {prog} 127.0.0.1 9999",
                   "{prog} [::1] 9999 --send 'GET / HTTP/1.0\\r\\n\\r\\n' --mode escapes"),
    "udp-server": ("{prog} 9999 --reply ctime", "{prog} --unix /tmp/socklab.sock --rule 'ping=pong'"),
    "udp-client": ("echo hello | {prog} 127.0.0.1 9999 --timeout 2",
                   "{prog} 127.0.0.1 9999 --send 'AA 01' --mode hex --interval 500 --count 10"),
}
GROUP_ADDRESS = N_("address")
GROUP_DATA = N_("what is sent")
GROUP_REPLIES = N_("answers (servers)")
GROUP_OUTPUT = N_("what is shown")
GROUP_OPTIONS = N_("socket options")
GROUP_IMPAIRMENT = N_("unreliable network (impairment lab)")
EXAMPLES_TITLE = N_("Examples:")
EXIT_CODES_TITLE = N_("Exit codes:")
USAGE_CLIENT = N_("{prog} [options] HOST PORT   or   {prog} [options] --unix PATH")
USAGE_SERVER = N_("{prog} [options] [HOST] PORT   or   {prog} [options] --unix PATH")
BAD_NUMBER = N_("“{value}” is not a whole number from {low} to {high}.")
BAD_SECONDS = N_("“{value}” is not a number of seconds greater than 0 and at most {high}.")
BAD_MILLISECONDS = N_("“{value}” is not a number of milliseconds from 1 to {high}.")


def program() -> str:
    """How the user started SockLab: ``socklab`` (the packaged executable) or ``python main.py``."""
    if getattr(sys, "frozen", False):
        return os.path.basename(sys.executable)
    return "python main.py"


def whole_number(low: int, high: int) -> Callable[[str], int]:
    def convert(text: str) -> int:
        value = text.strip()
        if not value.isdigit() or len(value) > 12 or not low <= int(value) <= high:
            raise argparse.ArgumentTypeError(trf(BAD_NUMBER, value=text, low=low, high=f"{high:,}"))
        return int(value)
    return convert


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= 3600):
        raise argparse.ArgumentTypeError(trf(BAD_SECONDS, value=text, high=3600))
    return value


def milliseconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 1 <= value <= 3_600_000):
        raise argparse.ArgumentTypeError(trf(BAD_MILLISECONDS, value=text, high="3,600,000"))
    return value


def language_choice(text: str) -> str:
    from gui.i18n import normalize

    found = normalize(text)
    if found is None:
        raise argparse.ArgumentTypeError(trf(N_("“{value}” is not a language: choose en or zh."), value=text))
    return found


def build(role: str) -> argparse.ArgumentParser:
    """The parser for ``role``, its help in the current language."""
    prog = f"{program()} {role}"
    server = role.endswith("server")
    tcp = role.startswith("tcp")
    parser = argparse.ArgumentParser(
        prog=prog, formatter_class=HelpFormatter, add_help=False,
        usage=trf(USAGE_SERVER if server else USAGE_CLIENT, prog=prog),
        description="\n".join(wrap(tr(DESCRIPTIONS[role]), _width())),
        epilog=_epilog(role, prog))
    parser.add_argument("-h", "--help", action="help", help=tr("show this help message and exit"))
    parser.add_argument("--lang", type=language_choice, metavar="{en,zh}",
                        help=tr(N_("language of the messages and of this help (default: the system's)")))

    where = parser.add_argument_group(tr(GROUP_ADDRESS))
    if server:
        where.add_argument("host", nargs="?", metavar="HOST", help=tr(N_(
            "where to listen (default 127.0.0.1: this computer only; 0.0.0.0 or :: for every network)")))
        where.add_argument("port", nargs="?", metavar="PORT", help=tr(N_(
            "the port; 0 lets the system choose a free one (the first line on stderr says which)")))
    else:
        where.add_argument("host", nargs="?", metavar="HOST", help=tr(N_(
            "the server's name or IP address (IPv6 in brackets: [::1])")))
        where.add_argument("port", nargs="?", metavar="PORT", help=tr(N_("the server's port")))
    where.add_argument("--unix", metavar="PATH", help=tr(
        N_("a Unix socket path instead of HOST and PORT (a stream socket)") if tcp else
        N_("a Unix socket path instead of HOST and PORT (a datagram socket)")))

    data = parser.add_argument_group(tr(GROUP_DATA))
    data.add_argument("--mode", choices=INPUT_MODES, default="raw", help=tr(N_(
        "how stdin is read: raw (the default: bytes as they are), or line by line as text, hex "
        "(48 65 6C) or escapes (\\n, \\xNN), each line without its newline, then --line-ending")))
    data.add_argument("--encoding", default="utf-8", metavar="NAME", help=tr(N_(
        "the text encoding of --mode text, --send, replies, --rule and --show: utf-8 (the default), "
        "gbk, latin-1, …")))
    data.add_argument("--line-ending", choices=tuple(LINE_ENDINGS), default="none", help=tr(N_(
        "added after each line read in a --mode other than raw, after --send and after each reply "
        "(default: none)")))
    if role != "udp-server":
        data.add_argument("--send", metavar="TEXT", help=tr(
            N_("send TEXT (read as --mode says) to each client as it connects; stdin is then not read")
            if server else N_("send TEXT (read as --mode says) instead of stdin")))
        data.add_argument("--send-file", metavar="PATH", help=tr(
            N_("send the bytes of a file to each client as it connects; stdin is then not read") if server
            else N_("send the bytes of a file instead of stdin") if tcp
            else N_("send the whole file as one datagram instead of stdin")))
        data.add_argument("--interval", type=milliseconds, metavar="MS", help=tr(
            N_("send the --send or --send-file message again every MS milliseconds, to every client "
               "connected") if server
            else N_("send the --send or --send-file message again every MS milliseconds")))
        data.add_argument("--count", type=whole_number(1, 10**9), metavar="N", help=tr(N_(
            "how many times to send it (default: once; with --interval, until stopped)")))

    if server:
        replies = parser.add_argument_group(tr(GROUP_REPLIES))
        replies.add_argument("--reply", nargs="+", metavar=REPLY_METAVAR, help=tr(N_(
            "answer each message by itself: echo (send it back), ctime (“[Sun Nov 29 18:22:38 2026] "
            "data”, as the seed's UDP server does) or fixed TEXT; stdin is then not read")))
        replies.add_argument("--rule", action="append", default=[], metavar="REGEX=REPLY", help=tr(N_(
            "answer a message whose text matches REGEX (a Python regular expression, searched) with "
            "REPLY; repeatable, the first match wins, and before --reply; write \\= for an = in REGEX")))
        replies.add_argument("--once", action="store_true", help=tr(
            N_("serve one client and exit when it leaves, as nc -l does") if tcp else
            N_("exit after answering the first datagram (without --reply or --rule: when stdin ends)")))
        if tcp:
            replies.add_argument("--max-clients", type=whole_number(1, 100_000), default=100, metavar="N",
                                 help=tr(N_("at most N clients at once (default: 100)")))

    out = parser.add_argument_group(tr(GROUP_OUTPUT))
    out.add_argument("--show", choices=SHOW_MODES, help=tr(N_(
        "also print on stderr each message, timestamped, with its peer (→ sent, ← received), and what "
        "happens (· connected, closed…)")))
    out.add_argument("--trace", action="store_true", help=tr(N_(
        "print every socket call on stderr as a line of Python (the window's trace pane)")))
    out.add_argument("-q", "--quiet", action="store_true", help=tr(N_(
        "do not print where the server listens (errors are always printed)")))
    out.add_argument("--timeout", type=seconds, metavar="S", help=tr(N_(
        "give up when S seconds pass with nothing received or sent (a client's connect too): exit 4 if "
        "nothing at all was received, else 0")))

    _add_socket_options(parser.add_argument_group(tr(GROUP_OPTIONS)), role)
    if not tcp:  # issue 14's unreliable network lab, on what this side sends; flags as netcore lists them
        from netcore.impairment import IMPAIRMENT_FLAGS

        lab = parser.add_argument_group(tr(GROUP_IMPAIRMENT))
        for flag, key, metavar, words in IMPAIRMENT_FLAGS:
            lab.add_argument(flag, dest=key, metavar=metavar, help=tr(words))
    return parser


def _add_socket_options(group: argparse._ArgumentGroup, role: str) -> None:
    tcp = role.startswith("tcp")
    flag = argparse.BooleanOptionalAction
    size = whole_number(1, 1 << 30)
    group.add_argument("--reuse-addr", action=flag, help=tr(N_(
        "SO_REUSEADDR (a TCP server sets it by itself: it can listen again at once after a restart)")))
    if tcp:
        group.add_argument("--nodelay", action=flag, help=tr(N_(
            "TCP_NODELAY: small writes go at once (on by default); --no-nodelay turns Nagle's algorithm on")))
        group.add_argument("--keepalive", action=flag, help=tr(N_("SO_KEEPALIVE: probe an idle connection")))
    else:
        group.add_argument("--broadcast", action=flag, help=tr(N_(
            "SO_BROADCAST: allow sending to a broadcast address")))
    group.add_argument("--rcvbuf", type=size, metavar="BYTES",
                       help=tr(N_("SO_RCVBUF: the receive buffer asked for")))
    group.add_argument("--sndbuf", type=size, metavar="BYTES",
                       help=tr(N_("SO_SNDBUF: the send buffer asked for")))
    group.add_argument("--ttl", type=whole_number(1, 255), metavar="N", help=tr(N_(
        "IP_TTL (IPv6: IPV6_UNICAST_HOPS): how many routers a packet may cross")))
    if not tcp:
        group.add_argument("--multicast-ttl", type=whole_number(0, 255), metavar="N", help=tr(N_(
            "IP_MULTICAST_TTL: how far multicast datagrams go")))
        group.add_argument("--multicast-loop", action=flag, help=tr(N_(
            "IP_MULTICAST_LOOP: hear this computer's own multicast datagrams")))
        group.add_argument("--multicast-if", metavar="ADDRESS", help=tr(N_(
            "IP_MULTICAST_IF: the IPv4 address of the interface multicast leaves from")))
    if role.endswith("client"):
        group.add_argument("--bind-host", metavar="HOST", help=tr(N_(
            "the local address to send from (bind() before connecting)")))
        group.add_argument("--bind-port", metavar="PORT", help=tr(N_("the local port to send from")))


def exit_codes_lines(width: int | None = None) -> list[str]:
    """``    0  ok: …`` for each exit code, in the current language, wrapped to ``width`` cells."""
    lines = []
    for code, words in exits.TABLE:
        wrapped = wrap(tr(words), (width or _width()) - 7)
        lines.append(f"  {code:>3}  {wrapped[0]}")
        lines += [" " * 7 + more for more in wrapped[1:]]
    return lines


def _epilog(role: str, prog: str) -> str:
    lines = [tr(EXAMPLES_TITLE)]
    lines += [f"  {example.format(prog=prog)}" for example in EXAMPLES[role]]
    lines += ["", tr(EXIT_CODES_TITLE), *exit_codes_lines()]
    return "\n".join(lines)


def _width() -> int:
    return max(40, min(shutil.get_terminal_size().columns - 2, 100))
