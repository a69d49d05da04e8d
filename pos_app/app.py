"""Wiring: builds the client, view-model, lock, scanners and panels, and connects them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale

from pos_app.api import LoyaltyClient, RequestRecord
from pos_app.settings import AppSettings, QSettingsStore, SettingsStore
from pos_app.ui.checkout_vm import CardLookup, CheckoutViewModel
from pos_app.ui.formatting import Formatter
from pos_app.ui.main_window import MainWindow
from pos_app.ui.manager_lock import ManagerLock

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow


def qlocale_for(locale: str) -> QLocale:
    """The QLocale for the till's language: Lithuanian, or English as written in Europe."""
    if locale == "lt":
        return QLocale(QLocale.Language.Lithuanian, QLocale.Country.Lithuania)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


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
    client: CardLookup | None = None,
    on_request: Callable[[RequestRecord], None] | None = None,
) -> QMainWindow:
    """The fully wired till window, not shown yet; needs a running qasync loop.

    `client` replaces the HTTP client (tests); `on_request` sees every request's timing.
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

    lock = ManagerLock(
        current.manager_pin_hash, current.manager_badge, float(current.manager_idle_lock_s)
    )

    def badge_scanned(code: str) -> bool:
        # Only the configured badge is consumed; every other code is a customer's card.
        return lock.is_badge(code) and lock.unlock_with_badge(code)

    vm = CheckoutViewModel(client, badge_handler=badge_scanned)
    window = MainWindow(vm, formatter, lock, demo=demo)
    vm.setParent(window)
    lock.setParent(window)
    window.setProperty("apiUrl", api_url)
    if owned_client is not None:
        window.add_async_closer(owned_client.aclose)
    del camera_spec, sandbox  # wired in once the camera and QR panels land
    return window
