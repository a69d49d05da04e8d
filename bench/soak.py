"""Soak: 10 000 wedge scans through the real till window against the sandbox.

The till window runs in this process (offscreen); the sandbox runs in its own process on
loopback, so its memory is not counted. Each scan is typed as a US-programmed wedge scanner
types it: key events stamped 4 ms apart, each in its own pass of the loop, then Enter. It
cycles through the staging demo cards and waits until the window shows that card before the
next scan. Measured:
- RSS growth of this process from scan 1 000 to the last (after a garbage collection each
  time): goal <= 2 MiB;
- event-loop lag: a 5 ms timer's lateness, sampled through the whole run: goal p99 <= 16 ms.
Like the till's own start-up, garbage collection runs on the GUI thread by timer and what
start-up built is frozen out of it. The till's rate budget and duplicate-scan window run on
clocks the run moves forward, so 10 000 scans in a few minutes are neither throttled nor
dropped as repeats.

Usage: python bench/soak.py [--scans 10000] [--quick]   (--quick: 400 scans, a smoke test)
"""

from __future__ import annotations

import argparse
import array
import asyncio
import gc
import os
import sys
import time

from PySide6.QtWidgets import QApplication, QLabel, QWidget

from pos_app.api import LoyaltyClient, RateBudget
from pos_app.app import TillOptions, create_main_window
from pos_app.config.settings import AppSettings, MemorySettingsStore
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, DEMO_CARD_NUMBERS
from pos_app.scanner.keycodes import XKB_KEYMAP
from pos_app.scanner.wedge import WedgeDetector
from pos_app.testing.benchtools import sandbox_process
from pos_app.testing.wedge_keys import FakeClock, press_enter, type_us

GOAL_RSS_GROWTH_MIB = 2.0
GOAL_LAG_P99_MS = 16.0
TICK_S = 0.005
SCAN_TIMEOUT_S = 10.0


def rss_mib() -> float:
    """This process's resident memory now."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class LagMonitor:
    """How late a `TICK_S` sleep on the loop wakes up, kept as a histogram of 0.01 ms bins.

    Fixed-size, allocated up front: the measurement itself must not grow the memory it is
    used beside.
    """

    BIN_MS = 0.01
    BINS = 100_000  # up to 1 s; later wake-ups go into the last bin (the maximum is kept apart)

    def __init__(self) -> None:
        self.counts = array.array("I", bytes(4 * (self.BINS + 1)))
        self.samples = 0
        self.worst_ms = 0.0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        while True:
            t0 = time.perf_counter()
            await asyncio.sleep(TICK_S)
            self.record(max(0.0, (time.perf_counter() - t0 - TICK_S) * 1000))

    def record(self, ms: float) -> None:
        self.counts[min(int(ms / self.BIN_MS), self.BINS)] += 1
        self.samples += 1
        self.worst_ms = max(self.worst_ms, ms)

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def p(self, q: float) -> float:
        """The `q` quantile in ms (the upper edge of its bin)."""
        wanted = q * self.samples
        seen = 0
        for index, count in enumerate(self.counts):
            seen += count
            if count and seen >= wanted:
                return (index + 1) * self.BIN_MS
        return 0.0

    def over(self, ms: float) -> int:
        """How many samples were later than `ms`."""
        return sum(self.counts[int(ms / self.BIN_MS) + 1 :])


async def soak(url: str, scans: int, checkpoint: int) -> int:
    budget_clock = FakeClock(10_000.0)
    wedge_clock = FakeClock(5_000.0)
    client = LoyaltyClient(
        url, DEMO_API_KEY, DEMO_API_SECRET, budget=RateBudget(600, clock=budget_clock)
    )
    window = create_main_window(
        api_url=url,
        api_key=DEMO_API_KEY,
        api_secret=DEMO_API_SECRET,
        options=TillOptions(
            settings=AppSettings(sound_enabled=False),
            settings_store=MemorySettingsStore(),
            client=client,
            wedge=WedgeDetector(keymap=XKB_KEYMAP, clock=wedge_clock),
            clock=budget_clock,
        ),
    )
    window.show()
    gc.freeze()  # as the till's start-up does: what start-up built is never walked again
    number_label = window.findChild(QLabel, "cardNumberLabel")
    assert number_label is not None
    lag = LagMonitor()
    lag.start()
    key_ms = 100_000
    rss_at_checkpoint = 0.0
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    try:
        for i in range(scans):
            card = DEMO_CARD_NUMBERS[i % len(DEMO_CARD_NUMBERS)]
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            target: QWidget = app.focusWidget() or window
            # Key by key, the loop running between keys, as the X server delivers them; the
            # time stamps say 4 ms apart, so the detector sees a scanner's burst.
            for ch in card:
                key_ms = type_us(target, ch, None, start_ms=key_ms, gap_ms=4)
                await asyncio.sleep(0)
            press_enter(target, timestamp=key_ms)
            key_ms += 500
            wedge_clock.now += 2.0
            budget_clock.now += 0.2  # 300 scans a budget minute: the budget never throttles
            deadline = time.monotonic() + SCAN_TIMEOUT_S
            while number_label.text() != card or window.vm.busy:
                if time.monotonic() > deadline:
                    print(f"scan {i + 1}: {card} not shown; banner: {window.vm.banner.text!r}")
                    return 1
                await asyncio.sleep(0.0005)
            if i + 1 == checkpoint:
                gc.collect()
                rss_at_checkpoint = rss_mib()
                print(f"scan {checkpoint}: RSS {rss_at_checkpoint:.1f} MiB", flush=True)
    finally:
        lag.stop()
        elapsed = time.perf_counter() - t0
        await window.aclose()  # type: ignore[attr-defined]
        await client.aclose()
        window.close()
    gc.collect()
    rss_end = rss_mib()
    growth = rss_end - rss_at_checkpoint
    p50, p99, worst = lag.p(0.5), lag.p(0.99), lag.worst_ms
    late = lag.over(GOAL_LAG_P99_MS)
    cpu_share = (time.process_time() - cpu0) / elapsed
    print(f"scan {scans}: RSS {rss_end:.1f} MiB")
    print(
        f"soak: {scans} wedge scans in {elapsed:.1f} s ({scans / elapsed:.0f}/s), "
        f"RSS growth scan {checkpoint}->{scans}: {growth:+.2f} MiB, event-loop lag "
        f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {worst:.1f} ms "
        f"({lag.samples} samples, {late} over {GOAL_LAG_P99_MS:.0f} ms; this process "
        f"had the CPU {cpu_share:.0%} of the time)"
    )
    met = growth <= GOAL_RSS_GROWTH_MIB and p99 <= GOAL_LAG_P99_MS
    print(
        f"goal: RSS growth <= {GOAL_RSS_GROWTH_MIB} MiB and lag p99 <= {GOAL_LAG_P99_MS} ms: "
        f"{'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scans", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="400 scans: a smoke test")
    args = parser.parse_args()
    scans = 400 if args.quick else args.scans
    checkpoint = max(1, scans // 10)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync

    from pos_app.qtfix import linecache
    from pos_app.qtfix.gui_thread_gc import MainThreadGarbageCollector

    linecache.install()  # as the till's start-up does
    app = QApplication.instance() or QApplication(sys.argv[:1])
    MainThreadGarbageCollector(app)  # as the till: collection on the GUI thread, by timer
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with sandbox_process() as url, loop:
        return loop.run_until_complete(soak(url, scans, checkpoint))


if __name__ == "__main__":
    raise SystemExit(main())
