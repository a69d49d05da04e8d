#!/usr/bin/env bash
# Installs everything, then starts the till (demo mode when no credentials are configured).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pos_app "$@"
