"""The real till process: secrets never reach its children, and closing the window exits 0."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from pos_app.testing.videofile import write_video
from tests.sale.till_process import TillProcess

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"),
]

SECRET = "env-secret-9f3c1d"


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found += [int(entry), *_descendants(int(entry))]
    return found


def _environ(pid: int) -> bytes:
    return Path(f"/proc/{pid}/environ").read_bytes()


def test_children_never_inherit_the_secret_and_closing_the_window_exits_0(tmp_path: Path) -> None:
    video = write_video(tmp_path / "camera.avi", [np.zeros((120, 160, 3), np.uint8)], repeat=200)
    till = TillProcess(
        tmp_path,
        ["--demo", "--camera", str(video)],
        env={"POS_API_KEY": "lty_from_environment", "POS_API_SECRET": SECRET},
    )
    try:
        till.wait_shown("mainWindow", "shown", timeout=60)
        # The process was started with the secret (the kernel keeps the start-up copy)...
        assert SECRET.encode() in _environ(till.process.pid)
        # ...and starts three children: the demo sandbox, the camera's decoder process and
        # multiprocessing's resource tracker.
        deadline = time.monotonic() + 30
        children = _descendants(till.process.pid)
        while len(children) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
            children = _descendants(till.process.pid)
        assert len(children) >= 3, children
        for child in children:
            environ = _environ(child)
            assert SECRET.encode() not in environ
            assert b"POS_API_SECRET" not in environ
            assert b"POS_API_KEY" not in environ
        till.do("scan 900-001-001")  # a request, so the HTTP client has something to close
        till.wait_shown("balanceLabel", "1", timeout=20)
        till.do("close")
        code = till.finish()
    finally:
        till.kill()
    assert "Event loop stopped" not in till.stderr
    assert code == 0, till.stderr[-2000:]
