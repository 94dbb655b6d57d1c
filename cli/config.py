"""From the parsed arguments to a checked :class:`RunConfig`, with netcore's own checks and words.

Everything that can be checked without the network is checked here, before
any socket is opened: the host and the port (netcore.addresses), the
encoding, the text of --send, --reply fixed and --rule (netcore.payload), the
socket options (netcore.options).  A mistake raises :class:`~netcore.NetError`
(exit 2, bad arguments) with the sentence the window would show.  Main thread.
"""

from __future__ import annotations

import argparse
import re
import socket
from collections.abc import Callable

from netcore import NetError, SocketOptions, parse_host, parse_port
from netcore.addresses import is_unix_path
from netcore.datagram import AF_UNIX, check_size
from netcore.display import DisplayDecoder
from netcore.impairment import IMPAIRMENT_FLAGS, Impairment, impairment_from_flags
from netcore.payload import encode_payload
from netcore.values import Value

from .words import N_

NO_ADDRESS = N_("Say where: give the host and the port, for example 127.0.0.1 9999, or --unix PATH.")
NO_PORT = N_("Say which port, for example 9999 (0: the system chooses one).")
UNIX_AND_HOST = N_("--unix PATH takes the place of HOST and PORT: give one or the other, not both.")
SEND_TWICE = N_("Give --send or --send-file, not both.")
NOTHING_TO_REPEAT = N_("--interval and --count repeat the --send or --send-file message: "
                       "give one of them too.")
BAD_REPLY = N_("--reply takes echo, ctime, or fixed followed by the text to answer (you gave “{value}”).")
BAD_RULE = N_("The rule “{rule}” needs the form REGEX=REPLY, for example 'ping=pong'.")
BAD_PATTERN = N_("The pattern of the rule “{rule}” is not a valid regular expression: {reason}.")
CANNOT_READ = N_("Cannot read the file {path}: {reason}.")
REPLY_AND_STDIN = N_("A server that answers by itself (--reply, --rule) reads nothing from stdin; "
                     "--send is for clients and for greeting each TCP client.")

#: Unescaped "=": where REGEX ends and REPLY begins (``\=`` is an "=" inside REGEX).
_RULE_SPLIT = re.compile(r"(?<!\\)=")


class Rule(Value):
    """``--rule REGEX=REPLY``: answer text matching ``pattern`` with ``reply`` (already encoded)."""

    pattern: str
    reply: bytes


class RunConfig(Value):
    """What a role runs with, checked.  ``host`` is ``unix:PATH`` for a Unix socket (port 0)."""

    role: str
    host: str
    port: int
    mode: str
    encoding: str
    line_ending: str
    show: str | None
    trace: bool
    quiet: bool
    timeout: float | None
    send: bytes | None  # --send, encoded
    send_file: str | None
    interval: float | None  # seconds
    count: int | None
    reply: str  # "", "echo", "ctime", "fixed"
    reply_text: bytes  # --reply fixed TEXT, encoded
    rules: tuple[Rule, ...]
    once: bool
    max_clients: int
    options: SocketOptions
    impairment: Impairment | None = None  # UDP: the unreliable network lab (None: off)

    @property
    def unix(self) -> bool:
        return is_unix_path(self.host)

    @property
    def answers(self) -> bool:
        """A server that answers by itself (echo, ctime, fixed, rules): it reads no stdin."""
        return bool(self.reply or self.rules)

    @property
    def sends_message(self) -> bool:
        """--send or --send-file: the message replaces stdin."""
        return self.send is not None or self.send_file is not None


def build_config(role: str, args: argparse.Namespace) -> RunConfig:
    """A checked RunConfig; NetError (bad arguments) with a plain message otherwise."""
    server = role.endswith("server")
    host, port = _address(server, args)
    DisplayDecoder(args.encoding)  # an unknown encoding, or one that cannot show a stream: refused here
    payload_mode = "text" if args.mode == "raw" else args.mode

    def encode(text: str) -> bytes:
        return encode_payload(text, payload_mode, args.encoding, args.line_ending)

    send = getattr(args, "send", None)
    send_file = getattr(args, "send_file", None)
    if send is not None and send_file is not None:
        raise NetError("bad_args", SEND_TWICE)
    interval = getattr(args, "interval", None)
    count = getattr(args, "count", None)
    if (interval is not None or count is not None) and send is None and send_file is None:
        raise NetError("bad_args", NOTHING_TO_REPEAT)
    payload = None if send is None else encode(send)
    if send_file is not None:
        if role == "tcp-client" and interval is None:
            _read_file(send_file, 0)  # streamed as it is sent; checked now that it can be read
        else:  # a datagram, a timer's message or a greeting: held in memory
            payload, send_file = _read_file(send_file, -1), None
    if role == "udp-client" and payload is not None:
        check_size(payload, _family_of(host))  # one datagram: too large is a bad argument, said now
    reply, reply_text = _reply(getattr(args, "reply", None), encode)
    rules = tuple(_rule(text, encode) for text in getattr(args, "rule", []))
    if server and (reply or rules) and (send is not None or send_file is not None):
        raise NetError("bad_args", REPLY_AND_STDIN)
    return RunConfig(
        role=role, host=host, port=port, mode=args.mode, encoding=args.encoding, line_ending=args.line_ending,
        show=args.show, trace=args.trace, quiet=args.quiet, timeout=args.timeout,
        send=payload, send_file=send_file,
        interval=None if interval is None else interval / 1000.0, count=count,
        reply=reply, reply_text=reply_text, rules=rules, once=bool(getattr(args, "once", False)),
        max_clients=getattr(args, "max_clients", 100), options=_options(role, args).validated(),
        impairment=_impairment(args))


