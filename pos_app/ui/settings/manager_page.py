"""The Manager page of Settings: a new PIN (kept only as a salted hash), badge, auto-lock."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from pos_app.config.settings import PIN_MAX_DIGITS, AppSettings, hash_pin, pin_problem
from pos_app.scanner.routing import mark_scan_field


class ManagerPage(QWidget):
    """New PIN twice (empty keeps the current one), Remove PIN, badge code, idle minutes.

    Children: settingsPinStatus, settingsManagerPin, settingsManagerPinConfirm, settingsClearPin,
    settingsManagerBadge, settingsIdleLock.

    Signals: none (the dialog reads the page when saving).
    """

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._initial = settings
        digits = QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{PIN_MAX_DIGITS}}}"), self)
        self.pin_status = QLabel(self)
        self.pin_status.setObjectName("settingsPinStatus")
        self.pin = QLineEdit(self)
        self.pin.setObjectName("settingsManagerPin")
        self.pin_confirm = QLineEdit(self)
        self.pin_confirm.setObjectName("settingsManagerPinConfirm")
        for field in (self.pin, self.pin_confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setValidator(digits)
            field.setMaxLength(PIN_MAX_DIGITS)
        self.pin.setPlaceholderText(self.tr("4–12 digits; empty keeps the current PIN"))
        self.clear_pin = QCheckBox(self.tr("Remove the manager PIN"), self)
        self.clear_pin.setObjectName("settingsClearPin")
        self.clear_pin.toggled.connect(self._refresh)
        self.badge = QLineEdit(settings.manager_badge, self)
        self.badge.setObjectName("settingsManagerBadge")
        self.badge.setPlaceholderText(self.tr("Scan or type the manager badge code"))
        mark_scan_field(self.badge)  # a badge scanned here fills it in; nothing is looked up
        self.idle_lock_min = QSpinBox(self)
        self.idle_lock_min.setObjectName("settingsIdleLock")
        self.idle_lock_min.setRange(1, 240)
        self.idle_lock_min.setValue(self._initial_minutes())
        self.idle_lock_min.setSuffix(" " + self.tr("min"))

        form = QFormLayout(self)
        form.addRow(self.pin_status)
        form.addRow(self.tr("New manager PIN:"), self.pin)
        form.addRow(self.tr("Repeat the new PIN:"), self.pin_confirm)
        form.addRow(self.clear_pin)
        form.addRow(self.tr("Manager badge:"), self.badge)
        form.addRow(self.tr("Lock the manager view after idle:"), self.idle_lock_min)
        self._refresh()

    def _initial_minutes(self) -> int:
        return max(1, round(self._initial.manager_idle_lock_s / 60))

    def _refresh(self) -> None:
        has_pin = bool(self._initial.manager_pin_hash)
        self.clear_pin.setVisible(has_pin)
        if has_pin and self.clear_pin.isChecked():
            text = self.tr("The manager PIN will be removed on Save.")
        elif has_pin:
            text = self.tr("A manager PIN is set.")
        else:
            text = self.tr("No manager PIN is set.")
        self.pin_status.setText(text)
        for field in (self.pin, self.pin_confirm):
            field.setEnabled(not self.clear_pin.isChecked())

    def pin_hash(self) -> tuple[str, str | None]:
        """The manager_pin_hash to save, and a problem that stops saving (or None)."""
        if self.clear_pin.isChecked():
            return "", None
        pin, again = self.pin.text(), self.pin_confirm.text()
        if not pin and not again:
            return self._initial.manager_pin_hash, None
        if pin_problem(pin) is not None:
            return "", self.tr("The manager PIN must be 4 to 12 digits.")
        if pin != again:
            return "", self.tr("The two PINs differ. Type the new PIN twice.")
        return hash_pin(pin), None

    def badge_code(self) -> str:
        return self.badge.text().strip()

    def idle_lock_s(self) -> int:
        """Seconds; an untouched spin box keeps the stored value even if not whole minutes."""
        if self.idle_lock_min.value() == self._initial_minutes():
            return self._initial.manager_idle_lock_s
        return self.idle_lock_min.value() * 60
