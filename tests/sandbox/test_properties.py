"""Property tests on the sandbox's own logic (no HTTP): points are conserved, garbage is a 4xx."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.sandbox import DEMO_CARD_NUMBERS, SandboxError, SandboxState
from pos_app.sandbox.transactions import TransactionRequest, parse_transaction

CARD_IDS = [SandboxState().card(n)["id"] for n in DEMO_CARD_NUMBERS]

sales = st.lists(
    st.tuples(
        st.sampled_from(CARD_IDS),
        st.decimals(min_value=0, max_value=500, places=2),
        st.integers(min_value=0, max_value=12000),
        st.sampled_from(["A", "B", "C", "D", "E", "F"]),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(sales)
def test_points_are_conserved_and_each_order_counts_once(
    orders: list[tuple[int, Decimal, int, str]],
) -> None:
    state = SandboxState()
    before = {c["id"]: c["points"] for c in state.cards.values()}
    refusals: list[int] = []
    for card_id, total, points, order_id in orders:
        request = TransactionRequest(
            order_id=order_id, order_total=total, loyalty_card_id=card_id, points_redeemed=points
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
        assert t["points_awarded"] == int(paid)


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
