"""The coupon dialog against the sandbox: each refusal its own banner, a redemption exactly once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton

from pos_app.api import LoyaltyClient
from pos_app.sandbox import (
    ACTIVE_COUPON,
    DEMO_API_KEY,
    DEMO_API_SECRET,
    EXPIRED_COUPON,
    PENDING_ELSEWHERE_COUPON,
    PRODUCT_CHOICE_COUPON,
    USED_COUPON,
    SandboxServer,
)
from pos_app.testing.helpers import run_async
from pos_app.testing.window_helpers import child
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.loyalty.coupon_dialog import CouponDialog

SHOP = 1


@pytest.fixture
def dialog(
    qtbot: Any, qasync_loop: asyncio.AbstractEventLoop, sandbox: SandboxServer
) -> Iterator[CouponDialog]:
    client = LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET)
    shown = CouponDialog(client, Formatter(QLocale("en_GB")), shop_id=SHOP)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    run_async(qasync_loop, qtbot, client.aclose())


def kind(dialog: CouponDialog) -> Any:
    return child(dialog, QLabel, "couponNotice").property("kind")


def redeems(sandbox: SandboxServer) -> int:
    return sum(1 for e in sandbox.state.request_log if e.path.endswith("/coupons/redeem"))


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (USED_COUPON, "coupon_used"),
        (EXPIRED_COUPON, "coupon_expired"),
        ("K1111111111", "coupon_not_found"),
    ],
)
def test_verify_refusals(qtbot: Any, dialog: CouponDialog, code: str, expected: str) -> None:
    dialog.check(code)
    qtbot.waitUntil(lambda: kind(dialog) == expected)
    assert code in child(dialog, QLabel, "couponNotice").text()
    assert not child(dialog, QPushButton, "couponRedeemButton").isEnabled()


def test_pending_at_another_shop(qtbot: Any, dialog: CouponDialog, sandbox: SandboxServer) -> None:
    dialog.check(PENDING_ELSEWHERE_COUPON)
    qtbot.waitUntil(lambda: kind(dialog) == "coupon_ready")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kind(dialog) == "coupon_elsewhere")
    assert sandbox.state.games.coupon(PENDING_ELSEWHERE_COUPON)["status"] == "active"


def test_details_and_one_redemption_for_two_presses(
    qtbot: Any, dialog: CouponDialog, sandbox: SandboxServer
) -> None:
    dialog.check(ACTIVE_COUPON)
    qtbot.waitUntil(lambda: kind(dialog) == "coupon_ready")
    assert child(dialog, QLabel, "couponTitleLabel").text() == "Free cappuccino"
    assert child(dialog, QLabel, "couponOwnerLabel").text() == "Jonas Jonaitis · 900-001-001"
    assert child(dialog, QLabel, "couponExpiryLabel").text() not in ("", "—")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    dialog.redeem()  # a double press while the first is on its way
    qtbot.waitUntil(lambda: kind(dialog) == "redeemed")
    dialog.redeem()
    assert redeems(sandbox) == 1


def test_a_product_must_be_chosen(qtbot: Any, dialog: CouponDialog, sandbox: SandboxServer) -> None:
    dialog.check(PRODUCT_CHOICE_COUPON)
    qtbot.waitUntil(lambda: kind(dialog) == "choose_product")
    products = child(dialog, QComboBox, "couponProductChoice")
    assert products.count() == 2
    products.setCurrentIndex(1)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kind(dialog) == "redeemed")
    assert sandbox.state.games.coupon(PRODUCT_CHOICE_COUPON)["status"] == "used"


def test_a_lost_answer_is_checked_not_redeemed_again(
    qtbot: Any, dialog: CouponDialog, sandbox: SandboxServer
) -> None:
    dialog.check(ACTIVE_COUPON)
    qtbot.waitUntil(lambda: kind(dialog) == "coupon_ready")
    sandbox.faults.inject("drop_after", 1, "coupons/redeem")  # redeemed, answer lost
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kind(dialog) == "redeemed", timeout=10_000)
    assert redeems(sandbox) == 1
    assert sandbox.state.games.coupon(ACTIVE_COUPON)["status"] == "used"


def test_a_request_that_never_landed_can_be_redeemed_after(
    qtbot: Any, dialog: CouponDialog, sandbox: SandboxServer
) -> None:
    dialog.check(ACTIVE_COUPON)
    qtbot.waitUntil(lambda: kind(dialog) == "coupon_ready")
    sandbox.faults.inject("drop_before", 1, "coupons/redeem")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kind(dialog) == "offline", timeout=10_000)
    assert "not redeemed" in child(dialog, QLabel, "couponNotice").text()
    assert sandbox.state.games.coupon(ACTIVE_COUPON)["status"] == "active"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # the cashier tries again: now it goes through
    qtbot.waitUntil(lambda: kind(dialog) == "redeemed")
    assert sandbox.state.games.coupon(ACTIVE_COUPON)["status"] == "used"


def test_a_scan_into_the_dialog_checks_the_new_code(
    qtbot: Any, dialog: CouponDialog, sandbox: SandboxServer
) -> None:
    dialog.check(ACTIVE_COUPON)
    qtbot.waitUntil(lambda: kind(dialog) == "coupon_ready")
    # What the wedge detector does with a scan in a dialog's scan field: setText.
    dialog.code_input.setText(USED_COUPON)
    qtbot.waitUntil(lambda: kind(dialog) == "coupon_used")
    assert redeems(sandbox) == 0


def test_enter_after_typing_something_else_never_redeems_the_shown_coupon(
    qtbot: Any, dialog: CouponDialog, sandbox: SandboxServer
) -> None:
    dialog.check(ACTIVE_COUPON)
    qtbot.waitUntil(lambda: kind(dialog) == "coupon_ready")
    dialog.code_input.setFocus()
    dialog.code_input.selectAll()
    qtbot.keyClicks(dialog.code_input, "K12")  # typed by hand, not finished
    qtbot.keyClick(dialog.code_input, Qt.Key.Key_Return)
    assert kind(dialog) == "not_a_coupon"
    assert redeems(sandbox) == 0


def test_enter_in_the_code_field_redeems_once(
    qtbot: Any, dialog: CouponDialog, sandbox: SandboxServer
) -> None:
    dialog.check(ACTIVE_COUPON)
    qtbot.waitUntil(lambda: kind(dialog) == "coupon_ready")
    qtbot.keyClick(dialog.code_input, Qt.Key.Key_Return)  # Qt passes it on to the dialog too
    qtbot.waitUntil(lambda: kind(dialog) == "redeemed")
    assert redeems(sandbox) == 1


def test_up_and_down_choose_the_product(qtbot: Any, dialog: CouponDialog) -> None:
    dialog.check(PRODUCT_CHOICE_COUPON)
    qtbot.waitUntil(lambda: kind(dialog) == "choose_product")
    products = child(dialog, QComboBox, "couponProductChoice")
    assert products.currentIndex() == 0
    qtbot.keyClick(dialog, Qt.Key.Key_Down)
    assert products.currentIndex() == 1
    qtbot.keyClick(dialog, Qt.Key.Key_Down)
    assert products.currentIndex() == 1
    qtbot.keyClick(dialog, Qt.Key.Key_Up)
    assert products.currentIndex() == 0


def test_the_dialog_is_wide_enough_and_never_squeezed(qtbot: Any, dialog: CouponDialog) -> None:
    dialog.check(USED_COUPON)  # a long notice
    qtbot.waitUntil(lambda: kind(dialog) == "coupon_used")
    assert dialog.width() >= 540
    layout = dialog.layout()
    assert layout is not None
    assert dialog.height() >= layout.minimumSize().height()
