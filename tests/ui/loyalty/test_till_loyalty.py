"""Stamp cards and coupons in the real till window, end to end against the sandbox over HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget

from pos_app.sandbox import ACTIVE_COUPON, COFFEE_GAME_ID, USED_COUPON, SandboxServer
from pos_app.testing.window_helpers import Tills, child, type_card, wait_for_card
from pos_app.ui.loyalty.coupon_dialog import CouponDialog
from pos_app.ui.loyalty.hookup import stamp_journal_next_to
from pos_app.ui.main_window import MainWindow

ONE_AWAY = "900-002-001"  # seven of eight stamps on the Coffee card
ONE_AWAY_ID = 1002


def stamps(window: MainWindow) -> str:
    return str(child(window, QLabel, "stampProgressLabel").text())


def enter_total(qtbot: Any, window: MainWindow, total: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F3)
    field = window.redemption_panel.order_total_input
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    qtbot.keyClicks(field, total)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def coupon_dialog(qtbot: Any, window: MainWindow) -> CouponDialog:
    found: list[CouponDialog] = []

    def opened() -> bool:
        found[:] = [d for d in window.findChildren(CouponDialog) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(opened)
    return found[0]


def test_stamp_progress_shows_as_stamps(qtbot: Any, till: MainWindow) -> None:
    type_card(qtbot, till, "900-004-001")  # five of eight
    wait_for_card(qtbot, till, "900-004-001")
    qtbot.waitUntil(lambda: stamps(till) == "●●●●●◉○○")  # ◉: the stamp this sale gives
    assert child(till, QLabel, "stampCountLabel").text() == "5/8"
    count = child(till, QSpinBox, "stampCountInput")
    assert count.value() == 1
    count.setValue(0)  # the cashier chooses none
    assert stamps(till) == "●●●●●○○○"
    count.setValue(2)
    assert stamps(till) == "●●●●●◉◉○"
    type_card(qtbot, till, "900-003-001")  # not started yet
    wait_for_card(qtbot, till, "900-003-001")
    qtbot.waitUntil(lambda: stamps(till) == "◉○○○○○○○")
    assert count.value() == 1  # every customer starts from one stamp


def test_a_sale_completes_the_stamp_card_and_the_reward_is_redeemed(
    qtbot: Any, till: MainWindow, sandbox: SandboxServer
) -> None:
    type_card(qtbot, till, ONE_AWAY)
    wait_for_card(qtbot, till, ONE_AWAY)
    qtbot.waitUntil(lambda: stamps(till) == "●●●●●●●◉")
    assert sandbox.state.games.progress(COFFEE_GAME_ID, ONE_AWAY_ID) == 7
    enter_total(qtbot, till, "4.50")
    button = child(till, QPushButton, "completeSaleButton")
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    reward = child(till, QLabel, "rewardCodeLabel")
    qtbot.waitUntil(reward.isVisible, timeout=10_000)
    code = reward.text()
    assert code.startswith("K")
    assert sandbox.state.games.progress(COFFEE_GAME_ID, ONE_AWAY_ID) == 8
    assert sandbox.state.games.coupon(code)["status"] == "active"
    posts = [e for e in sandbox.state.request_log if e.path.endswith("/add-stamps")]
    assert len(posts) == 1
    qtbot.waitUntil(lambda: stamps(till) == "●●●●●●●●")

    # The customer hands the reward coupon back at once: scanned (typed) into the card field.
    type_card(qtbot, till, code)
    dialog = coupon_dialog(qtbot, till)
    title = child(dialog, QLabel, "couponTitleLabel")
    qtbot.waitUntil(lambda: title.text() not in ("", "—"))
    assert child(dialog, QLabel, "couponOwnerLabel").text().startswith("Ona")
    assert child(dialog, QLineEdit, "couponCodeInput").text() == code
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # the one key
    notice = child(dialog, QLabel, "couponNotice")
    qtbot.waitUntil(lambda: notice.property("kind") == "redeemed")
    assert sandbox.state.games.coupon(code)["status"] == "used"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # again: closes, never redeems twice
    redeems = [e for e in sandbox.state.request_log if e.path.endswith("/coupons/redeem")]
    assert len(redeems) == 1


def test_no_stamp_when_the_cashier_chooses_none(
    qtbot: Any, till: MainWindow, sandbox: SandboxServer
) -> None:
    type_card(qtbot, till, "900-004-001")
    wait_for_card(qtbot, till, "900-004-001")
    qtbot.waitUntil(lambda: stamps(till) == "●●●●●◉○○")
    child(till, QSpinBox, "stampCountInput").setValue(0)
    enter_total(qtbot, till, "3.00")
    button = child(till, QPushButton, "completeSaleButton")
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: till.sale_panel is not None and till.sale_panel.outcome is not None)
    qtbot.waitUntil(lambda: till.sale_panel is not None and not till.sale_panel.busy)
    assert sandbox.state.games.progress(COFFEE_GAME_ID, 1004) == 5
    assert not [e for e in sandbox.state.request_log if e.path.endswith("/add-stamps")]


def test_the_customers_coupons_and_redeeming_one(
    qtbot: Any, till: MainWindow, sandbox: SandboxServer
) -> None:
    type_card(qtbot, till, "900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    coupons = child(till, QComboBox, "couponList")
    qtbot.waitUntil(lambda: coupons.count() == 1)
    assert ACTIVE_COUPON in coupons.itemText(0)  # the used and the expired ones are not offered
    qtbot.keyClick(till, Qt.Key.Key_F8)
    dialog = coupon_dialog(qtbot, till)
    notice = child(dialog, QLabel, "couponNotice")
    qtbot.waitUntil(lambda: notice.property("kind") == "coupon_ready")
    qtbot.mouseClick(child(dialog, QPushButton, "couponRedeemButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: notice.property("kind") == "redeemed")
    qtbot.waitUntil(lambda: coupons.count() == 0)  # the list follows the server
    assert sandbox.state.games.coupon(ACTIVE_COUPON)["status"] == "used"


def test_a_used_coupon_gets_its_own_banner(qtbot: Any, till: MainWindow) -> None:
    type_card(qtbot, till, "900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    type_card(qtbot, till, USED_COUPON.lower())
    dialog = coupon_dialog(qtbot, till)
    notice = child(dialog, QLabel, "couponNotice")
    qtbot.waitUntil(lambda: notice.property("kind") == "coupon_used")
    assert USED_COUPON in notice.text()
    assert not child(dialog, QPushButton, "couponRedeemButton").isEnabled()
    assert child(till, QLabel, "cardNumberLabel").text() == "900-001-001"  # customer stays


def test_the_manager_sees_the_server_history(
    qtbot: Any, till: MainWindow, sandbox: SandboxServer
) -> None:
    type_card(qtbot, till, "900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    table = child(till, QTableWidget, "historyTable")
    assert not table.isVisible()
    till.lock.unlock_with_badge("100000001")
    qtbot.waitUntil(lambda: table.isVisible() and table.rowCount() > 0)
    assert table.rowCount() <= 10
    assert table.columnCount() == 5
    till.lock.lock()
    qtbot.waitUntil(lambda: not table.isVisible())


def test_a_sale_gives_one_stamp_by_default(
    qtbot: Any, till: MainWindow, sandbox: SandboxServer
) -> None:
    type_card(qtbot, till, "900-004-001")
    wait_for_card(qtbot, till, "900-004-001")
    qtbot.waitUntil(lambda: stamps(till) == "●●●●●◉○○")
    enter_total(qtbot, till, "3.00")
    button = child(till, QPushButton, "completeSaleButton")
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    notice = child(till, QLabel, "loyaltyNotice")
    qtbot.waitUntil(lambda: notice.property("kind") == "stamps_given")
    assert "6 of 8" in notice.text()
    assert sandbox.state.games.progress(COFFEE_GAME_ID, 1004) == 6
    qtbot.waitUntil(lambda: stamps(till) == "●●●●●●○○")  # no "◉": the sale is sent
    assert not child(till, QSpinBox, "stampCountInput").isEnabled()
    assert not child(till, QLabel, "rewardCodeLabel").isVisible()


def test_the_reward_on_the_customer_display(
    qtbot: Any, tills: Tills, sandbox: SandboxServer
) -> None:
    from pos_app.ui.customer_display.window import CustomerDisplay

    till = tills.open(customer_display=True)
    qtbot.waitUntil(lambda: till.findChild(CustomerDisplay, "customerDisplay") is not None)
    display = till.findChild(CustomerDisplay, "customerDisplay")
    assert display is not None
    type_card(qtbot, till, ONE_AWAY)
    wait_for_card(qtbot, till, ONE_AWAY)
    qtbot.waitUntil(lambda: stamps(till) == "●●●●●●●◉")
    enter_total(qtbot, till, "4.50")
    button = child(till, QPushButton, "completeSaleButton")
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    code_label = child(display, QLabel, "displayToPay")
    qtbot.waitUntil(lambda: str(code_label.property("fullText")).startswith("K"), timeout=10_000)
    assert code_label.property("fullText") == child(till, QLabel, "rewardCodeLabel").text()
    assert "Cappuccino" in str(child(display, QLabel, "displayBalance").property("fullText"))


def test_a_low_allowance_is_kept_for_cards_and_sales(
    qtbot: Any, tills: Tills, sandbox: SandboxServer
) -> None:
    from pos_app.config.settings import AppSettings

    till = tills.open(settings=AppSettings(requests_per_minute=6))
    type_card(qtbot, till, "900-004-001")
    wait_for_card(qtbot, till, "900-004-001")
    notice = child(till, QLabel, "loyaltyNotice")
    qtbot.waitUntil(lambda: notice.property("kind") == "saving_requests")
    assert not [e for e in sandbox.state.request_log if e.path.endswith("/games")]


def test_without_a_stamp_journal_no_stamp_is_promised(
    qtbot: Any, tills: Tills, sandbox: SandboxServer
) -> None:
    # A directory where the stamp journal's file should be: it cannot be opened.
    stamp_journal_next_to(tills.tmp_path / "journal-0.sqlite").mkdir()
    till = tills.open()
    type_card(qtbot, till, "900-004-001")
    wait_for_card(qtbot, till, "900-004-001")
    qtbot.waitUntil(lambda: stamps(till) == "●●●●●○○○")  # progress, but no "◉"
    assert not child(till, QSpinBox, "stampCountInput").isVisible()
    assert child(till, QLabel, "loyaltyNotice").property("kind") == "stamps_off"


def test_what_stamps_and_coupons_cost_in_requests(
    qtbot: Any, till: MainWindow, sandbox: SandboxServer
) -> None:
    """The key's minute is shared by every till: a scan costs two extra reads (stamp cards,
    coupons), a sale with a stamp two more (the progress read just before, the stamp)."""

    def count(end: str) -> int:
        return sum(1 for e in sandbox.state.request_log if e.path.endswith(end))

    type_card(qtbot, till, "900-004-001")
    wait_for_card(qtbot, till, "900-004-001")
    qtbot.waitUntil(lambda: stamps(till) == "●●●●●◉○○")
    qtbot.waitUntil(lambda: count("/coupons/card") == 1)
    assert count("/games") == 1
    enter_total(qtbot, till, "3.00")
    button = child(till, QPushButton, "completeSaleButton")
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    notice = child(till, QLabel, "loyaltyNotice")
    qtbot.waitUntil(lambda: notice.property("kind") == "stamps_given")
    qtbot.waitUntil(lambda: count("/loyalty-cards/info") == 2)  # the balance refresh
    qtbot.wait(200)  # nothing else may follow: a read that would come, would come now
    assert (count("/games"), count("/add-stamps"), count("/coupons/card")) == (2, 1, 1)
    assert stamps(till) == "●●●●●●○○"


def test_stamps_left_open_by_a_crash_are_settled_at_start(
    qtbot: Any, tills: Tills, sandbox: SandboxServer
) -> None:
    """A till killed after its sale was confirmed but before the stamp went out: the next
    start gives the stamp (once); a stamp whose sale never happened is cancelled."""
    from datetime import UTC, datetime
    from decimal import Decimal

    from pos_app.sale.journal import SaleJournal, SaleRequest, SaleState
    from pos_app.sale.stamps import StampGrant, StampJournal, StampState

    now = datetime.now(UTC)
    sales = SaleJournal(tills.tmp_path / "journal-0.sqlite")
    request = SaleRequest("POS-t-1", Decimal("3.00"), card_id=1004, user_id=4)
    sales.begin(request, now)
    sales.settle("POS-t-1", SaleState.CONFIRMED, now, transaction_id="1", points_balance=1)
    sales.close()
    journal = StampJournal(stamp_journal_next_to(tills.tmp_path / "journal-0.sqlite"))
    journal.intend(StampGrant("POS-t-1", 1004, 1, COFFEE_GAME_ID, 1, "Coffee card"), now)
    journal.intend(StampGrant("POS-never", 1005, 1, COFFEE_GAME_ID, 1, "Coffee card"), now)
    journal.close()

    tills.open()
    qtbot.waitUntil(lambda: sandbox.state.games.progress(COFFEE_GAME_ID, 1004) == 6)
    check = StampJournal(stamp_journal_next_to(tills.tmp_path / "journal-0.sqlite"))
    try:
        qtbot.waitUntil(lambda: not check.open_records())
        given, never = check.get("POS-t-1"), check.get("POS-never")
        assert given is not None
        assert given.state is StampState.GIVEN
        assert never is not None
        assert never.state is StampState.CANCELLED
    finally:
        check.close()
    assert sandbox.state.games.progress(COFFEE_GAME_ID, 1005) == 1


def test_a_sale_completed_before_the_stamp_cards_were_read_still_gives_one(
    qtbot: Any, till: MainWindow, sandbox: SandboxServer
) -> None:
    sandbox.faults.slow_s = 1.5
    sandbox.faults.inject("slow", 1, "/games")  # the panel's read of the stamp cards lags
    type_card(qtbot, till, "900-004-001")
    wait_for_card(qtbot, till, "900-004-001")
    shown = till.findChild(QLabel, "stampProgressLabel")
    assert shown is None or shown.isHidden()  # nothing read yet
    enter_total(qtbot, till, "3.00")
    button = child(till, QPushButton, "completeSaleButton")
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sandbox.state.games.progress(COFFEE_GAME_ID, 1004) == 6, timeout=8000)
    posts = [e for e in sandbox.state.request_log if e.path.endswith("/add-stamps")]
    assert len(posts) == 1


@pytest.mark.parametrize(
    ("sales", "stamps"),
    [
        ("sales.sqlite3", "stamps.sqlite3"),
        ("sales-demo.sqlite3", "stamps-demo.sqlite3"),
        ("sales-staging-api.loyalty.lt.sqlite3", "stamps-staging-api.loyalty.lt.sqlite3"),
        ("journal-0.sqlite", "stamps-journal-0.sqlite"),
    ],
)
def test_one_stamp_journal_per_server_like_the_sale_journal(
    tmp_path: Path, sales: str, stamps: str
) -> None:
    assert stamp_journal_next_to(tmp_path / sales) == tmp_path / stamps
