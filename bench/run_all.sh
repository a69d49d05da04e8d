#!/usr/bin/env bash
# Runs every benchmark in one go (offscreen) and prints their tables; used for the README.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
export QT_QPA_PLATFORM=offscreen
py=.venv/bin/python
status=0
echo "### $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $($py -c 'import platform; print(platform.python_version())')"
for bench in "lookup.py" "scan_to_balance.py" "startup.py" "soak.py" "decode.py" "chaos_report.py" "shared_key.py"; do
  echo
  echo "## bench/$bench"
  # The offscreen platform's per-window notice is noise here.
  # A benchmark over its goal exits non-zero; the others still run and the run says so.
  if ! $py "bench/$bench" 2>&1 | grep -v "does not support propagateSizeHints"; then
    echo "(bench/$bench exited non-zero)"
    status=1
  fi
done
exit "$status"
