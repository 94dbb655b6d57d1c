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


FRAGMENTED = """
import netcore.heap as h
h.keep_heap_warm()

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096

# 200 MiB in 100 KiB blocks, then every other one freed: free pages between blocks in use,
# which no trim threshold ever hands back
blocks = [bytearray(100 * 1024) for _ in range(2048)]
del blocks[::2]
before = rss()
released = h.give_back_free_memory()
print(released, (before - rss()) // 2**20)
"""


def test_free_pages_between_blocks_in_use_go_back_to_the_system():
    result = subprocess.run([sys.executable, "-c", FRAGMENTED], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    released, mib = result.stdout.split()
    if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
        assert released == "True" and int(mib) >= 50, result.stdout  # about 100 MiB were free
    else:
        assert released == "False"


def test_give_back_is_a_no_op_when_the_thresholds_are_off():
    code = "import netcore.heap as h; h.keep_heap_warm(); print(h.give_back_free_memory())"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            timeout=30, env={**os.environ, "NETCORE_MALLOC_DEFAULTS": "1"})
    assert result.stdout.strip() == "False", result.stderr
