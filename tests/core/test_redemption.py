"""The documented redemption rules, checked against an independent Decimal formulation."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.core.models import CardInfo, Redemption
from pos_app.core.redemption import discount_for, limits, max_discount

CENT = Decimal("0.01")


def _card(points: int, *, active: bool = True, **redemption: Any) -> CardInfo:
    data: dict[str, Any] = {"id": 1, "card_number": "900-001-001", "points": points}
    data["is_active"] = active
    data["redemption"] = redemption or None
    return CardInfo.model_validate(data)


def _rate(ppc: str = "100", amount: str = "1.00", **extra: Any) -> dict[str, Any]:
    return {
        "enabled": True,
        "points_per_currency": Decimal(ppc),
        "currency_amount": Decimal(amount),
        **extra,
    }


# --- the independent formulation: straight from the documented rules, in wide Decimal -----


def ref_discount(points: int, r: Redemption, order_total: Decimal | None) -> Decimal:
    if points <= 0 or r.points_per_currency <= 0 or r.currency_amount <= 0:
        return Decimal("0.00")
    with localcontext(prec=300, rounding=ROUND_FLOOR):
        value = (Decimal(points) * r.currency_amount / r.points_per_currency).quantize(CENT)
        if order_total is not None:
            value = min(value, max(order_total, Decimal(0)).quantize(CENT))
    return value


def ref_cover(order_total: Decimal, r: Redemption) -> int:
    with localcontext(prec=300, rounding=ROUND_CEILING):
        return int((order_total * r.points_per_currency / r.currency_amount).to_integral_value())


def ref_limits(card: CardInfo, order_total: Decimal | None) -> tuple[int, int, Decimal, str | None]:
    r = card.redemption
    if r is None or not r.enabled:
        return 0, 0, Decimal("0.00"), "no_redemption"
    if r.points_per_currency <= 0 or r.currency_amount <= 0:
        return 0, 0, Decimal("0.00"), "misconfigured"
    if r.max_points is not None and r.max_points > 0 and r.max_points < r.min_points:
        return 0, 0, Decimal("0.00"), "misconfigured"
    if not card.is_active:
        return 0, 0, Decimal("0.00"), "inactive"
    lowest = max(r.min_points, 1)
    if card.points < lowest:
        return 0, 0, Decimal("0.00"), "below_minimum"
    cap = card.points
    if r.max_points:
        cap = min(cap, r.max_points)
    if order_total is not None:
        cap = min(cap, ref_cover(order_total, r))
        if cap < lowest:
            return 0, 0, Decimal("0.00"), "order_too_small"
    return lowest, cap, ref_discount(cap, r, order_total), None


def _decimals(low: str, high: str, places: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(Decimal(low), Decimal(high), places=places, allow_nan=False)


rates = st.builds(
    Redemption,
    enabled=st.booleans(),
    points_per_currency=st.one_of(_decimals("0.01", "1000", 2), st.sampled_from([0, -1, 3, 7])),
    currency_amount=st.one_of(_decimals("0.01", "100", 2), st.sampled_from([0, 1, 3])),
    min_points=st.integers(0, 5000),
    max_points=st.one_of(st.none(), st.integers(0, 20000)),
)
cards = st.builds(
    CardInfo,
    id=st.just(1),
    card_number=st.just("900-001-001"),
    points=st.integers(0, 10**7),
    is_active=st.booleans(),
    redemption=st.one_of(st.none(), rates),
)
totals = st.one_of(st.none(), _decimals("0", "10000", 2), _decimals("0", "100", 3))


# --- plain examples ---------------------------------------------------------------


def test_seed_example_1250_points_at_100_per_euro_is_12_50() -> None:
    card = _card(1250, **_rate("100", "1.00", min_points=100, max_points=5000))
    assert max_discount(card) == Decimal("12.50")
    assert str(max_discount(card)) == "12.50"


def test_discount_rounds_down_to_the_cent() -> None:
    r = Redemption.model_validate(_rate("3", "1"))
    assert discount_for(2, r) == Decimal("0.66")
    assert discount_for(1000, r) == Decimal("333.33")


def test_discount_never_above_order_total_even_with_sub_cent_total() -> None:
    r = Redemption.model_validate(_rate("1", "1"))
    assert discount_for(100, r, Decimal("10.015")) == Decimal("10.01")
    assert discount_for(100, r, Decimal("-5")) == Decimal("0.00")


def test_huge_balances_stay_exact() -> None:
    r = Redemption.model_validate(_rate("1", "1"))
    assert discount_for(10**40, r) == Decimal(f"{10**40}.00")


@pytest.mark.parametrize(
    ("card", "reason"),
    [
        (_card(1000), "no_redemption"),
        (_card(1000, **{**_rate(), "enabled": False}), "no_redemption"),
        (_card(1000, **_rate("0", "1")), "misconfigured"),
        (_card(1000, **_rate("100", "-1")), "misconfigured"),
        (_card(1000, **_rate(min_points=500, max_points=100)), "misconfigured"),
        (_card(1000, active=False, **_rate()), "inactive"),
        (_card(99, **_rate(min_points=100)), "below_minimum"),
        (_card(0, **_rate()), "below_minimum"),
    ],
)
def test_reasons(card: CardInfo, reason: str) -> None:
    found = limits(card)
    assert found.reason == reason
    assert (found.min_points, found.max_points, found.max_discount) == (0, 0, Decimal("0.00"))
    assert not found.possible


def test_order_too_small_for_the_lowest_amount() -> None:
    card = _card(1000, **_rate(min_points=500))
    assert limits(card, Decimal("4.99")).reason == "order_too_small"
    assert limits(card, Decimal("5.00")).reason is None


def test_caps_by_max_points_then_order_total() -> None:
    card = _card(10000, **_rate(min_points=100, max_points=5000))
    assert limits(card) == limits(card, None)
    assert (limits(card).max_points, limits(card).max_discount) == (5000, Decimal("50.00"))
    assert limits(card).cap_source == "max_points"
    small = limits(card, Decimal("12.34"))
    assert (small.min_points, small.max_points, small.max_discount) == (100, 1234, Decimal("12.34"))
    assert small.cap_source == "order_total"


def test_max_points_zero_means_no_cap() -> None:
    card = _card(10000, **_rate(max_points=0))
    assert limits(card).max_points == 10000
    assert limits(card).cap_source == "balance"


def test_max_discount_ignores_min_and_max_points() -> None:
    card = _card(10000, **_rate(min_points=20000, max_points=0))
    assert max_discount(card) == Decimal("100.00")
    assert max_discount(_card(10000, active=False, **_rate())) == Decimal("0.00")


# --- properties ---------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(points=st.integers(-5, 10**9), r=rates, total=totals)
def test_discount_for_matches_reference(points: int, r: Redemption, total: Decimal | None) -> None:
    got = discount_for(points, r, total)
    assert got == ref_discount(points, r, total)
    assert got.as_tuple().exponent == -2
    if total is not None:
        assert got <= max(total, Decimal(0))


@settings(max_examples=300, deadline=None)
@given(card=cards, total=totals)
def test_limits_match_reference(card: CardInfo, total: Decimal | None) -> None:
    got = limits(card, total)
    assert (got.min_points, got.max_points, got.max_discount, got.reason) == ref_limits(card, total)


@settings(max_examples=300, deadline=None)
@given(card=cards, total=totals)
def test_limits_invariants(card: CardInfo, total: Decimal | None) -> None:
    got = limits(card, total)
    if got.reason is not None:
        return
    assert card.redemption is not None
    assert 1 <= got.min_points <= got.max_points <= card.points
    assert got.max_discount == discount_for(got.max_points, card.redemption, total)
    assert got.max_discount <= max_discount(card)
    if total is not None:
        assert got.max_discount <= total
        if got.cap_source == "order_total":
            # the fewest points that cover the total: one fewer would not
            fewer = got.max_points - 1
            assert fewer * card.redemption.currency_amount < total * (
                card.redemption.points_per_currency
            )


@settings(max_examples=200, deadline=None)
@given(card=cards)
def test_max_discount_matches_reference(card: CardInfo) -> None:
    r = card.redemption
    usable = r is not None and r.enabled and ref_limits(card, None)[3] != "misconfigured"
    expected = (
        ref_discount(card.points, r, None)
        if usable and r is not None and card.is_active
        else Decimal("0.00")
    )
    assert max_discount(card) == expected
