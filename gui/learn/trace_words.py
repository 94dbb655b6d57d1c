"""What each traced socket call means, in one sentence, and where the tutorial's method table lists it.

The trace pane (gui/parts/trace_pane.py) shows these when a line is selected.
The tutorial SockLab grew from lists the socket methods in a table (``s.bind()``,
``s.accept()``...); each explanation names that entry, or says the call is not in
it (the selector, ``shutdown``).  Tk-free: plain data and functions.
"""

from __future__ import annotations

import errno as errno_codes
from typing import NamedTuple

from ..i18n import N_, tr, trf


class CallWords(NamedTuple):
    entry: str  # as the method table writes it
    sentence: str  # English source string (translated where shown)
    in_table: bool = True


CALLS: dict[str, CallWords] = {
    "socket": CallWords("socket(family, type)", N_(
        "Makes a new socket: AF_INET (IPv4), AF_INET6 (IPv6) or AF_UNIX (a file path); "
        "SOCK_STREAM for TCP, SOCK_DGRAM for UDP.")),
    "bind": CallWords("s.bind()", N_(
        "Gives the socket its own address (host and port, or a path): where others reach it. "
        "Port 0 lets the system choose a free one.")),
    "listen": CallWords("s.listen()", N_(
        "Turns a TCP socket into a listening socket; the number is how many connections may wait "
        "to be accepted.")),
    "accept": CallWords("s.accept()", N_(
        "Takes the next waiting connection: returns a new socket for that client alone, and the "
        "client's address.")),
    "connect": CallWords("s.connect()", N_(
        "Connects to a server's address. On a UDP socket it only fixes where datagrams go and "
        "whom they are taken from.")),
    "connect_ex": CallWords("s.connect_ex()", N_(
        "Like connect(), but returns an error number instead of raising one; on a non-blocking socket "
        "115 (EINPROGRESS) means connecting has begun.")),
    "recv": CallWords("s.recv()", N_(
        "Reads what has arrived on a connection, at most the size given; b'' means the other side "
        "closed its sending side.")),
    "send": CallWords("s.send()", N_(
        "Hands bytes to the kernel to send; returns how many it took, which can be fewer than given.")),
    "sendall": CallWords("s.sendall()", N_(
        "Sends every byte, calling send() again until none are left.")),
    "recvfrom": CallWords("s.recvfrom()", N_(
        "Reads one whole datagram, and the address of whoever sent it.")),
    "sendto": CallWords("s.sendto()", N_(
        "Sends one datagram to the address given; no connection is needed.")),
    "getpeername": CallWords("s.getpeername()", N_(
        "Returns the address of the other end of a connected socket.")),
    "getsockname": CallWords("s.getsockname()", N_(
        "Returns the socket's own address; after binding port 0, it shows the port the system chose.")),
    "getsockopt": CallWords("s.getsockopt()", N_(
        "Reads a socket option as the kernel has it; SO_ERROR tells how a non-blocking connect ended "
        "(0: connected).")),
    "setsockopt": CallWords("s.setsockopt()", N_(
        "Sets a socket option: SO_REUSEADDR (reuse a port still in TIME_WAIT), TCP_NODELAY (send small "
        "writes at once), SO_RCVBUF (the receive buffer's size)…")),
    "shutdown": CallWords("s.shutdown(how)", N_(
        "Ends one direction of a connection: SHUT_WR says \"I have nothing more to send\", "
        "and the peer reads b''; the other direction stays open."), in_table=False),
    "close": CallWords("s.close()", N_(
        "Closes the socket and gives its resources back; a TCP peer then reads b''.")),
    "setblocking": CallWords("s.setblocking()", N_(
        "False makes the socket's calls return at once, with BlockingIOError when they would have to "
        "wait, instead of waiting.")),
    "settimeout": CallWords("s.settimeout()", N_(
        "Makes the socket's blocking calls give up with a timeout error after that many seconds.")),
    "gettimeout": CallWords("s.gettimeout()", N_(
        "Returns the timeout settimeout() set (None: wait as long as it takes).")),
    "fileno": CallWords("s.fileno()", N_(
        "Returns the socket's file descriptor: the number the operating system knows it by.")),
    "makefile": CallWords("s.makefile()", N_(
        "Wraps the socket in a file object, so it can be read and written like a file.")),
    "register": CallWords("sel.register()", N_(
        "Asks the selector to watch a socket: EVENT_READ (something to read or to accept), "
        "EVENT_WRITE (room to send, or a connect finished)."), in_table=False),
    "modify": CallWords("sel.modify()", N_(
        "Changes what the selector watches a socket for (EVENT_WRITE while data waits to be sent)."),
        in_table=False),
    "unregister": CallWords("sel.unregister()", N_(
        "Stops watching a socket: it is closing, or reading is paused until the window catches up."),
        in_table=False),
    "select": CallWords("sel.select()", N_(
        "Waits until one of the watched sockets is ready, then says which: the loop then calls "
        "exactly those."), in_table=False),
}

