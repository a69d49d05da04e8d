"""The status banner: one calm line for the outcome of the last scan, with Retry when useful."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from pos_app.ui.common import theme
from pos_app.ui.common.labels import plain_tooltip
from pos_app.ui.common.messages import BannerKind, BannerState

_LONG = 200  # longer banner texts may be cut off: the whole text goes in the tooltip


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
        theme.set_font(self.label, theme.BODY_PT + 1, bold=True)
        self._hint_text = ""
        self.hint = QLabel(self)
        self.hint.setObjectName("statusHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(theme.banner_style("none", self.palette()))
        theme.set_font(self.hint, theme.BODY_PT + 1)
        self.retry_button = QPushButton(self)
        self.retry_button.setObjectName("statusRetryButton")
        self.retry_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F5 is the keyboard path
        self.retry_button.clicked.connect(self.retryRequested)
        theme.set_font(self.retry_button, theme.BODY_PT)
        # Room for two lines of the bold banner text, always: a message appearing or wrapping
        # must not push the panels below (the cashier's eyes are on the balance).
        lines = self.label.fontMetrics().lineSpacing() * 2
        self.setFixedHeight(lines + 28)
        for widget in (self.label, self.hint):
            # Ignored across: a server's 10 000-character word is cut off here, it never
            # widens the window (the whole text is in the tooltip).
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.hint, 1)
        layout.addWidget(self.retry_button)
        self.retranslate()

    def retranslate(self) -> None:
        """Fixed texts in the current UI language (at start and on a language change)."""
        self.retry_button.setText(self.tr("Retry (F5)"))
        if not self._hint_text:
            self.hint.setText(self.tr("Ready: scan a card or type its number (F2)."))
        self.show_state(self._state)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def set_hint(self, text: str) -> None:
        """The quiet line shown while there is nothing to report: where the sale stands."""
        self._hint_text = text
        if text != self.hint.text():
            self.hint.setText(text)
            if not self._state.text:
                self.label.setAccessibleDescription(text)

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
        self.label.setToolTip(plain_tooltip(text) if len(text) > _LONG else "")
        # Screen readers announce the banner as the window's status.
        self.label.setAccessibleName(self.tr("Status"))
        self.label.setAccessibleDescription(text or self.hint.text())
