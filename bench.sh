#!/usr/bin/env bash
# Run SockLab's benchmarks (bench/): each figure beside a reference measured in
# the same run, as a table and as JSON (bench/results/latest.json).
# Sets up .venv and, as root on Debian, Xvfb (the window benchmarks) and
# Packet Sender (the comparison with it). Loopback only; about 5 minutes.
#   ./bench.sh [--quick] [--only tcp_bulk,window] [--baseline]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=tools/setup-env.sh
source tools/setup-env.sh

echo "== setup"
socklab_python
socklab_venv requirements-dev.txt
if ! command -v Xvfb >/dev/null 2>&1 || ! command -v packetsender >/dev/null 2>&1; then
    socklab_apt xvfb packetsender || echo "(continuing: the benchmarks that need them will say so)" >&2
fi
exec "$SOCKLAB_VENV_PY" -m bench.run "$@"
