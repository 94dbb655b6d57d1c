"""Start to first window: ``python main.py --measure-startup`` against a bare ``Tk()`` + ``update()``.

Both run with compiled bytecode, as a second start does on a user's machine
(the standard library's is part of Python; SockLab's is written by a warm-up
run).  This machine sets PYTHONDONTWRITEBYTECODE, under which every run
compiled SockLab's sources again: about 0.1 s that no user pays twice.  The
packaged one-file executable (dist/, from ./build.sh) is timed too when it
is there.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time

from .common import PYTHON, ROOT, Row, Stat

BARE = "import tkinter; root = tkinter.Tk(); root.update(); root.destroy()"
PACKAGED = ROOT / "dist" / "socklab"


def _wall(args: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True, timeout=60)
    return time.perf_counter() - started


def run(quick: bool) -> list[Row]:
    rounds = 3 if quick else 7
    with tempfile.TemporaryDirectory() as config:
        # no remembered settings change what is measured; the folder is found as a user's is (through
        # platformdirs, which SOCKLAB_CONFIG_DIR would skip), in an empty XDG config home
        env = dict(os.environ, XDG_CONFIG_HOME=config)
        env.pop("SOCKLAB_CONFIG_DIR", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        _wall([PYTHON, "main.py", "--measure-startup"], env)  # writes the bytecode; warms the file cache
        bare, ours, packaged = [], [], []
        if PACKAGED.exists():
            _wall([str(PACKAGED), "--measure-startup"], env)
        for _ in range(rounds):
            bare.append(_wall([PYTHON, "-c", BARE], env))
            ours.append(_wall([PYTHON, "main.py", "--measure-startup"], env))
            if PACKAGED.exists():
                packaged.append(_wall([str(PACKAGED), "--measure-startup"], env))
    stat, reference = Stat.of(ours), Stat.of(bare)
    rows = [Row("Start-up", "python main.py to first window (and exit)", "s", stat, reference,
                "≤ 3× bare Tk()", stat.median <= 3 * reference.median, higher_is_better=False,
                note="both with compiled bytecode, as at a second start (PYTHONDONTWRITEBYTECODE unset)")]
    if packaged:
        one_file = Stat.of(packaged)
        rows.append(Row("Start-up", "packaged one-file executable to first window (and exit)", "s", one_file,
                        reference, "≤ 0.6 s", one_file.median <= 0.6, higher_is_better=False,
                        note="dist/socklab from ./build.sh; it unpacks itself to a temporary folder first"))
    else:
        rows.append(Row("Start-up", "packaged one-file executable", "s", Stat.of([0.0]), None, "≤ 0.6 s",
                        False, note="dist/socklab is missing: run ./build.sh first"))
    return rows
