"""In the real till window: the manager badge is a scan, not a number; dialogs own their bursts;
a quickly typed amount stays an amount."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

from pos_app.api import RequestRecord
from pos_app.app import wedge_config_for
from pos_app.config.settings import AppSettings, hash_pin
from pos_app.sandbox import MANAGER_BADGE
from pos_app.scanner.keycodes import XKB_KEYMAP
from pos_app.scanner.layouts import LITHUANIAN
from pos_app.scanner.wedge import WedgeDetector
from pos_app.testing.wedge_keys import FakeClock, press_enter, type_us
from pos_app.testing.window_helpers import OFFSCREEN_NOISE, Tills, child, label, wait_for_card
from pos_app.ui.common.messages import BannerKind
from pos_app.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

PIN = "2468"


class Keys:
    """Key events with native scan codes: a US-programmed scanner (Lithuanian OS layout), or a
    person on a US layout; one clock for both."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.ms = 50_000

    def scan(self, target: Any, code: str) -> None:
        end = type_us(target, code, LITHUANIAN, start_ms=self.ms, gap_ms=4)
        press_enter(target, timestamp=end)
        self.ms = end + 400
        self.clock.now += 0.4

    def type(self, target: Any, text: str, *, gap_ms: int, enter: bool = True) -> None:
        end = type_us(target, text, None, start_ms=self.ms, gap_ms=gap_ms)
        if enter:
            press_enter(target, timestamp=end)
        self.ms = end + 400
        self.clock.now += 0.4 + len(text) * gap_ms / 1000


@pytest.fixture
def requests() -> list[RequestRecord]:
    return []


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def keys(clock: FakeClock) -> Keys:
    return Keys(clock)


def open_till(
    tills: Tills, clock: FakeClock, requests: list[RequestRecord], *, pin: bool = True
) -> MainWindow:
    settings = AppSettings(
        manager_pin_hash=hash_pin(PIN) if pin else "", manager_badge=MANAGER_BADGE
    )
    wedge = WedgeDetector(wedge_config_for(settings), keymap=XKB_KEYMAP, clock=clock)
    return tills.open(settings=settings, wedge=wedge, on_request=requests.append, clock=clock)


def card_requests(requests: list[RequestRecord]) -> int:
    return sum("loyalty-cards" in r.path for r in requests)


@pytest.mark.parametrize("pin", [True, False])
def test_a_typed_badge_number_asks_for_the_pin_and_is_not_left_visible(
    qtbot: Any,
    tills: Tills,
    clock: FakeClock,
    requests: list[RequestRecord],
    keys: Keys,
    pin: bool,
) -> None:
    till = open_till(tills, clock, requests, pin=pin)
    till.card_input.setFocus()
    keys.type(till.card_input, MANAGER_BADGE, gap_ms=180)  # a person, key by key
    qtbot.waitUntil(lambda: till.banner.state.kind is BannerKind.BADGE_TYPED)
    assert till.lock.is_locked
    assert till.card_input.text() == ""
    assert card_requests(requests) == 0
    pin_input = child(till, QLineEdit, "managerPinInput")
    if pin:
        assert "PIN" in till.banner.state.text
        assert pin_input.hasFocus()
    else:
        assert "Scan the manager badge" in till.banner.state.text


def test_the_badge_scanned_unlocks_and_is_never_shown(
    qtbot: Any, tills: Tills, clock: FakeClock, requests: list[RequestRecord], keys: Keys
) -> None:
    till = open_till(tills, clock, requests)
    keys.scan(till.card_input, "900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    keys.scan(till.card_input, MANAGER_BADGE)
    qtbot.waitUntil(lambda: not till.lock.is_locked)
    assert till.card_input.text() == ""
    assert label(till, "cardNumberLabel") == "900-001-001"  # the customer stays
    assert card_requests(requests) == 1


def test_an_amount_typed_quickly_stays_in_the_order_total(
    qtbot: Any, tills: Tills, clock: FakeClock, requests: list[RequestRecord], keys: Keys
) -> None:
    till = open_till(tills, clock, requests)
    keys.scan(till.card_input, "900-002-001")
    wait_for_card(qtbot, till, "900-002-001")
    order_total = till.redemption_panel.order_total_input
    order_total.setFocus()
    order_total.selectAll()
    keys.type(order_total, "12.50", gap_ms=36, enter=False)  # 36 ms a key: quick, not a scan
    qtbot.waitUntil(lambda: order_total.text() == "12.50")
    assert label(till, "cardNumberLabel") == "900-002-001"
    assert till.banner.state.kind is not BannerKind.UNREADABLE_SCAN
    assert card_requests(requests) == 1


def test_a_burst_in_a_dialog_is_the_dialogs_typing_and_nothing_is_looked_up(
    qtbot: Any, tills: Tills, clock: FakeClock, requests: list[RequestRecord], keys: Keys
) -> None:
    till = open_till(tills, clock, requests)
    dialog = QDialog(till)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.show()
    qtbot.waitExposed(dialog)
    field.setFocus()
    keys.scan(field, "900-001-001")
    qtbot.waitUntil(lambda: field.text() == LITHUANIAN.type_as("900-001-001"))
    assert card_requests(requests) == 0
    assert till.card_input.text() == ""
    dialog.close()


def test_the_settings_badge_field_takes_a_scan(
    qtbot: Any, tills: Tills, clock: FakeClock, requests: list[RequestRecord], keys: Keys
) -> None:
    till = open_till(tills, clock, requests)
    till.settingsRequested.emit()
    dialog = till.findChild(QDialog, "settingsDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert till.lock.is_locked
    # Scanned anywhere in the locked dialog, the badge unlocks it: it is a key, not a lookup.
    keys.scan(dialog.focusWidget() or dialog, MANAGER_BADGE)
    qtbot.waitUntil(lambda: dialog.authorized)
    badge = child(dialog, QLineEdit, "settingsManagerBadge")
    badge.setFocus(Qt.FocusReason.OtherFocusReason)
    keys.scan(badge, "100000002")
    qtbot.waitUntil(lambda: badge.text() == "100000002")
    assert dialog.isVisible()  # the scanner's Enter did not press Save
    assert card_requests(requests) == 0
    assert till.card_input.text() == ""
    dialog.close()
