"""POST transactions/create: points move exactly once, and every documented refusal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from pos_app.sandbox import SandboxServer
from tests.sandbox.conftest import body

CREATE = "/en/shop/transactions/create"
INFO = "/en/shop/loyalty-cards/info"


def points_of(client: httpx.Client, card_number: str) -> int:
    points: int = body(client.get(INFO, params={"card_number": card_number}))["data"]["points"]
    return points


def test_purchase_awards_a_point_per_full_euro_paid(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    response = client.post(
        CREATE, json={"order_id": "ORD-1", "order_total": 23.99, "loyalty_card_id": 1001}
    )
    assert response.status_code == 201
    payload = body(response)
    assert payload["success"] is True
    assert payload["code"] == 201
    data = payload["data"]
    assert data["points_awarded"] == 23
    assert data["points_balance"] == 1023
    assert data["loyalty_card_id"] == 1001
    assert data["card_number"] == "900-001-001"
    assert data["user_id"] == 201
    assert data["order_total"] == Decimal("23.99")
    assert data["currency"] == "EUR"
    assert isinstance(data["transaction_id"], int)
    assert points_of(client, "900-001-001") == 1023
    card = sandbox.state.card("900-001-001")
    assert card["transactions_count"] == 46
    assert card["last_used_at"] != "2024-12-07T14:30:00.000Z"
    assert card["last_used_at"].endswith("Z")


def test_redemption_moves_points_both_ways(client: httpx.Client, sandbox: SandboxServer) -> None:
    response = client.post(
        CREATE,
        json={
            "order_id": "ORD-2",
            "order_total": 12.50,
            "user_id": 202,
            "points_redeemed": 500,
            "points_discount_amount": 5.00,
        },
    )
    assert response.status_code == 201
    data = body(response)["data"]
    assert data["points_awarded"] == 7  # 7.50 paid
    assert data["points_balance"] == 2500 - 500 + 7
    [recorded] = sandbox.state.transactions
    assert recorded["order_id"] == "ORD-2"
    assert recorded["points_redeemed"] == 500
    assert recorded["points_discount_amount"] == Decimal("5.00")
    assert recorded["order_total"] == Decimal("12.50")


def test_discount_defaults_to_what_the_points_are_worth(client: httpx.Client) -> None:
    response = client.post(
        CREATE,
        json={"order_id": "ORD-3", "order_total": 2, "user_id": 210, "points_redeemed": 10},
    )
    assert response.status_code == 201
    # 10 points at 3 per 0.10 EUR are worth 0.33; 1.67 paid gives 1 point.
    assert body(response)["data"]["points_balance"] == 1000 - 10 + 1


def test_customer_found_by_email(client: httpx.Client) -> None:
    response = client.post(
        CREATE,
        json={
            "order_id": "ORD-4",
            "order_total": "4.00",
            "user_email": "ONA.petraitiene@example.lt",
        },
    )
    assert response.status_code == 201
    assert body(response)["data"]["card_number"] == "900-002-001"


def test_repeated_order_id_is_409_and_points_move_once(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    order = {"order_id": "ORD-5", "order_total": 10, "loyalty_card_id": 1003}
    assert client.post(CREATE, json=order).status_code == 201
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
    response = client.post(
        CREATE,
        json={"order_id": "ORD-6", "order_total": 50, "user_id": 205, "points_redeemed": 500},
    )
    assert response.status_code == 400
    payload = body(response)
    assert payload["code"] == "VALIDATION_ERROR"
    assert payload["message"].startswith("Nepakanka taškų")
    assert payload["errors"][0]["field"] == "points_redeemed"
    assert points_of(client, "900-005-001") == 150
    assert sandbox.state.transactions == []


def _refusal(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    order = {"order_id": "ORD-X", "order_total": 100, **fields}
    response = client.post(CREATE, json=order)
    assert response.status_code == 400, response.text
    payload: dict[str, Any] = body(response)
    assert payload["success"] is False
    return payload


@pytest.mark.parametrize(
    ("fields", "error_code"),
    [
        ({"loyalty_card_id": 1006, "points_redeemed": 100}, "CARD_INACTIVE"),
        ({"loyalty_card_id": 1007, "points_redeemed": 100}, "REDEMPTION_DISABLED"),
        ({"loyalty_card_id": 1011, "points_redeemed": 100}, "REDEMPTION_DISABLED"),
        ({"loyalty_card_id": 1008, "points_redeemed": 100}, "REDEMPTION_MISCONFIGURED"),
        ({"loyalty_card_id": 1009, "points_redeemed": 50}, "BELOW_MIN_POINTS"),
        ({"loyalty_card_id": 1001, "points_redeemed": 99}, "BELOW_MIN_POINTS"),
        ({"loyalty_card_id": 1004, "points_redeemed": 5001}, "ABOVE_MAX_POINTS"),
        (
            {"loyalty_card_id": 1001, "points_redeemed": 100, "points_discount_amount": 1.01},
            "DISCOUNT_TOO_HIGH",
        ),
        ({"loyalty_card_id": 1001, "points_discount_amount": 1}, "DISCOUNT_WITHOUT_POINTS"),
        (
            {"loyalty_card_id": 1001, "order_total": 3, "points_redeemed": 301},
            "EXCEEDS_ORDER",
        ),
    ],
)
def test_redemption_refusals_are_400_with_a_list_of_errors(
    client: httpx.Client, sandbox: SandboxServer, fields: dict[str, Any], error_code: str
) -> None:
    before = sandbox.state.cards
    payload = _refusal(client, **fields)
    assert [e["code"] for e in payload["errors"]] == [error_code]
    assert sandbox.state.cards == before
    assert sandbox.state.transactions == []


def test_inactive_card_refusal_uses_an_int_code(client: httpx.Client) -> None:
    payload = _refusal(client, loyalty_card_id=1006, points_redeemed=100)
    assert payload["code"] == 400


def test_whole_order_paid_with_points_awards_nothing(client: httpx.Client) -> None:
    response = client.post(
        CREATE,
        json={
            "order_id": "ORD-7",
            "order_total": 3,
            "loyalty_card_id": 1001,
            "points_redeemed": 300,
        },
    )
    assert response.status_code == 201
    assert body(response)["data"]["points_awarded"] == 0
    assert body(response)["data"]["points_balance"] == 700


@pytest.mark.parametrize(
    ("order", "fields"),
    [
        ({}, {"order_id", "order_total", "user_id"}),
        ({"order_total": 5, "user_id": 201}, {"order_id"}),
        ({"order_id": "A", "user_id": 201}, {"order_total"}),
        ({"order_id": "A", "order_total": 5}, {"user_id"}),
        ({"order_id": "A", "order_total": -1, "user_id": 201}, {"order_total"}),
        ({"order_id": "A", "order_total": "ten", "user_id": 201}, {"order_total"}),
        ({"order_id": 7, "order_total": 5, "user_id": 201}, {"order_id"}),
        (
            {"order_id": "A", "order_total": 5, "user_id": 201, "points_redeemed": 1.5},
            {"points_redeemed"},
        ),
        (
            {"order_id": "A", "order_total": 5, "user_id": 201, "points_redeemed": -3},
            {"points_redeemed"},
        ),
        ({"order_id": "A", "order_total": 5, "user_email": "not-an-email"}, {"user_email"}),
        ({"order_id": "A", "order_total": 5, "user_id": 201, "currency": "euro"}, {"currency"}),
        ({"order_id": "A", "order_total": 5, "user_id": 201, "cart_items": {}}, {"cart_items"}),
        ({"order_id": "A", "order_total": 5, "user_id": 201, "meta_data": []}, {"meta_data"}),
        ({"order_id": "A", "order_total": True, "user_id": 201}, {"order_total"}),
    ],
)
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


def test_unknown_card_or_user_is_404(client: httpx.Client) -> None:
    no_card = client.post(CREATE, json={"order_id": "A", "order_total": 5, "loyalty_card_id": 9})
    assert no_card.status_code == 404
    assert body(no_card)["message"] == "Loyalty card not found"
    no_user = client.post(CREATE, json={"order_id": "B", "order_total": 5, "user_id": 9})
    assert no_user.status_code == 404
    assert body(no_user)["message"] == "User not found"


def test_lithuanian_field_errors(client: httpx.Client) -> None:
    response = client.post("/lt/shop/transactions/create", json={"order_total": 5, "user_id": 201})
    assert body(response)["errors"]["order_id"] == ["Laukas order id yra privalomas."]


def test_reset_restores_seed_balances(client: httpx.Client, sandbox: SandboxServer) -> None:
    client.post(CREATE, json={"order_id": "R", "order_total": 40, "loyalty_card_id": 1001})
    assert points_of(client, "900-001-001") == 1040
    sandbox.reset()
    assert points_of(client, "900-001-001") == 1000
    assert sandbox.state.transactions == []
    again = client.post(CREATE, json={"order_id": "R", "order_total": 40, "loyalty_card_id": 1001})
    assert again.status_code == 201
