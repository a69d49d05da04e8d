"""Wedge scanner bursts (native scan codes, Lithuanian layout) into the real till window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from pos_app.api import RequestRecord
from pos_app.app import wedge_config_for
from pos_app.config.settings import AppSettings, hash_pin
from pos_app.sandbox import MANAGER_BADGE, SandboxServer
from pos_app.scanner.keycodes import XKB_KEYMAP
from pos_app.scanner.layouts import LITHUANIAN
from pos_app.scanner.wedge import WedgeDetector
from pos_app.testing.wedge_keys import FakeClock, key_event, press_enter, type_us
from pos_app.testing.window_helpers import OFFSCREEN_NOISE, Tills, child, label, wait_for_card
from pos_app.ui.common.messages import BannerKind
from pos_app.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

BURST_GAP_MS = 4
PERSON_GAP_MS = 180


class Scanner:
    """A US-programmed scanner on a till whose OS layout is Lithuanian; one clock for both."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.ms = 50_000

    def scan(self, target: QWidget, code: str) -> None:
        end = type_us(target, code, LITHUANIAN, start_ms=self.ms, gap_ms=BURST_GAP_MS)
        press_enter(target, timestamp=end)
        self.ms = end + 400
        self.clock.now += 0.4

    def person_types(self, target: QWidget, text: str) -> None:
        """Keys as a person on the Lithuanian layout types them: slow, with scan codes."""
        self.ms = type_us(target, text, None, start_ms=self.ms, gap_ms=PERSON_GAP_MS) + 400
        self.clock.now += 0.4 + len(text) * PERSON_GAP_MS / 1000


@pytest.fixture
def requests() -> list[RequestRecord]:
    return []


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def open_till(
    tills: Tills, clock: FakeClock, requests: list[RequestRecord], **kwargs: Any
) -> MainWindow:
    wedge = WedgeDetector(wedge_config_for(AppSettings()), keymap=XKB_KEYMAP, clock=clock)
    return tills.open(wedge=wedge, on_request=requests.append, clock=clock, **kwargs)


def card_requests(requests: list[RequestRecord]) -> int:
    return sum("loyalty-cards" in r.path for r in requests)


def test_burst_with_focus_in_the_order_total_looks_the_card_up(
    qtbot: Any, tills: Tills, clock: FakeClock, requests: list[RequestRecord]
) -> None:
    till = open_till(tills, clock, requests)
    scanner = Scanner(clock)
    order_total = child(till, QLineEdit, "orderTotalInput")
    order_total.setFocus()
    scanner.person_types(order_total, "12.50")
    qtbot.waitUntil(lambda: order_total.text() == "12.50")
    scanner.scan(order_total, "900-002-001")
    assert order_total.text() == "12.50"  # not one key of the burst reached the field
    assert order_total.hasFocus()
    wait_for_card(qtbot, till, "900-002-001")
    assert label(till, "balanceLabel") == "2,500"
    assert label(till, "discountLabel") == "€0.00"  # no points until the cashier chooses
    assert till.vm.order_total is not None
    assert str(till.vm.order_total) == "12.50"
    assert till.redemption_panel.slider.maximum() == 1250  # capped by the order total


def test_the_same_code_twice_within_the_window_is_one_lookup(
    qtbot: Any, tills: Tills, clock: FakeClock, requests: list[RequestRecord]
) -> None:
    till = open_till(tills, clock, requests)
    scanner = Scanner(clock)
    scanner.scan(till.card_input, "900001001")
    scanner.scan(till.card_input, "900001001")  # 0.4 s later: a double read
    wait_for_card(qtbot, till, "900-001-001")
    qtbot.wait(50)  # a fixed wait: a request that is never sent leaves nothing to wait for
    assert card_requests(requests) == 1
    clock.now += 2.0
    scanner.scan(till.card_input, "900001001")
    qtbot.waitUntil(lambda: card_requests(requests) == 2)
    wait_for_card(qtbot, till, "900-001-001")


def test_scan_type_another_then_scan_the_first_again_shows_the_first(
    qtbot: Any, tills: Tills, clock: FakeClock, requests: list[RequestRecord]
) -> None:
    """Within 1.5 s, but not a double read: the screen shows another card meanwhile."""
    till = open_till(tills, clock, requests)
    scanner = Scanner(clock)
    scanner.scan(till.card_input, "900001001")
    wait_for_card(qtbot, till, "900-001-001")
    till.card_input.setFocus()
    till.card_input.clear()
    till.card_input.setText("900-002-001")
    qtbot.keyClick(till.card_input, Qt.Key.Key_Return)
    wait_for_card(qtbot, till, "900-002-001")
    scanner.scan(till.card_input, "900001001")  # 0.4 s after the first scan
    wait_for_card(qtbot, till, "900-001-001")
    assert card_requests(requests) == 3


