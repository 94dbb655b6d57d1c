"""Starting the app: no display gives a clear message; the language is chosen sensibly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gui.i18n import detect_language

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("lang, words", [("en", "needs a graphical display"), ("zh", "需要图形界面")])
def test_no_display_gives_a_message_not_a_traceback(lang, words):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "main.py", "--lang", lang], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_option_is_a_usage_message():
    result = subprocess.run([sys.executable, "main.py", "--lang", "fr"], cwd=ROOT, capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 2 and "invalid choice" in result.stderr


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LANGUAGE": "zh_CN:en", "LANG": "C"}, "zh"),
    ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, "zh"),
    ({}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
])
def test_language_from_the_environment(env, expected):
    assert detect_language(env) == expected


def test_missing_xvfb_is_a_usage_error_not_a_skip(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PATH"] = str(tmp_path)  # an empty folder: no Xvfb to be found
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "tests/test_main.py", "-k", "language_from"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 4  # pytest's usage error
    assert "Xvfb is not installed" in result.stderr + result.stdout


@pytest.mark.parametrize("spelling, expected", [("zh_CN", "zh"), ("zh-CN", "zh"), ("zh_CN.UTF-8", "zh"),
                                                ("en_US", "en"), ("EN", "en"), ("zh", "zh")])
def test_lang_takes_locale_spellings(spelling, expected):
    import main

    assert main.parse_args(["--lang", spelling]).lang == expected


def test_version_is_printed():
    from gui.version import VERSION

    result = subprocess.run([sys.executable, "main.py", "--version"], cwd=ROOT, capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 0 and result.stdout.strip() == f"SockLab {VERSION}"


def test_the_desktop_file_names_the_window_class_tk_really_uses():
    desktop = (ROOT / "build" / "socklab.desktop").read_text(encoding="utf-8")
    (wm_class,) = [line.split("=", 1)[1] for line in desktop.splitlines()
                   if line.startswith("StartupWMClass=")]
    # in a child process: a Tk root keeps its display connection open after destroy()
    result = subprocess.run([sys.executable, "-c", "import tkinter, main; "
                             "print(tkinter.Tk(className=main.WINDOW_CLASS).winfo_class())"],
                            cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert result.stdout.strip() == wm_class, result.stderr


def test_ctrl_c_in_the_terminal_closes_the_window_cleanly():
    import signal
    import time

    proc = subprocess.Popen([sys.executable, "main.py", "--lang", "en"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(2.0)  # the window is up and the pump is running
        assert proc.poll() is None
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
    assert proc.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


@pytest.mark.parametrize("lang, unset, broken", [
    ("en", "DISPLAY is not set", "DISPLAY=':99' cannot be opened"),
    ("zh", "DISPLAY 未设置", "DISPLAY=':99' 无法打开"),
])
def test_no_display_says_whether_display_is_unset_or_broken(lang, unset, broken):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    missing = subprocess.run([sys.executable, "main.py", "--lang", lang], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=30)
    assert unset in missing.stderr
    env["DISPLAY"] = ":99"  # set, but no X server there
    wrong = subprocess.run([sys.executable, "main.py", "--lang", lang], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=30)
    assert wrong.returncode == 2 and broken in wrong.stderr and unset not in wrong.stderr
