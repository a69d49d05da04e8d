"""Wiring: builds the client, view-model, lock, scanners and panels, and connects them."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject

from pos_app.api import LoyaltyClient, RequestRecord
from pos_app.config.credentials import SecretStore
from pos_app.config.i18n import qlocale_for
from pos_app.config.settings import AppSettings, QSettingsStore, SettingsStore
from pos_app.sale.journal import SaleJournal
from pos_app.sale.service import SaleService
from pos_app.scanner.software_keys import SoftwareKeyBypass
from pos_app.scanner.wedge import WedgeConfig, WedgeDetector
from pos_app.ui.checkout.view_model import CardLookup, CheckoutViewModel
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.common.messages import BannerKind, BannerState
from pos_app.ui.main_window import MainWindow
from pos_app.ui.manager.lock import ManagerLock

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QWidget

_TERMINATORS: dict[str, frozenset[Any]] = {
    "enter": frozenset({"enter", "keypad_enter"}),
    "tab": frozenset({"tab"}),
    "enter_or_tab": frozenset({"enter", "keypad_enter", "tab"}),
    "none": frozenset(),
}


def wedge_config_for(settings: AppSettings) -> WedgeConfig:
    """The wedge timing the Settings dialog chose."""
    interkey = float(settings.wedge_max_interkey_ms)
    return WedgeConfig(
        max_interkey_ms=interkey,
        idle_timeout_ms=max(float(settings.wedge_idle_timeout_ms), interkey),
        terminators=_TERMINATORS.get(settings.wedge_terminator, _TERMINATORS["enter_or_tab"]),
        # The view-model drops repeats for every source, knowing what is on screen; the
        # detector's own filter would swallow "scan X, type Y, scan X" within 1.5 s.
        duplicate_window_s=0.0,
    )


class _SettingsHook(QObject):
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
    ) -> None:
        super().__init__(window)
        self._window = window
        self._lock = lock
        self._wedge = wedge
        self.settings = settings
        self._store = store
        self._secrets = secrets
        self.dialog: QObject | None = None

    def open(self) -> None:
        from pos_app.ui.settings.dialog import SettingsDialog

        if self.dialog is not None:
            dialog = self.dialog
            assert isinstance(dialog, SettingsDialog)
            dialog.raise_()
            dialog.activateWindow()
            return
        if self._secrets is None:
            from pos_app.config.credentials import KeyringSecretStore

            self._secrets = KeyringSecretStore()
        import os

        from pos_app.config.credentials import env_overrides

        dialog = SettingsDialog(
            self.settings,
            self._secrets,
            settings_store=self._store,
            parent=self._window,
            # Connection and manager settings only once the manager has unlocked.
            manager_lock=self._lock,
            env_overrides=env_overrides(os.environ),
        )
        dialog.setModal(False)
        dialog.settingsChanged.connect(self.apply)
        dialog.credentialsChanged.connect(self._restart_needed)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.show()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def apply(self, new: AppSettings) -> None:
        old, self.settings = self.settings, new
        idle_s = float(new.manager_idle_lock_s)
        self._lock.configure(new.manager_pin_hash, new.manager_badge, idle_s)
        if self._wedge is not None:
            enabled = self._wedge.config.enabled  # SoftwareKeyBypass may have it off right now
            self._wedge.set_config(replace(wedge_config_for(new), enabled=enabled))
        if (new.locale, new.api_url) != (old.locale, old.api_url):
            self._restart_needed()

    def _restart_needed(self) -> None:
        text = QCoreApplication.translate(
            "Messages", "Saved. Restart the till to use the new language or connection."
        )
        self._window.banner.show_state(BannerState(BannerKind.INFO, "info", text))


def create_main_window(
    *,
    api_url: str,
    api_key: str,
    api_secret: str,
    locale: str = "en",
    demo: bool = False,
    camera_spec: str | None = None,
    sandbox: Any = None,
    settings: AppSettings | None = None,
    settings_store: SettingsStore | None = None,
    secrets: SecretStore | None = None,
    client: CardLookup | None = None,
    wedge: WedgeDetector | None = None,
    install_wedge: bool = True,
    on_request: Callable[[RequestRecord], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    journal: SaleJournal | None = None,
    camera: QWidget | None = None,
) -> QMainWindow:
    """The fully wired till window, not shown yet; needs a running qasync loop.

    Injection points for tests and tools: `client` replaces the HTTP client, `wedge` the
    scanner detector (`install_wedge=False`: none), `on_request` sees every request's timing,
    `settings`/`settings_store`/`secrets` replace QSettings and the keyring, `clock` (monotonic
    seconds) drives the duplicate-scan window and the rate-limit countdown, `journal` replaces
    the sale journal in the platform data directory, `camera` the camera panel (not started).
    Call `await window.aclose()` before the loop closes.
    """
    store = settings_store if settings_store is not None else QSettingsStore()
    current = settings if settings is not None else store.load()
    formatter = Formatter(qlocale_for(locale))

    owned_client: LoyaltyClient | None = None
    if client is None:
        owned_client = LoyaltyClient(
            api_url,
            api_key,
            api_secret,
            locale=locale,
            requests_per_minute=current.requests_per_minute,
            on_request=on_request,
        )
        client = owned_client

    badge = current.manager_badge
    if demo and not badge and not current.manager_pin_hash:
        from pos_app.sandbox import MANAGER_BADGE  # seed data only, no server stack

        badge = MANAGER_BADGE  # the staging manager badge, so a demo can open the manager view
    lock = ManagerLock(current.manager_pin_hash, badge, float(current.manager_idle_lock_s))

    def badge_scanned(code: str) -> bool:
        # Only the configured badge is consumed; every other code is a customer's card.
        return lock.is_badge(code) and lock.unlock_with_badge(code)

    vm = CheckoutViewModel(client, badge_handler=badge_scanned, clock=clock)
    window = MainWindow(vm, formatter, lock, demo=demo)
    vm.setParent(window)
    lock.setParent(window)
    window.setProperty("apiUrl", api_url)

    detector = _install_wedge(window, wedge, current) if install_wedge else None
    hook = _SettingsHook(window, lock, detector, current, store, secrets)
    window.settingsRequested.connect(hook.open)

    if owned_client is not None:
        window.add_async_closer(owned_client.aclose)
        _attach_sale_and_qr(window, vm, owned_client, formatter, current, journal, demo=demo)
    _attach_camera(window, camera, camera_spec, current)
    del sandbox  # the QR dialog plays the phone through the client's sandbox call instead
    return window


def _attach_camera(
    window: MainWindow, camera: QWidget | None, spec: str | None, settings: AppSettings
) -> None:
    """The camera preview in the side area (F6); opened at start for --camera or Settings."""
    from pos_app.ui.camera.panel import CameraPanel

    panel = camera
    if panel is None:
        panel = CameraPanel(
            # An empty setting means the first camera, as Settings says.
            spec if spec is not None else (settings.camera_id or "0"),
            settings.decoder_backend,
            parent=window,
        )
    assert isinstance(panel, CameraPanel)
    open_now = spec is not None or settings.camera_enabled
    window.set_camera_widget(panel, visible=open_now)
    panel.codeScanned.connect(window.submit_camera_scan)
    panel.statusChanged.connect(window.show_camera_status)
    if open_now and camera is None:
        panel.start()

    async def stop() -> None:
        panel.stop()

    window.add_async_closer(stop)


def _attach_sale_and_qr(
    window: MainWindow,
    vm: CheckoutViewModel,
    client: LoyaltyClient,
    formatter: Formatter,
    settings: AppSettings,
    journal: SaleJournal | None,
    *,
    demo: bool,
) -> None:
    from pos_app.ui.sale.hookup import QrHookup, SalesReportHookup, attach_sale

    owned_journal = journal is None
    sale_journal = journal if journal is not None else SaleJournal()
    service = SaleService(client, sale_journal)
    if owned_journal:

        async def close_journal() -> None:
            sale_journal.close()

        window.add_async_closer(close_journal)  # runs last: closers go in reverse
    panel = attach_sale(window, vm, service, formatter, device_name=settings.device_name)
    SalesReportHookup(window, service, formatter, panel, window.lock)

    async def simulate_phone(session_id: str) -> None:
        # Demo mode only: the sandbox plays the customer's phone with the first demo card.
        await client.sandbox_scan_qr(session_id, "900-001-001")

    QrHookup(
        window,
        vm,
        client,
        formatter,
        device_name=settings.device_name,
        simulate_phone=simulate_phone if demo else None,
    )


def _install_wedge(
    window: MainWindow, wedge: WedgeDetector | None, settings: AppSettings
) -> WedgeDetector | None:
    app = QCoreApplication.instance()
    if app is None:
        return None
    detector = wedge if wedge is not None else WedgeDetector(wedge_config_for(settings))
    detector.setParent(window)
    detector.scanned.connect(window.submit_wedge_scan)
    detector.install(app)
    # Installed last, so it sees each key before the detector does.
    bypass = SoftwareKeyBypass(detector, parent=window)
    app.installEventFilter(bypass)

    async def uninstall() -> None:
        app.removeEventFilter(bypass)
        detector.uninstall()

    window.add_async_closer(uninstall)
    return detector
