"""With no console (a windowed bundle), output and crashes go to a log file."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("lang, says, not_says", [
    ("zh", ["遇到了意外错误，必须关闭", "详细信息已写入"], ["unexpected error", "Details are in"]),
    ("en", ["SockLab hit an unexpected error and must close.", "Details are in:"], ["意外"]),
])
def test_the_crash_dialog_speaks_the_users_language(monkeypatch, tmp_path, lang, says, not_says):
    """Issue 9, bug 18: the dialog was English only.  The technical line and the log path stay as they are."""
    from tkinter import messagebox

    from gui import console, i18n

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messagebox, "showerror", lambda title, message, **_: shown.append((title, message)))
    monkeypatch.setattr(i18n, "_language", lang)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    try:
        raise ValueError("port “99999” is out of range")
    except ValueError:
        console.show_crash(*sys.exc_info())

    assert len(shown) == 1
    title, message = shown[0]
    assert title == "SockLab"
    assert "ValueError: port “99999” is out of range" in message.splitlines()
    assert str(tmp_path / "socklab" / "socklab.log") in message
    for text in says:
        assert text in message
    for text in not_says:
        assert text not in message
    assert "Traceback" in sys.stderr.getvalue()  # the details still go where stderr goes


def test_a_broken_translation_still_shows_the_crash(monkeypatch):
    from gui import console, i18n

    monkeypatch.setitem(i18n._CATALOGS["zh"], "Details are in: {path}", "{no_such_field}")
    monkeypatch.setattr(i18n, "_language", "zh")
    message = console.crash_message(KeyError, KeyError("x"))
    assert "KeyError: 'x'" in message and "Details are in:" in message
