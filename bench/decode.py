"""Decode rate and speed on the same generated 1280×720 counter frames, one core, one run.

    .venv/bin/python bench/decode.py [--seeds N] [--no-process] [--lag-seconds S]

Rows: the till's pipeline (pyzbar on grayscale + recovery passes), the same through the
decoder child process (what the till really runs, IPC included), pyzbar fed the raw BGR frame
with every symbology (what a naive integration does), and zxing-cpp restricted to the till's
formats. Wall-clock columns on a shared machine include time other processes took from the
pinned core; `cpu med` is this thread's own CPU time per frame.
Frames come from pos_app/testing/framegen.py: every payload under every difficulty.
Before that (on all cores, as in a shop) it measures the Qt event loop's lag while a
CameraPanel plays a generated clip through the decoder process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pos_app.scanner.cvload import load_cv2

Decode = Callable[[Any], list[str]]


def pin_to_one_core() -> str:
    cv2 = load_cv2()
    cv2.setNumThreads(1)
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to CPU {core}, cv2 threads 1"
    return "cv2 threads 1 (no CPU pinning on this OS)"


def pipelines(with_process: bool) -> dict[str, tuple[Decode, Callable[[], None]]]:
    from pyzbar import pyzbar

    from pos_app.scanner.decode import PyzbarDecoder, ZxingDecoder, to_gray

    till = PyzbarDecoder()
    rows: dict[str, tuple[Decode, Callable[[], None]]] = {
        "till pipeline (pyzbar, in-process)": (
            lambda f: [c.text for c in till.decode(to_gray(f))],
            lambda: None,
        ),
    }
    if with_process:
        from pos_app.scanner.decoder_process import ProcessDecoder

        child = ProcessDecoder()
        child.start()
        rows["till pipeline via decoder process"] = (
            lambda f: [c.text for c in child.decode(to_gray(f))],
            child.close,
        )
    rows["pyzbar raw BGR, all symbologies"] = (
        lambda f: [r.data.decode("utf-8", "replace") for r in pyzbar.decode(f)],
        lambda: None,
    )
    try:
        zx = ZxingDecoder()
    except ImportError:
        print("zxing-cpp not installed: skipping its row")
    else:
        rows["zxing-cpp (till formats)"] = (lambda f: [c.text for c in zx.decode(f)], lambda: None)
    return rows


def loop_lag(seconds: float) -> None:
    """Event-loop lag of an offscreen window while the camera panel scans a generated clip."""
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from pos_app.testing import framegen
    from pos_app.testing.videofile import write_video
    from pos_app.ui.camera.panel import CameraPanel

    app = QApplication.instance() or QApplication([])
    qr, _ = framegen.render("qr", framegen.PAYLOADS["qr_link"][1], framegen.DIFFICULTIES["combo"])
    blank = framegen.blank_frame()
    with tempfile.TemporaryDirectory() as tmp:
        # 1.5 s of empty counter, 1 s of phone: each showing is a new scan.
        clip = write_video(Path(tmp) / "counter.avi", [blank] * 3 + [qr] * 2, fps=30, repeat=15)
        panel = CameraPanel(str(clip))
        panel.resize(480, 320)
        scans: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        panel.codeScanned.connect(lambda _text: scans.append(clock.elapsed()))
        lags: list[int] = []
        last = [clock.elapsed()]

        def tick() -> None:
            now = clock.elapsed()
            lags.append(now - last[0] - 10)
            last[0] = now

        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(10)
        panel.start()
        deadline = clock.elapsed() + seconds * 1000
        while clock.elapsed() < deadline:
            app.processEvents()
            time.sleep(0.001)
        timer.stop()
        panel.stop()
    lags.sort()
    first = f"{scans[0] / 1000:.2f} s" if scans else "never"
    print(
        f"event loop with the camera on ({seconds:.0f} s, 10 ms timer, decoder process): "
        f"lag median {lags[len(lags) // 2]} ms, p95 {lags[int(len(lags) * 0.95)]} ms, "
        f"max {lags[-1]} ms; first scan after {first} (includes decoder start), "
        f"{len(scans)} scans\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=2, help="frame sets (different noise)")
    parser.add_argument("--no-process", action="store_true", help="skip the child-process row")
    parser.add_argument("--lag-seconds", type=float, default=5.0, help="0 skips the lag test")
    args = parser.parse_args()

    if args.lag_seconds > 0:
        loop_lag(args.lag_seconds)

    from pos_app.testing import framegen

    pinned = pin_to_one_core()
    frames = framegen.corpus(args.seeds)
    blanks = [framegen.blank_frame(100 + i) for i in range(10)]
    rows = pipelines(not args.no_process)
    print(f"{len(frames)} frames 1280×720 with a code, {len(blanks)} without; {pinned}\n")

    header = f"{'pipeline':38} {'decoded':>9} {'rate':>6} {'median':>8} {'p90':>7} {'max':>7}"
    print(header + f" {'empty med':>10} {'cpu med':>8}")
    print("-" * (len(header) + 20))
    misses: dict[str, list[str]] = {}
    hits_by_difficulty: dict[str, dict[str, int]] = {}
    for name, (decode, close) in rows.items():
        decode(frames[0][2])  # warm-up: child start, library load
        times, cpu, hits, missed = [], [], 0, []
        for payload, difficulty, frame, expected in frames:
            start, start_cpu = time.perf_counter(), time.thread_time()
            found = decode(frame)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            ok = expected in found
            hits += ok
            per = hits_by_difficulty.setdefault(difficulty, {})
            per[name] = per.get(name, 0) + ok
            if not ok:
                missed.append(f"{payload}/{difficulty}")
        empty = []
        for frame in blanks:
            start = time.perf_counter()
            decode(frame)
            empty.append((time.perf_counter() - start) * 1000)
        close()
        times.sort()
        print(
            f"{name:38} {hits:>4}/{len(frames):<4} {hits / len(frames):>6.0%} "
            f"{statistics.median(times):>6.1f}ms {times[int(len(times) * 0.9)]:>5.1f}ms "
            f"{times[-1]:>5.1f}ms {statistics.median(empty):>8.1f}ms "
            + (
                f"{statistics.median(cpu):>6.1f}ms"
                if "via decoder process" not in name
                else f"{'(child)':>8}"
            )
        )
        misses[name] = sorted(set(missed))

    names = list(rows)
    print(f"\nper difficulty (of {len(frames) // len(hits_by_difficulty)} frames each):")
    print(
        f"{'difficulty':16}"
        + "".join(f"{n.split(' (')[0].split(' via')[0][:14]:>16}" for n in names)
    )
    for difficulty, per in hits_by_difficulty.items():
        print(f"{difficulty:16}" + "".join(f"{per.get(n, 0):>16}" for n in names))
    print()
    for name, missed in misses.items():
        print(f"missed by {name}: {', '.join(missed) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
