"""Start-up glue: a demo sandbox that fails to start is told in the window, not hidden."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from typing import Any

from pos_app.boot.connection import Connection
from pos_app.boot.startup import _watch_sandbox
from pos_app.testing.helpers import run_async


class _FailingSandbox:
    ready = False

    def __init__(self) -> None:
        self.asked = 0

    def failure(self) -> str | None:
        self.asked += 1
        return None if self.asked < 3 else "the demo sandbox could not start: OSError: boom"


class _Window:
    def __init__(self) -> None:
        self.notices: list[str] = []

    def show_unexpected_error(self, text: str) -> None:
        self.notices.append(text)


def test_a_failed_demo_sandbox_is_told_in_the_window(
    qtbot: Any, qasync_loop: asyncio.AbstractEventLoop
) -> None:
    window = _Window()
    connection = Connection("http://127.0.0.1:9", "k", "s", True, _FailingSandbox())  # type: ignore[arg-type]

    async def watch() -> None:
        task = _watch_sandbox(connection, window)  # type: ignore[arg-type]
        assert task is not None
        await task

    run_async(qasync_loop, qtbot, watch())
    assert window.notices == [
        "Demo mode is unavailable: the demo sandbox could not start: OSError: boom."
    ]


def test_live_mode_has_nothing_to_watch() -> None:
    connection = Connection("https://api.loyalty.lt", "k", "s", False)
    assert _watch_sandbox(connection, _Window()) is None  # type: ignore[arg-type]


def _smoke(tmp_path: Any, **env: str) -> subprocess.CompletedProcess[str]:
    # Settings, journal and logs go to tmp_path, never to the developer's own.
    homes = {name: str(tmp_path) for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME")}
    homes.update(XDG_STATE_HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path))
    environ = dict(os.environ, QT_QPA_PLATFORM="offscreen", **homes, **env)
    environ.pop("POS_API_KEY", None)
    environ.pop("POS_API_SECRET", None)
    return subprocess.run(
        [sys.executable, "-m", "pos_app", "--smoke-test"],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
    )


def test_smoke_test_looks_a_card_up_renders_and_reports_timings(tmp_path: Any) -> None:
    shot = tmp_path / "smoke.png"
    result = _smoke(tmp_path, POS_SMOKE_SCREENSHOT=str(shot))
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("smoke test OK:"))
    for part in ("imports_s=", "window_s=", "lookup_s=", "render_s=", "total="):
        assert part in line
    assert f"screenshot={shot}" in line
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert not image.isNull()
    assert image.width() > 600


def test_smoke_test_fails_loudly_when_the_screenshot_cannot_be_written(tmp_path: Any) -> None:
    result = _smoke(tmp_path, POS_SMOKE_SCREENSHOT=str(tmp_path / "missing" / "dir" / "x.png"))
    assert result.returncode == 1
    assert "smoke test FAILED: could not write the screenshot" in result.stdout


def test_blank_render_is_refused(qapp: Any) -> None:
    from PySide6.QtGui import QColor, QImage

    from pos_app.boot.smoke import _blank

    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert _blank(image) == "a single colour"
    assert _blank(QImage()) == "no image"
    image.setPixel(16, 16, QColor("black").rgb())
    assert _blank(image) is None
