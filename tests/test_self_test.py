"""The --self-test mode from source: it passes, and it fails when something is broken."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_self_test_from_source(lang, tmp_path):
    env = dict(os.environ, SOCKLAB_CONFIG_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "main.py", "--self-test", "--lang", lang], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("SockLab self-test: PASS")


def test_self_test_fails_without_translations(tmp_path):
    """A bundle that lost its catalog would silently show English: the self-test must catch it."""
    script = ("import sys, gui.i18n as i; i._CATALOGS['zh'] = {}; sys.argv = ['main.py', '--self-test', "
              "'--lang', 'zh']; import main; sys.exit(main.main())")
    env = dict(os.environ, SOCKLAB_CONFIG_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1
    assert "FAIL" in result.stdout and "Chinese translations are missing" in result.stdout
