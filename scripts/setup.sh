#!/usr/bin/env bash
# Sets up everything the till needs on this machine: system libraries (as root, via apt-get),
# a virtual environment in .venv and the Python packages. Safe to run again; quiet when done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libzbar0 libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
              libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 fonts-dejavu-core)

missing_apt() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

if [ "$(uname -s)" = "Linux" ] && command -v apt-get >/dev/null 2>&1; then
  missing=$(missing_apt)
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = "0" ]; then
      echo "setup: installing system packages: $missing"
      apt-get update -qq
      # shellcheck disable=SC2086
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    else
      echo "setup: these system packages are missing; install them and run again:" >&2
      echo "  sudo apt-get install $missing" >&2
      exit 1
    fi
  fi
  # The real-X-server test tier (tests/x11) needs these (xrandr, in x11-xserver-utils, splits a
  # screen into two monitors for the customer display); without them it is skipped.
  X_TIER_PACKAGES=(xvfb openbox xdotool x11-xkb-utils x11-utils x11-xserver-utils libxtst6 imagemagick)
  x_missing=""
  for p in "${X_TIER_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || x_missing="$x_missing $p"
  done
  if [ -n "$x_missing" ]; then
    if [ "$(id -u)" = "0" ]; then
      echo "setup: installing the X server test tier:$x_missing"
      apt-get update -qq
      # shellcheck disable=SC2086
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $x_missing >/dev/null || \
        echo "setup: could not install$x_missing; the X server tests will be skipped" >&2
    else
      echo "setup: the X server tests (tests/x11) are skipped until you run:" >&2
      echo "  sudo apt-get install$x_missing" >&2
    fi
  fi
elif [ "$(uname -s)" = "Darwin" ]; then
  [ -e /opt/homebrew/lib/libzbar.dylib ] || [ -e /usr/local/lib/libzbar.dylib ] || \
    echo "setup: the webcam needs zbar: brew install zbar" >&2
fi

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv || { echo "setup: could not create .venv; on Debian/Ubuntu: apt-get install python3-venv" >&2; exit 1; }
fi
stamp=.venv/.pos-app-installed
if [ ! -e "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[${POS_EXTRAS:-dev}]"
  touch "$stamp"
fi
# The editable install leaves the till's own modules uncompiled; where nothing writes bytecode
# (PYTHONDONTWRITEBYTECODE, a read-only checkout) every start would compile them again, ~80 ms.
.venv/bin/python -m compileall -q pos_app >/dev/null || true
