"""POST transactions/create: the customer rule, points earned and moved once, every refusal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from pos_app.sandbox import SandboxServer
from tests.sandbox.conftest import body

CREATE = "/en/shop/transactions/create"
ALIAS = "/en/shop/transactions/award-points"
INFO = "/en/shop/loyalty-cards/info"
# card id -> its user's id (the staging demo users are 1-5; 1011 has no user).
USER_OF = {1001: 1, 1002: 2, 1003: 3, 1004: 4, 1005: 5, 1006: 206, 1007: 207, 1008: 208}
USER_OF |= {1009: 209, 1010: 210}


def points_of(client: httpx.Client, card_number: str) -> int:
    points: int = body(client.get(INFO, params={"card_number": card_number}))["data"]["points"]
    return points


def sale(order_id: str, total: object, card_id: int, **extra: Any) -> dict[str, Any]:
    return {
        "order_id": order_id,
        "order_total": total,
        "user_id": USER_OF[card_id],
        "loyalty_card_id": card_id,
        **extra,
    }


def test_purchase_answers_200_with_the_documented_fields(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    response = client.post(CREATE, json=sale("ORD-1", 23.99, 1001))
    assert response.status_code == 200
    payload = body(response)
    assert (payload["success"], payload["code"]) == (True, 200)
    data = payload["data"]
    assert data["points_awarded"] == 23  # 1 point per full 1.00, rounded down
    assert data["points_balance"] == 1023
    assert data["loyalty_card_id"] == 1001
    assert data["card_number"] == "900-001-001"
    assert data["user_id"] == 1
    assert data["order_total"] == Decimal("23.99")
    assert data["currency"] == "EUR"
    assert isinstance(data["transaction_id"], int)
    assert points_of(client, "900-001-001") == 1023
    card = sandbox.state.card("900-001-001")
    assert card["transactions_count"] == 46
    assert card["last_used_at"] != "2024-12-07T14:30:00.000Z"
    assert card["last_used_at"].endswith("Z")


def test_the_documented_earning_example_gives_160(client: httpx.Client) -> None:
    # 900-002-001 earns 10 points per 1.00 plus 5 per visit, rounded up: 155 + 5.
    response = client.post(CREATE, json={"order_id": "E-1", "order_total": 15.50, "user_id": 2})
    assert body(response)["data"]["points_awarded"] == 160
    assert points_of(client, "900-002-001") == 2660
    up = client.post(CREATE, json={"order_id": "E-2", "order_total": "0.01", "user_id": 2})
    assert body(up)["data"]["points_awarded"] == 1 + 5  # 0.1 rounded up
    down = client.post(CREATE, json={"order_id": "E-3", "order_total": "15.99", "user_id": 1})
    assert body(down)["data"]["points_awarded"] == 15


def test_points_are_earned_on_the_order_total_even_when_points_paid(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    response = client.post(
        CREATE, json=sale("ORD-2", 12.50, 1002, points_redeemed=500, points_discount_amount=5.00)
    )
    assert response.status_code == 200
    data = body(response)["data"]
    assert data["points_awarded"] == 125 + 5
    assert data["points_balance"] == 2500 - 500 + 130
    [recorded] = sandbox.state.transactions
    assert recorded["order_id"] == "ORD-2"
    assert recorded["points_redeemed"] == 500
    assert recorded["points_discount_amount"] == Decimal("5.00")
    assert recorded["order_total"] == Decimal("12.50")
    whole = client.post(CREATE, json=sale("ORD-7", 3, 1001, points_redeemed=300))
    assert body(whole)["data"]["points_awarded"] == 3
    assert body(whole)["data"]["points_balance"] == 1000 - 300 + 3


@pytest.mark.parametrize("points", [0, 42, 5000])
def test_points_override_replaces_the_computed_award(client: httpx.Client, points: int) -> None:
    response = client.post(CREATE, json=sale("P-1", 100, 1001, points=points))
    assert body(response)["data"]["points_awarded"] == points
    assert points_of(client, "900-001-001") == 1000 + points


def test_discount_defaults_to_what_the_points_are_worth(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    response = client.post(CREATE, json=sale("ORD-3", 2, 1010, points_redeemed=10))
    assert response.status_code == 200
    # 10 points at 3 per 0.10 EUR are worth 0.33.
    assert sandbox.state.transactions[0]["points_discount_amount"] == Decimal("0.33")
    assert body(response)["data"]["points_balance"] == 1000 - 10 + 2


def test_customer_found_by_email_in_any_case(client: httpx.Client) -> None:
    order = {"order_id": "ORD-4", "order_total": "4.00", "user_email": "DEMO2@loyalty.lt"}
    response = client.post(CREATE, json=order)
    assert response.status_code == 200
    assert body(response)["data"]["card_number"] == "900-002-001"


def test_a_card_id_alone_is_422_naming_user_id(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    response = client.post(
        CREATE, json={"order_id": "U", "order_total": 5, "loyalty_card_id": 1001}
    )
    assert response.status_code == 422
    errors = body(response)["errors"]
    assert set(errors) == {"user_id"}
    assert errors["user_id"] == ["The user id field is required when user email is not present."]
    # A card without a user can therefore never take a sale.
    no_user = client.post(CREATE, json={"order_id": "U", "order_total": 5, "loyalty_card_id": 1011})
    assert set(body(no_user)["errors"]) == {"user_id"}
    assert sandbox.state.transactions == []


def test_the_other_sdk_body_shape_is_422_naming_what_is_missing(client: httpx.Client) -> None:
    sdk_body = {
        "card_id": 1001,
        "amount": 25.50,
        "points": 25,
        "type": "earn",
        "description": "Test purchase",
        "reference": "SDK-1",
    }
    response = client.post(CREATE, json=sdk_body)
    assert response.status_code == 422
    assert set(body(response)["errors"]) == {"order_id", "order_total", "user_id"}


def test_a_card_of_another_user_is_422_on_loyalty_card_id(client: httpx.Client) -> None:
    order = {"order_id": "M", "order_total": 5, "user_id": 1, "loyalty_card_id": 1002}
    response = client.post(CREATE, json=order)
    assert response.status_code == 422
    assert set(body(response)["errors"]) == {"loyalty_card_id"}
    unknown = client.post(CREATE, json={**order, "loyalty_card_id": 9})
    assert unknown.status_code == 404
    assert body(unknown)["message"] == "Loyalty card not found"


def test_award_points_is_the_same_call_at_the_older_path(client: httpx.Client) -> None:
    first = client.post(ALIAS, json=sale("A-1", 10, 1003))
    assert first.status_code == 200
    assert body(first)["data"]["points_balance"] == 510
    assert client.post(CREATE, json=sale("A-1", 10, 1003)).status_code == 409
    assert client.post(ALIAS, json={"order_id": "A-2", "order_total": 1}).status_code == 422


def test_shop_id_must_be_one_of_the_partners_shops(client: httpx.Client) -> None:
    refused = client.post(CREATE, json=sale("S-1", 5, 1001, shop_id=99))
    assert refused.status_code == 422
    assert set(body(refused)["errors"]) == {"shop_id"}
    assert client.post(CREATE, json=sale("S-1", 5, 1001, shop_id=2)).status_code == 200


def test_repeated_order_id_is_409_and_points_move_once(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    order = sale("ORD-5", 10, 1003)
    assert client.post(CREATE, json=order).status_code == 200
    again = client.post(CREATE, json=order)
    assert again.status_code == 409
    payload = body(again)
    assert payload["code"] == "RESOURCE_ALREADY_EXISTS"
    assert payload["errors"]["order_id"]
    assert points_of(client, "900-003-001") == 510
    assert [t["order_id"] for t in sandbox.state.transactions] == ["ORD-5"]


def test_redeeming_more_than_the_balance_is_400_in_lithuanian(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    response = client.post(CREATE, json=sale("ORD-6", 50, 1005, points_redeemed=500))
    assert response.status_code == 400
    payload = body(response)
    assert payload["code"] == "VALIDATION_ERROR"
    assert payload["message"].startswith("Nepakanka taškų")
    assert payload["errors"][0]["field"] == "points_redeemed"
    assert points_of(client, "900-005-001") == 150
    assert sandbox.state.transactions == []


def _refusal(client: httpx.Client, card_id: int, **fields: Any) -> dict[str, Any]:
    response = client.post(
        CREATE, json=sale("ORD-X", fields.pop("order_total", 100), card_id, **fields)
    )
    assert response.status_code == 400, response.text
    payload: dict[str, Any] = body(response)
    assert payload["success"] is False
    return payload


@pytest.mark.parametrize(
    ("card_id", "fields", "error_code"),
    [
        (1006, {"points_redeemed": 100}, "CARD_INACTIVE"),
        (1007, {"points_redeemed": 100}, "REDEMPTION_DISABLED"),
        (1008, {"points_redeemed": 100}, "REDEMPTION_MISCONFIGURED"),
        (1009, {"points_redeemed": 50}, "BELOW_MIN_POINTS"),
        (1001, {"points_redeemed": 99}, "BELOW_MIN_POINTS"),
        (1004, {"points_redeemed": 5001}, "ABOVE_MAX_POINTS"),
        (1001, {"points_redeemed": 100, "points_discount_amount": 1.01}, "DISCOUNT_TOO_HIGH"),
        (1001, {"points_discount_amount": 1}, "DISCOUNT_WITHOUT_POINTS"),
        (1001, {"order_total": 3, "points_redeemed": 301}, "EXCEEDS_ORDER"),
    ],
)
def test_redemption_refusals_are_400_with_a_list_of_errors(
    client: httpx.Client,
    sandbox: SandboxServer,
    card_id: int,
    fields: dict[str, Any],
    error_code: str,
) -> None:
    before = sandbox.state.cards
    payload = _refusal(client, card_id, **fields)
    assert [e["code"] for e in payload["errors"]] == [error_code]
    assert sandbox.state.cards == before
    assert sandbox.state.transactions == []


def test_inactive_card_refusal_uses_an_int_code(client: httpx.Client) -> None:
    payload = _refusal(client, 1006, points_redeemed=100)
    assert payload["code"] == 400


@pytest.mark.parametrize(
    ("order", "fields"),
    [
        ({}, {"order_id", "order_total", "user_id"}),
        ({"order_total": 5, "user_id": 1}, {"order_id"}),
        ({"order_id": "A", "user_id": 1}, {"order_total"}),
        ({"order_id": "A", "order_total": 5}, {"user_id"}),
        ({"order_id": "A", "order_total": -1, "user_id": 1}, {"order_total"}),
        ({"order_id": "A", "order_total": "ten", "user_id": 1}, {"order_total"}),
        ({"order_id": 7, "order_total": 5, "user_id": 1}, {"order_id"}),
        ({"order_id": "A", "order_total": 5, "user_id": 1, "points_redeemed": 1.5},
         {"points_redeemed"}),
        ({"order_id": "A", "order_total": 5, "user_id": 1, "points_redeemed": -3},
         {"points_redeemed"}),
        ({"order_id": "A", "order_total": 5, "user_id": 1, "points": -1}, {"points"}),
        ({"order_id": "A", "order_total": 5, "user_id": 1, "points": "many"}, {"points"}),
        ({"order_id": "A", "order_total": 5, "user_email": "not-an-email"}, {"user_email"}),
        ({"order_id": "A", "order_total": 5, "user_id": 1, "currency": "euro"}, {"currency"}),
        ({"order_id": "A", "order_total": 5, "user_id": 1, "cart_items": {}}, {"cart_items"}),
        ({"order_id": "A", "order_total": 5, "user_id": 1, "meta_data": []}, {"meta_data"}),
        ({"order_id": "A", "order_total": True, "user_id": 1}, {"order_total"}),
    ],
)  # fmt: skip
def test_invalid_bodies_are_422_with_a_field_map(
    client: httpx.Client, sandbox: SandboxServer, order: dict[str, Any], fields: set[str]
) -> None:
    response = client.post(CREATE, json=order)
    assert response.status_code == 422
    payload = body(response)
    assert payload["code"] == 422
    assert set(payload["errors"]) == fields
    assert all(isinstance(m, list) and m for m in payload["errors"].values())
    assert sandbox.state.transactions == []


def test_non_object_and_broken_json_bodies(client: httpx.Client) -> None:
    assert client.post(CREATE, json=[1, 2]).status_code == 422
    broken = client.post(CREATE, content=b"{not json", headers={"Content-Type": "application/json"})
    assert broken.status_code == 400
    assert body(broken)["success"] is False


def test_unknown_user_is_404(client: httpx.Client) -> None:
    no_user = client.post(CREATE, json={"order_id": "B", "order_total": 5, "user_id": 9})
    assert no_user.status_code == 404
    assert body(no_user)["message"] == "User not found"
    by_mail = client.post(CREATE, json={"order_id": "C", "order_total": 5, "user_email": "x@y.lt"})
    assert by_mail.status_code == 404


def test_lithuanian_field_errors(client: httpx.Client) -> None:
    response = client.post("/lt/shop/transactions/create", json={"order_total": 5, "user_id": 1})
    assert body(response)["errors"]["order_id"] == ["Laukas order id yra privalomas."]
    no_user = client.post("/lt/shop/transactions/create", json={"order_id": "L", "order_total": 5})
    assert no_user.json()["errors"]["user_id"] == [
        "Laukas user id yra privalomas, kai nenurodytas user email."
    ]


def test_reset_restores_seed_balances(client: httpx.Client, sandbox: SandboxServer) -> None:
    client.post(CREATE, json=sale("R", 40, 1001))
    assert points_of(client, "900-001-001") == 1040
    sandbox.reset()
    assert points_of(client, "900-001-001") == 1000
    assert sandbox.state.transactions == []
    assert client.post(CREATE, json=sale("R", 40, 1001)).status_code == 200
