"""Start-up cost: `pos-app --smoke-test` against a bare PySide6 window, in paired runs.

Each round runs the bare window, the till's smoke test and the "floor" back to back (order
rotating), as fresh processes, offscreen. Wall time is measured around the whole process;
peak memory is the child's own max RSS from wait4() (the larger of it and its children).
Printed: medians and the ratios to the bare window.

The floor is the bare window plus the libraries the till's architecture prescribes, imported
after Qt as in the till (asyncio + qasync, httpx with httpcore and anyio's asyncio backend,
pydantic), with the till's PySide6 import fix: what any till built this way pays before it
runs a line of its own code. It shows how much of the ratio is the stack and how much the till.

The till's bytecode is compiled first, as `pip install` and the frozen build have it.
Usage: python bench/startup.py [--pairs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("bare")); w.resize(1280, 800); w.show()
app.processEvents(); w.grab()
print("bare OK")
"""

FLOOR = (
    BARE_WINDOW
    + """
from pos_app.qtfix import linecache as pyside_imports
pyside_imports.install()
import asyncio, qasync, httpx, httpcore, anyio._backends._asyncio, pydantic.main
print("floor OK")
"""
)


def run_once(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MiB of one fresh process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd} failed ({proc.returncode}):\n{out}\n{err}")
    return wall, usage.ru_maxrss / 1024  # Linux reports KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=10)
    args = parser.parse_args()
    subprocess.run(  # as installed: pip and PyInstaller ship compiled bytecode
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "pos_app")], check=True
    )
    commands = {
        "bare": [sys.executable, "-c", BARE_WINDOW],
        "till": [sys.executable, "-m", "pos_app", "--smoke-test"],
        "floor": [sys.executable, "-c", FLOOR],
    }
    for cmd in commands.values():
        run_once(cmd)  # warm the file cache
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    names = list(commands)
    for i in range(args.pairs):
        for name in names[i % 3 :] + names[: i % 3]:
            results[name].append(run_once(commands[name]))
    wall = {k: statistics.median(w for w, _ in v) for k, v in results.items()}
    rss = {k: statistics.median(m for _, m in v) for k, v in results.items()}
    labels = {
        "bare": "bare PySide6 window",
        "floor": "floor (bare + the stack)",
        "till": "pos-app --smoke-test",
    }
    print(f"start-up, {args.pairs} rounds, offscreen, median")
    print(f"{'':28}{'wall s':>10}{'peak MiB':>10}{'wall x':>9}{'peak x':>9}")
    for name in ("bare", "floor", "till"):
        print(
            f"{labels[name]:28}{wall[name]:>10.3f}{rss[name]:>10.1f}"
            f"{wall[name] / wall['bare']:>8.2f}x{rss[name] / rss['bare']:>8.2f}x"
        )
    print("goal: till <= 1.5x the bare window's wall time and <= 1.6x its peak memory")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
