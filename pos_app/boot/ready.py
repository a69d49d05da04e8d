"""When the till is ready for the cashier: window painted, card field focused, scanner listening."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from pos_app.scanner.wedge import WedgeDetector

EXIT_WHEN_READY_ENV = "POS_EXIT_WHEN_READY"


class ReadyWatch(QObject):
    """Watches a till window until a cashier could use it, then says so once.

    Ready means all three: the window (or its card field) has been painted, the card field
    (`cardInput`) has the keyboard focus, and a scanner detector inside the window is
    installed on the application. Loading that may finish later (the network stack, the
    sandbox) is not part of it.

    Signals:
        ready(float): seconds from `started` (a `time.perf_counter()` value) to ready.
        timedOut(str): not ready within `timeout_s`; what was still missing.
    """

    ready = Signal(float)
    timedOut = Signal(str)

    def __init__(
        self,
        window: QWidget,
        *,
        started: float,
        timeout_s: float = 30.0,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._started = started
        self._clock = clock
        self._painted = False
        self._done = False
        # Focus and the detector can settle a pass after the paint: look again shortly.
        self._poll = QTimer(self)
        self._poll.setInterval(5)
        self._poll.timeout.connect(self._check)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(int(timeout_s * 1000))
        self._deadline.timeout.connect(self._give_up)
        # The window itself may be covered by its children (a scroll area): the card field's
        # own first paint counts as well.
        self._painted_by = [window]
        card = window.findChild(QLineEdit, "cardInput")
        if card is not None:
            self._painted_by.append(card)
        for widget in self._painted_by:
            widget.installEventFilter(self)
        self._deadline.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted and watched in self._painted_by:
            self._painted = True
            # Checked after this paint has been delivered, not before.
            QTimer.singleShot(0, self._check)
            self._poll.start()
        return False

    def missing(self) -> list[str]:
        """What is not ready yet (empty when ready)."""
        gaps: list[str] = []
        if not self._painted:
            gaps.append("window not painted")
        card = self._window.findChild(QLineEdit, "cardInput")
        if card is None or QApplication.focusWidget() is not card:
            gaps.append("card field not focused")
        detectors = self._window.findChildren(WedgeDetector)
        if not any(d.listening for d in detectors):
            gaps.append("scanner detector not listening")
        return gaps

    def _check(self) -> None:
        if self._done or self.missing():
            return
        self._finish()
        self.ready.emit(self._clock() - self._started)

    def _give_up(self) -> None:
        if self._done:
            return
        self._finish()
        self.timedOut.emit(", ".join(self.missing()))

    def _finish(self) -> None:
        self._done = True
        self._poll.stop()
        self._deadline.stop()
        for widget in self._painted_by:
            widget.removeEventFilter(self)
