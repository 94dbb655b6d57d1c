"""Case 4: the server process runs out of file descriptors while accepting."""

from __future__ import annotations

import contextlib
import socket

from .tools import assert_plain, recv_exactly

ROOM = 5  # descriptors left for clients in the child's limit
CLIENTS = ROOM + 4

# An echo TcpServer in a process whose open-file limit leaves room for about ROOM clients.  It
# prints one JSON line per event, and a last "done" line once stopped (the test says "stop").
FD_LIMITED_SERVER = r"""
import json, os, queue, resource, sys, threading
from netcore import Error, PeerConnected, PeerDisconnected, Stopped, TcpServer

def say(**fields):
    print(json.dumps(fields), flush=True)

events = queue.SimpleQueue()
server = TcpServer(events, "127.0.0.1", 0, echo=True, name="srv")
server.start()
port = server.wait_ready()[0].port
# descriptors are numbered from the lowest free one: the limit leaves ROOM numbers above those in use
limit = max(int(name) for name in os.listdir("/proc/self/fd")) + 1 + int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_NOFILE, (limit, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
say(event="ready", port=port, limit=limit)
threading.Thread(target=lambda: (sys.stdin.readline(), events.put("stop")), daemon=True).start()
while True:
    event = events.get(timeout=30)
    if event == "stop":
        break
    if isinstance(event, Error):
        say(event="error", code=event.code, message=event.message, fatal=event.fatal)
    elif isinstance(event, PeerConnected):
        say(event="connected", port=event.peer.port)
    elif isinstance(event, PeerDisconnected):
        say(event="disconnected", port=event.peer.port, reason=event.reason)
ok = server.stop()
rest = []
while True:
    try:
        rest.append(events.get_nowait())
    except queue.Empty:
        break
say(event="done", stopped=ok, stopped_event=[e.reason for e in rest if isinstance(e, Stopped)],
    threads=[t.name for t in threading.enumerate() if t.name.startswith("netcore-")])
"""


class Log:
    """The child's events as they arrive; waits are bounded by the child's line timeout."""

    def __init__(self, server) -> None:
        self.server = server
        self.events: list[dict] = []

    def until(self, predicate, limit: int = 200) -> None:
        for _ in range(limit):
            if predicate(self.events):
                return
            self.events.append(self.server.json())
        raise AssertionError(f"not seen in {limit} events: {self.events}")

    def connected(self) -> list[int]:
        return [e["port"] for e in self.events if e["event"] == "connected"]

    def errors(self) -> list[dict]:
        return [e for e in self.events if e["event"] == "error"]


def _echoes(sock: socket.socket, text: bytes) -> bool:
    sock.sendall(text)
    return recv_exactly(sock, len(text)) == text


def test_out_of_file_descriptors_pauses_accepting_and_recovers(child):
    server = child(FD_LIMITED_SERVER, ROOM)
    ready = server.json()
    assert ready["event"] == "ready"
    log = Log(server)
    with contextlib.ExitStack() as stack:
        clients = {}
        for _ in range(CLIENTS):  # the kernel completes every connection; the child cannot accept them all
            sock = stack.enter_context(socket.create_connection(("127.0.0.1", ready["port"]), timeout=5))
            clients[sock.getsockname()[1]] = sock
        log.until(lambda events: log.errors() and len(log.connected()) >= 1)
        first = log.errors()[0]
        assert first["code"] == "too_many_files" and first["fatal"] is False
        assert_plain(first["message"])
        assert "Too many connections or files are open" in first["message"]
        accepted = log.connected()
        assert 1 <= len(accepted) < CLIENTS
        # the clients it has are served: each gets its echo
        for number, port in enumerate(accepted):
            assert _echoes(clients[port], b"echo %d" % number)
        # two leave; once the pause is over it accepts waiting clients again
        leaving = accepted[:2]
        for port in leaving:
            clients.pop(port).close()
        log.until(lambda events: len(log.connected()) >= len(accepted) + 2, limit=400)
        newcomers = [port for port in log.connected() if port not in accepted]
        assert len(newcomers) >= 2
        for port in newcomers:
            assert _echoes(clients[port], b"late but served")
        for port in accepted[2:]:  # and the old ones still are
            assert _echoes(clients[port], b"still served")
        gone = [e for e in log.events if e["event"] == "disconnected"]
        assert {(e["port"], e["reason"]) for e in gone} == {(port, "closed") for port in leaving}
        assert all(e["code"] == "too_many_files" for e in log.errors())  # nothing else went wrong
    server.tell("stop")
    log.until(lambda events: events and events[-1]["event"] == "done")
    done = log.events[-1]
    assert done == {"event": "done", "stopped": True, "stopped_event": ["stopped"], "threads": []}
    assert server.wait() == 0
