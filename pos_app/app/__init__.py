"""Wiring: builds the client, view-model, lock, scanners, panels and dialogs, and connects them.

This package is the one place that knows every part of the till; everything else receives what
it needs in its constructor and talks through its own signals and public methods. Its modules
split the wiring by area: `scanning`, `camera`, `settings_hook` and `sale_side`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QWidget

from pos_app.api.errors import RequestRecord
from pos_app.app.camera import apply_camera, attach_camera
from pos_app.app.sale_side import attach_sale, attach_sale_and_qr
from pos_app.app.scanning import install_wedge, manager_lock, wedge_config_for
from pos_app.app.settings_hook import SettingsHook
from pos_app.boot.deferred_client import DeferredClient, after_first_paint
from pos_app.config.credentials import SecretStore
from pos_app.config.i18n import qlocale_for
from pos_app.config.settings import AppSettings, QSettingsStore, SettingsStore
from pos_app.scanner.wedge import WedgeDetector
from pos_app.ui.checkout.view_model import CardLookup, CheckoutViewModel
from pos_app.ui.common import messages
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.common.messages import BannerState
from pos_app.ui.common.placement import remember_across_runs
from pos_app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from pos_app.api.client import LoyaltyClient
    from pos_app.sale.journal import SaleJournal

__all__ = ["TillOptions", "apply_camera", "attach_sale", "create_main_window", "wedge_config_for"]


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

    lock = manager_lock(current, demo=opts.demo)

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

    detector = install_wedge(window, lock, opts.wedge, current) if opts.install_wedge else None
    settings_hook = SettingsHook(
        window,
        lock,
        detector,
        current,
        store,
        opts.secrets,
        opts.credentials_from_environment,
        demo=opts.demo,
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
        attach_sale_and_qr(window, vm, sale_client, formatter, current, opts, display)

    if opts.attach_after_paint:
        # The customer display, sound and the sale side: right after the first paint.
        after_first_paint([window, window.card_input], attach_rest)
    else:
        attach_rest()
    camera_now = opts.camera is not None or opts.camera_spec is not None or current.camera_enabled
    if opts.attach_after_paint and not camera_now:

        def attach_camera_later() -> None:
            settings_hook.camera = attach_camera(window, None, None, current)

        after_first_paint([window, window.card_input], attach_camera_later)
    else:
        settings_hook.camera = attach_camera(window, opts.camera, opts.camera_spec, current)
    settings_hook.formatter = formatter
    settings_hook.client = owned_client
    return window
