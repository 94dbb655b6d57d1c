"""Issue 9, bug 10: a Chinese window on a Linux without a Chinese font says it shows boxes, not silently.

Tk draws with Xft, which takes its fonts from fontconfig, so a fontconfig configuration that lists only
the DejaVu fonts (Latin, Greek, Cyrillic: no Chinese) really makes this a machine without a Chinese font,
for the app's own process: the tests run the real program under it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tkinter as tk
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LATIN_FONTS = Path("/usr/share/fonts/truetype/dejavu")
INSTALL = "sudo apt-get install fonts-wqy-microhei"
ENGLISH = "No installed font can draw Chinese"
CHINESE = "没有安装能显示中文的字体"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig decides on Linux")


@pytest.fixture
def no_chinese_font(tmp_path) -> dict[str, str]:
    """An environment in which fontconfig, hence Tk, has the DejaVu fonts only."""
    if not LATIN_FONTS.is_dir():
        pytest.skip(f"{LATIN_FONTS} (fonts-dejavu-core) is needed to build a Latin-only font configuration")
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{LATIN_FONTS}</dir>
  <cachedir>{tmp_path / "fontconfig-cache"}</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
</fontconfig>
""", encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), SOCKLAB_CONFIG_DIR=str(tmp_path / "config"))
    if shutil.which("fc-list"):  # the configuration really has no Chinese font
        listed = subprocess.run(["fc-list", ":lang=zh", "family"], env=env, capture_output=True, text=True)
        assert listed.stdout.strip() == "", listed.stdout
    return env


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


def test_chinese_self_test_fails_without_a_chinese_font(no_chinese_font):
    result = run_python(["main.py", "--self-test", "--lang", "zh"], no_chinese_font)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("SockLab self-test: FAIL"), result.stdout
    assert ENGLISH in lines[0] and CHINESE in lines[0] and INSTALL in lines[0]
    assert "Traceback" not in result.stderr


def test_english_self_test_does_not_need_a_chinese_font(no_chinese_font):
    result = run_python(["main.py", "--self-test", "--lang", "en"], no_chinese_font)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ENGLISH not in result.stdout + result.stderr


# Runs the real main() and, just before the window closes (--measure-startup closes it once drawn),
# switches the language through the View → Language menu as the script says, then prints the log.
WINDOW_SCRIPT = """
import sys
import main
from gui.app import App

switches = sys.argv[1:]
close = App.close

def close_after_switching(app):
    menu = app.root.nametowidget(".menubar.view.language")
    labels = {menu.entrycget(i, "label"): i for i in range(menu.index("end") + 1)}
    for label in switches:
        print("switching to", label, file=sys.stderr, flush=True)
        menu.invoke(labels[label])
        app.root.update()
    print("LOG:", app.current_tab().log.content(), flush=True)
    close(app)

App.close = close_after_switching
sys.exit(main.main(["--measure-startup", "--lang", "zh" if not switches else "en"]))
"""


def test_chinese_window_says_so_on_stderr_and_in_the_log(no_chinese_font):
    result = run_python(["-c", WINDOW_SCRIPT], no_chinese_font)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ENGLISH in result.stderr and CHINESE in result.stderr and INSTALL in result.stderr
    assert result.stderr.count(ENGLISH) == 1, result.stderr
    log = result.stdout.split("LOG:", 1)[1]
    assert ENGLISH in log and CHINESE in log and INSTALL in log
    assert log.index(ENGLISH) < log.index(CHINESE)  # English first: the Chinese may be boxes


def test_switching_to_chinese_warns_once(no_chinese_font):
    result = run_python(["-c", WINDOW_SCRIPT, "简体中文", "English", "简体中文"], no_chinese_font)
    assert result.returncode == 0, result.stdout + result.stderr
    before, after = result.stderr.split("switching to 简体中文", 1)
    assert ENGLISH not in before, "an English window has nothing to warn about"
    assert after.count(ENGLISH) == 1 and CHINESE in after and INSTALL in after
    log = result.stdout.split("LOG:", 1)[1]
    assert log.count(ENGLISH) == 1 and log.count(CHINESE) == 1


def test_with_a_chinese_font_the_chinese_self_test_passes(tmp_path):
    if not shutil.which("fc-list") or not subprocess.run(["fc-list", ":lang=zh"], capture_output=True,
                                                         text=True).stdout.strip():
        pytest.skip("no Chinese font on this machine (sudo apt-get install fonts-wqy-microhei)")
    env = dict(os.environ, SOCKLAB_CONFIG_DIR=str(tmp_path))
    result = run_python(["main.py", "--self-test", "--lang", "zh"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("SockLab self-test: PASS") and ENGLISH not in result.stdout


# ------------------------------------------------------------ the detection itself, in this process
@pytest.fixture(scope="module")
def root():
    window = tk.Tk()
    window.withdraw()
    yield window
    window.destroy()


def fc_list_chinese(env: dict[str, str] | None = None) -> set[str]:
    if not shutil.which("fc-list"):
        pytest.skip("no fc-list to compare with")
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], env=env, capture_output=True, text=True)
    return {line.split(",")[0] for line in listed.stdout.splitlines() if line.strip()}


def test_in_process_answer_agrees_with_fc_list(root):
    from gui import fonts

    found = fonts.check(root)
    assert found is not None  # Linux under Xvfb: Xft, fontconfig
    assert set(found.families) == fc_list_chinese()
    if found.families:
        assert found.ok, f"the Chinese fonts lack {found.missing!r}"
    assert fonts.check(root) is found  # asked once per process


def test_in_process_answer_without_a_chinese_font(no_chinese_font):
    script = ("import tkinter, gui.fonts as f; r = tkinter.Tk(); c = f.check(r); "
              "print(len(c.families), len(c.missing), len(f.needed_characters()))")
    result = run_python(["-c", script], no_chinese_font)
    assert result.returncode == 0, result.stderr
    families, missing, needed = map(int, result.stdout.split())
    assert families == 0 and missing == needed > 300


def test_every_chinese_character_is_checked():
    from gui import fonts
    from gui.locale_zh import CATALOG

    needed = fonts.needed_characters()
    assert "中" in needed and "，" in needed and "a" not in needed and "“" not in needed
    assert all(ch in needed for ch in CATALOG["TCP server"] if ord(ch) > 0x2E80)


class _FakeTk:
    def __init__(self, windowing: str) -> None:
        self.windowing = windowing

    def call(self, *args: str) -> str:
        return self.windowing if args == ("tk", "windowingsystem") else "xft"


class _FakeRoot:
    def __init__(self, windowing: str) -> None:
        self.tk = _FakeTk(windowing)


def test_no_check_on_windows_or_macos(monkeypatch):
    from gui import fonts

    assert fonts.applies(_FakeRoot("x11"))  # type: ignore[arg-type]
    assert not fonts.applies(_FakeRoot("win32"))  # type: ignore[arg-type]
    assert not fonts.applies(_FakeRoot("aqua"))  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not fonts.applies(_FakeRoot("x11"))  # type: ignore[arg-type]
