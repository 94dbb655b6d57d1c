#!/usr/bin/env bash
# Build the single-file executable dist/socklab from build/socklab.spec.
# Sets up .venv (dev requirements, which pin PyInstaller) and, as root on
# Debian, the packages PyInstaller needs (binutils for strip and objdump).
# Scratch goes to .pyinstaller/, the result to dist/; both are git-ignored.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=tools/setup-env.sh
source tools/setup-env.sh

echo "== setup"
socklab_python
if ! command -v objdump >/dev/null 2>&1 || ! command -v strip >/dev/null 2>&1; then
    socklab_apt binutils || { echo "PyInstaller needs binutils: sudo apt-get install binutils" >&2; exit 2; }
fi
# PyInstaller bundles the Python shared library; Debian's own Python keeps it in libpython3.X
case "$(readlink -f "$SOCKLAB_PYTHON")" in
    /usr/bin/*)
        version=$("$SOCKLAB_PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
        socklab_apt "libpython$version" || { echo "PyInstaller needs libpython$version" >&2; exit 2; } ;;
esac
socklab_venv requirements-dev.txt

echo "== pyinstaller"
started=$(date +%s)
"$SOCKLAB_VENV_PY" -m PyInstaller build/socklab.spec --noconfirm --log-level WARN \
    --distpath dist --workpath .pyinstaller
size=$(stat -c %s dist/socklab)
echo "built dist/socklab: $((size / 1024 / 1024)).$(( (size % (1024 * 1024)) * 10 / 1024 / 1024 )) MiB in $(( $(date +%s) - started )) s"
