"""A replayable script made from the socket calls an endpoint really made.

The input is the :class:`~netcore.events.SocketCall` events an
:class:`~netcore.sockops.EventTracer` posted (their ``call`` text is a line of
Python such as ``s.bind(('127.0.0.1', 9999))``).  :func:`replay_script` turns
them into a script that does the same again, blocking: it re-does the setup
(``socket``, ``setsockopt``, ``bind``/``connect``, ``listen``, ``accept``) and
the sends; what was received stays as comments with its size, since a replay
cannot know what a peer will send this time.  Calls that only serve SockLab's
non-blocking loop (``setblocking``, the selector, a would-block) are left out,
and calls that failed are kept as comments with their error.

Pure functions of their arguments: any thread may call them.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Sequence

from .codegen import literal
from .errors import N_
from .events import SocketCall

Translate = Callable[[str], str]

_CREATE = re.compile(r"^(\w+) = socket\((\w+), (\w+)\)$")
_METHOD = re.compile(r"^(\w+)\.(\w+)\((.*)\)$", re.S)
_CONSTANT = re.compile(r"\b((?:AF|SOCK|SOL|SO|IPPROTO|IPV6|IP|TCP|SHUT)_[A-Z0-9_]+)\b")
_ACCEPT_LINE = re.compile(r"^(\w+), addr = (\w+)\.accept\(\)$")
_ACCEPTED = re.compile(r"^\((\w+), (.*)\)$", re.S)
#: Calls whose arguments are constants and numbers only (safe to prefix with ``socket.``).
_WITH_CONSTANTS = frozenset(("setsockopt", "shutdown"))
_REDONE = frozenset(("bind", "listen", "connect", "close"))
_SHOWN = frozenset(("getsockname", "getpeername", "getsockopt"))

HEADER = N_("SockLab's {tab} tab made these socket calls; this script makes them again, blocking.")
RECEIVED_NOTE = N_("What arrived is shown in comments: a replay cannot know what the peer will send.")
NON_BLOCKING_NOTE = N_("SockLab's socket was non-blocking, with a selector waiting for it; "
                       "this replay blocks instead, so each call waits until it can be done.")
FAILED_NOTE = N_("failed in SockLab:")
RECEIVED = N_("received")
CONTENT_NOT_KEPT = N_("{size} bytes were sent; the trace keeps only their size.")
MORE_SENDS = N_("Repeated sends (×{count}) moved {size} bytes; the trace keeps only their total.")
NOTHING = N_("Nothing yet: start the tab, then export again.")
CUT = N_("The trace kept the first {kept} calls; {more} more are not in this script.")
SAY_LISTENING = N_("Listening on")


def _socket_constants(args: str) -> str:
    return _CONSTANT.sub(r"socket.\1", args)


def _size(result: str) -> int | None:
    """The number a send returned (``"1,234"``), or None for an error text."""
    digits = result.replace(",", "").strip()
    return int(digits) if digits.isdigit() else None


def _sent_data(args: str, result: str) -> str | None:
    """What to send again: the recorded bytes (cut to what the call took), or zeros of its size."""
    size = _size(result)
    if size is None:
        return None
    if args.startswith(("b'", 'b"')):
        try:
            data = ast.literal_eval(args)
        except (ValueError, SyntaxError):
            data = None
        if isinstance(data, bytes):
            return repr(data[:size])
    return f"bytes({size})"


class _Replay:
    def __init__(self, translate: Translate) -> None:
        self.tr = translate
        self.lines: list[str] = []
        self.blocking_said = False
        self.kinds: dict[str, str] = {}  # socket name -> SOCK_STREAM / SOCK_DGRAM

    def note(self, text: str, **params: object) -> None:
        self.lines.append("# " + self.tr(text).format(**params))

    def comment(self, text: str) -> None:
        self.lines.append("# " + text)

    def code(self, text: str) -> None:
        self.lines.append(text)

    def non_blocking(self) -> None:
        if not self.blocking_said:
            self.blocking_said = True
            self.note(NON_BLOCKING_NOTE)

    def add(self, call: SocketCall) -> None:
        text, result = call.call, call.result
        created = _CREATE.match(text)
        if created:
            name, family, kind = created.groups()
            self.kinds[name] = kind
            if call.errno is not None:
                self.comment(f"{text}  → {self.tr(FAILED_NOTE)} {result}")
            else:
                self.code(f"{name} = socket.socket(socket.{family}, socket.{kind})")
            return
        taken = _ACCEPT_LINE.match(text)  # ``conn1, addr = s.accept()``, the address as its result
        if taken is not None:
            if result.startswith("BlockingIOError"):
                self.non_blocking()  # nobody was waiting yet: a blocking accept() just waits
            elif call.errno is not None:
                self.comment(f"{text}  → {self.tr(FAILED_NOTE)} {result}")
            else:
                self.code(f"{taken.group(1)}, addr = {taken.group(2)}.accept()  # → {result}")
            return
        method = _METHOD.match(text)
        if method is None:
            self.comment(f"{text}  → {result}" if result else text)
            return
        name, func, args = method.groups()
        if (name == "sel" or func == "setblocking" or result.startswith("BlockingIOError")
                or result == "would block"):
            self.non_blocking()  # how SockLab's loop waits: a blocking script has no use for it
            return
        if args == "…":  # the tracer's summary of repeated calls
            self._summary(name, func, call)
        elif call.errno is not None:
            self.comment(f"{text}  → {self.tr(FAILED_NOTE)} {result}")
        elif func in ("recv", "recvfrom"):
            self.comment(f"{text}  → {self.tr(RECEIVED)} {result}")
        elif func in ("send", "sendto"):
            self._send(name, func, args, result)
        elif func == "connect_ex":
            self.code(f"{name}.connect({args})")
        elif func == "accept":
            accepted = _ACCEPTED.match(result)
            conn = accepted.group(1) if accepted else "conn"
            self.code(f"{conn}, addr = {name}.accept()  # → {accepted.group(2) if accepted else result}")
        elif func in _WITH_CONSTANTS:
            self.code(f"{name}.{func}({_socket_constants(args)})")
        elif func in _REDONE:
            self.code(f"{name}.{func}({args})")
            if func == "listen":
                self.code(f"print({literal(self.tr(SAY_LISTENING))}, {name}.getsockname(), flush=True)")
        elif func in _SHOWN:
            self.comment(f"{text}  → {result}")
        else:
            self.comment(f"{text}  → {result}" if result else text)

    def _send(self, name: str, func: str, args: str, result: str) -> None:
        target = ""
        if func == "sendto":
            split = args.rfind(", (")
            if split < 0:
                self.comment(f"{name}.{func}({args})  → {result}")
                return
            args, target = args[:split], args[split:]
        data = _sent_data(args, result)
        if data is None:
            self.comment(f"{name}.{func}({args}{target})  → {result}")
            return
        if data.startswith("bytes("):
            self.note(CONTENT_NOT_KEPT, size=result)
        if func == "sendto":
            self.code(f"{name}.sendto({data}{target})")
        else:  # a datagram socket's send() is one whole datagram; a stream's may take part
            self.code(f"{name}.{'send' if self.kinds.get(name) == 'SOCK_DGRAM' else 'sendall'}({data})")

    def _summary(self, name: str, func: str, call: SocketCall) -> None:
        if func == "send" and call.size and self.kinds.get(name) != "SOCK_DGRAM":
            self.note(MORE_SENDS, count=f"{call.count:,}", size=f"{call.size:,}")
            self.code(f"{name}.sendall(bytes({call.size}))")
        else:  # datagrams sent in a flood cannot be told apart again: as a comment, as the tracer put it
            self.comment(f"{call.call} ×{call.count:,}  → {call.result}")


def replay_script(tab: str, calls: Sequence[SocketCall], translate: Translate = lambda text: text,
                  more: int = 0) -> str:
    """A script redoing ``calls`` (oldest first) made by the tab named ``tab`` (already translated).

    ``more`` says how many later calls were not kept (the caller's bound).
    """
    out = _Replay(translate)
    out.code("#!/usr/bin/env python3")
    out.note(HEADER, tab=tab)
    out.note(RECEIVED_NOTE)
    out.code("import socket")
    out.code("")
    if not calls:
        out.note(NOTHING)
    for call in calls:
        out.add(call)
    if more:
        out.note(CUT, kept=f"{len(calls):,}", more=f"{more:,}")
    return "\n".join(out.lines) + "\n"
