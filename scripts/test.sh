#!/usr/bin/env bash
# Everything CI checks: lint, format, types, the import layers, the test suite on SQLite and, when
# TEST_POSTGRES_URL is set (postgres://user:password@host:port/db, the user needs CREATEDB),
# the same suite again on PostgreSQL. Extra arguments go to both pytest runs.
#
# Every step runs even when an earlier one failed, so one run shows all problems; the exit
# status is 1 if any step failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
cd "$ROOT"

./scripts/setup.sh --browser

failed=()
step() {
    local name="$1"
    shift
    log "$name"
    local start=$SECONDS rc=0
    "$@" || rc=$?
    # pytest's 5 means "no tests collected": a broken test path, never a pass.
    if [ "$rc" -eq 5 ]; then
        echo "$name: no tests were collected (exit 5); treating it as a failure." >&2
    fi
    if [ "$rc" -ne 0 ]; then
        failed+=("$name (exit $rc)")
    fi
    log "$name: $([ "$rc" -eq 0 ] && echo ok || echo FAILED) in $((SECONDS - start)) s"
}

typed=()
for path in sikkerhedsnet bench tests conftest.py; do
    [ -e "$path" ] && typed+=("$path")
done

step "ruff check" .venv/bin/ruff check .
step "ruff format --check" .venv/bin/ruff format --check .
step "mypy ${typed[*]}" .venv/bin/mypy "${typed[@]}"
# The layers of ARCHITECTURE.md, as the import contract in pyproject.toml writes them down.
step "lint-imports" .venv/bin/lint-imports
# The SQLite run ignores a DATABASE_URL left in the environment: it is the SQLite run.
# One worker per core; a module's tests stay on one worker, so a module-wide fixture (a generated
# municipality) is built once. PYTEST_WORKERS=0 runs in one process.
workers=(--numprocesses="${PYTEST_WORKERS:-auto}" --dist=loadfile)
step "pytest (SQLite)" env -u DATABASE_URL .venv/bin/pytest "${workers[@]}" "$@"
if [ -n "${TEST_POSTGRES_URL:-}" ]; then
    # The crawl of every page as every role (tests/browser/test_crawl_*.py, about 8 minutes of
    # the two workers) runs in the SQLite run only, to keep CI near 30 minutes; the other
    # browser tests and every view test run on PostgreSQL too.
    step "pytest (PostgreSQL)" env DATABASE_URL="$TEST_POSTGRES_URL" .venv/bin/pytest "${workers[@]}" \
        --ignore-glob="tests/browser/test_crawl_*.py" "$@"
else
    log "TEST_POSTGRES_URL is not set; skipping the PostgreSQL run"
fi

if [ ${#failed[@]} -gt 0 ]; then
    printf '\033[1;31mFAILED:\033[0m %s\n' "${failed[@]}" >&2
    exit 1
fi
log "all checks passed"
