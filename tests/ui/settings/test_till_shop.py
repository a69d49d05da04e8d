"""The till's shop in the real window against the sandbox: sales and QR sessions carry it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from pos_app.config.settings import AppSettings, MemorySettingsStore
from pos_app.testing.helpers import run_async
from pos_app.testing.window_helpers import OFFSCREEN_NOISE, Tills, child, label, wait_for_card
from pos_app.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def sell(qtbot: Any, till: MainWindow, card: str, total: str) -> None:
    till.vm.submit_scan(card, "keyboard")
    wait_for_card(qtbot, till, card)
    till.redemption_panel.order_total_input.setText(total)
    qtbot.keyClick(till.redemption_panel.order_total_input, Qt.Key.Key_Return)
    child(till, QPushButton, "completeSaleButton").click()
    qtbot.waitUntil(lambda: label(till, "newBalanceLabel") not in ("", "—"), timeout=10000)


def hook_of(till: MainWindow) -> Any:
    from pos_app.app.settings_hook import SettingsHook

    (hook,) = [c for c in till.children() if isinstance(c, SettingsHook)]
    return hook


def client_of(till: MainWindow) -> Any:
    return hook_of(till).till_shop.client


def test_a_sale_and_a_qr_session_carry_the_shop_chosen_in_settings(
    qtbot: Any, tills: Tills
) -> None:
    settings = AppSettings(sound_enabled=False, shop_id=2, shop_name="Coffee Paradise - Kaunas")
    till = tills.open(settings=settings, demo=False)
    assert client_of(till).shop_id == 2
    sell(qtbot, till, "900-001-001", "12.00")
    (sale,) = tills.sandbox.state.transactions
    assert sale["shop_id"] == 2
    session = run_async(tills.loop, qtbot, client_of(till).qr_generate(device_name="Till 1"))
    assert session.shop_id == 2


def test_with_no_shop_chosen_the_only_shop_is_adopted_and_saved(qtbot: Any, tills: Tills) -> None:
    tills.sandbox.state.update_shop(2, is_active=False)
    store = MemorySettingsStore(AppSettings(sound_enabled=False))
    till = tills.open(settings=store.load(), settings_store=store, demo=False)
    client = client_of(till)
    qtbot.waitUntil(lambda: client.shop_id == 1, timeout=5000)
    assert (store.load().shop_id, store.load().shop_name) == (1, "Coffee Paradise - Vilnius")
    sell(qtbot, till, "900-002-001", "10.00")
    assert tills.sandbox.state.transactions[-1]["shop_id"] == 1


def test_with_several_shops_none_is_guessed(qtbot: Any, tills: Tills) -> None:
    store = MemorySettingsStore(AppSettings(sound_enabled=False))
    till = tills.open(settings=store.load(), settings_store=store, demo=False)
    task = hook_of(till).till_shop.task
    assert task is not None
    qtbot.waitUntil(task.done, timeout=5000)
    assert client_of(till).shop_id is None
    assert store.load().shop_id == 0
    assert store.save_count == 0


def test_a_demo_till_sells_as_the_demo_shop(qtbot: Any, tills: Tills) -> None:
    from pos_app.sandbox import DEMO_SHOP_ID

    till = tills.open()
    assert client_of(till).shop_id == DEMO_SHOP_ID


def test_a_shop_saved_in_settings_applies_without_restart(qtbot: Any, tills: Tills) -> None:
    till = tills.open(demo=False)
    hook_of(till).apply(
        AppSettings(sound_enabled=False, shop_id=2, shop_name="Coffee Paradise - Kaunas")
    )
    assert client_of(till).shop_id == 2
