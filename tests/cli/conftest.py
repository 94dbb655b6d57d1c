"""The ``spawn`` fixture: background commands that end with their test, whatever happens."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from .support import ROOT, Started, cli_command, cli_env


@pytest.fixture
def cli_here(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Iterator[object]:
    """``cli_here(*argv) -> (exit code, stdout, stderr)``: the command line run in this process, for
    what needs no network (help, argument checks); the language and argparse are put back after."""
    import argparse

    import cli
    from gui import i18n

    before = i18n.language()
    for name in ("_", "ngettext"):  # cli.run points argparse's messages at the catalog
        monkeypatch.setattr(argparse, name, getattr(argparse, name))
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "100")

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli.run(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    yield run
    i18n.set_language(before)


@pytest.fixture
def spawn() -> Iterator[object]:
    """``spawn(*args, stdin=b"" or None, lang=..)`` starts a command (ours, or a peer's with
    ``peer=True``); every one still running at the end of the test is killed, by its pid."""
    started: list[Started] = []

    def start(*args: str, stdin: bytes | None = b"", lang: str = "en", peer: bool = False,
              env: dict[str, str] | None = None) -> Started:
        command = list(args) if peer else cli_command(*args)
        proc = subprocess.Popen(command, cwd=ROOT, env=env or cli_env(lang),
                                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if stdin is not None and proc.stdin is not None:
            try:
                if stdin:
                    proc.stdin.write(stdin)
            finally:
                proc.stdin.close()
        one = Started(proc)
        started.append(one)
        return one

    yield start
    for one in started:
        if one.proc.poll() is None:
            one.proc.kill()
        one.finish(timeout=10)  # also ends the threads reading its output
        for stream in (one.proc.stdout, one.proc.stderr):
            if stream is not None:
                stream.close()
