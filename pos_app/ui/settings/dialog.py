"""The Settings dialog: connection, language, scanner and camera, manager PIN and badge.

Shown with open()/show(), never exec() inside a coroutine (a modal exec() inside a qasync
coroutine hangs the loop).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.config.credentials import SecretStore, SecretStoreError
from pos_app.config.settings import (
    AppSettings,
    SettingsStore,
)
from pos_app.scanner.camera import list_cameras
from pos_app.ui.camera.picker import CameraPicker, Lister
from pos_app.ui.manager.lock import ManagerLock
from pos_app.ui.manager.unlock_widget import UnlockWidget
from pos_app.ui.settings.connection_page import (
    ConnectionPage,
    TestConnection,
    loyalty_test_connection,
)
from pos_app.ui.settings.display_sound_page import DisplaySoundPage
from pos_app.ui.settings.manager_page import ManagerPage

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

    Given a `manager_lock` that is locked and has a PIN or badge, the Connection and Manager
    pages stay disabled until the manager unlocks (PIN field here, or a badge scan the window
    routes to the lock): otherwise anyone at the till could set a new PIN and let themselves in.

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
        manager_lock: ManagerLock | None = None,
        camera_lister: Lister = list_cameras,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._initial = settings
        self._secret_store = secret_store
        self._settings_store = settings_store
        self._camera_lister = camera_lister
        self._cameras_listed = False
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
        self.scanner_page = self._build_scanner(settings)
        self.tabs.addTab(self.scanner_page, self.tr("Scanner and camera"))
        self.manager = ManagerPage(settings, self)
        self.manager.setObjectName("settingsManagerPage")
        self.tabs.addTab(self.manager, self.tr("Manager"))
        self.display_sound = DisplaySoundPage(settings, self)
        self.display_sound.setObjectName("settingsDisplaySoundPage")
        self.tabs.addTab(self.display_sound, self.tr("Display and sound"))

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

        self._authorized = (
            manager_lock is None or not manager_lock.can_unlock or not manager_lock.is_locked
        )
        self.lock_panel = QFrame(self)
        self.lock_panel.setObjectName("settingsLockPanel")
        self.lock_panel.setFrameShape(QFrame.Shape.StyledPanel)
        lock_layout = QVBoxLayout(self.lock_panel)
        lock_note = QLabel(self.tr("Connection and manager settings are locked."), self.lock_panel)
        lock_note.setStyleSheet("font-weight: bold;")
        lock_layout.addWidget(lock_note)
        if manager_lock is not None:
            self.unlock_widget: UnlockWidget | None = UnlockWidget(manager_lock, self.lock_panel)
            self.unlock_widget.setObjectName("settingsUnlock")
            lock_layout.addWidget(self.unlock_widget)
            manager_lock.lockedChanged.connect(self._lock_changed)
        else:
            self.unlock_widget = None

        layout = QVBoxLayout(self)
        layout.addWidget(self.lock_panel)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._apply_authorization()
        self.tabs.currentChanged.connect(self._tab_shown)
        self.resize(560, 460)

    def _tab_shown(self) -> None:
        # Listing cameras imports cv2 and asks the OS: only when someone looks at the list.
        if self.tabs.currentWidget() is self.scanner_page and not self._cameras_listed:
            self._cameras_listed = True
            self.camera_id.refresh()

    @property
    def authorized(self) -> bool:
        """Whether the protected pages (connection, manager) may be changed in this dialog."""
        return self._authorized

    def _lock_changed(self, locked: bool) -> None:
        if not locked:
            # Once the manager has unlocked, edits made in this dialog stay allowed even if the
            # manager view locks itself again while the dialog is open.
            self._authorized = True
            self._apply_authorization()

    def _apply_authorization(self) -> None:
        self.lock_panel.setVisible(not self._authorized)
        self.connection.setEnabled(self._authorized)
        self.manager.setEnabled(self._authorized)

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
        self.camera_id = CameraPicker(settings.camera_id, lister=self._camera_lister, parent=page)
        self.camera_id.setObjectName("settingsCameraId")
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

    def _apply_scanner_preset(self) -> None:
        interkey, idle = SCANNER_PRESETS[str(self.scanner_profile.currentData())]
        self.interkey_ms.setValue(interkey)
        self.idle_timeout_ms.setValue(idle)

    # ---- saving ---------------------------------------------------------------------------

    def collect(self) -> tuple[AppSettings | None, str | None]:
        """The settings the dialog shows now, or a reason they cannot be saved."""
        page = self.connection
        problem = (page.url_problem() or page.credentials_problem()) if self._authorized else None
        if problem is not None:
            self.tabs.setCurrentWidget(page)
            return None, problem
        pin_hash, problem = self.manager.pin_hash()
        if problem is not None:
            self.tabs.setCurrentWidget(self.manager)
            return None, problem
        if not self._authorized:
            return self._locked_settings(), None
        shop_id, shop_name = page.golive.shop_choice()
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
            manager_badge=self.manager.badge_code(),
            camera_id=self.camera_id.spec(),
            camera_enabled=self.camera_enabled.isChecked(),
            decoder_backend=self.decoder.currentData(),
            manager_idle_lock_s=self.manager.idle_lock_s(),
            device_name=self.device_name.text().strip() or self._initial.device_name,
            requests_per_minute=self.requests_per_minute.value(),
            lookup_timeout_s=page.golive.lookup_timeout_s(),
            shop_id=shop_id,
            shop_name=shop_name,
        )
        return self.display_sound.apply_to(settings), None

    def _locked_settings(self) -> AppSettings:
        """Only what a cashier may change: language, till name, request budget, scanner,
        display and sound."""
        return self.display_sound.apply_to(
            dataclasses.replace(
                self._initial,
                locale="lt" if self.language.currentData() == "lt" else "en",
                wedge_max_interkey_ms=self.interkey_ms.value(),
                wedge_idle_timeout_ms=self.idle_timeout_ms.value(),
                wedge_terminator=self.terminator.currentData(),
                scanner_profile=self.scanner_profile.currentData(),
                camera_id=self.camera_id.spec(),
                camera_enabled=self.camera_enabled.isChecked(),
                decoder_backend=self.decoder.currentData(),
                device_name=self.device_name.text().strip() or self._initial.device_name,
                requests_per_minute=self.requests_per_minute.value(),
            )
        )

    def save(self) -> None:
        """Store everything and close; on a problem, say what and stay open."""
        settings, problem = self.collect()
        if settings is None:
            self.error.setText(problem or "")
            return
        action, credentials = (
            self.connection.credentials_action() if self._authorized else ("keep", None)
        )
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
        self.connection.golive.cancel()
        super().done(result)
