"""The customer display wired into the real till against the sandbox, through a whole sale."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from pos_app.config.settings import AppSettings
from pos_app.testing.window_helpers import Tills, child, label, wait_for_card
from pos_app.ui.customer_display.model import CustomerDisplayModel
from pos_app.ui.customer_display.window import CustomerDisplay


def _display(qtbot: Any, till: QWidget) -> CustomerDisplay:
    qtbot.waitUntil(lambda: till.findChild(CustomerDisplay, "customerDisplay") is not None)
    display = till.findChild(CustomerDisplay, "customerDisplay")
    assert display is not None
    qtbot.waitExposed(display)
    return display


def _text(display: CustomerDisplay, name: str) -> str:
    found = display.findChild(QLabel, name)
    assert found is not None
    return str(found.property("fullText")) if found.isVisible() else ""


def test_off_by_default_on_one_screen(qtbot: Any, tills: Tills) -> None:
    till = tills.open()
    qtbot.wait(50)  # the display would open on the next pass of the loop
    assert till.findChild(CustomerDisplay) is None
    assert till.findChild(CustomerDisplayModel) is None


def test_a_whole_sale_on_the_customer_display(qtbot: Any, tills: Tills) -> None:
    till = tills.open(customer_display=True)
    display = _display(qtbot, till)
    model = till.findChild(CustomerDisplayModel)
    assert model is not None
    model.set_thanks_seconds(0.3)
    assert display.isWindow()
    assert _text(display, "displayHeadline") == "Welcome"
    # The till keeps the keyboard: the cashier's card field, not the display.
    assert till.isActiveWindow()

    till.vm.submit_scan("900-004-001", "keyboard")
    wait_for_card(qtbot, till, "900-004-001")
    qtbot.waitUntil(lambda: _text(display, "displayHeadline").startswith("Hello"))
    name = till.vm.card.user.name
    assert _text(display, "displayHeadline") == f"Hello, {name.split()[0]}!"
    assert label(till, "balanceLabel") in _text(display, "displayBalance")
    assert _text(display, "displayToPay") == ""

    till.redemption_panel.order_total_input.setText("24.90")
    qtbot.keyClick(till.redemption_panel.order_total_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _text(display, "displayToPay") != "")
    view = till.vm.view
    assert view.amount_due is not None
    assert _text(display, "displayToPay") == f"To pay: €{view.amount_due:.2f}"
    shown = " ".join(lbl.text() for lbl in display.findChildren(QLabel))
    assert "900-004-001" not in shown  # no other customer data
    assert name not in shown or " " not in name

    child(till, QPushButton, "completeSaleButton").click()
    qtbot.waitUntil(
        lambda: _text(display, "displayHeadline").startswith("Thank you"), timeout=10000
    )
    qtbot.waitUntil(lambda: label(till, "newBalanceLabel") != "", timeout=10000)
    new_balance = label(till, "newBalanceLabel")
    assert _text(display, "displayHeadline") == f"Thank you — new balance {new_balance}"
    # The till's own refresh of that card does not bring the customer back; then idle.
    qtbot.waitUntil(lambda: _text(display, "displayHeadline") == "Welcome", timeout=5000)
    assert _text(display, "displayBalance") == ""
    qtbot.wait(300)  # a late refresh of the paid card would show here
    assert _text(display, "displayHeadline") == "Welcome"

    # The next customer's sale starts clean.
    child(till, QPushButton, "newSaleButton").click()
    till.vm.submit_scan("900-001-001", "keyboard")
    wait_for_card(qtbot, till, "900-001-001")
    qtbot.waitUntil(lambda: _text(display, "displayHeadline").startswith("Hello"))
    assert _text(display, "displayDiscount") == ""
    assert _text(display, "displayToPay") == ""


def test_settings_off_wins_over_a_second_screen_but_not_over_the_flag(
    qtbot: Any, tills: Tills
) -> None:
    till = tills.open(settings=AppSettings(customer_display="off"), customer_display=True)
    _display(qtbot, till)
