"""The allocator setting netcore makes once per process: idempotent, and optional."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

from netcore import heap

ROOT = Path(__file__).resolve().parents[2]
CODE = "import netcore.heap as h; print(h.keep_heap_warm())"


def _applied_in_a_fresh_process(**env: str) -> str:
    result = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True,
                            timeout=30, env={**os.environ, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_keep_heap_warm_is_idempotent():
    first = heap.keep_heap_warm()
    assert heap.keep_heap_warm() is first
    assert heap.applied is first


def test_it_can_be_turned_off():
    assert _applied_in_a_fresh_process(NETCORE_MALLOC_DEFAULTS="1") == "False"


def test_on_glibc_it_applies():
    expected = "True" if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc" else "False"
    assert _applied_in_a_fresh_process() == expected
