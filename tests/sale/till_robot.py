"""A scripted cashier inside the real till process: `python -m tests.sale.till_robot -- ARGS`.

The till starts exactly as `python -m pos_app ARGS` does (the `pos_app` module runs as
`__main__`), so its start-up, journal, HTTP client, child processes and shutdown are the real
ones. The robot only plays the cashier's hands and eyes: it reads one command per line on
stdin (`scan 900-001-001`, `total 25.30`, `points 100`, `complete`, `newsale`, `shot FILE.png`,
`close`) and writes every change of what the cashier sees as a line
`ROBOT {"widget": ..., "text": ...}`.
"""

from __future__ import annotations

import json
import queue
import runpy
import sys
import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QSlider, QWidget

WATCHED = (
    "statusBanner",
    "saleBanner",
    "cardNumberLabel",
    "balanceLabel",
    "customerNameLabel",
    "amountToPayLabel",
)


def _say(**event: object) -> None:
    print("ROBOT " + json.dumps(event, ensure_ascii=False), flush=True)


def _read_stdin(commands: queue.Queue[str]) -> None:
    for line in sys.stdin:
        commands.put(line.strip())


class Robot:
    """Polls the window (every 20 ms, on the GUI thread) and runs the queued commands."""

    def __init__(self, app: QApplication, commands: queue.Queue[str]) -> None:
        self._app = app
        self._commands = commands
        self._seen: dict[str, str] = {}
        self._window: QWidget | None = None

    def tick(self) -> None:
        window = self._find_window()
        if window is None:
            return
        self._observe(window)
        while True:
            try:
                command = self._commands.get_nowait()
            except queue.Empty:
                return
            try:
                self._run(window, command)
            except Exception as exc:  # the test reads it; the till keeps running
                _say(widget="robotError", text=f"{command}: {type(exc).__name__}: {exc}")
            self._observe(window)

    def _find_window(self) -> QWidget | None:
        if self._window is None:
            for widget in self._app.topLevelWidgets():
                if widget.objectName() == "mainWindow" and widget.isVisible():
                    self._window = widget
                    _say(widget="mainWindow", text="shown")
        return self._window

    def _observe(self, window: QWidget) -> None:
        for name in WATCHED:
            label = window.findChild(QLabel, name)
            text = label.text() if label is not None and label.isVisible() else ""
            if self._seen.get(name) != text:
                self._seen[name] = text
                _say(widget=name, text=text)

    def _run(self, window: QWidget, command: str) -> None:
        verb, _, arg = command.partition(" ")
        if verb == "scan":
            field = window.findChild(QLineEdit, "cardInput")
            assert field is not None
            field.setText(arg)
            QTest.keyClick(field, Qt.Key.Key_Return)
        elif verb == "total":
            total = window.findChild(QLineEdit, "orderTotalInput")
            assert total is not None
            total.setText(arg)
        elif verb == "points":
            slider = window.findChild(QSlider, "redeemSlider")
            assert slider is not None
            slider.setValue(int(arg))
        elif verb in ("complete", "newsale"):
            name = "completeSaleButton" if verb == "complete" else "newSaleButton"
            button = window.findChild(QAbstractButton, name)
            assert button is not None
            _say(widget=name, text="enabled" if button.isEnabled() else "disabled")
            button.click()
        elif verb == "shot":
            window.grab().save(arg)
        elif verb == "close":
            window.close()
        else:
            raise ValueError(f"unknown command {verb!r}")
        _say(widget="robot", text=f"done {command}")


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    app = QApplication(["pos-app"])  # the till adopts the running instance
    commands: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_read_stdin, args=(commands,), daemon=True).start()
    robot = Robot(app, commands)
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(robot.tick)
    timer.start()
    sys.argv = ["pos_app", *args]
    runpy.run_module("pos_app", run_name="__main__", alter_sys=True)  # exits with its code


if __name__ == "__main__":
    main()
