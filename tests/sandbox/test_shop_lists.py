"""GET loyalty-cards/balance, shops and the partner's transactions: fields, filters, pagination."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from pos_app.sandbox import SandboxServer
from tests.sandbox.conftest import body

BALANCE = "/en/shop/loyalty-cards/balance"
SHOPS = "/en/shop/shops"
TRANSACTIONS = "/en/shop/transactions"
CREATE = "/en/shop/transactions/create"
ITEM_KEYS = {
    "id",
    "type",
    "points",
    "amount",
    "currency",
    "description",
    "reference_number",
    "status",
    "user",
    "loyalty_card",
    "shop",
    "metadata",
    "transaction_date",
    "created_at",
}


def listing(client: httpx.Client, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    payload: dict[str, Any] = body(response)
    assert (payload["success"], payload["code"]) == (True, 200)
    assert isinstance(payload["data"], list)
    assert set(payload["meta"]) == {"current_page", "last_page", "per_page", "total"}
    return payload


@pytest.mark.parametrize(
    "params",
    [{"card_number": "900-004-001"}, {"card_id": 1004}, {"user_id": 4}],
)
def test_balance_by_any_identifier(client: httpx.Client, params: dict[str, Any]) -> None:
    response = client.get(BALANCE, params=params)
    assert response.status_code == 200
    assert body(response)["data"] == {
        "card_id": 1004,
        "card_number": "900-004-001",
        "points": 10000,
    }


def test_balance_follows_a_sale_and_refuses_what_info_refuses(client: httpx.Client) -> None:
    client.post(CREATE, json={"order_id": "B-1", "order_total": 12, "user_id": 4})
    assert body(client.get(BALANCE, params={"card_id": 1004}))["data"]["points"] == 10012
    assert client.get(BALANCE).status_code == 422
    assert client.get(BALANCE, params={"card_id": "x"}).status_code == 422
    assert client.get(BALANCE, params={"card_number": "999-999-999"}).status_code == 404


def test_shops_lists_the_active_shops_by_default(client: httpx.Client) -> None:
    payload = listing(client, SHOPS)
    assert [s["id"] for s in payload["data"]] == [1, 2]
    assert payload["meta"] == {"current_page": 1, "last_page": 1, "per_page": 15, "total": 2}
    vilnius = payload["data"][0]
    assert set(vilnius) == {
        "id",
        "name",
        "address",
        "city",
        "phone",
        "working_hours",
        "is_active",
    }
    assert (vilnius["name"], vilnius["city"], vilnius["is_active"]) == (
        "Coffee Paradise - Vilnius",
        "Vilnius",
        True,
    )
    assert vilnius["working_hours"]["monday"] == "08:00-20:00"


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"is_active": "false"}, [3]),
        ({"is_active": "0"}, [3]),
        ({"is_active": "1"}, [1, 2]),
        ({"search": "kaunas"}, [2]),
        ({"search": "GEDIMINO"}, [1]),
        ({"search": "Klaipėda", "is_active": "false"}, [3]),
        ({"search": "Paris"}, []),
        ({"per_page": 1}, [1]),
        ({"per_page": 1, "page": 2}, [2]),
        ({"per_page": 1, "page": 3}, []),
    ],
)
def test_shops_filters_and_pages(
    client: httpx.Client, params: dict[str, Any], ids: list[int]
) -> None:
    assert [s["id"] for s in listing(client, SHOPS, **params)["data"]] == ids


def test_shops_meta_counts_pages(client: httpx.Client) -> None:
    meta = listing(client, SHOPS, per_page=1, page=2)["meta"]
    assert meta == {"current_page": 2, "last_page": 2, "per_page": 1, "total": 2}


def test_one_shop_partner(client: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.state.update_shop(2, is_active=False)
    assert [s["id"] for s in listing(client, SHOPS)["data"]] == [1]


@pytest.mark.parametrize(
    "params",
    [{"per_page": 51}, {"per_page": 0}, {"page": 0}, {"page": "x"}, {"is_active": "maybe"}],
)
def test_shops_refuses_bad_query_values(client: httpx.Client, params: dict[str, Any]) -> None:
    response = client.get(SHOPS, params=params)
    assert response.status_code == 422
    assert set(body(response)["errors"]) == set(params)


def test_transactions_newest_first_with_the_documented_fields(client: httpx.Client) -> None:
    payload = listing(client, TRANSACTIONS)
    items = payload["data"]
    assert payload["meta"]["total"] == 14
    assert payload["meta"]["per_page"] == 15
    assert all(set(item) == ITEM_KEYS for item in items)
    dates = [item["transaction_date"] for item in items]
    assert dates == sorted(dates, reverse=True)
    web = next(item for item in items if item["reference_number"] == "WC-10231")
    assert web["shop"] is None  # a web-shop sale
    assert web["points"] == 45 - 200  # more points spent than earned
    assert web["amount"] == Decimal("45")
    assert web["loyalty_card"] == {
        "id": 1001,
        "name": "Kavos mėgėjo kortelė",
        "number": "900-001-001",
    }
    assert web["user"]["email"] == "demo1@loyalty.lt"
    refund = next(item for item in items if item["type"] == "refund")
    assert refund["points"] == -30


def test_a_sale_made_here_heads_the_list(client: httpx.Client) -> None:
    sale = {
        "order_id": "POS-T-1",
        "order_total": 8.5,
        "user_id": 1,
        "shop_id": 2,
        "points_redeemed": 100,
        "description": "Kava ir pyragas",
    }
    made = body(client.post(CREATE, json=sale))["data"]
    first = listing(client, TRANSACTIONS, loyalty_card_id=1001)["data"][0]
    assert first["id"] == made["transaction_id"]
    assert first["reference_number"] == "POS-T-1"
    assert first["points"] == 8 - 100
    assert first["amount"] == Decimal("8.5")
    assert first["shop"] == {"id": 2, "name": "Coffee Paradise - Kaunas"}
    assert first["description"] == "Kava ir pyragas"
    assert first["metadata"]["points_redeemed"] == 100
    assert (first["type"], first["status"]) == ("purchase", "completed")


@pytest.mark.parametrize(
    ("params", "references"),
    [
        ({"loyalty_card_id": 1003}, ["POS-K1-0006", "POS-V1-0005"]),
        ({"user_id": 3}, ["POS-K1-0006", "POS-V1-0005"]),
        ({"user_email": "DEMO3@loyalty.lt"}, ["POS-K1-0006", "POS-V1-0005"]),
        ({"type": "refund"}, ["REFUND-WC-10302"]),
        ({"type": "bonus"}, ["BONUS-BDAY-1"]),
        ({"shop_id": 2, "user_id": 1}, ["POS-K1-0002"]),
        ({"reference_number": "WC-10400"}, ["WC-10400"]),
        ({"date_from": "2025-01-25"}, ["POS-V1-0009", "POS-K1-0008"]),
        ({"date_to": "2024-11-02", "date_from": "2024-11-02"}, ["POS-K1-0006"]),
        ({"user_id": 5}, []),
        ({"loyalty_card_id": 1002, "per_page": 2, "page": 2}, ["WC-10302", "POS-V1-0003"]),
    ],
)
def test_transactions_filters(
    client: httpx.Client, params: dict[str, Any], references: list[str]
) -> None:
    items = listing(client, TRANSACTIONS, **params)["data"]
    assert [item["reference_number"] for item in items] == references


def test_transactions_pagination_meta(client: httpx.Client) -> None:
    meta = listing(client, TRANSACTIONS, loyalty_card_id=1002, per_page=3, page=2)["meta"]
    assert meta == {"current_page": 2, "last_page": 2, "per_page": 3, "total": 4}
    assert listing(client, TRANSACTIONS, per_page=100)["meta"]["last_page"] == 1


@pytest.mark.parametrize(
    "params",
    [
        {"per_page": 101},
        {"date_from": "2025-13-01"},
        {"date_from": "yesterday"},
        {"user_email": "nobody"},
        {"loyalty_card_id": "card"},
        {"date_from": "2025-02-01", "date_to": "2025-01-01"},
    ],
)
def test_transactions_refuse_bad_filters(client: httpx.Client, params: dict[str, Any]) -> None:
    response = client.get(TRANSACTIONS, params=params)
    assert response.status_code == 422
    errors = body(response)["errors"]
    assert set(errors) <= set(params)
    assert errors


def test_lists_need_credentials(sandbox: SandboxServer) -> None:
    for path in (SHOPS, TRANSACTIONS, BALANCE):
        response = httpx.get(f"{sandbox.base_url}{path}")
        assert response.status_code == 400
        assert body(response)["code"] == 1010
