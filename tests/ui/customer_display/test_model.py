"""What the customer display shows in each state, and that it never shows the last customer."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal

from pos_app.core.models import CardInfo
from pos_app.testing.ui_fakes import make_card
from pos_app.ui.customer_display.attach import (
    AUTO,
    BESIDE_THE_TILL,
    OFF,
    choose_screen,
    follow_qr_dialog,
)
from pos_app.ui.customer_display.model import CustomerDisplayModel, DisplayState, first_name


@dataclass
class _View:
    card: CardInfo | None
    points: int
    discount: Decimal
    amount_due: Decimal | None


@dataclass
class _Request:
    card_id: int | None


@dataclass
class _Record:
    request: _Request
    points_balance: int | None


@dataclass
class _Outcome:
    record: _Record


def _model(qtbot: Any, **kwargs: Any) -> tuple[CustomerDisplayModel, list[DisplayState]]:
    model = CustomerDisplayModel(**kwargs)
    seen: list[DisplayState] = []
    model.changed.connect(seen.append)
    return model, seen


def test_idle_shows_only_the_shop(qtbot: Any) -> None:
    model, _ = _model(qtbot, shop_name="  Kavinė Ona  ")
    assert model.state == DisplayState("idle", "Kavinė Ona")


def test_without_a_shop_name_the_partner_then_loyalty_lt(qtbot: Any) -> None:
    model, _ = _model(qtbot)
    assert model.state.shop_name == "Loyalty.lt"
    model.show_card(make_card())
    model.show_card(None)
    assert model.state == DisplayState("idle", "Coffee Paradise")


def test_a_customer_first_name_balance_worth_discount_and_total(qtbot: Any) -> None:
    model, _ = _model(qtbot, shop_name="Shop")
    card = make_card(points=1234)
    model.show_card(card)
    assert model.state == DisplayState(
        "customer", "Shop", first_name="Jonas", points=1234, worth=Decimal("12.34")
    )
    model.show_view(_View(card, 500, Decimal("5.00"), Decimal("15.00")))
    assert model.state.discount == Decimal("5.00")
    assert model.state.to_pay == Decimal("15.00")
    # The cashier turned points off: no discount is claimed, the total stays.
    model.show_view(_View(card, 0, Decimal("0.00"), Decimal("20.00")))
    assert model.state.discount is None
    assert model.state.to_pay == Decimal("20.00")


def test_no_other_customer_data_reaches_the_state(qtbot: Any) -> None:
    model, _ = _model(qtbot, shop_name="Shop")
    card = make_card(
        card_number="900-123-456",
        user={"id": 7, "name": "Ona Petraitytė", "email": "ona@example.lt", "phone": "+3706"},
    )
    model.show_card(card)
    shown = " ".join(str(v) for v in vars_of(model.state))
    for private in ("Petraitytė", "ona@example.lt", "+3706", "900-123-456", "Kavos"):
        assert private not in shown
    assert model.state.first_name == "Ona"


def vars_of(state: DisplayState) -> list[object]:
    return [getattr(state, name) for name in state.__slots__]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Jonas Jonaitis", "Jonas"),
        ("  Ona\u200b Petraitytė", "Ona"),
        ("", ""),
        (None, ""),
        ("Line\nbreak", "Line"),
        ("X" * 100, "X" * 40),
    ],
)
def test_first_name(name: str | None, expected: str) -> None:
    card = make_card(user={"id": 1, "name": name})
    assert first_name(card) == expected


def test_a_card_without_a_user_greets_without_a_name(qtbot: Any) -> None:
    model, _ = _model(qtbot)
    model.show_card(make_card(user=None))
    assert model.state.kind == "customer"
    assert model.state.first_name == ""


def test_thanks_with_the_new_balance_then_idle_not_the_last_customer(qtbot: Any) -> None:
    model, seen = _model(qtbot, shop_name="Shop", thanks_s=0.05)
    card = make_card(points=1000)
    model.show_card(card)
    model.show_view(_View(card, 100, Decimal("1.00"), Decimal("9.00")))
    model.sale_confirmed(_Outcome(_Record(_Request(card.id), 1090)))
    assert model.state == DisplayState("thanks", "Shop", new_balance=1090)
    # The till refreshes the card after the sale: the customer who paid does not come back.
    model.show_card(make_card(points=1090))
    model.show_view(_View(make_card(points=1090), 0, Decimal("0"), None))
    assert model.state.kind == "thanks"
    with qtbot.waitSignal(model.changed, timeout=2000):
        pass
    assert model.state == DisplayState("idle", "Shop")
    assert [s.kind for s in seen] == ["customer", "customer", "thanks", "idle"]


def test_the_paid_card_is_not_shown_again_after_idle_until_a_new_sale(qtbot: Any) -> None:
    model, _ = _model(qtbot, shop_name="Shop", thanks_s=0.01)
    card = make_card()
    model.show_card(card)
    model.show_thanks(1100, card_id=card.id)
    qtbot.waitUntil(lambda: model.state.kind == "idle")
    model.show_card(card)  # a late refresh of the same card
    assert model.state.kind == "idle"
    model.show_card(None)  # New sale
    model.show_card(card)  # the same customer buys again
    assert model.state.kind == "customer"


def test_a_new_customer_during_thanks_is_shown_at_once(qtbot: Any) -> None:
    model, _ = _model(qtbot, shop_name="Shop")
    first = make_card()
    model.show_card(first)
    model.show_thanks(1100, card_id=first.id)
    second = make_card("900-002-001", points=300, id=202, user={"id": 2, "name": "Ona"})
    model.show_card(second)
    assert model.state.kind == "customer"
    assert model.state.first_name == "Ona"
    assert model.state.points == 300


def test_a_new_card_drops_the_previous_order(qtbot: Any) -> None:
    model, _ = _model(qtbot)
    first = make_card()
    model.show_card(first)
    model.show_view(_View(first, 100, Decimal("1.00"), Decimal("9.00")))
    second = make_card("900-002-001", id=202)
    model.show_card(second)
    assert model.state.discount is None
    assert model.state.to_pay is None
    # A late view for the first card changes nothing.
    model.show_view(_View(first, 100, Decimal("1.00"), Decimal("9.00")))
    assert model.state.to_pay is None


def test_qr_code_while_scanning_then_back(qtbot: Any) -> None:
    model, _ = _model(qtbot, shop_name="Shop")
    model.show_qr("https://loyalty.lt/qr/abc")
    assert model.state == DisplayState("qr", "Shop", qr_text="https://loyalty.lt/qr/abc")
    model.end_qr()
    assert model.state.kind == "idle"
    model.show_qr("code")
    model.show_card(make_card())
    model.end_qr()
    assert model.state.kind == "customer"


def test_thanks_without_a_balance(qtbot: Any) -> None:
    model, _ = _model(qtbot)
    model.sale_confirmed(_Outcome(_Record(_Request(None), None)))
    assert model.state.kind == "thanks"
    assert model.state.new_balance is None


@pytest.mark.parametrize(
    ("setting", "screens", "forced", "expected"),
    [
        (AUTO, ["A"], False, None),
        (AUTO, ["A"], True, BESIDE_THE_TILL),
        (AUTO, ["A", "B"], False, "B"),
        (OFF, ["A", "B"], False, None),
        (OFF, ["A", "B"], True, "B"),
        ("C", ["A", "B", "C"], False, "C"),
        ("gone", ["A", "B"], False, "B"),
        ("A", ["A", "B"], False, BESIDE_THE_TILL),
    ],
)
def test_choose_screen(
    setting: str, screens: list[str], forced: bool, expected: str | None
) -> None:
    assert choose_screen(setting, screens, "A", forced=forced) == expected


class _FakeQrDialog(QObject):
    sessionShown = Signal(str)
    finished = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.session: Any = None


@dataclass
class _Session:
    qr_code: str


def test_follows_the_qr_dialog(qtbot: Any) -> None:
    model, _ = _model(qtbot, shop_name="Shop")
    dialog = _FakeQrDialog()
    follow_qr_dialog(model, dialog)
    dialog.session = _Session("https://loyalty.lt/qr/one")
    dialog.sessionShown.emit("one")
    assert model.state.qr_text == "https://loyalty.lt/qr/one"
    dialog.session = _Session("https://loyalty.lt/qr/two")  # renewed after it expired
    dialog.sessionShown.emit("two")
    assert model.state.qr_text == "https://loyalty.lt/qr/two"
    dialog.finished.emit(0)
    assert model.state.kind == "idle"
