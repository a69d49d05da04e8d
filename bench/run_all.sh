#!/usr/bin/env bash
# Runs every benchmark in one go (offscreen) and prints their tables; used for the README.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
py=.venv/bin/python
echo "### $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $($py -c 'import platform; print(platform.python_version())')"
for bench in "lookup.py" "scan_to_balance.py" "startup.py" "decode.py" "chaos_report.py"; do
  echo
  echo "## bench/$bench"
  $py "bench/$bench"
done
