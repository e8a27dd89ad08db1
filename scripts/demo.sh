#!/usr/bin/env bash
# Set up, then run the demo: a generated 12,000-child municipality on http://127.0.0.1:8000.
# Extra arguments go to `sikkerhedsnet demo`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
cd "$ROOT"

./scripts/setup.sh
log "sikkerhedsnet demo"
exec .venv/bin/sikkerhedsnet demo "$@"