def _address(server: bool, args: argparse.Namespace) -> tuple[str, int]:
    given = [value for value in (args.host, args.port) if value is not None]
    if args.unix is not None:
        if given:
            raise NetError("bad_args", UNIX_AND_HOST)
        return parse_host("unix:" + args.unix), 0  # "unix:" lets a relative path through
    if not given:
        raise NetError("bad_args", NO_PORT if server else NO_ADDRESS)
    if is_unix_path(given[0]):  # a path typed where the host goes: the window's form takes it too
        if len(given) > 1:
            raise NetError("bad_args", UNIX_AND_HOST)
        return parse_host(given[0]), 0
    if len(given) == 1:
        if server:
            given = ["127.0.0.1", given[0]]  # PORT alone: this computer only, the window's safe default
        else:
            split = _host_and_port(given[0])
            if split is None:
                raise NetError("bad_args", NO_PORT)
            given = list(split)
    return parse_host(given[0]), parse_port(given[1], allow_zero=server)


def _family_of(host: str) -> int:
    if is_unix_path(host):
        return AF_UNIX
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _read_file(path: str, size: int) -> bytes:
    """``size`` bytes of the file at ``path`` (-1: all of it); NetError when it cannot be read."""
    try:
        with open(path, "rb") as file:
            return file.read(size)
    except OSError as exc:
        raise NetError("bad_file", CANNOT_READ, errno=exc.errno, path=path,
                       reason=exc.strerror or str(exc)) from None


def _host_and_port(text: str) -> tuple[str, str] | None:
    """``127.0.0.1:9999`` or ``[::1]:9999`` written as one argument, split; None otherwise."""
    host, colon, port = text.rpartition(":")
    if not colon or not port.isdigit() or not host:
        return None
    if ":" in host and not (host.startswith("[") and host.endswith("]")):
        return None  # a bare IPv6 address: its last group is not a port
    return host, port


def _reply(value: list[str] | None, encode: Callable[[str], bytes]) -> tuple[str, bytes]:
    if not value:
        return "", b""
    mode, rest = value[0], value[1:]
    if mode in ("echo", "ctime") and not rest:
        return mode, b""
    if mode == "fixed" and len(rest) == 1:
        return mode, encode(rest[0])
    raise NetError("bad_args", BAD_REPLY, value=" ".join(value))


def _rule(text: str, encode: Callable[[str], bytes]) -> Rule:
    parts = _RULE_SPLIT.split(text, 1)
    if len(parts) != 2 or not parts[0]:
        raise NetError("bad_args", BAD_RULE, rule=text)
    pattern, reply = parts
    try:
        re.compile(pattern)
    except re.error as exc:
        raise NetError("bad_args", BAD_PATTERN, rule=text, reason=str(exc)) from None
    return Rule(pattern, encode(reply))


def _impairment(args: argparse.Namespace) -> Impairment | None:
    """--loss, --dup, --reorder, --delay, --jitter, --seed (UDP roles), read as the window's lab does."""
    given = {key: getattr(args, key, None) for _flag, key, _metavar, _words in IMPAIRMENT_FLAGS}
    if all(value is None for value in given.values()):
        return None
    lab = impairment_from_flags(**given)
    return lab if lab.active else None


def _options(role: str, args: argparse.Namespace) -> SocketOptions:
    bind_port = getattr(args, "bind_port", None)
    return SocketOptions(
        reuse_addr=args.reuse_addr, nodelay=getattr(args, "nodelay", None),
        keepalive=getattr(args, "keepalive", None), broadcast=getattr(args, "broadcast", None),
        rcvbuf=args.rcvbuf, sndbuf=args.sndbuf, ttl=args.ttl,
        multicast_ttl=getattr(args, "multicast_ttl", None),
        multicast_loop=getattr(args, "multicast_loop", None),
        multicast_interface=getattr(args, "multicast_if", None), bind_host=getattr(args, "bind_host", None),
        bind_port=None if bind_port is None else parse_port(bind_port))
