"""The chaos run of tests/test_chaos.py as a script: prints its figures for the README.

    python bench/chaos_report.py [--scans 1000] [--seed 20261122] [--budget 40]

Offscreen Qt, the embedded sandbox with seeded faults, the real till window; the same
invariants as the test are asserted after every scan (an AssertionError ends the run).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--budget", type=int, default=40, help="requests per minute")
    parser.add_argument("--fail-rate", type=float, default=0.08)
    args = parser.parse_args()

    import logging

    import qasync
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QApplication

    from pos_app.sandbox import SandboxServer
    from pos_app.testing.chaos_till import ChaosTill

    logging.getLogger("pos_app").setLevel(logging.ERROR)  # retries are expected here
    app = QApplication.instance() or QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app, already_running=True)
    asyncio.set_event_loop(loop)

    def wait_until(predicate: Callable[[], bool], timeout_ms: int) -> None:
        deadline = time.monotonic() + timeout_ms / 1000
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(f"gave up after {timeout_ms} ms")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            QCoreApplication.sendPostedEvents(None, 0)  # deleteLater and friends

    with (
        SandboxServer(rate_limit=0, seed=args.seed) as sandbox,
        tempfile.TemporaryDirectory() as tmp,
    ):
        till = ChaosTill(
            sandbox,
            loop,
            wait_until,
            Path(tmp) / "journal.sqlite3",
            seed=args.seed,
            budget_per_minute=args.budget,
        )
        till.show()
        try:
            figures = till.run(args.scans, fail_rate=args.fail_rate, sale_every=10)
        finally:
            till.close()
    print("\n".join(figures.lines()))
    if figures.async_errors:
        print("async errors:", *figures.async_errors, sep="\n  ")
        return 1
    return 0 if figures.max_in_window <= args.budget else 1


if __name__ == "__main__":
    raise SystemExit(main())
