# Shared helpers for the scripts in this folder; sourced, never run on its own.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# apt-get only when something is missing, and `apt-get update` at most once per run, so that a
# machine that already has everything does not wait for the network.
_APT_UPDATED=0
apt_ensure() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing Debian packages: ${missing[*]}; run as root or install them first." >&2
        return 1
    fi
    log "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if [ "$_APT_UPDATED" -eq 0 ]; then
        apt-get update -qq
        _APT_UPDATED=1
    fi
    apt-get install -y -qq "${missing[@]}" >/dev/null
}

# A stamp file records the hash of the inputs of a slow step; the step runs again only when they
# change (or the stamp is gone), which keeps repeated runs of setup.sh fast.
stamp_matches() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }
hash_files() { cat "$@" | sha256sum | cut -d' ' -f1; }
