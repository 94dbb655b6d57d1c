"""Safe by default: loopback servers, a client cap, and received data never run or trusted as a path."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import netcore

ROOT = Path(__file__).resolve().parent.parent
# the Python builtins (not methods such as re.compile), shells, and unpicklers
DANGEROUS = re.compile(r"(?<![.\w])(eval|exec|compile)\(|os\.system|os\.popen|subprocess|shell\s*=\s*True"
                       r"|pickle\.loads|marshal\.loads|__import__\(")
# Tcl is a language too: it may only ever be handed fixed text, never data
TCL_EVAL = re.compile(r"\.tk\.eval\((?!\")")


def _sources() -> list[Path]:
    return sorted([*ROOT.glob("netcore/*.py"), *ROOT.glob("gui/**/*.py"), ROOT / "main.py"])


# The one exec: netcore.values compiles each value class's __init__ from the field names declared in
# its class body (as dataclasses does), after checking each is a plain identifier; never from data.
DECLARED_CODE = ("netcore/values.py",)


def test_no_code_path_can_execute_or_evaluate_anything():
    hits = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}" for path in _sources()
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if (DANGEROUS.search(line) or TCL_EVAL.search(line)) and not line.lstrip().startswith("#")]
    assert [hit for hit in hits if not hit.startswith(DECLARED_CODE)] == []
    assert len(hits) <= 1  # that one line, no more


def test_a_value_class_field_must_be_a_plain_name():
    from netcore.values import Value, _ValueMeta

    with pytest.raises(TypeError, match="plain name"):
        _ValueMeta("Sneaky", (Value,), {"__annotations__": {"x=print('hi')": "int"}})


def test_servers_listen_on_loopback_by_default():
    for cls in (netcore.TcpServer, netcore.UdpServer):
        assert inspect.signature(cls).parameters["host"].default == "127.0.0.1"


def test_files_are_written_only_where_the_user_chose():
    """Every open-for-writing in the GUI takes its path from a save dialog, settings or the log folder."""
    writers = []
    for path in _sources():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"open\([^)]*['\"](w|wb|a|ab)['\"]", line) or ".write_text(" in line:
                writers.append(f"{path.relative_to(ROOT)}:{n}")
    allowed = ("gui/log_view.py", "gui/recorder.py", "gui/settings.py", "gui/console.py",
               "gui/learn/sequence_window.py",  # its Save… dialog
               "gui/learn/code_window.py",  # Save… of a script: the path comes from the save dialog
               "gui/workbench/saved_window.py",  # Export… of the saved messages: from the save dialog
               "gui/workbench/log_export.py")  # Tools → Export log…: the path comes from the save dialog
    assert all(w.startswith(allowed) for w in writers), writers


def test_netcore_imports_its_endpoints_only_when_used():
    import subprocess
    import sys

    code = ("import sys, netcore; before = 'netcore.tcp_server' in sys.modules; "
            "server = netcore.TcpServer; print(before, 'netcore.tcp_server' in sys.modules, server.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True)
    assert out.stdout.split() == ["False", "True", "TcpServer"]
