"""Running the command line as a subprocess, and the real peers it is tested against.

Every process started here is stopped at the end of its test (the ``procs``
fixture in conftest.py), and every wait has a deadline.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: How long a whole exchange may take before the test fails (a hang is a failure, never a wait).
DEADLINE = 20.0


def cli_command(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), *args]


def cli_env(lang: str = "en", **extra: str) -> dict[str, str]:
    """The environment for a run: a language, no display (the command line needs none)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "zh_CN.UTF-8" if lang == "zh" else "C.UTF-8"
    # this machine sets PYTHONDONTWRITEBYTECODE: every run would compile the ~50 modules it imports
    # again (0.2 s of CPU each); with it unset the first run writes __pycache__ (git-ignored) for the rest
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def run_cli(*args: str, input: bytes = b"", timeout: float = DEADLINE, lang: str = "en",
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run one command to its end; stdin is ``input``."""
    return subprocess.run(cli_command(*args), input=input, capture_output=True, timeout=timeout, cwd=ROOT,
                          env=env or cli_env(lang))


def text(result: subprocess.CompletedProcess[bytes]) -> str:
    """What a run said on stderr, for asserts and failure messages."""
    return result.stderr.decode("utf-8", "replace")


class Started:
    """A command running in the background.  Its stdout and stderr are read at once by two threads,
    so a command that writes a lot never blocks on a full pipe while the test waits for something else."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.proc = proc
        self.lines: list[str] = []
        self._out: list[bytes] = []
        self._changed = threading.Condition()
        self._readers = [threading.Thread(target=self._read_lines, daemon=True),
                         threading.Thread(target=self._read_out, daemon=True)]
        for reader in self._readers:
            reader.start()

    def _read_lines(self) -> None:
        assert self.proc.stderr is not None
        for raw in self.proc.stderr:
            with self._changed:
                self.lines.append(raw.decode("utf-8", "replace"))
                self._changed.notify_all()

    def _read_out(self) -> None:
        assert self.proc.stdout is not None
        while chunk := self.proc.stdout.read1(65536):
            self._out.append(chunk)

    def wait_line(self, pattern: str, timeout: float = DEADLINE) -> re.Match[str]:
        """The first stderr line (so far, or to come) that matches ``pattern``."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        seen = 0
        with self._changed:
            while True:
                for line in self.lines[seen:]:
                    found = regex.search(line)
                    if found:
                        return found
                seen = len(self.lines)
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self._readers[0].is_alive()):
                    raise AssertionError(f"no stderr line matches {pattern!r}: {self.lines!r}")
                self._changed.wait(min(left, 0.1))

    def port(self) -> int:
        """The port of a server started on port 0 (its first line says where it listens)."""
        return int(self.wait_line(r"(?:Listening on|Bound to) .*:(\d+)[.:]").group(1))

    def finish(self, timeout: float = DEADLINE) -> tuple[int, bytes, str]:
        """Wait for the end: (exit code, all of stdout, all of stderr)."""
        self.proc.wait(timeout=timeout)
        for reader in self._readers:
            reader.join(timeout)
        return self.proc.returncode, b"".join(self._out), "".join(self.lines)


def need(tool: str) -> str:
    """The path of a Debian tool the tests run against; a clear failure when it is missing."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed: the command line is tested against it. "
                    f"Install it with: sudo apt-get install {tool} (./test.sh does it when run as root)")
    return path


def free_port(kind: int = socket.SOCK_STREAM, host: str = "127.0.0.1") -> int:
    """A port nothing uses now (for a peer that cannot say which one it took)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, kind) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def wait_bound(port: int, kind: int = socket.SOCK_STREAM, host: str = "127.0.0.1",
               timeout: float = DEADLINE) -> None:
    """Until a peer has bound ``port``: binding it ourselves then fails with EADDRINUSE."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket(family, kind) as sock:
            try:
                sock.bind((host, port))
            except OSError:
                return
        time.sleep(0.02)
    raise AssertionError(f"nothing bound {host} port {port} within {timeout} s")


def wait_path(path: Path, timeout: float = DEADLINE) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} did not appear within {timeout} s")
        time.sleep(0.02)
