# shellcheck shell=bash
# SockLab environment helpers. SOURCE this file from the root scripts
# (run.sh, test.sh); it only defines variables and functions, never runs
# anything by itself. Safe under `set -euo pipefail`.
#
#   socklab_python          find Python >= 3.11 with tkinter/venv/ensurepip;
#                           sets SOCKLAB_PYTHON (exits 1 if none can be had)
#   socklab_apt PKG...      install missing Debian packages (root only)
#   socklab_venv REQFILE    create/repair .venv and pip install REQFILE when
#                           it (or requirements.txt) changed; sets SOCKLAB_VENV_PY
#   socklab_has_cjk_font    true if fontconfig knows a Chinese font

# Repo root = parent of this file's directory, as an absolute path.
SOCKLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SOCKLAB_VENV="$SOCKLAB_ROOT/.venv"
SOCKLAB_VENV_PY="$SOCKLAB_VENV/bin/python"
SOCKLAB_APT_UPDATED="${SOCKLAB_APT_UPDATED:-0}"
SOCKLAB_PYTHON="${SOCKLAB_PYTHON:-}"

socklab_log() {
    printf 'socklab: %s\n' "$*" >&2
}

socklab_is_root() {
    [ "$(id -u)" -eq 0 ]
}

# True if "$1" is a Python >= 3.11 that can import tkinter, venv and ensurepip.
socklab_python_ok() {
    "$1" -c 'import sys
assert sys.version_info >= (3, 11)
import tkinter, venv, ensurepip' >/dev/null 2>&1
}

# True if Debian package "$1" is fully installed.
socklab_dpkg_installed() {
    local status
    status="$(dpkg -s "$1" 2>/dev/null || true)"
    case "$status" in
        *"Status: install ok installed"*) return 0 ;;
        *) return 1 ;;
    esac
}

# socklab_apt PKG... : install the given Debian packages that are missing.
# Returns 0 when all are installed afterwards, 1 otherwise (not root, not
# Debian, or apt failure), after saying what to run.
socklab_apt() {
    local missing=() pkg out
    if ! command -v dpkg >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        socklab_log "not a Debian-like system: please install the equivalent of: $*"
        return 1
    fi
    for pkg in "$@"; do
        socklab_dpkg_installed "$pkg" || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    if ! socklab_is_root; then
        socklab_log "missing system packages; run:"
        printf '    sudo apt-get install %s\n' "${missing[*]}" >&2
        return 1
    fi
    socklab_log "installing system packages: ${missing[*]}"
    if [ "$SOCKLAB_APT_UPDATED" != 1 ]; then
        if ! out="$(DEBIAN_FRONTEND=noninteractive apt-get -qq update 2>&1)"; then
            printf '%s\n' "$out" >&2
            socklab_log "apt-get update failed"
            return 1
        fi
        SOCKLAB_APT_UPDATED=1
    fi
    if ! out="$(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" 2>&1)"; then
        printf '%s\n' "$out" >&2
        socklab_log "apt-get install ${missing[*]} failed"
        return 1
    fi
    return 0
}

# Sets SOCKLAB_PYTHON to a suitable interpreter, or exits 1.
socklab_python() {
    local cand attempt
    for attempt in 1 2; do
        for cand in ${SOCKLAB_PYTHON:+"$SOCKLAB_PYTHON"} python3 python3.13 python3.12 python3.11 /usr/bin/python3; do
            command -v "$cand" >/dev/null 2>&1 || continue
            if socklab_python_ok "$cand"; then
                # Resolve wrappers such as pyenv shims to the real interpreter.
                SOCKLAB_PYTHON="$("$cand" -c 'import sys; print(sys.executable)')"
                return 0
            fi
        done
        # Nothing usable: on Debian as root, install the system Python once and retry.
        [ "$attempt" -eq 1 ] || break
        if socklab_is_root && command -v apt-get >/dev/null 2>&1; then
            socklab_apt python3 python3-venv python3-tk || break
        else
            break
        fi
    done
    socklab_log "no usable Python found."
    socklab_log "SockLab needs Python >= 3.11 with the tkinter, venv and ensurepip modules."
    socklab_log "On Debian/Ubuntu: sudo apt-get install python3 python3-venv python3-tk"
    socklab_log "Elsewhere: install Python 3.11+ from python.org (it includes Tk), or set SOCKLAB_PYTHON=/path/to/python"
    exit 1
}

# Prints the sha256 of the given files (concatenated) using Python's hashlib.
socklab_hash_files() {
    "$SOCKLAB_VENV_PY" - "$@" <<'PY'
import hashlib, sys
h = hashlib.sha256()
for name in sys.argv[1:]:
    h.update(name.encode() + b"\0")
    with open(name, "rb") as f:
        h.update(f.read())
    h.update(b"\0")
print(h.hexdigest())
PY
}

# socklab_venv REQFILE : make sure .venv exists and has REQFILE installed.
socklab_venv() {
    local req="${1:?usage: socklab_venv REQFILE}" reqpath name stamp want have=""
    case "$req" in
        /*) reqpath="$req" ;;
        *) reqpath="$SOCKLAB_ROOT/$req" ;;
    esac
    if [ ! -f "$reqpath" ]; then
        socklab_log "requirements file not found: $reqpath"
        exit 1
    fi
    if [ ! -x "$SOCKLAB_VENV_PY" ] || ! socklab_python_ok "$SOCKLAB_VENV_PY"; then
        socklab_python
        if [ -e "$SOCKLAB_VENV" ]; then
            socklab_log "recreating broken virtualenv $SOCKLAB_VENV"
            rm -rf "$SOCKLAB_VENV"
        else
            socklab_log "creating virtualenv $SOCKLAB_VENV"
        fi
        if ! "$SOCKLAB_PYTHON" -m venv "$SOCKLAB_VENV"; then
            socklab_log "could not create the virtualenv with $SOCKLAB_PYTHON -m venv"
            exit 1
        fi
    fi
    name="$(basename "$reqpath")"
    stamp="$SOCKLAB_VENV/.socklab-req-$name.sha256"
    # requirements.txt is included because the dev file pulls it in with -r.
    want="$(socklab_hash_files "$reqpath" "$SOCKLAB_ROOT/requirements.txt")"
    [ -f "$stamp" ] && have="$(cat "$stamp")"
    [ "$want" = "$have" ] && return 0
    socklab_log "installing Python packages from $name"
    rm -f "$stamp"
    if ! (cd "$SOCKLAB_ROOT" && "$SOCKLAB_VENV_PY" -m pip install -q --disable-pip-version-check -r "$reqpath"); then
        socklab_log "pip install -r $name failed (see the messages above)."
        socklab_log "Check the network access to PyPI, then rerun; 'rm -rf .venv' starts from scratch."
        exit 1
    fi
    printf '%s\n' "$want" >"$stamp"
}

# True if fontconfig lists at least one font covering Chinese.
socklab_has_cjk_font() {
    command -v fc-list >/dev/null 2>&1 || return 1
    [ -n "$(fc-list :lang=zh 2>/dev/null || true)" ]
}
