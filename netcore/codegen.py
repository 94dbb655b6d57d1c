"""Short, runnable Python scripts that do what a SockLab tab does, the way the textbooks write it.

SockLab's endpoints serve many peers with non-blocking sockets and a
selector; a beginner's program blocks: ``socket`` → ``bind`` → ``listen`` →
``accept`` → a ``recv``/``send`` loop, or ``connect``, or
``sendto``/``recvfrom``.  :func:`generate` writes that blocking program for a
tab's current settings (:class:`ScriptSettings`: family, address, the tab's
options, a server's reply mode, the send box's encoding and line ending).

Every script reads what to send from the keyboard (an empty line or end of
input ends a client), prints what it receives, and a server answers by
echo, with ``[time.ctime()] data`` or with a line typed by its user.  The
comments and printed words are English templates marked with ``N_``; pass
``translate`` (the GUI's ``tr``) to have them in the user's language.

Pure functions of their arguments: any thread may call them.
"""

from __future__ import annotations

from collections.abc import Callable

from .addresses import UNIX_PREFIX, is_unix_path
from .errors import N_
from .limits import DEFAULT_BACKLOG
from .values import Value

KINDS = ("tcp-server", "tcp-client", "udp-server", "udp-client")
REPLIES = ("manual", "echo", "ctime")
LINE_ENDING_TEXT = {"none": "", "lf": "\n", "crlf": "\r\n"}
#: How long the UDP client script waits for an answer: UDP says nothing when nobody answers.
UDP_REPLY_WAIT = 5
RECV_SIZE = 4096
DATAGRAM_SIZE = 65535

Translate = Callable[[str], str]

# --- words of the scripts (comments and what they print) ---
HEADER = {
    "tcp-server": N_("A TCP server like SockLab's TCP server tab, written the blocking way."),
    "tcp-client": N_("A TCP client like SockLab's TCP client tab, written the blocking way."),
    "udp-server": N_("A UDP server like SockLab's UDP server tab, written the blocking way."),
    "udp-client": N_("A UDP client like SockLab's UDP client tab, written the blocking way."),
}
RUN_SERVER = N_("Run it with python3; stop it with Ctrl+C.")
RUN_CLIENT = N_("Run it with python3, type a line and press Enter; an empty line ends it.")
FAMILY_NOTE = {
    "AF_INET": N_("AF_INET: IPv4 addresses."),
    "AF_INET6": N_("AF_INET6: IPv6 addresses."),
    "AF_UNIX": N_("AF_UNIX: a socket file on this computer, no network."),
}
KIND_NOTE = {
    "SOCK_STREAM": N_("SOCK_STREAM: TCP, a connected byte stream (no message boundaries)."),
    "SOCK_DGRAM": N_("SOCK_DGRAM: UDP, separate datagrams, each whole or not at all."),
}
REUSE_NOTE = N_("Lets the server start again at once while old connections linger in TIME_WAIT.")
STALE_NOTE = N_("A socket file left by an earlier run makes bind() fail, so remove it first.")
LISTEN_NOTE = N_("Clients that connect wait in a queue of this length until accept() takes them.")
MAX_CLIENTS_NOTE = N_("The tab serves up to {count} clients at once with a selector; this script serves "
                      "one client at a time, and the next waits in listen()'s queue.")
ACCEPT_NOTE = N_("accept() waits for a client and returns a new socket just for it.")
RECV_NOTE = N_("recv() waits for data; b'' means the other side closed.")
ECHO_NOTE = N_("Echo: send back exactly what arrived.")
CTIME_NOTE = N_("Answer with the time, then the data: [Sun Nov 29 18:22:38 2026] data")
MANUAL_NOTE = N_("Type the answer, as in the tab's send box.")
TIMEOUT_NOTE = N_("Give up connecting after TIMEOUT seconds, like the tab's Timeout field.")
NO_TIMEOUT_NOTE = N_("Once connected, wait for data as long as it takes.")
SENDALL_NOTE = N_("sendall() repeats send() until every byte is handed to the system.")
UDP_BIND_NOTE = N_("UDP has no listen() and no accept(): binding the port is all a server does.")
RECVFROM_NOTE = N_("recvfrom() waits for one datagram and says who sent it.")
SENDTO_NOTE = N_("sendto() sends one datagram to an address; no connection is needed.")
LOCAL_PORT_NOTE = N_("Replies come back to this port, like the tab's Local port field.")
UDP_WAIT_NOTE = N_("UDP gives no error when nobody answers: stop waiting after a few seconds.")
STOP_NOTE = N_("Ctrl+C, or the end of the input, ends the program.")
WITH_NOTE = N_("The with block closes the socket at the end, as close() would.")
SAY_LISTENING = N_("Listening on")
SAY_BOUND = N_("Waiting for datagrams on")
SAY_CONNECTED = N_("Connected to")
SAY_CLIENT = N_("Client connected:")
SAY_GONE = N_("Client left:")
SAY_RECEIVED = N_("Received:")
SAY_FROM = N_("From")
SAY_CLOSED = N_("The server closed the connection.")
SAY_NO_REPLY = N_("No reply within {seconds} s: is a server listening there?")
OPTION_LEVELS = {"SO_REUSEADDR": "SOL_SOCKET", "SO_KEEPALIVE": "SOL_SOCKET", "SO_BROADCAST": "SOL_SOCKET",
                 "SO_RCVBUF": "SOL_SOCKET", "SO_SNDBUF": "SOL_SOCKET", "TCP_NODELAY": "IPPROTO_TCP"}
