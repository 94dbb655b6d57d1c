"""netcore is GUI-free: importing it must not pull in tkinter."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMPORT_TK = re.compile(r"^\s*(import\s+[\w., ]*\b(tkinter|_tkinter|Tkinter)\b|from\s+(tkinter|_tkinter)\b)",
                       re.MULTILINE)


def test_import_netcore_does_not_import_tkinter():
    code = (
        "import sys, netcore, netcore.codec, netcore.binding\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('tkinter', '_tkinter', 'gui'))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0, result.stderr


def test_no_tkinter_import_in_the_sources():
    sources = sorted((ROOT / "netcore").glob("*.py"))
    assert len(sources) >= 10
    offenders = [path.name for path in sources if IMPORT_TK.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_pattern_would_catch_an_import():
    lines = ("import tkinter", "from tkinter import ttk", "    import os, tkinter as tk", "import _tkinter")
    for line in lines:
        assert IMPORT_TK.search(line), line
    assert not IMPORT_TK.search("# no tkinter here: see (and no tkinter import)")
