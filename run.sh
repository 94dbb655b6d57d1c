#!/usr/bin/env bash
# Start SockLab: sets up .venv (runtime requirements) and runs main.py.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=tools/setup-env.sh
source tools/setup-env.sh

socklab_python
socklab_venv requirements.txt

# Chinese text needs a CJK font. Only bother when there is a screen to show
# it on, and only as root; otherwise carry on silently.
if { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; } \
        && socklab_is_root && command -v apt-get >/dev/null 2>&1 \
        && ! socklab_has_cjk_font; then
    socklab_apt fonts-wqy-microhei || socklab_log "could not install fonts-wqy-microhei; Chinese text may show as boxes"
fi

exec "$SOCKLAB_VENV_PY" main.py "$@"
