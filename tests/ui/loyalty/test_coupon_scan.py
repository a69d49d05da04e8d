"""A coupon scan is not a card: the view-model hands it on and keeps the customer on screen."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from pos_app.sandbox import ACTIVE_COUPON
from pos_app.testing.ui_fakes import FakeCards, make_card
from pos_app.testing.window_helpers import OFFSCREEN_NOISE, Tills
from pos_app.ui.checkout.view_model import CheckoutViewModel

pytestmark = [pytest.mark.usefixtures("qasync_loop"), pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)]


def test_a_coupon_scan_keeps_the_customer(qtbot: Any) -> None:
    cards = FakeCards(make_card("900-001-001", 1000))
    vm = CheckoutViewModel(cards)
    vm.submit_scan("900-001-001")
    qtbot.waitUntil(lambda: vm.card is not None)
    coupons: list[str] = []
    vm.couponScanned.connect(coupons.append)
    vm.submit_scan("]Q1k4810000501\r")
    assert coupons == ["K4810000501"]
    assert vm.card is not None
    assert vm.card.card_number == "900-001-001"
    assert not vm.busy
    assert cards.calls == ["900-001-001"]  # the coupon was never looked up as a card


def test_a_coupon_scanned_before_the_coupon_side_loaded_is_checked_then(
    qtbot: Any, tills: Tills
) -> None:
    """The real start-up attaches the coupon side after the first paint; a scan before is kept."""
    window = tills.open(
        attach_after_paint=True,
        before_show=lambda till: till.vm.submit_scan(ACTIVE_COUPON),
    )

    def notice() -> str:
        label = window.findChild(QLabel, "couponNotice")
        return label.text() if label is not None and label.isVisible() else ""

    qtbot.waitUntil(lambda: "Valid." in notice(), timeout=10_000)
    assert window.vm.take_pending_coupon() is None  # handed over once
