"""Running a generated script as a real program, with every wait bounded.

A server script runs until it is killed (:class:`Running`, a context manager
that always kills it); a client script reads its lines from stdin and ends
at the end of the input (:func:`run_client`).
"""

from __future__ import annotations

import os
import re
import selectors
import subprocess
import sys
import time
from pathlib import Path

SCRIPT_TIMEOUT = 15.0
ADDRESS = re.compile(r"\('([^']*)', (\d+)")


def write(tmp_path: Path, text: str, name: str = "script.py") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    compile(text, str(path), "exec")  # a syntax error fails here, with the line
    return path


def run_client(path: Path, stdin: str, timeout: float = SCRIPT_TIMEOUT) -> subprocess.CompletedProcess:
    """Run a client script to its end with ``stdin`` as its keyboard; fails if it outlives ``timeout``."""
    return subprocess.run([sys.executable, "-u", str(path)], input=stdin.encode("utf-8"),
                          capture_output=True, timeout=timeout, check=False, cwd=path.parent)


class Running:
    """A server script running in the background; ``with`` kills it at the end, whatever happens."""

    def __init__(self, path: Path, stdin: str = "") -> None:
        self.proc = subprocess.Popen([sys.executable, "-u", str(path)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=path.parent)
        assert self.proc.stdin is not None
        if stdin:
            self.proc.stdin.write(stdin.encode("utf-8"))
            self.proc.stdin.flush()
        self.output = b""

    def __enter__(self) -> Running:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=5)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()

    def wait_for(self, pattern: str, timeout: float = SCRIPT_TIMEOUT) -> re.Match[str]:
        """Read the script's output until ``pattern`` matches it; fail after ``timeout`` s."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while True:
                found = re.search(pattern, self.output.decode("utf-8", "replace"))
                if found:
                    return found
                left = deadline - time.monotonic()
                chunk = os.read(fd, 65536) if left > 0 and selector.select(min(left, 0.2)) else None
                if left <= 0 or chunk == b"":  # out of time, or the script ended (end of its output)
                    self.proc.kill()
                    self.proc.wait(timeout=5)
                    assert self.proc.stderr is not None
                    raise AssertionError(f"no {pattern!r} in the output within {timeout} s: "
                                         f"{self.output!r} {self.proc.stderr.read().decode()}")
                self.output += chunk or b""

    def port(self) -> int:
        """The port the server printed (it prints ``getsockname()``)."""
        return int(self.wait_for(ADDRESS.pattern).group(2))
