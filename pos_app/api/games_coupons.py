"""Shop API calls for stamp-card games and coupons, mixed into LoyaltyClient."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from pos_app.api.envelope import Answer, read_model
from pos_app.api.errors import InvalidResponseError
from pos_app.core.loyalty_programs import (
    CardCoupons,
    CardGame,
    CouponCheck,
    CouponRedemption,
    StampResult,
)

if TYPE_CHECKING:
    from pos_app.api.http import ShopHttp


# The API's own codes for what can go wrong with a coupon or a stamp; each has its banner.
COUPON_ALREADY_USED: Final = "COUPON_ALREADY_USED"
COUPON_EXPIRED: Final = "COUPON_EXPIRED"
OPERATION_NOT_ALLOWED: Final = "OPERATION_NOT_ALLOWED"
RESOURCE_NOT_FOUND: Final = "RESOURCE_NOT_FOUND"
BUSINESS_CARD_BLOCKED: Final = "BUSINESS_CARD_BLOCKED"
PROGRAM_ERROR_CODES: Final = (
    COUPON_ALREADY_USED,
    COUPON_EXPIRED,
    OPERATION_NOT_ALLOWED,
    RESOURCE_NOT_FOUND,
    BUSINESS_CARD_BLOCKED,
)

_COUPON_MESSAGES: Final = {
    COUPON_ALREADY_USED: "This coupon has already been used.",
    COUPON_EXPIRED: "This coupon has expired.",
    OPERATION_NOT_ALLOWED: "This coupon is being redeemed at another shop.",
    RESOURCE_NOT_FOUND: "The loyalty service does not know this coupon.",
    "404": "The loyalty service does not know this coupon.",
}
_GAME_MESSAGES: Final = {
    RESOURCE_NOT_FOUND: "The loyalty service does not know this stamp card.",
    "404": "The loyalty service does not know this stamp card.",
    BUSINESS_CARD_BLOCKED: "This loyalty card is blocked at this business: no stamps can be given.",
}
_MAX_NOTES = 255


class GamesCouponsCalls:
    """Stamp games (`card_games`, `add_stamps`) and coupons (`card_coupons`, `verify_coupon`,
    `redeem_coupon`): the same headers, budget and error classes as every other call.

    Errors keep the API's code in `.code` (one of PROGRAM_ERROR_CODES when the server
    sends one), so the till can give each its own banner.
    """

    _http: ShopHttp

    async def card_games(self, card_id: int, shop_id: int | None = None) -> list[CardGame]:
        """The games on a card with this card's progress (all of them: filter as needed)."""
        _check_id("card_id", card_id)
        params: dict[str, str | int] = {}
        if shop_id is not None:
            _check_id("shop_id", shop_id)
            params["shop_id"] = shop_id
        answer = await self._http.request(
            "GET", f"cards/{card_id}/games", params=params, messages=_GAME_MESSAGES
        )
        items = _items(answer, "games")
        return [read_model(CardGame, item, answer.request_id) for item in items]

    async def add_stamps(
        self, game_id: int, *, card_id: int, shop_id: int, stamps_count: int = 1
    ) -> StampResult:
        """Give stamps for a purchase. Not idempotent: never repeat after a timeout without
        first re-reading the game's progress (`card_games`)."""
        _check_id("game_id", game_id)
        _check_id("card_id", card_id)
        _check_id("shop_id", shop_id)
        if isinstance(stamps_count, bool) or not 1 <= stamps_count <= 100:
            raise ValueError("stamps_count must be between 1 and 100")
        answer = await self._http.request(
            "POST",
            f"games/{game_id}/add-stamps",
            body={"card_id": card_id, "shop_id": shop_id, "stamps_count": stamps_count},
            messages=_GAME_MESSAGES,
        )
        return read_model(StampResult, answer.data, answer.request_id)

    async def card_coupons(self, *, shop_id: int, card_id: int) -> CardCoupons:
        """The customer's coupons usable at this shop."""
        _check_id("shop_id", shop_id)
        _check_id("card_id", card_id)
        answer = await self._http.request(
            "GET",
            "coupons/card",
            params={"shop_id": shop_id, "card_id": card_id},
            messages=_COUPON_MESSAGES,
        )
        data = answer.data
        if isinstance(data, list):  # a bare list is read as the coupons themselves
            data = {"coupons": data}
        return read_model(CardCoupons, data, answer.request_id)

    async def verify_coupon(self, code: str, *, shop_id: int) -> CouponCheck:
        """Check a coupon the customer shows: its offer, owner, card and whether it is usable."""
        cleaned = code.strip().upper()
        if not cleaned or len(cleaned) > 64 or not cleaned.isalnum() or not cleaned.isascii():
            raise ValueError("not a coupon code")
        _check_id("shop_id", shop_id)
        answer = await self._http.request(
            "POST",
            "coupons/verify",
            body={"coupon_code": cleaned, "shop_id": shop_id},
            messages=_COUPON_MESSAGES,
        )
        return read_model(CouponCheck, answer.data, answer.request_id)

    async def redeem_coupon(
        self,
        coupon_id: int,
        *,
        shop_id: int,
        selected_product_id: int | None = None,
        notes: str | None = None,
    ) -> CouponRedemption:
        """Use a coupon, once. A second redemption answers COUPON_ALREADY_USED."""
        _check_id("coupon_id", coupon_id)
        _check_id("shop_id", shop_id)
        body: dict[str, Any] = {"coupon_id": coupon_id, "shop_id": shop_id}
        if selected_product_id is not None:
            _check_id("selected_product_id", selected_product_id)
            body["selected_product_id"] = selected_product_id
        if notes:
            body["notes"] = notes[:_MAX_NOTES]
        answer = await self._http.request(
            "POST", "coupons/redeem", body=body, messages=_COUPON_MESSAGES
        )
        return read_model(CouponRedemption, answer.data, answer.request_id)


def _check_id(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a non-negative whole number")


def _items(answer: Answer, key: str) -> list[Any]:
    """A list answer: `data` itself, or `data.<key>` / `data.items` / `data.data`."""
    data = answer.data
    if isinstance(data, dict):
        for name in (key, "items", "data"):
            if isinstance(data.get(name), list):
                data = data[name]
                break
    if not isinstance(data, list):
        raise InvalidResponseError(
            "The loyalty service sent an answer the till does not understand "
            f"(bad or missing: {key}).",
            request_id=answer.request_id,
        )
    return data


