#!/usr/bin/env bash
# Builds the one-folder frozen till into dist/pos-app/ and refuses it unless its smoke test passes.
set -euo pipefail
cd "$(dirname "$0")/.."
POS_EXTRAS="dev,build" bash scripts/setup.sh
.venv/bin/python -m pip install -q -e ".[dev,build]"
bash scripts/update_translations.sh >/dev/null 2>&1 || true
rm -rf build/pyinstaller dist/pos-app
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist packaging/pos-app.spec
echo "== smoke test of the frozen build"
QT_QPA_PLATFORM=offscreen POS_SMOKE_DECODE=1 POS_SMOKE_SCREENSHOT="$PWD/dist/smoke-test.png" \
    dist/pos-app/pos-app --smoke-test
install -Dm644 resources/pos-app.desktop dist/pos-app/share/applications/pos-app.desktop
for s in 16 24 32 48 64 128 256 512; do
  install -Dm644 "resources/icons/pos-app-$s.png" "dist/pos-app/share/icons/hicolor/${s}x${s}/apps/pos-app.png"
done
echo "built: dist/pos-app/pos-app"