def test_a_newer_burst_wins_over_a_slow_lookup(
    qtbot: Any,
    tills: Tills,
    clock: FakeClock,
    requests: list[RequestRecord],
    sandbox: SandboxServer,
) -> None:
    till = open_till(tills, clock, requests)
    scanner = Scanner(clock)
    sandbox.faults.inject("slow", path_contains="900-003-001")
    scanner.scan(till.card_input, "900-003-001")
    qtbot.waitUntil(lambda: till.vm.busy)
    assert till.progress.isVisible()
    scanner.scan(till.card_input, "900-004-001")
    wait_for_card(qtbot, till, "900-004-001")
    sandbox.reset()
    qtbot.wait(100)  # a fixed wait: the dropped answer leaves no trace to wait for
    assert label(till, "cardNumberLabel") == "900-004-001"
    assert not till.progress.isVisible()


def test_a_new_burst_clears_the_previous_customer_at_once(
    qtbot: Any, tills: Tills, clock: FakeClock, requests: list[RequestRecord]
) -> None:
    till = open_till(tills, clock, requests)
    scanner = Scanner(clock)
    scanner.scan(till.card_input, "900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    scanner.scan(till.card_input, "900-999-999")
    assert label(till, "customerNameLabel") == "—"
    assert label(till, "balanceLabel") == "—"
    qtbot.waitUntil(lambda: till.banner.state.kind is BannerKind.NOT_FOUND)


def test_manager_badge_unlocks_and_pin_works_too(
    qtbot: Any, tills: Tills, clock: FakeClock, requests: list[RequestRecord]
) -> None:
    settings = AppSettings(manager_pin_hash=hash_pin("2468"), manager_badge=MANAGER_BADGE)
    till = open_till(tills, clock, requests, settings=settings)
    scanner = Scanner(clock)
    details = till.manager_panel.last_used_label
    scanner.scan(till.card_input, "900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    assert till.lock.is_locked
    assert not details.isVisible()
    scanner.scan(till.card_input, MANAGER_BADGE)
    assert not till.lock.is_locked
    assert details.isVisible()
    assert label(till, "cardNumberLabel") == "900-001-001"  # a badge is not a customer
    assert card_requests(requests) == 1
    qtbot.mouseClick(till.manager_panel.lock_button, Qt.MouseButton.LeftButton)
    assert till.lock.is_locked
    pin = child(till, QLineEdit, "managerPinInput")
    pin.setFocus()
    scanner.person_types(pin, "2468")
    qtbot.waitUntil(lambda: pin.text() == "2468")
    qtbot.keyClick(pin, Qt.Key.Key_Return)
    assert not till.lock.is_locked
    assert "2024" in label(till, "lastUsedLabel")


def test_software_typed_keys_are_never_a_scan(
    qtbot: Any, tills: Tills, clock: FakeClock, requests: list[RequestRecord]
) -> None:
    """QTest-style keys (no scan codes) typed fast into a field stay in that field."""
    till = open_till(tills, clock, requests)
    order_total = child(till, QLineEdit, "orderTotalInput")
    order_total.setFocus()
    qtbot.keyClicks(order_total, "2500")
    assert order_total.text() == "2500"
    qtbot.keyClick(order_total, Qt.Key.Key_Return)
    qtbot.wait(50)  # a fixed wait: a lookup that is never sent leaves nothing to wait for
    assert card_requests(requests) == 0
    # A real burst right after still counts as a scan.
    Scanner(clock).scan(order_total, "900-005-001")
    wait_for_card(qtbot, till, "900-005-001")
    assert order_total.text() == "2500"


def test_a_shift_key_alone_does_not_disturb_a_burst(
    qtbot: Any, tills: Tills, clock: FakeClock, requests: list[RequestRecord]
) -> None:
    till = open_till(tills, clock, requests)
    QApplication.sendEvent(
        till.card_input, key_event(QEvent.Type.KeyPress, Qt.Key.Key_Shift.value, scan_code=50)
    )
    Scanner(clock).scan(till.card_input, "LC00000567")
    wait_for_card(qtbot, till, "LC00000567")


def test_default_detector_reads_a_lithuanian_burst_on_this_platform(
    qtbot: Any, tills: Tills
) -> None:
    """As create_main_window builds it: the platform's keymap (none offscreen), real clock."""
    till = tills.open()
    order_total = child(till, QLineEdit, "orderTotalInput")
    order_total.setFocus()
    order_total.setText("3.20")
    end = type_us(order_total, "900001001", LITHUANIAN, start_ms=0, gap_ms=0)
    press_enter(order_total, timestamp=end)
    wait_for_card(qtbot, till, "900-001-001")
    assert order_total.text() == "3.20"
    assert till.card_input.text() == "900-001-001"
    assert label(till, "statusBanner") == ""
    assert not till.banner.label.isVisible()
    assert till.banner.hint.isVisible()


def test_a_storm_of_scans_ends_on_the_last_card(
    qtbot: Any, tills: Tills, clock: FakeClock, requests: list[RequestRecord]
) -> None:
    till = open_till(tills, clock, requests)
    scanner = Scanner(clock)
    cards = ["900-001-001", "900-002-001", "900-003-001", "900-004-001", "900-005-001"] * 3
    for card in cards:
        scanner.scan(till.card_input, card)
    wait_for_card(qtbot, till, "900-005-001")
    qtbot.wait(100)  # any straggler answer would land now
    assert label(till, "cardNumberLabel") == "900-005-001"
    assert label(till, "balanceLabel") == "150"
    assert not till.vm.busy
    assert till.banner.state.kind is BannerKind.NONE
