"""``python main.py ROLE [options]``: parse, check, run one role, return its exit code.

Never a traceback: argument mistakes are argparse's usage message or netcore's
plain sentence (exit 2), failures the window's sentences (see cli.exits),
Ctrl+C a quiet 130.  Main thread.
"""

from __future__ import annotations

import contextlib
import os
import sys

from netcore import NetError

from . import exits
from .session import Session
from .words import N_, choose_language, tr, trf, use_language

INTERNAL = N_("Unexpected internal error (please report it): {detail}")
SEE_HELP = N_("Run {command} --help to see every option.")


def run(argv: list[str]) -> int:
    role, rest = argv[0], argv[1:]
    _tolerant_stderr()
    use_language(choose_language(rest))
    from .help_format import translate_argparse

    translate_argparse()
    try:
        return _run(role, rest)
    except KeyboardInterrupt:
        return exits.INTERRUPTED
    except Exception as exc:  # a bug: one plain line (the traceback only when asked for)
        if os.environ.get("SOCKLAB_DEBUG"):
            raise
        print("socklab: " + trf(INTERNAL, detail=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return exits.OTHER


def _run(role: str, rest: list[str]) -> int:
    from .config import build_config
    from .output import Output
    from .parser import build, program

    parser = build(role)
    try:
        args = parser.parse_args(rest)
    except SystemExit as done:  # --help (0), or argparse's usage message (2)
        return done.code if isinstance(done.code, int) else exits.BAD_ARGS
    if args.lang:
        use_language(args.lang)
    out = Output(None, "utf-8")
    try:
        cfg = build_config(role, args)
    except NetError as err:
        out.error(err.translated(tr))
        out.error(trf(SEE_HELP, command=f"{program()} {role}"))
        return exits.BAD_ARGS
    out = Output(cfg.show, cfg.encoding, quiet=cfg.quiet)
    return _session(role)(cfg, out).run()


def _session(role: str) -> type[Session]:
    if role.startswith("tcp"):
        from .roles_tcp import TcpClientSession, TcpServerSession

        return TcpServerSession if role == "tcp-server" else TcpClientSession
    from .roles_udp import UdpClientSession, UdpServerSession

    return UdpServerSession if role == "udp-server" else UdpClientSession


def _tolerant_stderr() -> None:
    """A message that the terminal's encoding cannot write comes out escaped, not as a crash."""
    reconfigure = getattr(sys.stderr, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="backslashreplace")
