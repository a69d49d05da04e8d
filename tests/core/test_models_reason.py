"""Numbers within reason: an answer's card is refused whole, or every figure drawn from it works."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pos_app.api import ApiError, InvalidResponseError, LoyaltyClient
from pos_app.core.models import MAX_MONEY, MAX_POINTS, CardInfo
from pos_app.core.redemption import limits, max_discount
from pos_app.testing.helpers import run_fresh
from pos_app.ui.common.formatting import format_money, format_points

# Integers around every edge that matters: zero, the bound, 2^63, and far beyond.
_EDGES = [0, 1, -1, MAX_POINTS, MAX_POINTS + 1, 2**53, 2**63 - 1, 2**63, 10**29, -(2**63)]
whole = st.one_of(st.sampled_from(_EDGES), st.integers(), st.integers(-(10**40), 10**40))
decimals = st.decimals(allow_nan=False, allow_infinity=False, places=None)
number = st.one_of(
    whole,
    whole.map(str),
    decimals,
    decimals.map(str),
    st.sampled_from(["1e-30", "1E+30", "0.000000001", "1e999999", "-0", " 12 ", "1_000"]),
    st.integers(-400, 400).map(lambda exponent: f"1e{exponent}"),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)
redemption = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "enabled": st.one_of(st.booleans(), st.sampled_from([0, 1, "0", "1"])),
            "points_per_currency": number,
            "currency_amount": number,
            "min_points": st.one_of(st.none(), st.integers(0, 10_000), number),
            "max_points": st.one_of(st.none(), st.integers(0, 100_000), number),
        }
    ),
)
card = st.fixed_dictionaries(
    {
        "id": st.one_of(st.integers(1, 10**6), number),
        "card_number": st.just("900-001-001"),
        "points": number,
        "is_active": st.just(True),
        "transactions_count": number,
        "redemption": redemption,
    }
)
order_total = st.decimals(min_value=0, max_value=MAX_MONEY, places=2)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(data=card, total=order_total)
@example(
    data={
        "id": 1,
        "card_number": "900-001-001",
        "points": 1250,
        "is_active": True,
        "transactions_count": 0,
        "redemption": {"enabled": 1, "points_per_currency": "1e-40", "currency_amount": "1e40"},
    },
    total=Decimal("10.00"),
)
def test_a_card_is_refused_or_every_figure_on_screen_can_be_worked_out(
    data: dict[str, Any], total: Decimal
) -> None:
    try:
        read = CardInfo.model_validate(data)
    except ValidationError:
        return
    assert 0 <= read.points <= MAX_POINTS
    assert 0 <= read.transactions_count <= MAX_POINTS
    if read.redemption is not None:
        assert abs(read.redemption.points_per_currency) <= MAX_MONEY
        assert abs(read.redemption.currency_amount) <= MAX_MONEY
    # What the customer panel and the slider work out and show from it must not raise.
    worth = max_discount(read)
    assert worth >= 0
    bounds = limits(read, total)
    assert 0 <= bounds.max_discount <= total
    assert bounds.min_points >= 0
    for locale in ("en", "lt"):
        assert format_points(read.points, locale)
        assert format_points(bounds.max_points, locale)
        assert format_money(worth, locale)
        assert format_money(bounds.max_discount, locale)


@pytest.mark.parametrize("points", [10**29, 2**63, -1, "1e40", MAX_POINTS + 1])
def test_an_absurd_balance_is_an_unreadable_answer_never_a_card(points: object) -> None:
    body = {
        "success": True,
        "data": {"id": 1, "card_number": "900-001-001", "points": points, "is_active": True},
    }

    async def look_up() -> CardInfo:
        transport = httpx.MockTransport(lambda _: httpx.Response(200, json=body))
        async with LoyaltyClient(
            "https://api.example.test", "lty_k", "s", transport=transport
        ) as client:
            return await client.card_info(card_number="900-001-001")

    with pytest.raises(InvalidResponseError) as raised:
        run_fresh(look_up())
    assert "points" in raised.value.message


@settings(max_examples=150, deadline=None)
@given(points=number, ppc=number)
def test_through_the_client_only_a_card_or_an_api_error_comes_out(
    points: object, ppc: object
) -> None:
    body = {
        "success": True,
        "data": {
            "id": 1,
            "card_number": "900-001-001",
            "points": points,
            "is_active": 1,
            "redemption": {"enabled": 1, "points_per_currency": ppc, "currency_amount": "1.00"},
        },
    }
    content = _encode(body)

    async def look_up() -> CardInfo | ApiError:
        transport = httpx.MockTransport(lambda _: httpx.Response(200, content=content))
        async with LoyaltyClient(
            "https://api.example.test", "lty_k", "s", transport=transport, requests_per_minute=0
        ) as client:
            try:
                return await client.card_info(card_id=1)
            except ApiError as exc:
                return exc

    result = run_fresh(look_up())
    if isinstance(result, CardInfo):
        assert 0 <= result.points <= MAX_POINTS
        max_discount(result)
    else:
        assert isinstance(result, InvalidResponseError)


def _encode(value: Any) -> bytes:
    """JSON as a server writes it: Decimal and float as bare numbers."""
    import json

    def default(item: Any) -> Any:
        if isinstance(item, Decimal):
            return float(item)
        raise TypeError(item)

    return json.dumps(value, default=default).encode()