OPTIONS_NOTE = N_("The options chosen in Learn → Socket options…, set before the socket is used.")
SOCK_TIMEOUT_NOTE = N_("Calls that wait (accept, connect, recv) raise TimeoutError after this many seconds.")
NOT_BLOCKING_NOTE = N_("Blocking is off in the options, but this script waits for each call, so its socket "
                       "stays blocking: a non-blocking one raises BlockingIOError unless a selector waits "
                       "for it (as SockLab's own loop does).")
MULTICAST_NOTE = N_("Multicast, for what this socket sends to a group: the TTL (hop limit) says how many "
                    "routers a datagram may cross (0: this computer only, 1: this network), loop 1 lets "
                    "this computer hear its own, and the interface is the one datagrams leave by.")
JOIN_NOTE = N_("Join the group: the request is the group's address, then the interface's address (IPv4, "
               "0.0.0.0: the system chooses) or index (IPv6, 0: the system chooses). Closing the socket "
               "leaves it.")
UNIX_REPLY_NOTE = N_("A Unix datagram socket can be answered only if it has a path of its own: bind one "
                     "next to the server's, and remove it at the end.")
UNNAMED_NOTE = N_("A sender that bound no path has no address (it shows as None or ''): it cannot be "
                  "answered.")


class ScriptSettings(Value):
    """What a tab is set to.  ``host`` is a host name or address, or ``unix:/path`` (then no port)."""

    kind: str
    host: str
    port: int = 0
    reply: str = "manual"  # servers: "manual", "echo" or "ctime"
    max_clients: int | None = None  # the TCP server tab's limit
    timeout: float | None = None  # the TCP client tab's connect timeout
    local_port: int = 0  # the UDP client tab's local port (0: any)
    encoding: str = "utf-8"
    line_ending: str = "none"  # "none", "lf" or "crlf"
    # the options window's choice: (("SO_RCVBUF", 65536), ("TCP_NODELAY", 0)...) set after socket();
    # SO_REUSEADDR here replaces the TCP server's own line
    options: tuple[tuple[str, int], ...] = ()
    sock_timeout: float | None = None  # settimeout() on the socket
    blocking: bool = True
    # multicast (UDP): what is sent to a group, and the groups joined as (group, interface) pairs; an
    # interface is an IPv4 address for AF_INET ("": 0.0.0.0) and a name or index for AF_INET6 ("": 0)
    multicast_ttl: int | None = None
    multicast_loop: bool | None = None
    multicast_interface: str = ""
    groups: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        if self.reply not in REPLIES:
            raise ValueError(f"unknown reply mode {self.reply!r}")
        if self.line_ending not in LINE_ENDING_TEXT:
            raise ValueError(f"unknown line ending {self.line_ending!r}")
        unknown = [name for name, _value in self.options if name not in OPTION_LEVELS]
        if unknown:
            raise ValueError(f"unknown socket option {unknown[0]!r}")


def family_of(host: str) -> str:
    """The address family constant a script uses for ``host``."""
    if is_unix_path(host):
        return "AF_UNIX"
    return "AF_INET6" if ":" in host else "AF_INET"


def literal(text: str) -> str:
    """``text`` as a Python string literal, in double quotes as most style guides write them."""
    code = repr(text)
    if code.startswith("'") and '"' not in text:
        code = '"' + code[1:-1].replace("\\'", "'") + '"'
    return code


def script_name(kind: str) -> str:
    """A file name to offer when saving the script."""
    return f"socklab_{kind.replace('-', '_')}.py"


