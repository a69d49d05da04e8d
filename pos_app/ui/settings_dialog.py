"""The Settings dialog: connection, language, scanner and camera, manager PIN and badge.

Shown with open()/show(), never exec() inside a coroutine (TRAPS.md: qasync hangs).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.secrets import SecretStore, SecretStoreError
from pos_app.settings import (
    PIN_MAX_DIGITS,
    AppSettings,
    SettingsStore,
    hash_pin,
    pin_problem,
)
from pos_app.ui.settings_connection import ConnectionPage, TestConnection, loyalty_test_connection

# Suggested timings per scanner kind: Bluetooth scanners type slower and in bursts.
SCANNER_PRESETS: Mapping[str, tuple[int, int]] = {"usb": (50, 150), "bluetooth": (120, 400)}


def _combo(parent: QWidget, name: str, items: list[tuple[str, str]], current: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    for label, value in items:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _spin(parent: QWidget, name: str, low: int, high: int, value: int, suffix: str) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


class SettingsDialog(QDialog):
    """Edits AppSettings and the API credentials; Save stores them, Cancel forgets the edits.

    Non-secret settings go to `settings_store` (when given) and out through settingsChanged;
    credentials go only to `secret_store`. Children have objectNames (settingsSave,
    settingsLanguage, settingsManagerPin, …) for tests and the window.

    Signals:
        settingsChanged(object): the new AppSettings, emitted on Save when anything changed.
        credentialsChanged(): the stored key/secret were replaced or removed on Save.
    """

    settingsChanged = Signal(object)
    credentialsChanged = Signal()

    def __init__(
        self,
        settings: AppSettings,
        secret_store: SecretStore,
        test_connection: TestConnection = loyalty_test_connection,
        parent: QWidget | None = None,
        *,
        settings_store: SettingsStore | None = None,
        env_overrides: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._initial = settings
        self._secret_store = secret_store
        self._settings_store = settings_store
        self.saved_settings: AppSettings | None = None

        self.language = _combo(
            self,
            "settingsLanguage",
            # Each language in its own words, so whoever reads it can find theirs.
            [("English", "en"), ("Lietuvių", "lt")],
            settings.locale,
        )
        self.connection = ConnectionPage(
            settings,
            secret_store,
            test_connection,
            locale=lambda: str(self.language.currentData()),
            env_overrides=env_overrides,
            parent=self,
        )
        self.connection.setObjectName("settingsConnectionPage")

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self.connection, self.tr("Connection"))
        self.tabs.addTab(self._build_general(settings), self.tr("General"))
        self.tabs.addTab(self._build_scanner(settings), self.tr("Scanner and camera"))
        self.tabs.addTab(self._build_manager(settings), self.tr("Manager"))

        self.error = QLabel(self)
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("settingsSave")
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("settingsCancel")
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, 420)

    # ---- pages ----------------------------------------------------------------------------

    def _build_general(self, settings: AppSettings) -> QWidget:
        page = QWidget(self)
        self.device_name = QLineEdit(settings.device_name, page)
        self.device_name.setObjectName("settingsDeviceName")
        self.device_name.setMaxLength(60)
        self.requests_per_minute = _spin(
            page, "settingsRequestsPerMinute", 1, 1000, settings.requests_per_minute, ""
        )
        self.requests_per_minute.setToolTip(
            self.tr("Tills that share one API key share its limit: lower this on each of them.")
        )
        form = QFormLayout(page)
        form.addRow(self.tr("Language (screen and server messages):"), self.language)
        form.addRow(self.tr("Till name (shown to customers' phones):"), self.device_name)
        form.addRow(self.tr("Requests per minute at most:"), self.requests_per_minute)
        return page

    def _build_scanner(self, settings: AppSettings) -> QWidget:
        page = QWidget(self)
        ms = " " + self.tr("ms")
        self.scanner_profile = _combo(
            page,
            "settingsScannerProfile",
            [(self.tr("USB scanner"), "usb"), (self.tr("Bluetooth scanner"), "bluetooth")],
            settings.scanner_profile,
        )
        self.interkey_ms = _spin(
            page, "settingsInterkeyMs", 5, 1000, settings.wedge_max_interkey_ms, ms
        )
        self.idle_timeout_ms = _spin(
            page, "settingsIdleTimeoutMs", 20, 5000, settings.wedge_idle_timeout_ms, ms
        )
        self.terminator = _combo(
            page,
            "settingsTerminator",
            [
                (self.tr("Enter or Tab"), "enter_or_tab"),
                (self.tr("Enter"), "enter"),
                (self.tr("Tab"), "tab"),
                (self.tr("None (end after a pause)"), "none"),
            ],
            settings.wedge_terminator,
        )
        self.camera_enabled = QCheckBox(self.tr("Use a camera to read QR codes"), page)
        self.camera_enabled.setObjectName("settingsCameraEnabled")
        self.camera_enabled.setChecked(settings.camera_enabled)
        self.camera_id = QLineEdit(settings.camera_id, page)
        self.camera_id.setObjectName("settingsCameraId")
        self.camera_id.setPlaceholderText(self.tr("0 = first camera, or a video file"))
        self.camera_id.setEnabled(settings.camera_enabled)
        self.camera_enabled.toggled.connect(self.camera_id.setEnabled)
        self.decoder = _combo(
            page,
            "settingsDecoder",
            [("ZBar (pyzbar)", "pyzbar"), ("ZXing", "zxing")],
            settings.decoder_backend,
        )
        form = QFormLayout(page)
        form.addRow(self.tr("Scanner type:"), self.scanner_profile)
        form.addRow(self.tr("Longest pause between keys of one scan:"), self.interkey_ms)
        form.addRow(self.tr("A scan without terminator ends after:"), self.idle_timeout_ms)
        form.addRow(self.tr("Scanner ends each scan with:"), self.terminator)
        form.addRow(self.camera_enabled)
        form.addRow(self.tr("Camera:"), self.camera_id)
        form.addRow(self.tr("Decoder:"), self.decoder)
        self.scanner_profile.activated.connect(self._apply_scanner_preset)
        return page

    def _build_manager(self, settings: AppSettings) -> QWidget:
        page = QWidget(self)
        digits = QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{PIN_MAX_DIGITS}}}"), page)
        self.pin_status = QLabel(page)
        self.pin_status.setObjectName("settingsPinStatus")
        self.pin = QLineEdit(page)
        self.pin.setObjectName("settingsManagerPin")
        self.pin_confirm = QLineEdit(page)
        self.pin_confirm.setObjectName("settingsManagerPinConfirm")
        for field in (self.pin, self.pin_confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setValidator(digits)
            field.setMaxLength(PIN_MAX_DIGITS)
        self.pin.setPlaceholderText(self.tr("4–12 digits; empty keeps the current PIN"))
        self.clear_pin = QCheckBox(self.tr("Remove the manager PIN"), page)
        self.clear_pin.setObjectName("settingsClearPin")
        self.clear_pin.toggled.connect(self._refresh_pin_status)
        self.badge = QLineEdit(settings.manager_badge, page)
        self.badge.setObjectName("settingsManagerBadge")
        self.badge.setPlaceholderText(self.tr("Scan or type the manager badge code"))
        self.idle_lock_min = _spin(
            page,
            "settingsIdleLock",
            1,
            240,
            max(1, round(settings.manager_idle_lock_s / 60)),
            " " + self.tr("min"),
        )
        form = QFormLayout(page)
        form.addRow(self.pin_status)
        form.addRow(self.tr("New manager PIN:"), self.pin)
        form.addRow(self.tr("Repeat the new PIN:"), self.pin_confirm)
        form.addRow(self.clear_pin)
        form.addRow(self.tr("Manager badge:"), self.badge)
        form.addRow(self.tr("Lock the manager view after idle:"), self.idle_lock_min)
        self._refresh_pin_status()
        return page

    def _refresh_pin_status(self) -> None:
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

    def _apply_scanner_preset(self) -> None:
        interkey, idle = SCANNER_PRESETS[str(self.scanner_profile.currentData())]
        self.interkey_ms.setValue(interkey)
        self.idle_timeout_ms.setValue(idle)

    # ---- saving ---------------------------------------------------------------------------

    def _pin_hash(self) -> tuple[str, str | None]:
        """The manager_pin_hash to save, and a problem that stops saving."""
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

    def collect(self) -> tuple[AppSettings | None, str | None]:
        """The settings the dialog shows now, or a reason they cannot be saved."""
        page = self.connection
        problem = page.url_problem() or page.credentials_problem()
        if problem is not None:
            self.tabs.setCurrentWidget(page)
            return None, problem
        pin_hash, problem = self._pin_hash()
        if problem is not None:
            self.tabs.setCurrentIndex(3)
            return None, problem
        idle_s = self._initial.manager_idle_lock_s
        if self.idle_lock_min.value() != max(1, round(idle_s / 60)):
            idle_s = self.idle_lock_min.value() * 60
        settings = dataclasses.replace(
            self._initial,
            environment=page.selected_environment(),
            custom_url=page.custom_url(),
            locale="lt" if self.language.currentData() == "lt" else "en",
            wedge_max_interkey_ms=self.interkey_ms.value(),
            wedge_idle_timeout_ms=self.idle_timeout_ms.value(),
            wedge_terminator=self.terminator.currentData(),
            scanner_profile=self.scanner_profile.currentData(),
            manager_pin_hash=pin_hash,
            manager_badge=self.badge.text().strip(),
            camera_id=self.camera_id.text().strip(),
            camera_enabled=self.camera_enabled.isChecked(),
            decoder_backend=self.decoder.currentData(),
            manager_idle_lock_s=idle_s,
            device_name=self.device_name.text().strip() or self._initial.device_name,
            requests_per_minute=self.requests_per_minute.value(),
        )
        return settings, None

    def save(self) -> None:
        """Store everything and close; on a problem, say what and stay open."""
        settings, problem = self.collect()
        if settings is None:
            self.error.setText(problem or "")
            return
        action, credentials = self.connection.credentials_action()
        try:
            if action == "set" and credentials is not None:
                self._secret_store.set(credentials)
            elif action == "clear":
                self._secret_store.clear()
        except SecretStoreError as exc:
            self.tabs.setCurrentWidget(self.connection)
            self.error.setText(
                self.tr("The API key and secret could not be saved: %1").replace("%1", str(exc))
            )
            return
        if self._settings_store is not None:
            self._settings_store.save(settings)
        self.saved_settings = settings
        self.error.clear()
        if action != "keep":
            self.credentialsChanged.emit()
        if settings != self._initial:
            self.settingsChanged.emit(settings)
        self.accept()

    def done(self, result: int) -> None:
        self.connection.cancel_test()
        super().done(result)
