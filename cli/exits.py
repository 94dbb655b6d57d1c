"""Exit codes scripts can rely on, and which failure gives which.

Each is printed by ``--help`` (see :func:`cli.parser.exit_codes_text`) and in
the README; tests/cli/test_cli_exit_codes.py produces every one for real.
"""

from __future__ import annotations

from .words import N_

OK = 0
#: Anything not listed below: a reset connection, permission denied.
OTHER = 1
#: Bad arguments, as argparse does: an unknown option, a bad port, bad hex in --send, a --send-file
#: that cannot be read.
BAD_ARGS = 2
REFUSED = 3
TIMEOUT = 4
IN_USE = 5
HOST_NOT_FOUND = 6
#: Ctrl+C (128 + SIGINT), and a SIGTERM (128 + 15): quiet ends, as shells report them.
INTERRUPTED = 130
TERMINATED = 143

# netcore's error codes (NetError.code, Error.code) that have an exit code of their own
_BY_ERROR = {
    "refused": REFUSED,
    "timed_out": TIMEOUT,
    "in_use": IN_USE,
    "host_not_found": HOST_NOT_FOUND,
    "no_address": HOST_NOT_FOUND,
    "dns_temporary": HOST_NOT_FOUND,
    "dns_failed": HOST_NOT_FOUND,
}

#: For --help and the README: (code, English words), in order.
TABLE = (
    (OK, N_("ok: the exchange ended normally")),
    (OTHER, N_("another error (a reset connection, permission denied)")),
    (BAD_ARGS, N_("bad arguments (an unknown option, a bad port, bad hex, a file that cannot be read)")),
    (REFUSED, N_("refused: nobody is listening there")),
    (TIMEOUT, N_("timeout: no connection or no answer within --timeout")),
    (IN_USE, N_("address in use: another program holds that port or path")),
    (HOST_NOT_FOUND, N_("host not found: the name could not be looked up")),
    (INTERRUPTED, N_("interrupted by Ctrl+C (143: ended by SIGTERM)")),
)


def for_error(code: str) -> int:
    """The exit code for a failure with netcore's ``code`` (``"refused"`` → 3)."""
    return _BY_ERROR.get(code, OTHER)