class _Script:
    """Lines of Python with comments translated as they are added."""

    def __init__(self, translate: Translate) -> None:
        self.tr = translate
        self.lines: list[str] = []

    def add(self, depth: int, code: str, note: str | None = None) -> None:
        """A line of code, after its comment (a line of its own: comments are sentences)."""
        if note:
            self.note(depth, note)
        self.lines.append("    " * depth + code)

    def note(self, depth: int, *notes: str, **params: object) -> None:
        """A comment line: ``notes`` translated, joined, then filled in with ``params``."""
        self.lines.append("    " * depth + "# " + " ".join(self.tr(n) for n in notes).format(**params))

    def say(self, text: str, **params: object) -> str:
        """A translated phrase as a Python string literal, for print()."""
        return literal(self.tr(text).format(**params))

    def blank(self) -> None:
        self.lines.append("")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def generate(settings: ScriptSettings, translate: Translate = lambda text: text) -> str:
    """The script for ``settings``, with its comments in the language of ``translate``."""
    out = _Script(translate)
    kind = settings.kind
    family = family_of(settings.host)
    server = kind.endswith("server")
    out.add(0, "#!/usr/bin/env python3")
    out.note(0, HEADER[kind])
    out.note(0, RUN_SERVER if server else RUN_CLIENT)
    imports = ["socket"]
    if family == "AF_UNIX" and server:
        imports = ["os", "socket", "stat"]
    elif family == "AF_UNIX" and kind == "udp-client":
        imports = ["os", "socket"]
    if settings.reply == "ctime" and kind == "udp-server":
        imports.append("time")
    if settings.groups and family == "AF_INET6":
        imports.append("struct")
    for module in imports:
        out.add(0, f"import {module}")
    out.blank()
    _constants(out, settings, family)
    out.blank()
    out.blank()
    out.add(0, "def main() -> None:")
    {"tcp-server": _tcp_server, "tcp-client": _tcp_client,
     "udp-server": _udp_server, "udp-client": _udp_client}[kind](out, settings, family)
    out.blank()
    out.blank()
    out.add(0, 'if __name__ == "__main__":')
    out.add(1, "try:", STOP_NOTE)
    out.add(2, "main()")
    out.add(1, "except (KeyboardInterrupt, EOFError):")
    out.add(2, "pass")
    return out.text()


def _constants(out: _Script, settings: ScriptSettings, family: str) -> None:
    if family == "AF_UNIX":
        out.add(0, f"PATH = {literal(settings.host.removeprefix(UNIX_PREFIX))}")
    else:
        out.add(0, f"HOST = {literal(settings.host)}")
        out.add(0, f"PORT = {settings.port}")
    if settings.kind == "tcp-client" and settings.timeout is not None:
        out.add(0, f"TIMEOUT = {settings.timeout:g}")
    if settings.kind == "udp-client" and settings.local_port:
        out.add(0, f"LOCAL_PORT = {settings.local_port}")
    out.add(0, f"ENCODING = {literal(settings.encoding)}")
    if not settings.kind.endswith("server") or settings.reply == "manual":
        out.add(0, f"LINE_ENDING = {literal(LINE_ENDING_TEXT[settings.line_ending])}")


def _address(family: str) -> str:
    return "PATH" if family == "AF_UNIX" else "(HOST, PORT)"


def _open(out: _Script, family: str, kind: str, name: str, settings: ScriptSettings | None = None) -> None:
    out.note(1, FAMILY_NOTE[family], KIND_NOTE[kind])
    out.add(1, f"with socket.socket(socket.{family}, socket.{kind}) as {name}:", WITH_NOTE)
    if settings is None:
        return
    chosen = [(option, value) for option, value in settings.options
              if not (option == "TCP_NODELAY" and family == "AF_UNIX")]  # a path has no TCP
    if chosen:
        out.note(2, OPTIONS_NOTE)
    for option, value in chosen:
        if option == "SO_REUSEADDR" and kind == "SOCK_STREAM" and name == "server":
            continue  # the server's own line below says it
        out.add(2, f"{name}.setsockopt(socket.{OPTION_LEVELS[option]}, socket.{option}, {value})")
    if kind == "SOCK_DGRAM" and family != "AF_UNIX":
        _multicast(out, settings, family, name)
    if settings.sock_timeout is not None:
        out.add(2, f"{name}.settimeout({settings.sock_timeout:g})", SOCK_TIMEOUT_NOTE)
    if not settings.blocking:
        out.note(2, NOT_BLOCKING_NOTE)


