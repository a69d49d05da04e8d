"""Wiring: builds the client, view-model, lock, scanners, panels and dialogs, and connects them.

This is the one module that knows every part of the till; everything else receives what it
needs in its constructor and talks through its own signals and public methods.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog, QWidget

from pos_app.api.errors import RequestRecord
from pos_app.boot.deferred_client import DeferredClient, after_first_paint
from pos_app.config.credentials import SecretStore
from pos_app.config.i18n import qlocale_for
from pos_app.config.settings import AppSettings, QSettingsStore, SettingsStore
from pos_app.scanner.reading import ScanCodeReader
from pos_app.scanner.routing import mark_scan_field
from pos_app.scanner.software_keys import SoftwareKeyBypass
from pos_app.scanner.wedge import WedgeConfig, WedgeDetector
from pos_app.ui.checkout.view_model import CardLookup, CheckoutViewModel, RedemptionView
from pos_app.ui.common import messages
from pos_app.ui.common.dialogs import DialogOnce
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.common.language import switch_language
from pos_app.ui.common.messages import BannerKind, BannerState
from pos_app.ui.common.placement import remember_across_runs
from pos_app.ui.main_window import MainWindow
from pos_app.ui.manager.lock import ManagerLock

if TYPE_CHECKING:
    from pos_app.api.client import LoyaltyClient
    from pos_app.core.models import QrCardData
    from pos_app.sale.journal import SaleJournal
    from pos_app.sale.service import SaleOutcome, SaleService
    from pos_app.sound import SoundPlayer
    from pos_app.ui.camera.panel import CameraPanel
    from pos_app.ui.customer_display.model import CustomerDisplayModel
    from pos_app.ui.sale.panel import SalePanel

_TERMINATORS: dict[str, frozenset[Any]] = {
    "enter": frozenset({"enter", "keypad_enter"}),
    "tab": frozenset({"tab"}),
    "enter_or_tab": frozenset({"enter", "keypad_enter", "tab"}),
    "none": frozenset(),
}
DEMO_PHONE_CARD = "900-001-001"


@dataclass(frozen=True)
class TillOptions:
    """How this till differs from a default one; every field defaults to the real thing.

    `demo`: the connection is the embedded sandbox (DEMO on screen, the staging manager badge,
    the QR dialog can play the phone). `camera_spec`: a camera index or video file to open at
    start. Tests and tools replace parts: `settings`/`settings_store`/`secrets` (QSettings and
    the keyring), `client` (the HTTP client), `wedge` (the scanner detector;
    `install_wedge=False`: none), `on_request` (sees every request's timing), `clock`
    (monotonic seconds for the duplicate-scan window and the rate-limit countdown), `journal`
    (the sale journal in the platform data directory), `camera` (the camera panel, not started).
    """

    demo: bool = False
    camera_spec: str | None = None
    settings: AppSettings | None = None
    settings_store: SettingsStore | None = None
    secrets: SecretStore | None = None
    client: CardLookup | None = None
    wedge: WedgeDetector | None = None
    install_wedge: bool = True
    on_request: Callable[[RequestRecord], None] | None = None
    clock: Callable[[], float] = time.monotonic
    journal: SaleJournal | None = None
    camera: QWidget | None = None
    # True/False: the credentials came from POS_API_KEY/POS_API_SECRET (already taken out of
    # the process environment at start); None: look at os.environ.
    credentials_from_environment: bool | None = None
    # True: open the customer-facing display even on one screen (--customer-display).
    customer_display: bool = False
    # True (the real start-up): the sale panel, QR, report, stamps/coupons and the shop lookup
    # are attached right after the window's first paint, so the till is ready sooner; a scan
    # made meanwhile is looked up as usual. False: all attached before returning.
    attach_after_paint: bool = False
    # True: the till window takes the whole screen (--fullscreen, kiosk tills).
    fullscreen: bool = False


def create_main_window(
    *,
    api_url: str,
    api_key: str,
    api_secret: str,
    locale: str = "en",
    options: TillOptions | None = None,
) -> MainWindow:
    """The fully wired till window, not shown yet; needs a running qasync loop.

    Call `await window.aclose()` before the loop closes.
    """
    opts = options if options is not None else TillOptions()
    store = opts.settings_store if opts.settings_store is not None else QSettingsStore()
    current = opts.settings if opts.settings is not None else store.load()
    formatter = Formatter(qlocale_for(locale))

    owned_client: LoyaltyClient | None = None
    deferred: DeferredClient | None = None
    client = opts.client
    if client is None:

        def build_client() -> LoyaltyClient:
            from pos_app.api.client import LoyaltyClient

            return LoyaltyClient(
                api_url,
                api_key,
                api_secret,
                locale=locale,
                requests_per_minute=current.requests_per_minute,
                on_request=opts.on_request,
                lookup_timeout=float(current.lookup_timeout_s),
            )

        # The network stack loads right after the window's first paint; calls made before
        # that (a scan, the start-up reconcile) wait for it and are answered.
        deferred = DeferredClient(
            build_client, locale=locale, on_loaded=lambda: window.setProperty("networkLoaded", True)
        )
        owned_client = cast("LoyaltyClient", deferred)
        client = owned_client

    lock = _manager_lock(current, demo=opts.demo)

    def badge_scanned(code: str, source: str) -> BannerState | None:
        # Only the configured badge is consumed; every other code is a customer's card.
        if not lock.is_badge(code):
            return None
        if source == "keyboard":  # its number typed by hand is not the badge: ask for the PIN
            if lock.has_pin:
                window.manager_panel.unlock_widget.pin_input.setFocus()
            return messages.badge_typed(has_pin=lock.has_pin)
        lock.unlock_with_badge(code)
        return messages.manager_unlocked()

    vm = CheckoutViewModel(client, badge_handler=badge_scanned, clock=opts.clock)
    window = MainWindow(vm, formatter, lock, demo=opts.demo)
    vm.setParent(window)
    lock.setParent(window)
    window.setProperty("apiUrl", api_url)
    if deferred is not None:
        window.setProperty("networkLoaded", False)
        deferred.load_after_paint([window, window.card_input])

    detector = _install_wedge(window, lock, opts.wedge, current) if opts.install_wedge else None
    settings_hook = _SettingsHook(
        window, lock, detector, current, store, opts.secrets, opts.credentials_from_environment
    )
    window.settingsRequested.connect(settings_hook.open)
    # Maximised on a till screen, or the size the cashier left it at (saved on close).
    remember_across_runs(window, lambda: settings_hook.settings, store, fullscreen=opts.fullscreen)

    if owned_client is not None:
        window.add_async_closer(owned_client.aclose)
    sale_client = owned_client

    def attach_rest() -> None:
        from pos_app.sound.hookup import attach_sound
        from pos_app.ui.customer_display.attach import attach_customer_display

        display = attach_customer_display(
            window, vm, formatter, setting=current.customer_display, forced=opts.customer_display
        )
        settings_hook.sound = attach_sound(
            window, vm, enabled=current.sound_enabled, volume=current.sound_volume
        )
        if sale_client is None:
            return
        from pos_app.ui.settings.till_shop import attach_till_shop

        # Sales and QR sessions carry the till's shop; with none chosen, the only one is adopted.
        till_shop = attach_till_shop(window, sale_client, current, store, demo=opts.demo)
        till_shop.adopted.connect(settings_hook.apply)
        settings_hook.till_shop = till_shop
        _attach_sale_and_qr(window, vm, sale_client, formatter, current, opts, display)

    if opts.attach_after_paint:
        # The customer display, sound and the sale side: right after the first paint.
        after_first_paint([window, window.card_input], attach_rest)
    else:
        attach_rest()
    camera_now = opts.camera is not None or opts.camera_spec is not None or current.camera_enabled
    if opts.attach_after_paint and not camera_now:

        def attach_camera() -> None:
            settings_hook.camera = _attach_camera(window, None, None, current)

        after_first_paint([window, window.card_input], attach_camera)
    else:
        settings_hook.camera = _attach_camera(window, opts.camera, opts.camera_spec, current)
    settings_hook.formatter = formatter
    return window


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


def _manager_lock(settings: AppSettings, *, demo: bool) -> ManagerLock:
    badge = settings.manager_badge
    if demo and not badge and not settings.manager_pin_hash:
        from pos_app.sandbox import MANAGER_BADGE  # seed data only, no server stack

        badge = MANAGER_BADGE  # the staging manager badge, so a demo can open the manager view
    return ManagerLock(settings.manager_pin_hash, badge, float(settings.manager_idle_lock_s))


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
        credentials_from_environment: bool | None = None,
    ) -> None:
        super().__init__(window)
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
        self._lock.configure(new.manager_pin_hash, new.manager_badge, idle_s)
        if self._wedge is not None:
            enabled = self._wedge.config.enabled  # SoftwareKeyBypass may have it off right now
            self._wedge.set_config(replace(wedge_config_for(new), enabled=enabled))
        if self.camera is not None:
            _apply_camera(self.camera, old, new)
        if self.sound is not None:
            self.sound.configure(new.sound_enabled, new.sound_volume)
        if self.till_shop is not None:
            self.till_shop.apply(new)
        if new.locale != old.locale and self.formatter is not None:
            switch_language(new.locale, self.formatter)  # every widget retranslates itself
        if new.api_url != old.api_url:
            self._restart_needed()

    def _restart_needed(self) -> None:
        text = QCoreApplication.translate(
            "Messages", "Saved. Restart the till to use the new language or connection."
        )
        self._window.show_banner(BannerState(BannerKind.INFO, "info", text))


def _apply_camera(panel: CameraPanel, old: AppSettings, new: AppSettings) -> None:
    """Camera settings take effect at once: another camera or decoder, or on/off."""
    if new.camera_id != old.camera_id:
        panel.set_camera(new.camera_id or "0")  # empty means the first camera, as Settings says
    if new.decoder_backend != old.decoder_backend:
        panel.set_decoder_backend(new.decoder_backend)
    if new.camera_enabled != old.camera_enabled:
        if new.camera_enabled and not panel.running:
            panel.start()
        elif not new.camera_enabled and panel.running:
            panel.stop()


def _attach_camera(
    window: MainWindow, camera: QWidget | None, spec: str | None, settings: AppSettings
) -> CameraPanel:
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
    return panel


def attach_sale(
    window: MainWindow,
    vm: CheckoutViewModel,
    service: SaleService,
    formatter: Formatter,
    *,
    device_name: str,
) -> SalePanel:
    """The Complete-sale panel under the redemption panel, fed from the view-model."""
    from pos_app.ui.sale.panel import SalePanel

    panel = SalePanel(service, formatter, device_name=device_name, parent=window)
    window.set_sale_widget(panel)

    def push(view: RedemptionView) -> None:
        panel.set_context(view.card, view.order_total, view.points, view.discount)

    def reachable(banner: BannerState) -> None:
        if banner.kind is BannerKind.OFFLINE:
            panel.set_api_reachable(False)

    def answered(card: object) -> None:
        if card is not None:
            panel.set_api_reachable(True)

    def confirmed(outcome: SaleOutcome) -> None:
        record = outcome.record
        if record.points_balance is not None:
            vm.show_confirmed_balance(record.request.card_id, record.points_balance)
        vm.refresh()

    vm.redemptionChanged.connect(push)
    vm.cardChanged.connect(answered)
    vm.bannerChanged.connect(reachable)
    panel.saleConfirmed.connect(confirmed)
    panel.newSaleRequested.connect(window.start_new_sale)
    panel.lockedChanged.connect(window.set_redemption_frozen)
    panel.resultShown.connect(window.show_sale_result)
    push(vm.view)

    async def shutdown() -> None:
        panel.shutdown()

    window.add_async_closer(shutdown)
    return panel


def _attach_sale_and_qr(
    window: MainWindow,
    vm: CheckoutViewModel,
    client: LoyaltyClient,
    formatter: Formatter,
    settings: AppSettings,
    opts: TillOptions,
    display: CustomerDisplayModel | None = None,
) -> None:
    from pos_app.sale.journal import journal_path_for
    from pos_app.ui.sale.start import announce_and_reconcile, open_sale_journal

    # One journal per server (apiUrl is set on the window by create_main_window).
    own_path = journal_path_for(str(window.property("apiUrl") or ""), demo=opts.demo)
    sale_journal = opts.journal if opts.journal is not None else open_sale_journal(own_path)
    from pos_app.sale.service import SaleService

    service = SaleService(client, sale_journal)
    if opts.journal is None:

        async def close_journal() -> None:
            sale_journal.close()

        window.add_async_closer(close_journal)  # runs last: closers go in reverse
    panel = attach_sale(window, vm, service, formatter, device_name=settings.device_name)
    announce_and_reconcile(window, service, panel, formatter)  # before any sale for that card
    _attach_sales_report(window, service, formatter, panel)
    _attach_qr(window, vm, client, formatter, settings, demo=opts.demo, display=display)
    if display is not None:
        from pos_app.ui.customer_display.attach import follow_sale

        follow_sale(display, panel)
    from pos_app.ui.loyalty.hookup import attach_loyalty, till_shop

    loyalty = attach_loyalty(
        window,
        vm,
        client,
        panel,
        formatter,
        shop_id=till_shop(client, settings, demo=opts.demo),
        locale=client.locale,
        sale_journal_path=sale_journal.path,
        sale_lookup=sale_journal.get,
    )
    if display is not None:
        loyalty.rewardShown.connect(display.show_reward)


def _attach_qr(
    window: MainWindow,
    vm: CheckoutViewModel,
    client: LoyaltyClient,
    formatter: Formatter,
    settings: AppSettings,
    *,
    demo: bool,
    display: CustomerDisplayModel | None = None,
) -> None:
    """The QR Card Scan dialog (F4); the card a phone shared is looked up like a scan."""

    async def simulate_phone(session_id: str) -> None:
        # Demo mode only: the sandbox plays the customer's phone with the first demo card.
        await client.sandbox_scan_qr(session_id, DEMO_PHONE_CARD)

    def scanned(data: QrCardData) -> None:
        window.show_card_number(data.card_number or "")
        vm.submit_card_id(data.loyalty_card_id, data.card_number or f"#{data.loyalty_card_id}")

    def failed(reason: str) -> None:
        window.show_banner(BannerState(BannerKind.REFUSED, "warning", reason))

    def build() -> QDialog:
        from pos_app.ui.checkout.qr_dialog import QrDialog

        dialog = QrDialog(
            client,
            formatter,
            device_name=settings.device_name,
            simulate_phone=simulate_phone if demo else None,
            parent=window,
        )
        dialog.cardScanned.connect(scanned)
        dialog.failed.connect(failed)
        if display is not None:
            from pos_app.ui.customer_display.attach import follow_qr_dialog

            follow_qr_dialog(display, dialog)
        return dialog

    window.qrRequested.connect(DialogOnce(build, window).open)


def _attach_sales_report(
    window: MainWindow, service: SaleService, formatter: Formatter, panel: SalePanel
) -> None:
    """Today's sales in a non-modal window, for the manager only.

    The report retries open sales and exports CSV: with the manager view locked the button
    is disabled, and locking again (by hand or when idle) hides the report.
    """
    from pos_app.ui.sale.report import SalesReportDialog

    lock = window.lock

    def build() -> SalesReportDialog:
        dialog = SalesReportDialog(service, formatter, window)
        panel.saleFinished.connect(lambda _outcome: dialog.report.refresh())
        return dialog

    report_dialog = DialogOnce(build, window, keep=True)

    def open_report() -> None:
        if lock.is_locked:
            return
        report_dialog.open().report.refresh()

    def locked(is_locked: bool) -> None:
        window.set_report_allowed(not is_locked)
        if is_locked:
            report_dialog.hide()

    window.reportRequested.connect(open_report)
    lock.lockedChanged.connect(locked)
    locked(lock.is_locked)


def _install_wedge(
    window: MainWindow, lock: ManagerLock, wedge: WedgeDetector | None, settings: AppSettings
) -> WedgeDetector | None:
    app = QCoreApplication.instance()
    if app is None:
        return None
    detector = wedge if wedge is not None else WedgeDetector(wedge_config_for(settings))
    detector.setParent(window)
    detector.scanned.connect(window.submit_wedge_scan)
    # Scans are the till window's (a dialog keeps its own); the manager badge reads as a code.
    detector.set_home(window)
    detector.set_reader(ScanCodeReader(is_extra=lock.is_badge))
    mark_scan_field(window.card_input)
    detector.install(app)
    # Installed last, so it sees each key before the detector does.
    bypass = SoftwareKeyBypass(detector, parent=window)
    app.installEventFilter(bypass)

    async def uninstall() -> None:
        app.removeEventFilter(bypass)
        detector.uninstall()

    window.add_async_closer(uninstall)
    return detector
