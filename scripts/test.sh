#!/usr/bin/env bash
# Installs everything, then runs lint, strict type checks and the whole test suite, offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
echo "== ruff"; .venv/bin/ruff check pos_app tests bench scripts packaging
echo "== mypy"; .venv/bin/mypy
echo "== pytest"
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
# pytest's 5 means no test ran at all: a suite that vanished must never pass.
if [ "$rc" = 5 ]; then echo "pytest: no tests were collected: failing" >&2; exit 1; fi
exit "$rc"
