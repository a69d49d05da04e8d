"""Models: the seed's card answer parses exactly; wrong types and shapes are refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from pos_app.core.models import CardInfo, QrStatus, Redemption, TransactionResult

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
    "changes",
    [
        {"id": "567"},
        {"id": True},
        {"points": "1250"},
        {"points": -1},
        {"points": Decimal("12.5")},
        {"points": True},
        {"is_active": "true"},
        {"is_active": 1},
        {"card_number": 123456789},
        {"card_number": ""},
        {"last_used_at": 1733581800},
        {"last_used_at": "1733581800"},
        {"last_used_at": "yesterday"},
        {"transactions_count": -3},
        {"redemption": {"enabled": True, "points_per_currency": True, "currency_amount": 1}},
        {"redemption": {"enabled": True, "points_per_currency": "abc", "currency_amount": 1}},
        {"redemption": {"enabled": True, "points_per_currency": "NaN", "currency_amount": 1}},
        {"redemption": {"enabled": "yes", "points_per_currency": 100, "currency_amount": 1}},
        {"redemption": {"enabled": True, "currency_amount": 1}},
        {"redemption": {**SEED_CARD["redemption"], "min_points": -5}},
        {"user": "Jonas"},
    ],
)
def test_wrong_types_and_negative_numbers_are_refused(changes: dict[str, Any]) -> None:
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
