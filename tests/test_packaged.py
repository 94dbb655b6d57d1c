"""The packaged executable (dist/socklab, made by ./build.sh) passes its own self-test.

./test.sh builds it first.  A missing or out-of-date build fails here, loudly:
a broken bundle (missing Tcl data, theme or translations) must never pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXECUTABLE = ROOT / "dist" / ("socklab.exe" if sys.platform == "win32" else "socklab")
SOURCES = [ROOT / "main.py", ROOT / "build" / "socklab.spec", *ROOT.glob("netcore/*.py"),
           *ROOT.glob("gui/**/*.py"), *ROOT.glob("gui/assets/*"), *ROOT.glob("cli/*.py")]


@pytest.fixture(scope="module")
def executable() -> Path:
    if not EXECUTABLE.exists():
        pytest.fail(f"{EXECUTABLE} is missing: run ./build.sh (./test.sh does it first)")
    newest = max(path.stat().st_mtime for path in SOURCES)
    if EXECUTABLE.stat().st_mtime < newest:
        pytest.fail(f"{EXECUTABLE} is older than the sources: run ./build.sh (./test.sh does it first)")
    return EXECUTABLE


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_packaged_self_test_passes(executable, lang, tmp_path):
    env = dict(os.environ, SOCKLAB_CONFIG_DIR=str(tmp_path))
    result = subprocess.run([str(executable), "--self-test", "--lang", lang], capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SockLab self-test: PASS" in result.stdout
    assert f"language {lang}" in result.stdout and "sun-valley" in result.stdout


def test_packaged_app_without_display_explains(executable, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["SOCKLAB_CONFIG_DIR"] = str(tmp_path)
    result = subprocess.run([str(executable), "--lang", "en"], capture_output=True, text=True, timeout=60,
                            env=env)
    assert result.returncode == 2
    assert "needs a graphical display" in result.stderr and "Traceback" not in result.stderr


def test_packaged_app_reports_its_start(executable, tmp_path):
    env = dict(os.environ, SOCKLAB_CONFIG_DIR=str(tmp_path))
    result = subprocess.run([str(executable), "--measure-startup"], capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.returncode == 0 and "first window after" in result.stdout


def test_packaged_command_line_serves_a_half_closed_request(executable, tmp_path):
    """The same executable, given a role, runs it without a window: a TCP echo server for one client."""
    import re
    import socket

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(SOCKLAB_CONFIG_DIR=str(tmp_path), LANG="zh_CN.UTF-8")
    help_text = subprocess.run([str(executable), "tcp-server", "--help"], capture_output=True, text=True,
                               timeout=60, env=env)
    assert help_text.returncode == 0 and "退出码" in help_text.stdout, help_text.stderr
    server = subprocess.Popen([str(executable), "tcp-server", "127.0.0.1", "0", "--reply", "echo", "--once",
                               "--lang", "en"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env)
    try:
        line = server.stderr.readline().decode()
        port = int(re.search(r"Listening on 127\.0\.0\.1:(\d+)\.", line).group(1))
        with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
            client.sendall(b"packaged")
            client.shutdown(socket.SHUT_WR)  # the request is complete: the echo ends with the server's EOF
            answer = b""
            while chunk := client.recv(4096):
                answer += chunk
        out, err = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
    assert answer == b"packaged"
    assert server.returncode == 0 and out == b"packaged", err
