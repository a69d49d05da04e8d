"""Property tests on the sandbox's own logic (no HTTP): points are conserved, garbage is a 4xx."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.sandbox import DEMO_CARD_NUMBERS, SandboxError, SandboxState
from pos_app.sandbox.data import seed_cards
from pos_app.sandbox.transactions import TransactionRequest, earned_points, parse_transaction

# A sale names the customer: the cards with a user, as (card id, user id).
CUSTOMERS = [
    (c["id"], c["user"]["id"])
    for c in (SandboxState().card(n) for n in DEMO_CARD_NUMBERS)
    if c["user"] is not None
]
EARNING = {c["id"]: c["earning"] for c in seed_cards()}

sales = st.lists(
    st.tuples(
        st.sampled_from(CUSTOMERS),
        st.decimals(min_value=0, max_value=500, places=2),
        st.integers(min_value=0, max_value=12000),
        st.sampled_from(["A", "B", "C", "D", "E", "F"]),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(sales)
def test_points_are_conserved_and_each_order_counts_once(
    orders: list[tuple[tuple[int, int], Decimal, int, str]],
) -> None:
    state = SandboxState()
    before = {c["id"]: c["points"] for c in state.cards.values()}
    refusals: list[int] = []
    for (card_id, user_id), total, points, order_id in orders:
        request = TransactionRequest(
            order_id=order_id,
            order_total=total,
            user_id=user_id,
            loyalty_card_id=card_id,
            points_redeemed=points,
        )
        try:
            state.create_transaction(request, "en")
        except SandboxError as error:
            refusals.append(error.status)
    assert set(refusals) <= {400, 409}
    recorded = state.transactions
    assert len({t["order_id"] for t in recorded}) == len(recorded)
    after = {c["id"]: c["points"] for c in state.cards.values()}
    for card_id, start in before.items():
        mine = [t for t in recorded if t["loyalty_card_id"] == card_id]
        moved = sum(t["points_awarded"] - t["points_redeemed"] for t in mine)
        assert after[card_id] == start + moved
        assert after[card_id] >= 0
    for t in recorded:
        paid = t["order_total"] - t["points_discount_amount"]
        assert Decimal(0) <= paid <= t["order_total"]
        # Earned on the order total by the card's own rule, whatever was redeemed.
        assert t["points_awarded"] == earned_points(t["order_total"], EARNING[t["loyalty_card_id"]])


@settings(max_examples=200, deadline=None)
@given(
    total=st.decimals(min_value=0, max_value=10_000, places=2),
    per_currency=st.integers(min_value=1, max_value=100),
    amount=st.decimals(min_value=Decimal("0.01"), max_value=100, places=2),
    visit=st.integers(min_value=0, max_value=50),
)
def test_earning_rounds_the_exact_quotient_down_or_up_then_adds_the_visit(
    total: Decimal, per_currency: int, amount: Decimal, visit: int
) -> None:
    rule = {"points_per_currency": per_currency, "currency_amount": amount}
    down = earned_points(total, {**rule, "points_per_visit": visit, "round_points_up": False})
    up = earned_points(total, {**rule, "points_per_visit": visit, "round_points_up": True})
    exact = total * per_currency / amount  # Decimal: no binary rounding on the way
    assert down - visit <= exact < down - visit + 1
    assert up - visit - 1 < exact <= up - visit
    assert up - down in (0, 1)
    assert (up == down) == (exact == int(exact))


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
fields = st.sampled_from(
    [
        "order_id",
        "order_total",
        "user_id",
        "user_email",
        "loyalty_card_id",
        "currency",
        "points_redeemed",
        "points_discount_amount",
        "shop_id",
        "cart_items",
        "meta_data",
        "description",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(fields, json_values, max_size=8) | json_values)
def test_any_json_body_is_accepted_or_refused_with_a_4xx(body: Any) -> None:
    state = SandboxState()
    # What arrives over HTTP went through JSON with floats parsed as Decimal.
    wire = json.loads(json.dumps(body), parse_float=Decimal)
    refusal: SandboxError | None = None
    try:
        request = parse_transaction(wire, "lt")
        state.create_transaction(request, "lt")
    except SandboxError as error:
        refusal = error
    if refusal is not None:
        assert 400 <= refusal.status < 500
        assert refusal.message
