"""Start to first window: ``python main.py --measure-startup`` against a bare ``Tk()`` + ``update()``."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time

from .common import PYTHON, ROOT, Row, Stat

BARE = "import tkinter; root = tkinter.Tk(); root.update(); root.destroy()"


def _wall(args: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True, timeout=60)
    return time.perf_counter() - started


def run(quick: bool) -> list[Row]:
    rounds = 3 if quick else 7
    with tempfile.TemporaryDirectory() as config:
        env = dict(os.environ, SOCKLAB_CONFIG_DIR=config)  # no remembered settings change what is measured
        _wall([PYTHON, "main.py", "--measure-startup"], env)  # warm the file cache once
        bare, ours = [], []
        for _ in range(rounds):
            bare.append(_wall([PYTHON, "-c", BARE], env))
            ours.append(_wall([PYTHON, "main.py", "--measure-startup"], env))
    stat = Stat.of(ours)
    return [Row("Start-up", "python main.py to first window (and exit)", "s", stat, Stat.of(bare), "< 0.4 s",
                stat.median < 0.4, higher_is_better=False)]
