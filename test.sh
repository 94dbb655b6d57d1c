#!/usr/bin/env bash
# Lint and test SockLab: sets up .venv (dev requirements), makes sure Xvfb
# is there for the GUI tests, then runs ruff, mypy --strict on netcore and
# pytest on two workers (args go to pytest; "-n 0" runs it in one process).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=tools/setup-env.sh
source tools/setup-env.sh

echo "== setup"
socklab_python
socklab_venv requirements-dev.txt

if ! command -v Xvfb >/dev/null 2>&1 || ! command -v xauth >/dev/null 2>&1; then
    if socklab_is_root; then
        socklab_apt xvfb xauth || true
    fi
fi
if ! command -v Xvfb >/dev/null 2>&1; then
    echo "Xvfb is required for the GUI tests: sudo apt-get install xvfb" >&2
    exit 2
fi
# the command line (tests/cli) is tested against real peers; without them those tests fail and say so
if ! command -v socat >/dev/null 2>&1 || ! command -v ncat >/dev/null 2>&1; then
    if socklab_is_root; then
        socklab_apt socat ncat || true
    fi
fi

echo "== ruff"
"$SOCKLAB_VENV_PY" -m ruff check .

echo "== mypy --strict netcore (mypy.ini)"
"$SOCKLAB_VENV_PY" -m mypy

echo "== package (./build.sh; tests/test_packaged.py runs its self-test)"
./build.sh

echo "== pytest"
# two workers, each with its own Xvfb: the suite is mostly Tk drawing on one core, ~2.5 min instead of ~4.7
exec "$SOCKLAB_VENV_PY" -m pytest -n 2 "$@"
