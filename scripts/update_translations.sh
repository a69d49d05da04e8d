#!/usr/bin/env bash
# Refresh resources/translations/pos_app_*.ts from pos_app/ (pyside6-lupdate) and compile them to
# pos_app/resources/translations/*.qm (pyside6-lrelease). Then translate what is marked
# unfinished in pos_app_lt.ts (Qt Linguist: .venv/bin/pyside6-linguist) and run this again.
# --check changes nothing and exits 1 when a .ts is stale or unfinished (for CI).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3
exec "$PYTHON" scripts/update_translations.py "$@"
