"""The customer display window: big plain text for each state, a QR code, no focus taken."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel, QWidget

from pos_app.testing.ui_fakes import make_card
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.customer_display.attach import open_customer_display
from pos_app.ui.customer_display.model import CustomerDisplayModel, DisplayState
from pos_app.ui.customer_display.window import CustomerDisplay


def _display(qtbot: Any, locale: str = "en") -> tuple[CustomerDisplayModel, CustomerDisplay]:
    model = CustomerDisplayModel("Coffee Paradise")
    display = CustomerDisplay(model, Formatter(QLocale(locale)))
    qtbot.addWidget(display)
    display.resize(1024, 600)
    display.show()
    qtbot.waitExposed(display)
    return model, display


def _shown(display: CustomerDisplay) -> dict[str, str]:
    return {
        label.objectName(): label.property("fullText")
        for label in display.findChildren(QLabel)
        if label.isVisible() and label.property("fullText")
    }


def test_it_is_a_top_level_window_named_customer_display(qtbot: Any) -> None:
    _, display = _display(qtbot)
    assert display.objectName() == "customerDisplay"
    assert display.isWindow()
    assert display.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert display.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)


def test_idle(qtbot: Any) -> None:
    _, display = _display(qtbot)
    assert _shown(display) == {"displayShopLabel": "Coffee Paradise", "displayHeadline": "Welcome"}


def test_customer_with_discount_and_total(qtbot: Any) -> None:
    _, display = _display(qtbot)
    display.show_state(
        DisplayState(
            "customer",
            "Coffee Paradise",
            first_name="Jonas",
            points=1234,
            worth=Decimal("12.34"),
            discount=Decimal("2.00"),
            to_pay=Decimal("8.50"),
        )
    )
    shown = _shown(display)
    assert shown["displayHeadline"] == "Hello, Jonas!"
    assert "1,234 points" in shown["displayBalance"]
    assert "€12.34" in shown["displayBalance"]
    assert "€2.00" in shown["displayDiscount"]
    assert shown["displayToPay"] == "To pay: €8.50"
    assert not display.qr_label.isVisible()


def test_customer_before_the_order_total_shows_no_total(qtbot: Any) -> None:
    model, display = _display(qtbot)
    model.show_card(make_card(points=50, redemption=None))  # a card that cannot redeem
    shown = _shown(display)
    assert set(shown) == {"displayShopLabel", "displayHeadline", "displayBalance"}
    assert shown["displayBalance"] == "50 points"


def test_lithuanian_numbers(qtbot: Any) -> None:
    _, display = _display(qtbot, "lt")
    display.show_state(DisplayState("thanks", "Shop", new_balance=12345))
    text = _shown(display)["displayHeadline"]
    assert "12\u00a0345" in text or "12 345" in text


def test_thanks(qtbot: Any) -> None:
    _, display = _display(qtbot)
    display.show_state(DisplayState("thanks", "Shop", new_balance=1090))
    assert _shown(display) == {
        "displayShopLabel": "Shop",
        "displayHeadline": "Thank you — new balance 1,090",
    }


def test_qr_code_is_drawn(qtbot: Any) -> None:
    _, display = _display(qtbot)
    display.show_state(DisplayState("qr", "Shop", qr_text="https://loyalty.lt/qr/x"))
    assert display.qr_label.isVisible()
    pixmap = display.qr_label.pixmap()
    assert not pixmap.isNull()
    assert pixmap.width() >= 200
    display.show_state(DisplayState("idle", "Shop"))
    assert not display.qr_label.isVisible()


def test_server_text_is_plain_and_elided(qtbot: Any) -> None:
    _, display = _display(qtbot)
    hostile = "<h1 style='color:red'>REFUND</h1>" + "x" * 500
    display.show_state(DisplayState("customer", hostile, first_name="<b>Ona</b>", points=1))
    for label in display.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    shop = display.shop_label
    assert shop.property("fullText") == hostile
    assert shop.text() != hostile
    assert shop.text().endswith("…")
    assert display.headline_label.text() == "Hello, <b>Ona</b>!"


def test_the_till_keeps_the_focus(qtbot: Any) -> None:
    from PySide6.QtWidgets import QLineEdit

    till = QWidget()
    qtbot.addWidget(till)
    field = QLineEdit(till)
    till.show()
    qtbot.waitExposed(till)
    till.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    display = open_customer_display(
        till, CustomerDisplayModel(), Formatter(QLocale("en")), forced=True
    )
    assert display is not None
    qtbot.waitExposed(display)
    assert field.hasFocus()
    assert display.parent() is till


def test_off_on_one_screen_unless_forced(qtbot: Any) -> None:
    till = QWidget()
    qtbot.addWidget(till)
    model = CustomerDisplayModel()
    fmt = Formatter(QLocale("en"))
    assert open_customer_display(till, model, fmt) is None
    assert open_customer_display(till, model, fmt, setting="off") is None
    assert open_customer_display(till, model, fmt, setting="off", forced=True) is not None


def test_it_closes_with_the_till(qtbot: Any) -> None:
    till = QWidget()
    qtbot.addWidget(till)
    till.show()
    qtbot.waitExposed(till)
    display = open_customer_display(
        till, CustomerDisplayModel(), Formatter(QLocale("en")), forced=True
    )
    assert display is not None
    qtbot.waitExposed(display)
    till.close()
    qtbot.waitUntil(lambda: not display.isVisible())
