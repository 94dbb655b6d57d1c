"""Helpers for the fault tests: plain-words checks, child processes, raw sockets with bounded waits."""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import selectors
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MiB = 1024 * 1024

# What a beginner should never have to read in a message.
JARGON = ("Errno", "errno", "Traceback", "Exception", "OSError", "None", "{", "}", "EPIPE", "ECONN",
          "EMFILE", "file descriptor", "socket.", "b'")


def assert_plain(message: str) -> None:
    """``message`` is a finished sentence in plain words, with no template holes and no jargon."""
    assert message == message.strip() and message, repr(message)
    assert message[0].isupper() or message[0].isdigit() or message[0] == "[", message
    assert message.endswith((".", "?", "!")), message
    assert len(message.split()) >= 6, message
    assert len(message) < 300, message
    for word in JARGON:
        assert word not in message, f"{word!r} in {message!r}"


def payload(size: int, seed: int = 0) -> bytes:
    """Reproducible bytes with no short period, so a lost or reordered piece shows."""
    return random.Random(seed).randbytes(size)


def processed(endpoint, timeout: float = 5.0) -> None:
    """Return once the endpoint's I/O thread has run every command given to it so far.

    A test-only barrier through the endpoint's (private) command queue, which runs in order:
    ``send()`` only hands data to the I/O thread, and a flood must be measured in the
    endpoint's own queue, not in commands still waiting to run.
    """
    done = threading.Event()
    endpoint._call_soon(done.set)
    assert done.wait(timeout), f"{endpoint.name}: its I/O thread did not get to a command within {timeout} s"


def linger_zero(sock: socket.socket) -> None:
    """Make ``close()`` send a reset instead of an orderly end."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def recv_exactly(sock: socket.socket, size: int, timeout: float = 5.0) -> bytes:
    """Read exactly ``size`` bytes from a blocking socket, or fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    data = bytearray()
    while len(data) < size:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        chunk = sock.recv(size - len(data))
        assert chunk, f"end of stream after {len(data)} of {size} bytes"
        data += chunk
    return bytes(data)


def read_to_end(sock: socket.socket, timeout: float = 5.0) -> tuple[bytes, str]:
    """Everything until the peer ends the stream: (data, "eof" or "reset"); fails after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    data = bytearray()
    while True:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no end of stream within {timeout} s ({len(data)} bytes read)"
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(1 << 20)
        except ConnectionResetError:
            return bytes(data), "reset"
        if not chunk:
            return bytes(data), "eof"
        data += chunk


def wait_all_ended(socks: list[socket.socket], timeout: float = 5.0) -> dict[str, int]:
    """Wait until every socket sees end of stream or a reset; counts of each.  Bounded."""
    counts = {"eof": 0, "reset": 0}
    waiting = {sock.fileno(): sock for sock in socks}
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        for sock in socks:
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ)
        while waiting:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"{len(waiting)} of {len(socks)} sockets saw no end within {timeout} s"
            for key, _ in selector.select(remaining):
                sock = key.fileobj
                try:
                    while sock.recv(65536):  # data sent before the end is not the point here
                        pass
                    ended = "eof"
                except BlockingIOError:
                    continue
                except ConnectionResetError:
                    ended = "reset"
                counts[ended] += 1
                selector.unregister(sock)
                del waiting[sock.fileno()]
    return counts


@contextlib.contextmanager
def fd_limit_at_least(wanted: int):
    """Raise the soft RLIMIT_NOFILE to ``wanted`` (if lower) for the block; restore it after."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= wanted:
        yield
        return
    if hard != resource.RLIM_INFINITY and hard < wanted:
        import pytest

        # a failure, not a skip: a fault test that quietly does not run proves nothing
        pytest.fail(f"the hard limit on open files ({hard}) is below the {wanted} this test needs: "
                    f"raise it (ulimit -Hn {wanted}) to run this test")
    resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


class Child:
    """A Python child process that reports in lines on stdout; every wait on it is bounded."""

    def __init__(self, script: str, *args: object) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", script, *map(str, args)], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self._buffer = b""

    def line(self, timeout: float = 10.0) -> str:
        """The next line the child prints (without its newline)."""
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                remaining = deadline - time.monotonic()
                assert remaining > 0, f"the child printed no line within {timeout} s{self._stderr()}"
                if not selector.select(remaining):
                    continue
                chunk = os.read(fd, 65536)
                assert chunk, f"the child ended without printing a line{self._stderr()}"
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode()

    def json(self, timeout: float = 10.0) -> dict:
        return json.loads(self.line(timeout))

    def tell(self, text: str) -> None:
        self.proc.stdin.write(text.encode() + b"\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)

    def wait(self, timeout: float = 10.0) -> int:
        return self.proc.wait(timeout)

    def _stderr(self) -> str:
        if self.proc.poll() is None:
            return ""
        return "; its stderr: " + self.proc.stderr.read().decode(errors="replace")[-2000:]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.kill()
        self.proc.wait(10)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            with contextlib.suppress(OSError):
                pipe.close()
