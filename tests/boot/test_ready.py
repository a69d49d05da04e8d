"""Ready for the cashier: painted, card field focused, scanner listening; POS_EXIT_WHEN_READY."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from pos_app.boot.ready import ReadyWatch
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer
from pos_app.scanner.wedge import WedgeConfig, WedgeDetector
from pos_app.testing.benchtools import isolated_env


def _window(qtbot: Any) -> tuple[QWidget, QLineEdit]:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    other = QLineEdit(window)
    card = QLineEdit(window)
    card.setObjectName("cardInput")
    layout.addWidget(other)
    layout.addWidget(card)
    return window, card


def test_ready_once_painted_focused_and_listening(qtbot: Any) -> None:
    window, card = _window(qtbot)
    detector = WedgeDetector(WedgeConfig())
    detector.setParent(window)
    watch = ReadyWatch(window, started=0.0, clock=lambda: 1.25)
    seen: list[float] = []
    watch.ready.connect(seen.append)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    card.setFocus()
    qtbot.wait(50)
    assert seen == []  # painted and focused, but the scanner is not listening yet
    assert watch.missing() == ["scanner detector not listening"]
    app = QApplication.instance()
    assert app is not None
    detector.install(app)
    try:
        qtbot.waitUntil(lambda: seen == [1.25])
    finally:
        detector.uninstall()


def test_not_ready_says_what_is_missing(qtbot: Any) -> None:
    window, _card = _window(qtbot)
    watch = ReadyWatch(window, started=0.0, timeout_s=0.2)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(watch.timedOut, timeout=3000) as blocker:
        pass
    assert blocker.args == ["card field not focused, scanner detector not listening"]


def test_the_real_till_exits_0_when_ready(sandbox_server: SandboxServer, tmp_path: Any) -> None:
    env = isolated_env(
        str(tmp_path),
        POS_EXIT_WHEN_READY="1",
        POS_API_KEY=DEMO_API_KEY,
        POS_API_SECRET=DEMO_API_SECRET,
    )
    result = subprocess.run(
        [sys.executable, "-m", "pos_app", "--api-url", sandbox_server.base_url],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ready for the cashier after" in result.stdout
