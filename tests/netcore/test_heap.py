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


IN_FLIGHT = """
import os

import netcore.heap as h
h.keep_heap_warm()
statm = os.open("/proc/self/statm", os.O_RDONLY)  # opened first: reading it allocates nothing on the heap

def rss():
    return int(os.pread(statm, 100, 0).split()[1]) * 4096 // 2**20

# what a bulk receive leaves alive while its consumer waits 10 ms at 3 GB/s: about 35 MB of reads
reads = [b"x" * (1024 * 1024 - 64) for _ in range(40)]
peak = rss()
reads.clear()  # the consumer took them: free at the top of the heap
kept = rss()
released = h.give_back_free_memory()
print(released, peak, kept, rss())
"""


def test_a_bulk_receives_freed_reads_stay_for_the_next_ones_until_given_back():
    # with 8 MiB kept, these 40 MiB went back to the system at once and the next reads faulted every
    # page in again (11,000-18,000 page faults per GiB received)
    result = subprocess.run([sys.executable, "-c", IN_FLIGHT], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    released, *sizes = result.stdout.split()
    if not (sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"):
        assert released == "False"  # other C libraries keep their own settings
        return
    peak, kept, given_back = (int(size) for size in sizes)
    assert kept >= peak - 4, result.stdout  # still there for the next reads
    assert released == "True" and given_back <= peak - 25, result.stdout  # handed back when asked


def test_a_program_with_flow_control_keeps_less():
    # the window's tabs never have more than 8 MiB in flight: it asks for the lower threshold before
    # its first endpoint starts, and the same reads then go back to the system as soon as they are freed
    code = IN_FLIGHT.replace("h.keep_heap_warm()", "h.keep_less(h.GIVE_BACK_PAD)\nh.keep_heap_warm()", 1)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    released, *sizes = result.stdout.split()
    if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
        peak, kept, _ = (int(size) for size in sizes)
        assert kept <= peak - 25, result.stdout
    else:
        assert released == "False"
