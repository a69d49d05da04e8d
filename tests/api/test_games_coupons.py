"""Stamp games and coupons through LoyaltyClient against the sandbox over loopback HTTP."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import httpx
import pytest

from pos_app.api import LoyaltyClient, NotFoundError, ValidationError
from pos_app.api.games_coupons import (
    BUSINESS_CARD_BLOCKED,
    COUPON_ALREADY_USED,
    COUPON_EXPIRED,
    OPERATION_NOT_ALLOWED,
    RESOURCE_NOT_FOUND,
)
from pos_app.sandbox import (
    ACTIVE_COUPON,
    COFFEE_GAME_ID,
    DEMO_API_KEY,
    DEMO_API_SECRET,
    EXPIRED_COUPON,
    PENDING_ELSEWHERE_COUPON,
    USED_COUPON,
    SandboxServer,
)
from pos_app.testing.helpers import run_fresh

T = TypeVar("T")
SHOP = 1
ONE_AWAY = 1002  # 900-002-001: seven of eight stamps
INACTIVE = 1006


def run(sandbox: SandboxServer, call: Callable[[LoyaltyClient], Coroutine[Any, Any, T]]) -> T:
    async def go() -> T:
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
            return await call(client)

    return run_fresh(go())


def test_games_with_progress(sandbox: SandboxServer) -> None:
    games = run(sandbox, lambda c: c.card_games(ONE_AWAY, SHOP))
    coffee = next(g for g in games if g.id == COFFEE_GAME_ID)
    assert (coffee.current, coffee.required, coffee.takes_stamps) == (7, 8, True)
    assert coffee.name.text("en") == "Coffee card"


def test_the_stamp_that_completes_the_card_brings_a_reward_coupon(sandbox: SandboxServer) -> None:
    async def stamp_then_redeem(client: LoyaltyClient) -> tuple[Any, Any, Any]:
        result = await client.add_stamps(COFFEE_GAME_ID, card_id=ONE_AWAY, shop_id=SHOP)
        assert result.reward_generated is not None
        check = await client.verify_coupon(result.reward_generated.coupon_code, shop_id=SHOP)
        redeemed = await client.redeem_coupon(check.coupon.id, shop_id=SHOP)
        return result, check, redeemed

    result, check, redeemed = run(sandbox, stamp_then_redeem)
    assert (result.current_step, result.is_completed, result.remaining) == (8, True, 0)
    assert result.reward_generated is not None
    assert result.reward_generated.coupon_code.startswith("K")
    assert check.card is not None
    assert check.card.id == ONE_AWAY
    assert redeemed.coupon_id == check.coupon.id
    assert sandbox.state.games.coupon(result.reward_generated.coupon_code)["status"] == "used"


def test_card_coupons_lists_only_usable_ones(sandbox: SandboxServer) -> None:
    listed = run(sandbox, lambda c: c.card_coupons(shop_id=SHOP, card_id=1001))
    codes = [c.code for c in listed.coupons]
    assert codes == [ACTIVE_COUPON]
    assert listed.coupons[0].offer.title.text("en")
    assert listed.coupons[0].expiry_time is not None


def test_verify_says_whose_coupon_it_is(sandbox: SandboxServer) -> None:
    check = run(sandbox, lambda c: c.verify_coupon(ACTIVE_COUPON.lower(), shop_id=SHOP))
    assert check.coupon.code == ACTIVE_COUPON
    assert check.owner_name == "Jonas Jonaitis"
    assert check.card is not None
    assert check.card.card_number == "900-001-001"


@pytest.mark.parametrize(
    ("code", "error_code", "cls"),
    [
        (USED_COUPON, COUPON_ALREADY_USED, ValidationError),
        (EXPIRED_COUPON, COUPON_EXPIRED, ValidationError),
        ("K9999999999", RESOURCE_NOT_FOUND, NotFoundError),
    ],
)
def test_verify_errors_keep_their_code(
    sandbox: SandboxServer, code: str, error_code: str, cls: type[Exception]
) -> None:
    with pytest.raises(cls) as caught:
        run(sandbox, lambda c: c.verify_coupon(code, shop_id=SHOP))
    assert getattr(caught.value, "code", None) == error_code


def test_redeem_once_then_already_used(sandbox: SandboxServer) -> None:
    async def twice(client: LoyaltyClient) -> str | None:
        check = await client.verify_coupon(ACTIVE_COUPON, shop_id=SHOP)
        await client.redeem_coupon(check.coupon.id, shop_id=SHOP)
        try:
            await client.redeem_coupon(check.coupon.id, shop_id=SHOP)
        except ValidationError as exc:
            return exc.code
        return None

    assert run(sandbox, twice) == COUPON_ALREADY_USED


def test_redeem_pending_elsewhere_is_not_allowed(sandbox: SandboxServer) -> None:
    async def redeem(client: LoyaltyClient) -> None:
        check = await client.verify_coupon(PENDING_ELSEWHERE_COUPON, shop_id=SHOP)
        await client.redeem_coupon(check.coupon.id, shop_id=SHOP)

    with pytest.raises(ValidationError) as caught:
        run(sandbox, redeem)
    assert caught.value.code == OPERATION_NOT_ALLOWED


def test_stamp_errors_keep_their_code(sandbox: SandboxServer) -> None:
    with pytest.raises(ValidationError) as blocked:
        run(sandbox, lambda c: c.add_stamps(COFFEE_GAME_ID, card_id=INACTIVE, shop_id=SHOP))
    assert blocked.value.code == BUSINESS_CARD_BLOCKED
    with pytest.raises(NotFoundError) as unknown:
        run(sandbox, lambda c: c.add_stamps(999, card_id=ONE_AWAY, shop_id=SHOP))
    assert unknown.value.code == RESOURCE_NOT_FOUND
    assert sandbox.state.games.progress(COFFEE_GAME_ID, ONE_AWAY) == 7


def test_calls_share_the_budget(sandbox: SandboxServer) -> None:
    async def spend(client: LoyaltyClient) -> tuple[int, int]:
        before = client.budget.remaining
        await client.card_games(ONE_AWAY, SHOP)
        await client.card_coupons(shop_id=SHOP, card_id=ONE_AWAY)
        return before, client.budget.remaining

    before, after = run(sandbox, spend)
    assert before - after == 2


def test_bad_arguments_never_reach_the_server(sandbox: SandboxServer) -> None:
    before = len(sandbox.state.request_log)
    for call in (
        lambda c: c.add_stamps(COFFEE_GAME_ID, card_id=ONE_AWAY, shop_id=SHOP, stamps_count=0),
        lambda c: c.verify_coupon("  ", shop_id=SHOP),
        lambda c: c.verify_coupon("K1/../x", shop_id=SHOP),
        lambda c: c.card_games(-1),
    ):
        with pytest.raises(ValueError, match=r"stamps_count|coupon|card_id"):
            run(sandbox, call)
    assert len(sandbox.state.request_log) == before


def test_a_garbled_games_answer_is_unreadable() -> None:
    from pos_app.api import InvalidResponseError

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"success": True, "data": {"games": "nope"}})

    async def go() -> None:
        async with LoyaltyClient(
            "http://127.0.0.1:9",
            DEMO_API_KEY,
            DEMO_API_SECRET,
            transport=httpx.MockTransport(handler),
        ) as client:
            await client.card_games(1)

    with pytest.raises(InvalidResponseError):
        run_fresh(go())