NOT_IN_TABLE = N_("Not in the tutorial's method table: {entry} comes from Python's selectors and socket "
                  "modules.")
UNKNOWN_CALL = N_("A call SockLab made on this socket.")

#: The note the pane shows once per run, before the first non-blocking call.
NON_BLOCKING_NOTE = N_("# non-blocking sockets and a selector (sel): one thread serves every client "
                       "(the tutorial's programs block instead)")
NON_BLOCKING_EXPLAINED = N_(
    "A blocking program waits inside accept() or recv() and serves one client at a time (or needs a "
    "thread for each). SockLab makes every socket non-blocking and asks the selector which are ready; "
    "each call returns at once, and BlockingIOError only means: nothing more for now.")

WOULD_BLOCK = N_("BlockingIOError: nothing to do right now (no data, no connection waiting, or no room "
                 "to send); the selector says when to try again.")
END_OF_FILE = N_("b'' is the end of file: the other side will send nothing more.")
IN_PROGRESS = N_("EINPROGRESS: the connection is on its way; the selector reports when it is done.")
FAILED = N_("It failed: {error} ({name}). The log says what that means here.")
SUMMARY = N_("{count} calls like this came too fast to list one by one: they are added up here{size}.")
SUMMARY_SIZE = N_(", {size} in all")

# short comments after a line (translated, so a beginner reads the result at a glance)
COMMENT_WOULD_BLOCK = N_("# nothing to do now")
COMMENT_EOF = N_("# end of file: the other side closed")
COMMENT_IN_PROGRESS = N_("# connecting…")

IMPAIRED = N_("The impairment lab (Learn → Unreliable network (impairment)…) changed this datagram before "
              "the socket saw it: a dropped one was never handed to the system; a delayed or held-back one "
              "is sent by a later line; a duplicated one is sent twice.")

WOULD_BLOCK_ERRNOS = (errno_codes.EAGAIN, errno_codes.EWOULDBLOCK)


def call_sentence(func: str) -> str:
    """``s.accept() — takes the next waiting connection…`` (translated), or where it comes from."""
    words = CALLS.get(func)
    if words is None:
        return tr(UNKNOWN_CALL)
    text = f"{words.entry} — {tr(words.sentence)}"
    if not words.in_table:
        text += " " + trf(NOT_IN_TABLE, entry=words.entry)
    return text


def result_sentence(func: str, result: str, errno: int | None) -> str:
    """A second sentence about this call's outcome, or ""."""
    if result.startswith("# "):
        return tr(IMPAIRED)
    if errno in WOULD_BLOCK_ERRNOS:
        return tr(WOULD_BLOCK)
    if errno:
        name = errno_codes.errorcode.get(errno, str(errno))
        exception = type(OSError(errno, "")).__name__  # Python picks the subclass: ConnectionRefusedError...
        return trf(FAILED, error=exception, name=f"{name}, errno {errno}")
    if func == "recv" and result == "b''":
        return tr(END_OF_FILE)
    if func == "connect_ex" and "EINPROGRESS" in result:
        return tr(IN_PROGRESS)
    return ""


def comment(func: str, result: str, errno: int | None) -> str:
    """The short translated comment shown after a line, or ""."""
    if errno in WOULD_BLOCK_ERRNOS:
        return tr(COMMENT_WOULD_BLOCK)
    if func == "recv" and result == "b''" and not errno:
        return tr(COMMENT_EOF)
    if func == "connect_ex" and "EINPROGRESS" in result:
        return tr(COMMENT_IN_PROGRESS)
    return ""
