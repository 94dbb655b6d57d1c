"""With no console (a windowed bundle), output and crashes go to a log file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_missing_streams_go_to_the_log_file(tmp_path):
    script = (
        "import sys; sys.stdout = None; sys.stderr = None\n"
        "from gui.console import ensure_streams, show_crash\n"
        "path = ensure_streams()\n"
        "print('hello from a windowed app')\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n    show_crash(*sys.exc_info())\n"
        "sys.stdout.flush()\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["XDG_STATE_HOME"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0, result.stderr
    log = (tmp_path / "socklab" / "socklab.log").read_text(encoding="utf-8")
    assert "hello from a windowed app" in log
    assert "ZeroDivisionError" in log and "Traceback" in log


def test_present_streams_are_left_alone(capsys):
    from gui.console import ensure_streams

    assert ensure_streams() is None
