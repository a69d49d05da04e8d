"""Start-up cost: `pos-app --smoke-test` against a bare PySide6 window, in paired runs.

Each pair runs the bare window and the till's smoke test back to back (order alternating),
as fresh processes, offscreen. Wall time is measured around the whole process; peak memory
is the child's own max RSS from wait4(). Printed: medians and the till/bare ratios.
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
    bare = [sys.executable, "-c", BARE_WINDOW]
    till = [sys.executable, "-m", "pos_app", "--smoke-test"]
    run_once(bare)  # warm the file cache for both
    run_once(till)
    results: dict[str, list[tuple[float, float]]] = {"bare": [], "till": []}
    for i in range(args.pairs):
        order = [("bare", bare), ("till", till)] if i % 2 == 0 else [("till", till), ("bare", bare)]
        for name, cmd in order:
            results[name].append(run_once(cmd))
    wall = {k: statistics.median(w for w, _ in v) for k, v in results.items()}
    rss = {k: statistics.median(m for _, m in v) for k, v in results.items()}
    print(f"start-up, {args.pairs} paired runs, offscreen, median")
    print(f"{'':28}{'wall s':>10}{'peak MiB':>10}")
    print(f"{'bare PySide6 window':28}{wall['bare']:>10.3f}{rss['bare']:>10.1f}")
    print(f"{'pos-app --smoke-test':28}{wall['till']:>10.3f}{rss['till']:>10.1f}")
    wall_ratio, rss_ratio = wall["till"] / wall["bare"], rss["till"] / rss["bare"]
    print(f"{'ratio till/bare':28}{wall_ratio:>9.2f}x{rss_ratio:>9.2f}x   (goal <= 1.5x, <= 1.6x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
