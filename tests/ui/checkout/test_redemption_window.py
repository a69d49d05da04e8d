"""The redemption panel and locale formatting in the real window, over the sandbox."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QSpinBox

from pos_app.testing.window_helpers import (
    OFFSCREEN_NOISE,
    Tills,
    child,
    label,
    slider,
    type_card,
    wait_for_card,
)
from pos_app.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def set_order_total(qtbot: Any, window: MainWindow, text: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F3)
    field = child(window, QLineEdit, "orderTotalInput")
    assert field.hasFocus()
    qtbot.keyClicks(field, text)  # F3 selected the old text: typing replaces it
    assert field.text() == text


def look_up(qtbot: Any, window: MainWindow, card: str) -> None:
    type_card(qtbot, window, card)
    wait_for_card(qtbot, window, card)


@pytest.mark.parametrize(
    ("card", "words"),
    [
        ("900-006-001", "inactive"),
        ("900-007-001", "disabled"),
        ("900-008-001", "broken"),
        ("900-009-001", "below the minimum of 100"),
        ("900-011-001", "cannot redeem points at this shop"),
    ],
)
def test_impossible_redemption_disables_the_slider_and_says_why(
    qtbot: Any, till: MainWindow, card: str, words: str
) -> None:
    look_up(qtbot, till, card)
    assert not slider(till).isEnabled()
    assert not child(till, QSpinBox, "redeemSpin").isEnabled()
    assert words in till.redemption_panel.limit_label.text()
    assert label(till, "discountLabel") == "€0.00"


def test_card_without_a_user_still_shows(qtbot: Any, till: MainWindow) -> None:
    look_up(qtbot, till, "900-011-001")
    assert label(till, "customerNameLabel") == "No customer name on this card"
    assert label(till, "balanceLabel") == "400"
    assert label(till, "maxDiscountLabel") == "€0.00"


def test_the_live_line_names_the_limit_that_holds_the_cap(qtbot: Any, till: MainWindow) -> None:
    look_up(qtbot, till, "900-004-001")  # 10 000 points, at most 5 000 per order
    line = till.redemption_panel.limit_label
    assert (slider(till).minimum(), slider(till).maximum()) == (100, 5000)
    assert "maximum" in line.text()
    assert label(till, "maxDiscountLabel") == "€100.00"  # the whole balance's worth
    set_order_total(qtbot, till, "12,50")  # a comma works in English too
    assert slider(till).maximum() == 1250
    assert "order total" in line.text()
    set_order_total(qtbot, till, "80")
    assert slider(till).maximum() == 5000
    assert "maximum" in line.text()
    look_up(qtbot, till, "900-003-001")
    assert slider(till).maximum() == 500
    assert "balance" in line.text()
    set_order_total(qtbot, till, "0.50")
    assert not slider(till).isEnabled()
    assert "too small" in line.text()


def test_presets_discount_and_left_to_pay(qtbot: Any, till: MainWindow) -> None:
    look_up(qtbot, till, "900-002-001")
    set_order_total(qtbot, till, "7.35")
    panel = till.redemption_panel
    # Nothing redeemed until the cashier chooses: the slider rests low, the spin box says 0.
    assert slider(till).value() == 100
    assert child(till, QSpinBox, "redeemSpin").value() == 0
    assert not panel.use_button.isChecked()
    assert label(till, "discountLabel") == "€0.00"
    assert label(till, "amountDueLabel") == "€7.35"
    assert "keeps the points" in panel.limit_label.text()
    qtbot.mouseClick(panel.use_button, Qt.MouseButton.LeftButton)  # use them: the lowest amount
    assert slider(till).value() == child(till, QSpinBox, "redeemSpin").value() == 100
    assert label(till, "discountLabel") == "€1.00"  # money off for the slider's points
    assert label(till, "amountDueLabel") == "€6.35"
    qtbot.mouseClick(panel.cover_button, Qt.MouseButton.LeftButton)
    assert slider(till).value() == 735
    assert label(till, "discountLabel") == "€7.35"
    assert label(till, "amountDueLabel") == "€0.00"
    qtbot.mouseClick(panel.lowest_button, Qt.MouseButton.LeftButton)
    assert child(till, QSpinBox, "redeemSpin").value() == 100
    assert label(till, "discountLabel") == "€1.00"
    assert label(till, "amountDueLabel") == "€6.35"
    qtbot.mouseClick(panel.highest_button, Qt.MouseButton.LeftButton)
    assert slider(till).value() == 735
    qtbot.mouseClick(panel.use_button, Qt.MouseButton.LeftButton)  # the customer keeps them
    assert till.vm.points == 0
    assert label(till, "discountLabel") == "€0.00"
    assert label(till, "amountDueLabel") == "€7.35"
    assert slider(till).isEnabled()  # still there to choose an amount with
    assert child(till, QSpinBox, "redeemSpin").value() == 0
    assert "keeps the points" in panel.limit_label.text()
    qtbot.keyClick(till, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # and back
    qtbot.waitUntil(panel.use_button.isChecked)  # a mnemonic "animates" its click
    assert slider(till).value() == 735


def test_cover_needs_an_order_total(qtbot: Any, till: MainWindow) -> None:
    look_up(qtbot, till, "900-001-001")
    assert not till.redemption_panel.cover_button.isEnabled()
    set_order_total(qtbot, till, "3")
    assert till.redemption_panel.cover_button.isEnabled()


def test_odd_rate_card_rounds_down_to_the_cent(qtbot: Any, till: MainWindow) -> None:
    look_up(qtbot, till, "900-010-001")  # 3 points per 0.10, no minimum, no maximum
    assert label(till, "maxDiscountLabel") == "€33.33"
    assert slider(till).minimum() == 1
    spin = child(till, QSpinBox, "redeemSpin")
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "10")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert label(till, "discountLabel") == "€0.33"


def test_lithuanian_money_and_grouping(qtbot: Any, tills: Tills) -> None:
    window = tills.open(locale="lt")
    look_up(qtbot, window, "900-004-001")
    balance = label(window, "balanceLabel")
    assert balance.replace("\u00a0", " ").replace("\u202f", " ") == "10 000"
    worth = label(window, "maxDiscountLabel").replace("\u00a0", " ")
    assert worth == "100,00 €"
    set_order_total(qtbot, window, "12.5")  # a dot works in Lithuanian too
    assert slider(window).maximum() == 1250
    qtbot.mouseClick(window.redemption_panel.highest_button, Qt.MouseButton.LeftButton)
    assert label(window, "discountLabel").replace("\u00a0", " ") == "12,50 €"


def test_lithuanian_dates_in_the_manager_view(qtbot: Any, tills: Tills) -> None:
    window = tills.open(locale="lt")
    look_up(qtbot, window, "900-001-001")
    assert label(window, "lastUsedLabel").startswith("2024-12-07")
    assert label(window, "cardCreatedLabel") == "2024-01-15"
