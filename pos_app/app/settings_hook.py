"""Wiring Settings: the non-modal dialog, and what a saved change applies without a restart."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog

from pos_app.config.credentials import SecretStore
from pos_app.config.settings import AppSettings, SettingsStore
from pos_app.scanner.wedge import WedgeDetector
from pos_app.ui.common.dialogs import DialogOnce
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.common.language import switch_language
from pos_app.ui.common.messages import BannerKind, BannerState
from pos_app.ui.main_window import MainWindow
from pos_app.ui.manager.lock import ManagerLock

if TYPE_CHECKING:
    from pos_app.sound import SoundPlayer
    from pos_app.ui.camera.panel import CameraPanel

from pos_app.app.camera import apply_camera
from pos_app.app.scanning import manager_badge, wedge_config_for


class SettingsHook(QObject):
    """Opens the non-modal Settings dialog and applies what can change without a restart.

    No signals.
    """

    def __init__(
        self,
        window: MainWindow,
        lock: ManagerLock,
        wedge: WedgeDetector | None,
        settings: AppSettings,
        store: SettingsStore,
        secrets: SecretStore | None,
        credentials_from_environment: bool | None = None,
        *,
        demo: bool = False,
    ) -> None:
        super().__init__(window)
        self._demo = demo
        self._from_environment = credentials_from_environment
        self._window = window
        self._lock = lock
        self._wedge = wedge
        self.settings = settings
        self._store = store
        self._secrets = secrets
        self.camera: CameraPanel | None = None
        self.sound: SoundPlayer | None = None
        self.till_shop: Any = None  # TillShop: the client's shop_id follows the settings
        self.formatter: Formatter | None = None  # a new language also changes the formats
        self.client: Any = None  # ...and the language of the server's messages
        self._dialog = DialogOnce(self._build, self)
        self.open = self._dialog.open

    def _build(self) -> QDialog:
        from pos_app.config.credentials import KeyringSecretStore, env_overrides
        from pos_app.ui.settings.dialog import SettingsDialog

        if self._secrets is None:
            self._secrets = KeyringSecretStore()
        dialog = SettingsDialog(
            self.settings,
            self._secrets,
            settings_store=self._store,
            parent=self._window,
            # Connection and manager settings only once the manager has unlocked.
            manager_lock=self._lock,
            env_overrides=(
                env_overrides(os.environ)
                if self._from_environment is None
                else self._from_environment
            ),
        )
        dialog.settingsChanged.connect(self.apply)
        dialog.credentialsChanged.connect(self._restart_needed)
        return dialog

    def apply(self, new: AppSettings) -> None:
        old, self.settings = self.settings, new
        idle_s = float(new.manager_idle_lock_s)
        badge = manager_badge(new, demo=self._demo)  # a demo keeps the staging badge
        self._lock.configure(new.manager_pin_hash, badge, idle_s)
        if self._wedge is not None:
            enabled = self._wedge.config.enabled  # SoftwareKeyBypass may have it off right now
            self._wedge.set_config(replace(wedge_config_for(new), enabled=enabled))
        if self.camera is not None:
            apply_camera(self.camera, old, new)
        if self.sound is not None:
            self.sound.configure(new.sound_enabled, new.sound_volume)
        if self.till_shop is not None:
            self.till_shop.apply(new)
        if new.locale != old.locale and self.formatter is not None:
            switch_language(new.locale, self.formatter)  # every widget retranslates itself
        if new.locale != old.locale and self.client is not None:
            self.client.locale = new.locale
        if new.api_url != old.api_url:
            self._restart_needed()

    def _restart_needed(self) -> None:
        text = QCoreApplication.translate(
            "Messages", "Saved. Restart the till to use the new connection."
        )
        self._window.show_banner(BannerState(BannerKind.INFO, "info", text))
