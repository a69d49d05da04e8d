"""The status banner: one calm line for the outcome of the last scan, with Retry when useful."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from pos_app.ui.common import theme
from pos_app.ui.common.messages import BannerKind, BannerState


class StatusBanner(QFrame):
    """Shows a `BannerState`; the text label is the contract's `statusBanner` (a QLabel).

    With nothing to report `statusBanner` is empty and hidden, and a quiet hint (`statusHint`)
    takes its place, so the panels below never move.

    Signals:
        retryRequested(): the cashier pressed Retry.
    """

    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBannerArea")
        self._state = BannerState(BannerKind.NONE, "none", "")
        self._style = ""
        self.label = QLabel(self)
        self.label.setObjectName("statusBanner")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setMinimumHeight(56)
        theme.set_font(self.label, theme.BODY_PT + 2, bold=True)
        self.hint = QLabel(self.tr("Ready: scan a card or type its number (F2)."), self)
        self.hint.setObjectName("statusHint")
        self.hint.setMinimumHeight(56)
        self.hint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.hint.setStyleSheet(theme.banner_style("none", self.palette()))
        theme.set_font(self.hint, theme.BODY_PT + 2)
        self.retry_button = QPushButton(self.tr("Retry (F5)"), self)
        self.retry_button.setObjectName("statusRetryButton")
        self.retry_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F5 is the keyboard path
        self.retry_button.clicked.connect(self.retryRequested)
        theme.set_font(self.retry_button, theme.BODY_PT)
        # Room for two lines of the bold banner text, always: a message appearing or wrapping
        # must not push the panels below (the cashier's eyes are on the balance).
        lines = self.label.fontMetrics().lineSpacing() * 2
        self.setFixedHeight(lines + 28)
        for widget in (self.label, self.hint):
            widget.setMinimumHeight(0)
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.hint, 1)
        layout.addWidget(self.retry_button)
        self.show_state(self._state)

    @property
    def state(self) -> BannerState:
        return self._state

    def show_state(self, state: BannerState) -> None:
        self._state = state
        text = state.text
        self.label.setText(text)
        self.label.setVisible(bool(text))
        self.hint.setVisible(not text)
        self.label.setProperty("kind", str(state.kind))
        style = theme.banner_style(state.severity, self.palette())
        if style != self._style:  # restyling costs a repolish: only when the colour changes
            self._style = style
            self.label.setStyleSheet(style)
        self.retry_button.setVisible(state.can_retry)
        # Screen readers announce the banner as the window's status.
        self.label.setAccessibleName(self.tr("Status"))
        self.label.setAccessibleDescription(text or self.hint.text())
