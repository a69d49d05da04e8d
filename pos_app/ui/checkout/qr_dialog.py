"""'Show QR': the till shows a QR Card Scan code big and waits for the customer's phone."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import segno
from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHideEvent, QImage, QPainter, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from pos_app.api.errors import ApiError
from pos_app.core.models import QrCardData, QrSession
from pos_app.sale.qr_card_scan import QrApi, QrCardScan
from pos_app.ui.common import theme
from pos_app.ui.common.formatting import Formatter

log = logging.getLogger(__name__)

SimulatePhone = Callable[[str], Awaitable[None]]


def qr_image(text: str, side_px: int = 360, border: int = 4) -> QImage:
    """`text` as a black-on-white QR code with a quiet zone, at most `side_px` square.

    Every module gets the same whole number of pixels (at least 2), so the code stays crisp.
    """
    code = segno.make(text, error="m", micro=False)
    rows = list(code.matrix_iter(scale=1, border=border))
    module_px = max(2, side_px // len(rows))
    size = len(rows) * module_px
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        for y, row in enumerate(rows):
            for x, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        x * module_px, y * module_px, module_px, module_px, Qt.GlobalColor.black
                    )
    finally:
        painter.end()
    return image


class QrDialog(QDialog):
    """Shows the session's QR code while visible; polls every ~2 s; renews expired codes.

    Polling starts when the dialog is shown and stops when it is hidden or closed. In demo
    mode (`simulate_phone` given) a button plays the customer's phone on the sandbox.

    Signals:
        cardScanned(object): the `QrCardData` a phone shared; look the card up with
            `card_info(card_id=data.loyalty_card_id)` exactly as after a scan. The dialog
            closes itself (accept) right after.
        sessionShown(str): the session id of each code shown (the first and every renewal).
        failed(str): a cashier-readable reason the scan stopped (e.g. bad credentials).
    """

    cardScanned = Signal(object)
    sessionShown = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        api: QrApi,
        formatter: Formatter,
        *,
        device_name: str = "till",
        interval: float = 2.0,
        simulate_phone: SimulatePhone | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("qrDialog")
        self.setWindowTitle(self.tr("Show QR to the customer"))
        self._api = api
        self._fmt = formatter
        self._device = device_name
        self._interval = interval
        self._simulate = simulate_phone
        self._task: asyncio.Task[QrCardData] | None = None
        self._helpers: set[asyncio.Task[None]] = set()
        self.session: QrSession | None = None

        self.code_label = QLabel(self)
        self.code_label.setObjectName("qrCodeImage")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setMinimumSize(QSize(360, 360))
        self.code_label.setAccessibleName(self.tr("QR code for the customer's phone"))
        self.status_label = QLabel(self.tr("Opening a QR session…"), self)
        self.status_label.setObjectName("qrStatusLabel")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # may carry a server's words
        self.status_label.setWordWrap(True)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.set_font(self.status_label, theme.BODY_PT, bold=True)
        # Room for three lines, always: a wrapped label's height is not part of the dialog's
        # minimum size, so a longer message (a renewed code) would otherwise be drawn over
        # the code.
        lines = self.status_label.fontMetrics().lineSpacing() * 3
        self.status_label.setFixedHeight(lines + 8)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.simulate_button = QPushButton(self.tr("DEMO: simulate the customer's phone"), self)
        self.simulate_button.setObjectName("qrSimulateButton")
        self.simulate_button.setStyleSheet(theme.demo_style())
        self.simulate_button.setVisible(simulate_phone is not None)
        self.simulate_button.setEnabled(False)
        self.simulate_button.clicked.connect(self._simulate_clicked)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("qrCancelButton")
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Ask the customer to scan this code with the Loyalty.lt app."), self)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.set_font(hint, theme.BIG_PT)
        hint.setFixedHeight(hint.fontMetrics().lineSpacing() * 2 + 8)  # two lines, always
        self.setMinimumWidth(440)
        layout.addWidget(hint)
        layout.addWidget(self.code_label, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.simulate_button)
        layout.addWidget(self.cancel_button)
        self._hint = hint
        self._renewed = False

    def retranslate(self) -> None:
        """Fixed texts in the current UI language (on a language change while it is open)."""
        self.setWindowTitle(self.tr("Show QR to the customer"))
        self.code_label.setAccessibleName(self.tr("QR code for the customer's phone"))
        self.simulate_button.setText(self.tr("DEMO: simulate the customer's phone"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._hint.setText(self.tr("Ask the customer to scan this code with the Loyalty.lt app."))
        if self.session is not None:
            self._describe_session(self.session, renewed=self._renewed)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    @property
    def polling(self) -> bool:
        return self._task is not None and not self._task.done()

    # -- lifecycle: poll exactly while shown --------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.stop()
        super().hideEvent(event)

    def start(self) -> None:
        """Open a session and poll it (idempotent); `show()` calls this."""
        if self.polling:
            return
        scan = QrCardScan(self._api, self._device, interval=self._interval)
        self._task = asyncio.ensure_future(scan.run(self._show_session, self._show_problem))
        self._task.add_done_callback(self._scan_ended)

    def stop(self) -> None:
        """Stop polling (idempotent); `hide()` and `close()` call this."""
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
        for helper in list(self._helpers):
            helper.cancel()
        self.simulate_button.setEnabled(False)

    # -- what the scan reports ----------------------------------------------------------------

    def _show_session(self, session: QrSession) -> None:
        self._renewed = self.session is not None
        self.session = session
        self.code_label.setProperty("qrText", session.qr_code)
        self._render_code()
        self._describe_session(session, renewed=self._renewed)
        self.simulate_button.setEnabled(True)
        self.sessionShown.emit(session.session_id)

    def _describe_session(self, session: QrSession, *, renewed: bool) -> None:
        # A renewed code says so instead of "waiting": two lines, clear of the code.
        text = self.tr("Waiting for the customer's phone…")
        if renewed:
            text = self.tr("The previous code expired; this is a new one.")
        if session.expires_at is not None:
            until = self.tr("Code valid until %1.").replace(
                "%1", self._fmt.local_datetime(session.expires_at)
            )
            text = f"{text}\n{until}"
        self.status_label.setText(text)

    def _render_code(self) -> None:
        if self.session is None:
            return
        # Never larger than its own label: a code drawn past it would cover the message.
        side = max(min(self.code_label.width(), self.code_label.height()), 120)
        image = qr_image(self.session.qr_code, side)
        self.code_label.setPixmap(QPixmap.fromImage(image))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render_code()

    def _show_problem(self, error: ApiError | None) -> None:
        if error is None:
            self.status_label.setText(self.tr("Waiting for the customer's phone…"))
            return
        self.status_label.setText(self.tr("%1 Still trying…").replace("%1", error.message))

    def _scan_ended(self, task: asyncio.Task[QrCardData]) -> None:
        if task.cancelled():
            return
        if task is self._task:
            self._task = None
        error = task.exception()
        if error is not None:
            message = error.message if isinstance(error, ApiError) else str(error)
            log.warning("QR card scan stopped: %r", error)
            self.status_label.setText(message)
            self.simulate_button.setEnabled(False)
            self.failed.emit(message)
            return
        card = task.result()
        self.status_label.setText(self.tr("Card received."))
        self.cardScanned.emit(card)
        self.accept()

    def _simulate_clicked(self) -> None:
        if self._simulate is None or self.session is None:
            return
        helper = asyncio.ensure_future(
            self._simulate_phone(self._simulate, self.session.session_id)
        )
        self._helpers.add(helper)
        helper.add_done_callback(self._helpers.discard)

    async def _simulate_phone(self, simulate: SimulatePhone, session_id: str) -> None:
        self.simulate_button.setEnabled(False)
        try:
            await simulate(session_id)
        except ApiError as exc:
            self.status_label.setText(self.tr("Demo phone failed: %1").replace("%1", exc.message))
            self.simulate_button.setEnabled(True)
        else:
            self.status_label.setText(self.tr("The demo phone scanned the code…"))