def _multicast(out: _Script, settings: ScriptSettings, family: str, name: str) -> None:
    ipv6 = family == "AF_INET6"
    level = "socket.IPPROTO_IPV6" if ipv6 else "socket.IPPROTO_IP"
    lines = []
    if settings.multicast_ttl is not None:
        option = "IPV6_MULTICAST_HOPS" if ipv6 else "IP_MULTICAST_TTL"
        lines.append(f"{name}.setsockopt({level}, socket.{option}, {settings.multicast_ttl})")
    if settings.multicast_loop is not None:
        option = "IPV6_MULTICAST_LOOP" if ipv6 else "IP_MULTICAST_LOOP"
        lines.append(f"{name}.setsockopt({level}, socket.{option}, {int(settings.multicast_loop)})")
    if settings.multicast_interface:
        value = (_index(settings.multicast_interface) if ipv6
                 else f"socket.inet_aton({literal(settings.multicast_interface)})")
        option = "IPV6_MULTICAST_IF" if ipv6 else "IP_MULTICAST_IF"
        lines.append(f"{name}.setsockopt({level}, socket.{option}, {value})")
    if lines:
        out.note(2, MULTICAST_NOTE)
    for line in lines:
        out.add(2, line)


def _index(interface: str) -> str:
    """An IPv6 interface as a script names it: its index, or ``socket.if_nametoindex("eth0")``."""
    if not interface or interface.isdigit():
        return interface or "0"
    return f"socket.if_nametoindex({literal(interface)})"


def _join_groups(out: _Script, settings: ScriptSettings, family: str, name: str) -> None:
    for index, (group, interface) in enumerate(settings.groups):
        if family == "AF_INET6":
            request = (f"socket.inet_pton(socket.AF_INET6, {literal(group)}) + "
                       f"struct.pack(\"@I\", {_index(interface)})")
            code = f"{name}.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, {request})"
        else:
            address = literal(interface or "0.0.0.0")
            request = f"socket.inet_aton({literal(group)}) + socket.inet_aton({address})"
            code = f"{name}.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, {request})"
        out.add(2, code, JOIN_NOTE if index == 0 else None)


def _reuse_value(settings: ScriptSettings) -> int | None:
    """SO_REUSEADDR for a TCP server: 1 unless the options window turned it off."""
    for option, value in settings.options:
        if option == "SO_REUSEADDR":
            return value
    return 1


def _decoded(name: str) -> str:
    return f'{name}.decode(ENCODING, errors="replace")'


def _read_line(out: _Script, depth: int) -> None:
    out.add(depth, 'text = input("> ")')
    out.add(depth, "if not text:")
    out.add(depth + 1, "break")


def _tcp_server(out: _Script, settings: ScriptSettings, family: str) -> None:
    if family == "AF_UNIX":
        _remove_stale_file(out)
    _open(out, family, "SOCK_STREAM", "server", settings)
    reuse = _reuse_value(settings)
    if family != "AF_UNIX" and reuse:
        out.note(2, REUSE_NOTE)
        out.add(2, f"server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, {reuse})")
    out.add(2, f"server.bind({_address(family)})")
    out.note(2, LISTEN_NOTE)
    if settings.max_clients is not None:
        out.note(2, MAX_CLIENTS_NOTE, count=f"{settings.max_clients:,}")
    out.add(2, f"server.listen({DEFAULT_BACKLOG})")
    out.add(2, f"print({out.say(SAY_LISTENING)}, server.getsockname(), flush=True)")
    out.add(2, "while True:")
    out.add(3, "conn, addr = server.accept()", ACCEPT_NOTE)
    who = "PATH" if family == "AF_UNIX" else "addr"  # a Unix client usually has no address of its own
    out.add(3, "with conn:")
    out.add(4, f"print({out.say(SAY_CLIENT)}, {who}, flush=True)")
    out.add(4, "while True:")
    out.add(5, f"data = conn.recv({RECV_SIZE})", RECV_NOTE)
    out.add(5, "if not data:")
    out.add(6, "break")
    out.add(5, f"print({out.say(SAY_RECEIVED)}, {_decoded('data')}, flush=True)")
    if settings.reply == "echo":
        out.add(5, "conn.sendall(data)", ECHO_NOTE)
    else:
        out.add(5, 'answer = input("> ")', MANUAL_NOTE)
        out.add(5, "conn.sendall((answer + LINE_ENDING).encode(ENCODING))", SENDALL_NOTE)
    out.add(4, f"print({out.say(SAY_GONE)}, {who}, flush=True)")


