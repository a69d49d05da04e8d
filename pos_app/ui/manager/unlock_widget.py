"""A PIN field and Unlock button for the locked manager view; a badge scan works too."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QRegularExpression, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.config.settings import PIN_MAX_DIGITS
from pos_app.ui.manager.lock import ManagerLock


class UnlockWidget(QWidget):
    """Asks for the manager PIN and reports a wrong PIN or a cool-down. Shows nothing secret.

    Children: managerPinInput (QLineEdit, password echo), managerUnlockButton (QPushButton),
    managerUnlockMessage (QLabel). The window hides this widget while the lock is open.

    Signals: none of its own; watch `lock.lockedChanged`.
    """

    def __init__(self, lock: ManagerLock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("managerUnlock")
        self._lock = lock

        self._prompt = QLabel(self)
        self._prompt.setObjectName("managerUnlockPrompt")
        self._prompt.setWordWrap(True)

        self.pin_input = QLineEdit(self)
        self.pin_input.setObjectName("managerPinInput")
        self.pin_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_input.setMaxLength(PIN_MAX_DIGITS)
        self.pin_input.setValidator(
            QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{PIN_MAX_DIGITS}}}"), self)
        )
        self.pin_input.setPlaceholderText(self.tr("Manager PIN"))
        self.pin_input.setAccessibleName(self.tr("Manager PIN"))

        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.unlock_button.setObjectName("managerUnlockButton")

        self.message = QLabel(self)
        self.message.setObjectName("managerUnlockMessage")
        self.message.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(self.pin_input, 1)
        row.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the manager panel has its own margins
        layout.addWidget(self._prompt)
        layout.addLayout(row)
        layout.addWidget(self.message)

        self._cooldown_timer = QTimer(self)
        self._cooldown_timer.setInterval(1000)
        self._cooldown_timer.timeout.connect(self._refresh)

        self.unlock_button.clicked.connect(self._submit)
        self.pin_input.returnPressed.connect(self._submit)
        self.pin_input.textChanged.connect(self._refresh_button)
        lock.unlockFailed.connect(self._on_failed)
        lock.lockedChanged.connect(self._on_locked_changed)
        self._refresh()

    def refresh(self) -> None:
        """Re-read the lock (after Settings changed the PIN or badge)."""
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:  # the cashier chose another language
            self.pin_input.setPlaceholderText(self.tr("Manager PIN"))
            self.pin_input.setAccessibleName(self.tr("Manager PIN"))
            self.unlock_button.setText(self.tr("Unlock"))
            self.message.clear()
            self._refresh()

    def _submit(self) -> None:
        pin = self.pin_input.text()
        if not pin:
            return
        self.pin_input.clear()
        if self._lock.unlock_with_pin(pin):
            self.message.clear()

    def _on_failed(self, reason: str) -> None:
        if reason == "wrong_pin":
            self.message.setText(self.tr("Wrong PIN. Try again."))
        elif reason == "wrong_badge":
            self.message.setText(self.tr("That is not the manager badge."))
        elif reason == "cooldown":
            self._cooldown_timer.start()
        self._refresh()

    def _on_locked_changed(self, locked: bool) -> None:
        if not locked:
            self.pin_input.clear()
            self.message.clear()
            self._cooldown_timer.stop()
        self._refresh()

    def _refresh(self) -> None:
        lock = self._lock
        if not lock.can_unlock:
            self._prompt.setText(
                self.tr("No manager PIN or badge is set. Set one in Settings to use this view.")
            )
        elif lock.has_pin and lock.has_badge:
            self._prompt.setText(self.tr("Enter the manager PIN or scan the manager badge."))
        elif lock.has_pin:
            self._prompt.setText(self.tr("Enter the manager PIN."))
        else:
            self._prompt.setText(self.tr("Scan the manager badge."))
        self.pin_input.setVisible(lock.has_pin)
        self.unlock_button.setVisible(lock.has_pin)
        remaining = lock.cooldown_remaining()
        if remaining > 0:
            seconds = math.ceil(remaining)
            self.message.setText(
                self.tr("Too many wrong PINs. Try again in %n second(s).", "", seconds)
            )
            self.pin_input.setEnabled(False)
        else:
            if self._cooldown_timer.isActive():
                self._cooldown_timer.stop()
                self.message.clear()
            self.pin_input.setEnabled(True)
        self._refresh_button()

    def _refresh_button(self) -> None:
        self.unlock_button.setEnabled(
            bool(self.pin_input.text()) and self._lock.cooldown_remaining() <= 0
        )
