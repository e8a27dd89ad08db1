#!/usr/bin/env bash
# Make this checkout runnable: Debian packages, .venv, node_modules, translations, static files.
# Idempotent; a second run only checks and takes a few seconds.
#
#   ./scripts/setup.sh            what the demo needs
#   ./scripts/setup.sh --browser  also Chromium, for the browser tests
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
cd "$ROOT"

with_browser=0
for arg in "$@"; do
    case "$arg" in
        --browser) with_browser=1 ;;
        *) echo "usage: $0 [--browser]" >&2; exit 2 ;;
    esac
done

# The project pins Python 3.11 (Django 5.2 LTS); prefer an explicit python3.11 over whatever
# python3 happens to be first on PATH.
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3 || true)}"
if [ -z "$PYTHON" ] || ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "Python 3.11 is required (found: ${PYTHON:-none}); set PYTHON=/path/to/python3.11." >&2
    exit 1
fi

packages=(gettext)
# WeasyPrint (letters as PDF) needs Pango from Debian; DejaVu has every Danish letter.
packages+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
# Debian's own python3 has no ensurepip until python3-venv is installed; pyenv builds have it.
"$PYTHON" -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)
command -v npm >/dev/null || packages+=(nodejs npm)
[ "$with_browser" -eq 1 ] && packages+=(chromium)
apt_ensure "${packages[@]}"

if [ ! -x .venv/bin/python ]; then
    log "creating .venv with $PYTHON"
    "$PYTHON" -m venv .venv
fi

# pip resolving an unchanged pyproject.toml still takes seconds; skip it when nothing changed.
pip_stamp=.venv/.sikkerhedsnet-installed
pip_inputs="$(hash_files pyproject.toml)"
if ! stamp_matches "$pip_stamp" "$pip_inputs"; then
    log "pip install -e '.[dev]'"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
    echo "$pip_inputs" >"$pip_stamp"
fi

# `npm ci` wipes node_modules first, so it only runs when the lock file changed.
npm_stamp=node_modules/.sikkerhedsnet-installed
npm_inputs="$(hash_files package-lock.json)"
if ! stamp_matches "$npm_stamp" "$npm_inputs"; then
    log "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$npm_inputs" >"$npm_stamp"
fi

# compilemessages walks the tree below the working directory, so it runs inside the package
# (not the repo root, which holds .venv and node_modules). No .po files yet is not an error.
if [ -n "$(find sikkerhedsnet -name '*.po' -print -quit)" ]; then
    log "compilemessages"
    (cd sikkerhedsnet && ../.venv/bin/sikkerhedsnet compilemessages --verbosity 0)
else
    log "no .po files under sikkerhedsnet/; skipping compilemessages"
fi

# WhiteNoise serves static files from STATIC_ROOT in the demo and in production.
log "collectstatic"
.venv/bin/sikkerhedsnet collectstatic --noinput --verbosity 0
