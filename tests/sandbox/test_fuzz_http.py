"""Any body or query to any sandbox call, over loopback HTTP: a documented answer, never a 500.

A refusal is a 4xx JSON envelope with a message, and it changes nothing: no transaction,
no stamp, no redeemed coupon.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_app.sandbox import COFFEE_GAME_ID, SandboxServer
from tests.sandbox.conftest import body

POSTS = (
    "/en/shop/transactions/create",
    "/lt/shop/transactions/award-points",
    f"/en/shop/games/{COFFEE_GAME_ID}/add-stamps",
    f"/en/shop/games/{COFFEE_GAME_ID}/restart",
    "/en/shop/coupons/verify",
    "/lt/shop/coupons/redeem",
    "/en/shop/qr-card/generate",
)
GETS = (
    "/en/shop/loyalty-cards/info",
    "/en/shop/loyalty-cards/balance",
    "/en/shop/shops",
    "/lt/shop/transactions",
    "/en/shop/coupons/card",
    "/en/shop/cards/1001/games",
)
FIELDS = (
    "order_id",
    "order_total",
    "user_id",
    "user_email",
    "loyalty_card_id",
    "points",
    "points_redeemed",
    "card_id",
    "shop_id",
    "stamps_count",
    "coupon_code",
    "code",
    "coupon_id",
    "selected_product_id",
    "notes",
    "device_name",
    "page",
    "per_page",
    "is_active",
    "date_from",
    "date_to",
    "type",
    "search",
    "card_number",
)
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["1", "0", "1001", "K4810000501", "2025-01-01", "true", "-1", "1e400"])
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)
bodies = st.dictionaries(st.sampled_from(FIELDS), values, max_size=6) | values
queries = st.dictionaries(st.sampled_from(FIELDS), scalars.map(str), max_size=5)


def _unchanged(sandbox: SandboxServer, coupons_before: Any) -> None:
    assert sandbox.state.transactions == []
    assert sandbox.state.games.coupon("K4810000501") == coupons_before


def _documented(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code < 500, response.text
    payload: dict[str, Any] = body(response)
    assert isinstance(payload["success"], bool)
    if not payload["success"]:
        assert 400 <= response.status_code < 500
        assert payload["message"]
    return payload


@SETTINGS
@given(path=st.sampled_from(POSTS), payload=bodies)
def test_any_json_body_gets_a_documented_answer(
    client: httpx.Client, sandbox: SandboxServer, path: str, payload: Any
) -> None:
    sandbox.reset()
    before = sandbox.state.games.coupon("K4810000501")
    raw = json.dumps(payload, default=str).encode()
    answer = _documented(
        client.post(path, content=raw, headers={"Content-Type": "application/json"})
    )
    if not answer["success"]:
        _unchanged(sandbox, before)


@SETTINGS
@given(path=st.sampled_from(GETS), params=queries)
def test_any_query_gets_a_documented_answer(
    client: httpx.Client, sandbox: SandboxServer, path: str, params: dict[str, str]
) -> None:
    answer = _documented(client.get(path, params=params))
    if answer["success"] and "meta" in answer:
        assert isinstance(answer["data"], list)
        assert answer["meta"]["per_page"] >= len(answer["data"])


def test_bytes_that_are_not_json_are_a_400(client: httpx.Client) -> None:
    for raw in (b"{", b"\xff\xfe", b"[1, 2", b"NaN-ish"):
        response = client.post(POSTS[2], content=raw, headers={"Content-Type": "application/json"})
        assert response.status_code == 400
        assert body(response)["success"] is False


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("order_total", "1e400"),
        ("order_total", Decimal("100000000")),
        ("points", 2**31),
        ("points_redeemed", 10**20),
        ("user_id", 2**63),
    ],
)
def test_numbers_no_column_could_hold_are_refused(
    client: httpx.Client, sandbox: SandboxServer, field: str, value: object
) -> None:
    order = {"order_id": "H", "order_total": 5, "user_id": 1, field: value}
    response = client.post(POSTS[0], content=json.dumps(order, default=str))
    assert response.status_code == 422
    assert set(body(response)["errors"]) == {field}
    assert sandbox.state.transactions == []
