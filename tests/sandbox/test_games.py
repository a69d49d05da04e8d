"""Stamp-card games over HTTP: progress per card, stamps, the reward coupon, every refusal."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from pos_app.sandbox import COFFEE_GAME_ID, DEMO_SHOP_ID, ONE_STAMP_AWAY_CARD, SandboxServer
from tests.sandbox.conftest import AUTH, body

STAMPS = f"/en/shop/games/{COFFEE_GAME_ID}/add-stamps"
RESTART = f"/en/shop/games/{COFFEE_GAME_ID}/restart"
VERIFY = "/en/shop/coupons/verify"
REDEEM = "/en/shop/coupons/redeem"
COUPONS = "/en/shop/coupons/card"


def games_of(client: httpx.Client, card_id: int, **params: Any) -> list[dict[str, Any]]:
    response = client.get(f"/en/shop/cards/{card_id}/games", params=params)
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = body(response)["data"]
    return data


def stamp(client: httpx.Client, card_id: int, count: int | None = None) -> httpx.Response:
    payload: dict[str, Any] = {"card_id": card_id, "shop_id": DEMO_SHOP_ID}
    if count is not None:
        payload["stamps_count"] = count
    return client.post(STAMPS, json=payload)


def test_card_games_show_the_coffee_card_with_this_cards_progress(client: httpx.Client) -> None:
    [game] = games_of(client, 1001, shop_id=DEMO_SHOP_ID)
    assert game["id"] == COFFEE_GAME_ID
    assert game["name"] == {"lt": "Kavos kortelė", "en": "Coffee card"}
    assert (game["game_type"], game["is_active"], game["status"]) == ("stamps", True, "active")
    assert game["stamps_required"] == 8
    assert game["stamp_settings"] == {
        "stamps_required": 8,
        "reward_type": "free_product",
        "stamp_icon": "coffee",
    }
    progress = game["user_progress"]
    assert (progress["current_step"], progress["completed"], progress["completed_at"]) == (
        3,
        False,
        None,
    )
    assert len(progress["history"]) == 3
    assert progress["history"][0]["action"] == "stamp_added"


@pytest.mark.parametrize(
    ("card_id", "step", "status"),
    [(1001, 3, "active"), (1002, 7, "active"), (1003, 0, "available"), (1004, 5, "active")],
)
def test_demo_cards_stand_at_different_places(
    client: httpx.Client, card_id: int, step: int, status: str
) -> None:
    [game] = games_of(client, card_id)
    assert (game["user_progress"]["current_step"], game["status"]) == (step, status)


def test_games_are_per_shop_and_per_known_card(client: httpx.Client) -> None:
    assert games_of(client, 1001, shop_id=2)
    assert games_of(client, 1001, shop_id=3) == []  # not played at the closed shop
    unknown = client.get("/en/shop/cards/999999/games")
    assert unknown.status_code == 404
    assert body(unknown)["code"] == "RESOURCE_NOT_FOUND"
    assert client.get("/en/shop/cards/abc/games").status_code == 404
    bad_shop = client.get("/en/shop/cards/1001/games", params={"shop_id": 99})
    assert bad_shop.status_code == 422


def test_a_stamp_moves_the_card_on(client: httpx.Client, sandbox: SandboxServer) -> None:
    response = stamp(client, 1001)
    assert response.status_code == 200
    data = body(response)["data"]
    assert (data["current_step"], data["stamps_required"], data["remaining"]) == (4, 8, 4)
    assert (data["is_completed"], data["was_already_completed"]) == (False, False)
    assert "reward_generated" not in data
    assert sandbox.state.games.progress(COFFEE_GAME_ID, 1001) == 4
    assert games_of(client, 1001)[0]["user_progress"]["history"][-1]["shop_id"] == DEMO_SHOP_ID


def test_the_last_stamp_generates_a_reward_coupon_that_can_be_redeemed_once(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    card_id = sandbox.state.card(ONE_STAMP_AWAY_CARD)["id"]
    data = body(stamp(client, card_id))["data"]
    assert (data["current_step"], data["remaining"], data["is_completed"]) == (8, 0, True)
    reward = data["reward_generated"]
    assert reward["type"] == "coupon"
    assert re.fullmatch(r"K\d{10}", reward["coupon_code"])
    assert (reward["reward_type"], reward["product_name"]) == ("free_product", "Cappuccino")
    expires = datetime.fromisoformat(reward["expires_at"].replace("Z", "+00:00"))
    assert timedelta(days=29) < expires - datetime.now(UTC) <= timedelta(days=30)
    [game] = games_of(client, card_id)
    assert (game["status"], game["user_progress"]["completed"]) == ("completed", True)
    # The reward is among the card's coupons, and verifies and redeems like any other.
    listed = body(client.get(COUPONS, params={"shop_id": 1, "card_id": card_id}))["data"]
    assert reward["coupon_code"] in [c["code"] for c in listed["coupons"]]
    verified = body(client.post(VERIFY, json={"coupon_code": reward["coupon_code"], "shop_id": 1}))
    coupon_id = verified["data"]["coupon"]["id"]
    assert client.post(REDEEM, json={"coupon_id": coupon_id, "shop_id": 1}).status_code == 200
    again = client.post(REDEEM, json={"coupon_id": coupon_id, "shop_id": 1})
    assert (again.status_code, body(again)["code"]) == (400, "COUPON_ALREADY_USED")


def test_a_completed_game_takes_no_more_stamps_until_restarted(
    client: httpx.Client, sandbox: SandboxServer
) -> None:
    stamp(client, 1002)
    more = body(stamp(client, 1002))["data"]
    assert (more["was_already_completed"], more["is_completed"], more["current_step"]) == (
        True,
        True,
        8,
    )
    assert "reward_generated" not in more
    restarted = client.post(RESTART, json={"card_id": 1002, "shop_id": 1})
    assert restarted.status_code == 200
    assert body(restarted)["data"]["user_progress"]["current_step"] == 0
    assert body(stamp(client, 1002, 2))["data"]["current_step"] == 2


def test_several_stamps_at_once_stop_at_the_goal(client: httpx.Client) -> None:
    data = body(stamp(client, 1003, 3))["data"]
    assert (data["current_step"], data["remaining"]) == (3, 5)
    done = body(stamp(client, 1003, 9))["data"]
    assert (done["current_step"], done["is_completed"]) == (8, True)
    assert "reward_generated" in done


def test_an_inactive_card_is_blocked(client: httpx.Client, sandbox: SandboxServer) -> None:
    response = stamp(client, 1006)
    assert response.status_code == 400
    assert body(response)["code"] == "BUSINESS_CARD_BLOCKED"
    assert sandbox.state.games.progress(COFFEE_GAME_ID, 1006) == 0


@pytest.mark.parametrize(
    ("path", "payload", "status", "code"),
    [
        ("/en/shop/games/99/add-stamps", {"card_id": 1001, "shop_id": 1}, 404,
         "RESOURCE_NOT_FOUND"),
        (STAMPS, {"card_id": 999999, "shop_id": 1}, 404, "RESOURCE_NOT_FOUND"),
        (STAMPS, {"card_id": 1001, "shop_id": 3}, 404, "RESOURCE_NOT_FOUND"),
        (STAMPS, {"card_id": 1001}, 422, 422),
        (STAMPS, {"shop_id": 1}, 422, 422),
        (STAMPS, {"card_id": 1001, "shop_id": 1, "stamps_count": 0}, 422, 422),
        (STAMPS, {"card_id": 1001, "shop_id": 1, "stamps_count": 51}, 422, 422),
        (STAMPS, {"card_id": 1001, "shop_id": 1, "stamps_count": "two"}, 422, 422),
        (STAMPS, {"card_id": 1001, "shop_id": 77}, 422, 422),
    ],
)  # fmt: skip
def test_stamp_refusals(
    client: httpx.Client,
    sandbox: SandboxServer,
    path: str,
    payload: dict[str, Any],
    status: int,
    code: int | str,
) -> None:
    response = client.post(path, json=payload)
    assert response.status_code == status
    assert body(response)["code"] == code
    assert sandbox.state.games.progress(COFFEE_GAME_ID, 1001) == 3


def test_stamp_messages_follow_the_locale(client: httpx.Client) -> None:
    blocked = client.post(
        f"/lt/shop/games/{COFFEE_GAME_ID}/add-stamps", json={"card_id": 1006, "shop_id": 1}
    )
    assert body(blocked)["message"] == "Ši lojalumo kortelė užblokuota: antspaudų pridėti negalima"


def test_tills_racing_for_the_last_stamp_make_one_reward(sandbox: SandboxServer) -> None:
    card_id = sandbox.state.card(ONE_STAMP_AWAY_CARD)["id"]
    barrier = threading.Barrier(6)
    answers: list[dict[str, Any]] = []

    def till() -> None:
        with httpx.Client(base_url=sandbox.base_url, headers=AUTH, timeout=5) as own:
            barrier.wait()
            answers.append(body(stamp(own, card_id))["data"])

    threads = [threading.Thread(target=till) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(answers) == 6
    assert sum("reward_generated" in a for a in answers) == 1
    assert sum(a["was_already_completed"] for a in answers) == 5