def _tcp_client(out: _Script, settings: ScriptSettings, family: str) -> None:
    _open(out, family, "SOCK_STREAM", "client", settings)
    if settings.timeout is not None:
        out.add(2, "client.settimeout(TIMEOUT)", TIMEOUT_NOTE)
    out.add(2, f"client.connect({_address(family)})")
    if settings.timeout is not None:
        out.add(2, "client.settimeout(None)", NO_TIMEOUT_NOTE)
    out.add(2, f"print({out.say(SAY_CONNECTED)}, client.getpeername(), flush=True)")
    out.add(2, "while True:")
    _read_line(out, 3)
    out.add(3, "client.sendall((text + LINE_ENDING).encode(ENCODING))", SENDALL_NOTE)
    out.add(3, f"data = client.recv({RECV_SIZE})", RECV_NOTE)
    out.add(3, "if not data:")
    out.add(4, f"print({out.say(SAY_CLOSED)})")
    out.add(4, "break")
    out.add(3, f"print({out.say(SAY_RECEIVED)}, {_decoded('data')}, flush=True)")


def _remove_stale_file(out: _Script) -> None:
    out.note(1, STALE_NOTE)
    out.add(1, "if os.path.exists(PATH) and stat.S_ISSOCK(os.stat(PATH).st_mode):")
    out.add(2, "os.unlink(PATH)")


def _udp_server(out: _Script, settings: ScriptSettings, family: str) -> None:
    if family == "AF_UNIX":
        _remove_stale_file(out)
    _open(out, family, "SOCK_DGRAM", "server", settings)
    out.add(2, f"server.bind({_address(family)})", UDP_BIND_NOTE)
    if family != "AF_UNIX":
        _join_groups(out, settings, family, "server")
    out.add(2, f"print({out.say(SAY_BOUND)}, server.getsockname(), flush=True)")
    out.add(2, "while True:")
    out.add(3, f"data, addr = server.recvfrom({DATAGRAM_SIZE})", RECVFROM_NOTE)
    out.add(3, f"print({out.say(SAY_FROM)}, addr, {_decoded('data')}, flush=True)")
    if family == "AF_UNIX":
        out.add(3, "if not addr:", UNNAMED_NOTE)
        out.add(4, "continue")
    if settings.reply == "echo":
        out.add(3, "server.sendto(data, addr)", ECHO_NOTE)
    elif settings.reply == "ctime":
        out.note(3, CTIME_NOTE)
        out.add(3, 'server.sendto(f"[{time.ctime()}] ".encode(ENCODING) + data, addr)')
    else:
        out.add(3, 'answer = input("> ")', MANUAL_NOTE)
        out.add(3, "server.sendto((answer + LINE_ENDING).encode(ENCODING), addr)", SENDTO_NOTE)


def _udp_client(out: _Script, settings: ScriptSettings, family: str) -> None:
    _open(out, family, "SOCK_DGRAM", "client", settings)
    if family == "AF_UNIX":
        out.add(2, 'own_path = f"{PATH}.{os.getpid()}.client"', UNIX_REPLY_NOTE)
        out.add(2, "client.bind(own_path)")
        out.add(2, "try:")
        _udp_client_loop(out, settings, family, 3)
        out.add(2, "finally:")
        out.add(3, "os.unlink(own_path)")
        return
    if settings.local_port:
        anywhere = '"::"' if family == "AF_INET6" else '""'
        out.add(2, f"client.bind(({anywhere}, LOCAL_PORT))", LOCAL_PORT_NOTE)
    _join_groups(out, settings, family, "client")
    _udp_client_loop(out, settings, family, 2)


def _udp_client_loop(out: _Script, settings: ScriptSettings, family: str, depth: int) -> None:
    out.add(depth, f"client.settimeout({UDP_REPLY_WAIT})", UDP_WAIT_NOTE)
    out.add(depth, "while True:")
    _read_line(out, depth + 1)
    target = _address(family)
    out.add(depth + 1, f"client.sendto((text + LINE_ENDING).encode(ENCODING), {target})", SENDTO_NOTE)
    out.add(depth + 1, "try:")
    out.add(depth + 2, f"data, addr = client.recvfrom({DATAGRAM_SIZE})", RECVFROM_NOTE)
    out.add(depth + 1, "except TimeoutError:")
    out.add(depth + 2, f"print({out.say(SAY_NO_REPLY, seconds=UDP_REPLY_WAIT)}, flush=True)")
    out.add(depth + 2, "continue")
    out.add(depth + 1, f"print({out.say(SAY_FROM)}, addr, {_decoded('data')}, flush=True)")
