"""Stamp games and coupons: lenient reading of documented shapes, and the stamp row."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.loyalty_programs import (
    CardCoupons,
    CardGame,
    CouponCheck,
    CouponRedemption,
    StampResult,
    plain_text,
    stamp_row,
)

GAME: dict[str, Any] = {
    "id": 1,
    "name": {"lt": "Kavos kortelė", "en": "Coffee card"},
    "game_type": "stamps",
    "is_active": True,
    "status": "active",
    "stamps_required": 8,
    "user_progress": {"current_step": 3, "completed": False, "completed_at": None, "history": []},
    "stamp_settings": {"stamps_required": 8, "reward_type": "free_product", "stamp_icon": "coffee"},
}


def test_a_documented_game() -> None:
    game = CardGame.model_validate(GAME)
    assert (game.id, game.required, game.current, game.completed) == (1, 8, 3, False)
    assert game.name.text("lt") == "Kavos kortelė"
    assert game.name.text("en") == "Coffee card"
    assert game.takes_stamps


def test_a_game_read_leniently() -> None:
    game = CardGame.model_validate(
        {
            **GAME,
            "id": "1",
            "name": "Coffee card",
            "is_active": 1,
            "stamps_required": None,
            "user_progress": {"current_step": "7", "completed": 0, "history": None},
            "unknown": {"anything": True},
        }
    )
    assert (game.id, game.required, game.current, game.completed) == (1, 8, 7, False)
    assert game.name.text("lt") == "Coffee card"


def test_a_game_not_started_and_a_completed_one() -> None:
    fresh = CardGame.model_validate({**GAME, "status": "available", "user_progress": None})
    assert fresh.current == 0
    assert fresh.takes_stamps
    done = CardGame.model_validate(
        {**GAME, "status": "completed", "user_progress": {"current_step": 8, "completed": True}}
    )
    assert done.completed
    assert done.is_stamp_card
    assert not done.takes_stamps
    off = CardGame.model_validate({**GAME, "is_active": "0"})
    assert not off.is_stamp_card


@pytest.mark.parametrize(
    "bad",
    [
        {"id": None},
        {"id": True},
        {"id": -1},
        {"stamps_required": 10**9},
        {"user_progress": {"current_step": "lots"}},
        {"is_active": "maybe"},
    ],
)
def test_an_unusable_game_is_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(pydantic.ValidationError):
        CardGame.model_validate({**GAME, **bad})


def test_a_stamp_that_completes_the_game() -> None:
    result = StampResult.model_validate(
        {
            "current_step": "8",
            "stamps_required": 8,
            "is_completed": 1,
            "was_already_completed": False,
            "remaining": 0,
            "reward_generated": {
                "type": "coupon",
                "coupon_code": "K4820000001",
                "reward_type": "free_product",
                "product_name": "Cappuccino",
                "expires_at": "2026-12-31T10:00:00.000Z",
            },
        }
    )
    assert result.is_completed
    assert result.reward_generated is not None
    assert result.reward_generated.coupon_code == "K4820000001"
    assert result.reward_generated.expires_at == datetime(2026, 12, 31, 10, tzinfo=UTC)
    plain = StampResult.model_validate({"current_step": 4, "reward_generated": None})
    assert plain.reward_generated is None
    assert not plain.is_completed


def test_card_coupons_and_verify() -> None:
    coupons = CardCoupons.model_validate(
        {
            "coupons": [
                {
                    "id": "501",
                    "code": "K4810000501",
                    "status": "active",
                    "expiry_time": "2026-12-21T13:28:20Z",
                    "offer": {"id": 901, "title": "Free cappuccino", "original_price": "3.20"},
                    "user": {"id": 1, "name": "Jonas"},
                    "is_pending": 0,
                    "products": None,
                    "requires_product_selection": None,
                }
            ],
            "total_count": "1",
        }
    )
    coupon = coupons.coupons[0]
    assert coupon.id == 501
    assert coupon.offer.original_price == Decimal("3.20")
    assert coupon.usable
    assert not coupon.is_pending
    assert coupon.products == []
    check = CouponCheck.model_validate(
        {
            "coupon": {
                "id": 501,
                "code": "K4810000501",
                "offer": {"title": {"lt": "Kapučinas", "en": "Cappuccino"}, "reward_details": None},
            },
            "user": {"name": "Jonas Jonaitis"},
            "card": {"id": 1001, "card_number": "900-001-001", "points_balance": "1000"},
            "points_rules": {"anything": 1},
        }
    )
    assert check.owner_name == "Jonas Jonaitis"
    assert check.coupon.offer.title.text("en") == "Cappuccino"
    assert check.coupon.offer.title.text("lt") == "Kapučinas"
    assert check.coupon.offer.reward_details.text("en") == ""
    assert check.card is not None
    assert check.card.points_balance == 1000
    redeemed = CouponRedemption.model_validate(
        {"coupon_id": "501", "redeemed_at": "2026-12-01T10:00:00Z", "shop_id": 1}
    )
    assert redeemed.coupon_id == 501


def test_a_coupon_without_code_is_unreadable() -> None:
    with pytest.raises(pydantic.ValidationError):
        CardCoupons.model_validate({"coupons": [{"id": 1, "code": ""}]})


def test_plain_text_of_odd_shapes() -> None:
    assert plain_text({"en": "Free  cappuccino", "lt": "Kapučinas"}) == "Free cappuccino"
    assert plain_text({"product_name": "Cappuccino", "size": "L"}) == "Cappuccino"
    assert plain_text(["a", {"name": "b"}]) == "a, b"
    assert plain_text(None) == ""
    assert plain_text(True) == ""


@given(
    required=st.integers(min_value=0, max_value=40),
    current=st.integers(min_value=-5, max_value=50),
    adding=st.integers(min_value=-5, max_value=50),
)
def test_stamp_row(required: int, current: int, adding: int) -> None:
    row = stamp_row(current, required, adding)
    assert len(row) == required
    earned = min(max(current, 0), required)
    assert row.count("●") == earned
    assert row.count("◉") == min(max(adding, 0), required - earned)
    assert row == "".join(sorted(row, key="●◉○".index))  # earned, then this sale's, then empty


@pytest.mark.parametrize(
    "bad",
    [
        {"card": {"points_balance": 10**20}},
        {"card": {"points_balance": "1e400"}},
        {"coupon": {"id": 1, "code": "K12345678", "expiry_time": 1767225600}},
    ],
)
def test_a_verify_answer_out_of_reason_is_unreadable(bad: dict[str, Any]) -> None:
    base: dict[str, Any] = {"coupon": {"id": 1, "code": "K12345678"}}
    with pytest.raises(pydantic.ValidationError):
        CouponCheck.model_validate({**base, **bad})


def test_a_time_without_offset_is_utc() -> None:
    coupon = CardCoupons.model_validate(
        {"coupons": [{"id": 1, "code": "K12345678", "expiry_time": "2026-12-31T10:00:00"}]}
    ).coupons[0]
    assert coupon.expiry_time == datetime(2026, 12, 31, 10, tzinfo=UTC)
