"""SockLab's command line: every tab's role without a window, netcat-style, on the same netcore.

``python main.py ROLE ...`` (or ``socklab ROLE ...``), ROLE one of :data:`ROLES`.
stdin is sent, what arrives goes to stdout unchanged; messages, errors and the
optional ``--show`` and ``--trace`` lines go to stderr, in English or 简体中文,
with the window's own sentences (the same catalog, gui/locale_zh.py).  The exit
codes are in :mod:`cli.exits`.

No tkinter here: a machine without a display runs these.  ``main.py`` imports
this package only when its first argument is a role, so the window's start-up
never pays for it.  Main thread only, except where a module says otherwise.
"""

from __future__ import annotations

#: The roles, as main.py also lists them (tests/cli/test_cli_args.py checks both agree).
ROLES = ("tcp-server", "tcp-client", "udp-server", "udp-client")


def run(argv: list[str]) -> int:
    """Run ``argv`` (``[ROLE, ...]``) and return the exit code; never raises, never prints a traceback."""
    from .main import run as run_role

    return run_role(argv)
