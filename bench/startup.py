"""Start-up to "ready for the cashier": the till against a bare PySide6 window, same run.

Each round runs, as fresh offscreen processes and in rotating order:
- bare: a QMainWindow with one focused QLineEdit, exiting right after its first paint;
- floor: the same plus what any till on this stack needs before its first paint: asyncio +
  qasync (the loop everything runs on) and Qt's own enums (the first use of `Qt.<enum>`
  builds all ~95 of them, ~20 ms). httpx, pydantic and the sale side load after the paint;
- till: `pos-app --api-url <sandbox>` with POS_EXIT_WHEN_READY=1, which exits 0 once the window
  is painted, the card field focused and the scanner detector listening.
The till talks to a sandbox started once, in its own process, so the figure is the till's
own: no sandbox child is started or counted. Wall time is around the whole process, as
POS_EXIT_WHEN_READY intends (start-up timed from outside); "to ready line" is the time until
the process printed that it is ready, without closing down. Peak memory is the process's max
RSS (wait4). Printed: medians, and the ratios to bare.
The till's bytecode is compiled first, as an installed till has it.

Goal: till <= 2.0x the bare window's wall time and <= 1.7x its peak memory (exit 1 if over).
Usage: python bench/startup.py [--rounds 10]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET
from pos_app.testing.benchtools import (
    isolated_env,
    run_timed,
    sandbox_process,
    temporary_home,
)

GOAL_WALL = 2.0
GOAL_PEAK = 1.7

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow
{extra}
app = QApplication(sys.argv[:1])
window = QMainWindow()
field = QLineEdit(window)
window.setCentralWidget(field)
window.resize(1180, 780)

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, done)
        return False

def done():
    if QApplication.focusWidget() is field:
        print("bare ready", flush=True)
        app.quit()
    else:
        QTimer.singleShot(5, done)

window.installEventFilter(Painted(window))
window.show()
field.setFocus()
app.exec()
"""

FLOOR_IMPORTS = "import asyncio, qasync; from PySide6.QtCore import Qt; Qt.AlignmentFlag"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    import pos_app

    package = Path(pos_app.__file__).resolve().parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    with sandbox_process() as url, temporary_home() as home:
        env = isolated_env(home)
        till_env = isolated_env(
            home,
            POS_EXIT_WHEN_READY="1",
            POS_API_KEY=DEMO_API_KEY,
            POS_API_SECRET=DEMO_API_SECRET,
        )
        commands = {
            "bare": ([sys.executable, "-c", BARE_WINDOW.format(extra="")], env, "bare ready"),
            "floor": (
                [sys.executable, "-c", BARE_WINDOW.format(extra=FLOOR_IMPORTS)],
                env,
                "bare ready",
            ),
            "till": (
                [sys.executable, "-m", "pos_app", "--api-url", url],
                till_env,
                "ready for the cashier",
            ),
        }
        for cmd, cmd_env, ready in commands.values():
            run_timed(cmd, cmd_env, ready_line=ready)  # warm the file cache
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
        names = list(commands)
        for i in range(args.rounds):
            for name in names[i % 3 :] + names[: i % 3]:
                cmd, cmd_env, ready = commands[name]
                run = run_timed(cmd, cmd_env, ready_line=ready)
                results[name].append((run.wall_s, run.peak_mib, run.ready_s or run.wall_s))
    wall = {k: statistics.median(r[0] for r in v) for k, v in results.items()}
    peak = {k: statistics.median(r[1] for r in v) for k, v in results.items()}
    ready = {k: statistics.median(r[2] for r in v) for k, v in results.items()}
    labels = {
        "bare": "bare PySide6 window",
        "floor": "floor: + asyncio, Qt enums",
        "till": "pos-app, ready",
    }
    print(f"start-up to ready, {args.rounds} rounds, offscreen, median")
    print(
        f"{'':28}{'wall s':>10}{'peak MiB':>10}{'wall x':>9}{'peak x':>9}"
        f"{'to ready line s':>17}{'x':>7}"
    )
    for name in ("bare", "floor", "till"):
        print(
            f"{labels[name]:28}{wall[name]:>10.3f}{peak[name]:>10.1f}"
            f"{wall[name] / wall['bare']:>8.2f}x{peak[name] / peak['bare']:>8.2f}x"
            f"{ready[name]:>17.3f}{ready[name] / ready['bare']:>6.2f}x"
        )
    wall_x = wall["till"] / wall["bare"]
    peak_x = peak["till"] / peak["bare"]
    met = wall_x <= GOAL_WALL and peak_x <= GOAL_PEAK
    print(
        f"goal: till <= {GOAL_WALL}x wall and <= {GOAL_PEAK}x peak memory: "
        f"{wall_x:.2f}x / {peak_x:.2f}x {'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
