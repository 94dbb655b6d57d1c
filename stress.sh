#!/usr/bin/env bash
# The long reliability suite (tests/stress): property-based fuzzing (10,000+ cases per parser),
# 1 GiB transfers with SHA-256 checks, 200 start/stop cycles per endpoint kind, and a bounded soak.
# Loopback only; every loop bounded in count and time; a few minutes on 2 cores.
#   ./stress.sh [pytest options]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=tools/setup-env.sh
source tools/setup-env.sh

echo "== setup"
socklab_python
socklab_venv requirements-dev.txt
if ! command -v Xvfb >/dev/null 2>&1; then
    socklab_apt xvfb xauth || { echo "Xvfb is required for the window stress tests: sudo apt-get install xvfb" >&2; exit 2; }
fi
echo "== stress"
export HYPOTHESIS_PROFILE=stress  # 10,000 examples per property (tests/conftest.py)
exec "$SOCKLAB_VENV_PY" -m pytest --stress -p no:cacheprovider -o timeout=900 \
    tests/stress tests/properties "$@"
