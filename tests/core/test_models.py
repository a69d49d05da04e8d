"""Models: the seed's card answer parses exactly; lenient forms are read; unusable required fields
and numbers out of reason are refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from pos_app.core.models import (
    Balance,
    CardInfo,
    Page,
    QrStatus,
    Redemption,
    Shop,
    Transaction,
    TransactionResult,
)

SEED_CARD: dict[str, Any] = json.loads(
    """{
    "id": 567, "card_number": "123-456-789", "card_name": "Kavos mėgėjo kortelė",
    "card_type": "partner_specific", "points": 1250, "is_active": true,
    "transactions_count": 45, "last_used_at": "2024-12-07T14:30:00.000Z",
    "redemption": {"enabled": true, "points_per_currency": 100, "currency_amount": 1.00,
                   "min_points": 100, "max_points": 5000},
    "user": {"id": 123, "name": "Jonas Jonaitis", "email": "a@b.lt", "phone": "+37060000000"},
    "partner": {"id": 45, "name": "Coffee Paradise", "logo": "https://x.test/l.png"},
    "created_at": "2024-01-15T10:00:00.000Z", "updated_at": "2024-12-07T14:30:00.000Z"
    }""",
    parse_float=Decimal,
)


def _with(**changes: Any) -> dict[str, Any]:
    return {**SEED_CARD, **changes}


def test_seed_card_parses_with_exact_money_and_aware_times() -> None:
    card = CardInfo.model_validate(SEED_CARD)
    assert (card.id, card.points, card.card_name) == (567, 1250, "Kavos mėgėjo kortelė")
    assert card.redemption is not None
    assert card.redemption.currency_amount == Decimal("1.00")
    assert isinstance(card.redemption.points_per_currency, Decimal)
    assert card.last_used_at == datetime(2024, 12, 7, 14, 30, tzinfo=UTC)
    assert card.last_used_at is not None
    assert card.last_used_at.utcoffset() == timedelta(0)
    assert card.user is not None
    assert card.user.name == "Jonas Jonaitis"


def test_unknown_fields_are_ignored() -> None:
    card = CardInfo.model_validate(_with(loyalty_tier="gold", points=10))
    assert card.points == 10
    assert not hasattr(card, "loyalty_tier")


def test_naive_timestamp_is_taken_as_utc_and_offsets_kept() -> None:
    card = CardInfo.model_validate(_with(last_used_at="2024-12-07T14:30:00"))
    assert card.last_used_at == datetime(2024, 12, 7, 14, 30, tzinfo=UTC)
    shifted = CardInfo.model_validate(_with(last_used_at="2024-12-07T16:30:00+02:00"))
    assert shifted.last_used_at == card.last_used_at
    assert CardInfo.model_validate(_with(last_used_at=None)).last_used_at is None


@pytest.mark.parametrize(
    ("changes", "field", "read_as"),
    [
        ({"id": "567"}, "id", 567),
        ({"points": "1250"}, "points", 1250),
        ({"points": "1250.00"}, "points", 1250),
        ({"points": Decimal("1250.0")}, "points", 1250),
        ({"is_active": 1}, "is_active", True),
        ({"is_active": 0}, "is_active", False),
        ({"is_active": "1"}, "is_active", True),
        ({"is_active": "false"}, "is_active", False),
        ({"transactions_count": "45"}, "transactions_count", 45),
    ],
)
def test_numbers_as_text_and_booleans_as_0_1_are_read_exactly(
    changes: dict[str, Any], field: str, read_as: object
) -> None:
    value = getattr(CardInfo.model_validate(_with(**changes)), field)
    assert value == read_as
    assert type(value) is type(read_as)


def test_lenient_redemption_null_minimum_and_maximum() -> None:
    card = CardInfo.model_validate(
        _with(
            redemption={
                "enabled": "1",
                "points_per_currency": "100",
                "currency_amount": "1.00",
                "min_points": None,
                "max_points": None,
            }
        )
    )
    assert card.redemption == Redemption(
        enabled=True,
        points_per_currency=Decimal("100"),
        currency_amount=Decimal("1.00"),
        min_points=0,
        max_points=None,
    )
    assert str(card.redemption.currency_amount) == "1.00"


@pytest.mark.parametrize(
    ("changes", "field", "read_as"),
    [
        ({"last_used_at": 1733581800}, "last_used_at", None),
        ({"last_used_at": "1733581800"}, "last_used_at", None),
        ({"last_used_at": "yesterday"}, "last_used_at", None),
        ({"transactions_count": "many"}, "transactions_count", 0),
        ({"user": "Jonas"}, "user", None),
        ({"partner": ["x"]}, "partner", None),
        ({"card_name": 5}, "card_name", ""),
        (
            {"redemption": {"enabled": "yes", "points_per_currency": 100, "currency_amount": 1}},
            "redemption",
            None,
        ),
        ({"redemption": {"enabled": True, "currency_amount": 1}}, "redemption", None),
        (
            {"redemption": {"enabled": True, "points_per_currency": True, "currency_amount": 1}},
            "redemption",
            None,
        ),
    ],
)
def test_an_unusable_optional_field_reads_as_missing(
    changes: dict[str, Any], field: str, read_as: object
) -> None:
    card = CardInfo.model_validate(_with(**changes))
    assert getattr(card, field) == read_as


@pytest.mark.parametrize(
    "changes",
    [
        {"id": True},
        {"id": "abc"},
        {"points": -1},
        {"points": Decimal("12.5")},
        {"points": True},
        {"points": None},
        {"points": "many"},
        {"points": 10**29},
        {"points": 2**63},
        {"points": str(10**12 + 1)},
        {"is_active": "yes"},
        {"is_active": None},
        {"is_active": 2},
        {"card_number": ""},
        {"card_number": None},
        {"card_number": "9" * 65},
        {"transactions_count": 10**29},
        {"transactions_count": -3},
        {"redemption": {**SEED_CARD["redemption"], "min_points": 10**13}},
        {"redemption": {**SEED_CARD["redemption"], "min_points": -5}},
        {"redemption": {**SEED_CARD["redemption"], "points_per_currency": "1e-30"}},
        {"redemption": {**SEED_CARD["redemption"], "currency_amount": "1e20"}},
        {"redemption": {**SEED_CARD["redemption"], "currency_amount": "9" * 50}},
    ],
)
def test_unusable_required_fields_and_numbers_out_of_reason_are_refused(
    changes: dict[str, Any],
) -> None:
    with pytest.raises(ValidationError):
        CardInfo.model_validate(_with(**changes))


@pytest.mark.parametrize("missing", ["id", "card_number", "points", "is_active"])
def test_missing_required_fields_are_refused(missing: str) -> None:
    data = dict(SEED_CARD)
    del data[missing]
    with pytest.raises(ValidationError):
        CardInfo.model_validate(data)


@pytest.mark.parametrize(
    ("wire", "exact"),
    [(Decimal("0.29"), "0.29"), ("0.29", "0.29"), (0.29, "0.29"), (3, "3")],
)
def test_money_is_exact_whatever_the_wire_form(wire: object, exact: str) -> None:
    r = Redemption.model_validate(
        {"enabled": True, "points_per_currency": wire, "currency_amount": "1"}
    )
    assert r.points_per_currency == Decimal(exact)
    assert str(r.points_per_currency) == exact


def test_null_names_become_empty_and_optional_parts_may_be_null() -> None:
    card = CardInfo.model_validate(
        _with(card_name=None, card_type=None, redemption=None, user=None, partner=None)
    )
    assert (card.card_name, card.card_type, card.redemption, card.user) == ("", "", None, None)


def test_models_are_frozen() -> None:
    card = CardInfo.model_validate(SEED_CARD)
    with pytest.raises(ValidationError):
        card.points = 5  # type: ignore[misc]


@pytest.mark.parametrize(("status", "done"), [("authenticated", True), ("completed", True)])
def test_qr_status_done_for_both_spellings(status: str, done: bool) -> None:
    found = QrStatus.model_validate(
        {"status": status, "card_data": {"loyalty_card_id": 5, "points": 10}}
    )
    assert found.is_done is done
    assert QrStatus.model_validate({"status": "pending"}).is_done is False
    assert QrStatus.model_validate({"status": status}).is_done is False


def test_transaction_result() -> None:
    result = TransactionResult.model_validate(
        {"transaction_id": 9, "points_awarded": 12, "points_balance": 1012, "order_total": "12.50"}
    )
    assert (result.transaction_id, result.points_balance) == (9, 1012)
    assert result.order_total == Decimal("12.50")
    with pytest.raises(ValidationError):
        TransactionResult.model_validate(
            {"transaction_id": 9, "points_awarded": 1, "points_balance": -1}
        )


def test_validators_are_built_on_demand_or_by_build_validators() -> None:
    # A fresh interpreter: in this one other tests have built them already.
    import subprocess
    import sys

    script = (
        "from pos_app import models as m\n"
        "assert not m.CardInfo.__pydantic_complete__\n"
        "m.CardInfo.model_validate({'id': 1, 'card_number': '900-001-001', 'points': 5,"
        " 'is_active': True})\n"
        "assert m.CardInfo.__pydantic_complete__ and not m.QrStatus.__pydantic_complete__\n"
        "m.build_validators()\n"
        "assert all(model.__pydantic_complete__ for model in m.API_MODELS)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("pending", "pending"),
        ("completed", "authenticated"),
        (" Authenticated ", "authenticated"),
        ("expired", "expired"),
        ("cancelled", "expired"),
        ("something new", "pending"),
    ],
)
def test_qr_status_is_always_one_of_three(word: str, status: str) -> None:
    read = QrStatus.model_validate({"status": word})
    assert read.status == status
    assert read.is_expired is (status == "expired")
    assert QrStatus.expired().status == "expired"


def test_balance_shop_and_transaction_read_leniently() -> None:
    balance = Balance.model_validate({"card_id": "1001", "card_number": None, "points": "1000"})
    assert (balance.card_id, balance.card_number, balance.points) == (1001, None, 1000)
    shop = Shop.model_validate(
        {"id": 2, "name": "Kaunas", "is_active": "0", "working_hours": {"mon": "8-20"}, "x": 1}
    )
    assert (shop.id, shop.is_active, shop.address) == (2, False, None)
    entry = Transaction.model_validate(
        {
            "id": 77,
            "type": "purchase",
            "points": "-500",
            "amount": "25.30",
            "reference_number": 123456,
            "loyalty_card": {"id": 1001, "number": "900-001-001"},
            "shop": None,
            "transaction_date": "2024-12-07T14:30:00Z",
        }
    )
    assert (entry.points, entry.amount) == (-500, Decimal("25.30"))
    assert entry.reference_number == "123456"
    assert entry.loyalty_card is not None
    assert entry.loyalty_card.number == "900-001-001"
    assert entry.shop is None
    assert entry.transaction_date == datetime(2024, 12, 7, 14, 30, tzinfo=UTC)


def test_page_knows_whether_more_follow() -> None:
    page = Page[Shop].model_validate(
        {"items": [{"id": 1, "name": "A"}], "current_page": "1", "last_page": 2, "total": 3}
    )
    assert page.has_more
    assert [shop.id for shop in page.items] == [1]
    last = Page[Shop].model_validate({"items": [], "current_page": 2, "last_page": 2})
    assert not last.has_more


@pytest.mark.parametrize(
    "data",
    [
        {"card_id": 1, "points": 10**13},
        {"card_id": 1, "points": -1},
        {"card_id": 1},
        {"points": 5},
    ],
)
def test_balance_out_of_reason_or_missing_is_refused(data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Balance.model_validate(data)


def test_transaction_points_and_amounts_out_of_reason_are_refused() -> None:
    with pytest.raises(ValidationError):
        Transaction.model_validate({"id": 1, "points": -(10**13)})
    with pytest.raises(ValidationError):
        Transaction.model_validate({"id": 1, "points": 5, "amount": "1e15"})
    with pytest.raises(ValidationError):
        TransactionResult.model_validate(
            {"transaction_id": 9, "points_awarded": 2**63, "points_balance": 1}
        )
