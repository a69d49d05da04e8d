"""Seed data: every card parses as the till's CardInfo and shows the redemption state it is for."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from pos_app.core.models import CardInfo
from pos_app.core.redemption import limits
from pos_app.sandbox import (
    DEMO_API_KEY,
    DEMO_CARD_NUMBERS,
    DEMO_QR_UUIDS,
    STAFF_BADGES,
    STAGING_DEMO_CARDS,
    SandboxState,
    qr_uuid_for,
)
from pos_app.sandbox.data import seed_cards
from pos_app.sandbox.data_shops import seed_history, seed_shops
from pos_app.sandbox.responses import jsonable
from pos_app.sandbox.state import FIRST_TRANSACTION_ID, REQUEST_LOG_LIMIT, LoggedRequest


def card_info(number: str) -> CardInfo:
    return CardInfo.model_validate(jsonable(SandboxState().card(number)))


@pytest.mark.parametrize(
    ("number", "reason", "max_discount"),
    [
        ("900-001-001", None, Decimal("10.00")),
        ("900-002-001", None, Decimal("25.00")),
        ("900-003-001", None, Decimal("5.00")),
        ("900-004-001", None, Decimal("50.00")),
        ("900-005-001", None, Decimal("1.50")),
        ("900-006-001", "inactive", Decimal("0.00")),
        ("900-007-001", "no_redemption", Decimal("0.00")),
        ("900-008-001", "misconfigured", Decimal("0.00")),
        ("900-009-001", "below_minimum", Decimal("0.00")),
        ("900-010-001", None, Decimal("33.33")),
        ("900-011-001", "no_redemption", Decimal("0.00")),
        ("LC00000567", None, Decimal("3.20")),
    ],
)
def test_each_card_shows_its_redemption_state(
    number: str, reason: str | None, max_discount: Decimal
) -> None:
    result = limits(card_info(number))
    assert result.reason == reason
    assert result.max_discount == max_discount


def test_the_table_above_covers_every_card() -> None:
    assert len(DEMO_CARD_NUMBERS) == 12
    assert len(set(DEMO_CARD_NUMBERS)) == 12
    assert set(STAGING_DEMO_CARDS) < set(DEMO_CARD_NUMBERS)


def test_card_ids_and_user_ids_are_unique() -> None:
    cards = SandboxState().cards.values()
    assert len({c["id"] for c in cards}) == len(cards)
    user_ids = [c["user"]["id"] for c in cards if c["user"]]
    assert len(set(user_ids)) == len(user_ids)


def test_qr_uuids_are_stable_distinct_v5_uuids() -> None:
    assert DEMO_QR_UUIDS["900-001-001"] == qr_uuid_for("900-001-001")
    parsed = [uuid.UUID(value) for value in DEMO_QR_UUIDS.values()]
    assert all(u.version == 5 for u in parsed)
    assert len(set(parsed)) == len(DEMO_CARD_NUMBERS)
    assert all(value == value.lower() for value in DEMO_QR_UUIDS.values())


def test_one_card_was_never_used() -> None:
    unused = [c for c in SandboxState().cards.values() if c["last_used_at"] is None]
    assert [c["card_number"] for c in unused] == ["900-005-001"]
    assert unused[0]["transactions_count"] == 0


def test_staff_badges() -> None:
    assert STAFF_BADGES == {"100000001": "manager", "100000002": "cashier"}


def test_state_copies_cannot_change_the_sandbox() -> None:
    state = SandboxState()
    state.card("900-001-001")["points"] = 1
    state.cards["900-001-001"]["redemption"]["min_points"] = 1
    assert state.card("900-001-001")["points"] == 1000
    assert state.card("900-001-001")["redemption"]["min_points"] == 100


def test_update_card_changes_a_field_and_reset_undoes_it() -> None:
    state = SandboxState()
    state.update_card("900-001-001", points=42, is_active=False)
    assert state.card("900-001-001")["points"] == 42
    with pytest.raises(KeyError):
        state.update_card("900-001-001", qr="x")
    with pytest.raises(KeyError):
        state.update_card("000-000-000", points=1)
    state.reset()
    assert state.card("900-001-001")["points"] == 1000


def test_jsonable_keeps_money_exact_as_numbers() -> None:
    assert jsonable({"a": Decimal("1.00"), "b": [Decimal("100"), Decimal("0.10")]}) == {
        "a": 1.0,
        "b": [100, 0.1],
    }
    assert isinstance(jsonable(Decimal("100")), int)
    assert repr(jsonable(Decimal("12.34"))) == "12.34"


def test_request_log_keeps_only_the_newest_entries() -> None:
    state = SandboxState()
    for number in range(REQUEST_LOG_LIMIT + 5):
        state.log_request(LoggedRequest("GET", f"/{number}", 200, 0.1))
    log = state.request_log
    assert len(log) == REQUEST_LOG_LIMIT
    assert log[-1].path == f"/{REQUEST_LOG_LIMIT + 4}"
    state.reset()
    assert state.request_log == []


def test_staging_demo_cards_read_900_user_partner() -> None:
    state = SandboxState()
    for number in STAGING_DEMO_CARDS:
        card = state.card(number)
        user, partner = int(number[4:7]), int(number[8:11])
        assert (card["user"]["id"], card["partner"]["id"]) == (user, partner) == (user, 1)
        assert card["user"]["email"] == f"demo{user}@loyalty.lt"


def test_the_projects_own_test_cards_are_kept() -> None:
    assert set(DEMO_CARD_NUMBERS) >= {
        *STAGING_DEMO_CARDS,
        "900-006-001",
        "900-007-001",
        "900-008-001",
        "900-009-001",
        "900-010-001",
        "900-011-001",
        "LC00000567",
    }


def test_earning_rules_stay_on_the_server_side() -> None:
    state = SandboxState()
    assert all("earning" not in card for card in state.cards.values())
    assert all("earning" in card for card in seed_cards())


def test_the_demo_key_is_one_the_api_could_issue() -> None:
    assert DEMO_API_KEY.startswith("lty_")


def test_seeded_history_points_at_real_cards_and_shops() -> None:
    cards = {c["id"] for c in seed_cards()}
    shops = {s["id"] for s in seed_shops()}
    for record in seed_history():
        assert record["loyalty_card_id"] in cards
        assert record["shop_id"] is None or record["shop_id"] in shops
        assert record["transaction_id"] < FIRST_TRANSACTION_ID
