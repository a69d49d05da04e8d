"""Coupons over HTTP: the card's usable coupons, verify, redeem exactly once, every refusal."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from pos_app.sandbox import (
    ACTIVE_COUPON,
    EXPIRED_COUPON,
    PENDING_ELSEWHERE_COUPON,
    PRODUCT_CHOICE_COUPON,
    SECOND_SHOP_ID,
    USED_COUPON,
    SandboxServer,
)
from pos_app.sandbox.data_games import SECOND_ACTIVE_COUPON
from tests.sandbox.conftest import AUTH, body

COUPONS = "/en/shop/coupons/card"
VERIFY = "/en/shop/coupons/verify"
REDEEM = "/en/shop/coupons/redeem"
ALL_DEMO_COUPONS = (
    ACTIVE_COUPON,
    USED_COUPON,
    EXPIRED_COUPON,
    PENDING_ELSEWHERE_COUPON,
    PRODUCT_CHOICE_COUPON,
    SECOND_ACTIVE_COUPON,
)


def verify(client: httpx.Client, code: str, shop_id: int = 1, **extra: Any) -> httpx.Response:
    return client.post(VERIFY, json={"coupon_code": code, "shop_id": shop_id, **extra})


def coupon_id(sandbox: SandboxServer, code: str) -> int:
    return int(sandbox.state.games.coupon(code)["id"])


def test_demo_coupon_codes_are_k_and_ten_digits() -> None:
    assert all(re.fullmatch(r"K\d{10}", code) for code in ALL_DEMO_COUPONS)
    assert len(set(ALL_DEMO_COUPONS)) == len(ALL_DEMO_COUPONS)


def test_card_coupons_lists_only_what_can_be_used_here(client: httpx.Client) -> None:
    response = client.get(COUPONS, params={"shop_id": 1, "card_id": 1001})
    assert response.status_code == 200
    data = body(response)["data"]
    assert data["total_count"] == 1
    [coupon] = data["coupons"]  # the used and the expired ones are not offered
    assert coupon["code"] == ACTIVE_COUPON
    assert (coupon["status"], coupon["is_pending"], coupon["requires_product_selection"]) == (
        "active",
        False,
        False,
    )
    assert coupon["offer"]["title"] == "Free cappuccino"
    assert set(coupon["offer"]) == {
        "id",
        "title",
        "description",
        "reward_details",
        "original_price",
    }
    assert coupon["user"]["email"] == "demo1@loyalty.lt"
    assert coupon["products"] == []
    assert datetime.fromisoformat(coupon["expiry_time"].replace("Z", "+00:00")) > datetime.now(UTC)


def test_card_coupons_by_user_and_in_lithuanian(client: httpx.Client) -> None:
    response = client.get("/lt/shop/coupons/card", params={"shop_id": 1, "user_id": 2})
    codes = {c["code"]: c for c in body(response)["data"]["coupons"]}
    assert set(codes) == {PENDING_ELSEWHERE_COUPON, SECOND_ACTIVE_COUPON}
    assert codes[PENDING_ELSEWHERE_COUPON]["is_pending"] is True
    assert codes[SECOND_ACTIVE_COUPON]["offer"]["title"] == "Nemokamas espresas"


def test_a_coupon_with_a_product_choice_lists_its_products(client: httpx.Client) -> None:
    data = body(client.get(COUPONS, params={"shop_id": 1, "card_id": 1004}))["data"]
    [coupon] = data["coupons"]
    assert coupon["requires_product_selection"] is True
    assert [p["name"] for p in coupon["products"]] == ["Croissant", "Cinnamon bun"]


@pytest.mark.parametrize(
    ("params", "status", "fields"),
    [
        ({"card_id": 1001}, 422, {"shop_id"}),
        ({"shop_id": 1}, 422, {"card_id"}),
        ({"shop_id": 99, "card_id": 1001}, 422, {"shop_id"}),
        ({"shop_id": 1, "card_id": 999999}, 404, None),
        ({"shop_id": 1, "user_id": 999}, 404, None),
    ],
)
def test_card_coupons_refusals(
    client: httpx.Client, params: dict[str, Any], status: int, fields: set[str] | None
) -> None:
    response = client.get(COUPONS, params=params)
    assert response.status_code == status
    payload = body(response)
    if fields is None:
        assert payload["code"] == "RESOURCE_NOT_FOUND"
    else:
        assert set(payload["errors"]) == fields


def test_verify_tells_the_coupon_its_offer_owner_and_card(client: httpx.Client) -> None:
    response = verify(client, ACTIVE_COUPON.lower())  # a code typed in lower case still reads
    assert response.status_code == 200
    data = body(response)["data"]
    coupon = data["coupon"]
    assert (coupon["code"], coupon["status"], coupon["is_pending"]) == (
        ACTIVE_COUPON,
        "active",
        False,
    )
    assert coupon["pending_shop_id"] is None
    assert set(coupon["offer"]) == {
        "id",
        "title",
        "description",
        "discount_type",
        "reward_type",
        "reward_details",
    }
    assert data["user"]["name"] == "Jonas Jonaitis"
    assert data["card"] == {
        "id": 1001,
        "card_number": "900-001-001",
        "user_id": 1,
        "points_balance": 1000,
    }
    assert data["points_rules"]["points_redemption_enabled"] is True


def test_verify_accepts_the_sdks_code_field(client: httpx.Client) -> None:
    response = client.post(VERIFY, json={"code": ACTIVE_COUPON, "shop_id": 1})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("code", "shop_id", "status", "error"),
    [
        (USED_COUPON, 1, 400, "COUPON_ALREADY_USED"),
        (EXPIRED_COUPON, 1, 400, "COUPON_EXPIRED"),
        ("K0000000000", 1, 404, "RESOURCE_NOT_FOUND"),
        (ACTIVE_COUPON, 3, 400, "OPERATION_NOT_ALLOWED"),
    ],
)
def test_verify_refusals(
    client: httpx.Client, code: str, shop_id: int, status: int, error: str
) -> None:
    response = verify(client, code, shop_id)
    assert response.status_code == status
    assert body(response)["code"] == error


def test_verify_needs_a_code_and_a_shop(client: httpx.Client) -> None:
    missing = client.post(VERIFY, json={})
    assert missing.status_code == 422
    assert set(body(missing)["errors"]) == {"coupon_code", "shop_id"}


def test_redeem_once(client: httpx.Client, sandbox: SandboxServer) -> None:
    wanted = coupon_id(sandbox, ACTIVE_COUPON)
    response = client.post(REDEEM, json={"coupon_id": wanted, "shop_id": 1, "notes": "Till 1"})
    assert response.status_code == 200
    data = body(response)["data"]
    assert (data["coupon_id"], data["shop_id"]) == (wanted, 1)
    assert data["redeemed_at"].endswith("Z")
    stored = sandbox.state.games.coupon(ACTIVE_COUPON)
    assert (stored["status"], stored["redeemed_shop_id"], stored["notes"]) == ("used", 1, "Till 1")
    again = client.post(REDEEM, json={"coupon_id": wanted, "shop_id": 1})
    assert (again.status_code, body(again)["code"]) == (400, "COUPON_ALREADY_USED")
    assert body(verify(client, ACTIVE_COUPON))["code"] == "COUPON_ALREADY_USED"
    listed = body(client.get(COUPONS, params={"shop_id": 1, "card_id": 1001}))["data"]
    assert listed["total_count"] == 0


def test_a_coupon_pending_at_another_shop_is_not_allowed_here(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    pending = verify(client, PENDING_ELSEWHERE_COUPON)
    assert body(pending)["data"]["coupon"]["pending_shop_id"] == SECOND_SHOP_ID
    wanted = coupon_id(sandbox, PENDING_ELSEWHERE_COUPON)
    here = client.post(REDEEM, json={"coupon_id": wanted, "shop_id": 1})
    assert (here.status_code, body(here)["code"]) == (400, "OPERATION_NOT_ALLOWED")
    there = client.post(REDEEM, json={"coupon_id": wanted, "shop_id": SECOND_SHOP_ID})
    assert there.status_code == 200


def test_a_product_choice_coupon_needs_one_of_its_products(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    wanted = coupon_id(sandbox, PRODUCT_CHOICE_COUPON)
    none = client.post(REDEEM, json={"coupon_id": wanted, "shop_id": 1})
    assert none.status_code == 422
    assert set(body(none)["errors"]) == {"selected_product_id"}
    wrong = client.post(REDEEM, json={"coupon_id": wanted, "shop_id": 1, "selected_product_id": 9})
    assert wrong.status_code == 422
    chosen = client.post(
        REDEEM, json={"coupon_id": wanted, "shop_id": 1, "selected_product_id": 32}
    )
    assert chosen.status_code == 200
    assert body(chosen)["data"]["selected_product_id"] == 32


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"coupon_id": 999, "shop_id": 1}, 404, "RESOURCE_NOT_FOUND"),
        ({"coupon_id": 503, "shop_id": 1}, 400, "COUPON_EXPIRED"),
        ({"coupon_id": 502, "shop_id": 1}, 400, "COUPON_ALREADY_USED"),
        ({"coupon_id": 501}, 422, 422),
        ({"shop_id": 1}, 422, 422),
        ({"coupon_id": 501, "shop_id": 1, "notes": "x" * 256}, 422, 422),
    ],
)
def test_redeem_refusals_change_nothing(
    client: httpx.Client,
    sandbox: SandboxServer,
    payload: dict[str, Any],
    status: int,
    code: int | str,
) -> None:
    response = client.post(REDEEM, json=payload)
    assert (response.status_code, body(response)["code"]) == (status, code)
    assert sandbox.state.games.coupon(ACTIVE_COUPON)["status"] == "active"


def test_reset_brings_redeemed_coupons_back(client: httpx.Client, sandbox: SandboxServer) -> None:
    client.post(REDEEM, json={"coupon_id": coupon_id(sandbox, ACTIVE_COUPON), "shop_id": 1})
    sandbox.reset()
    assert verify(client, ACTIVE_COUPON).status_code == 200


def test_tills_racing_to_redeem_one_coupon_get_exactly_one_yes(sandbox: SandboxServer) -> None:
    wanted = coupon_id(sandbox, ACTIVE_COUPON)
    barrier = threading.Barrier(8)
    statuses: list[int] = []

    def till() -> None:
        with httpx.Client(base_url=sandbox.base_url, headers=AUTH, timeout=5) as own:
            barrier.wait()
            response = own.post(REDEEM, json={"coupon_id": wanted, "shop_id": 1})
            statuses.append(response.status_code)

    threads = [threading.Thread(target=till) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(statuses) == [200] + [400] * 7
