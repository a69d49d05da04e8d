"""Routes for stamp-card games and coupons: card games, add stamps, card coupons, verify, redeem."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pos_app.sandbox.fields import Fields, as_integer, json_body
from pos_app.sandbox.messages import SandboxError, text
from pos_app.sandbox.responses import success
from pos_app.sandbox.routes_shop import Wrap
from pos_app.sandbox.state import SandboxState

MAX_STAMPS_PER_CALL = 50


def _path_id(request: Request, name: str, locale: str) -> int:
    """A numeric id from the path; anything else is not a resource (404)."""
    value = as_integer(request.path_params[name])
    if value is None or value < 1:
        raise SandboxError(404, text("not_found", locale), code="RESOURCE_NOT_FOUND")
    return value


class GameRoutes:
    """cards/{card_id}/games, games/{game_id}/add-stamps and /restart, coupons/*."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state

    def _shop_id(self, fields: Fields, *, required: bool) -> int | None:
        shop_id = fields.integer("shop_id", required=required, minimum=1)
        if shop_id is not None and not self.state.shop_exists(shop_id):
            fields.fail("shop_id", "field_exists")
            return None
        return shop_id

    async def card_games(self, request: Request, locale: str, request_id: str) -> Response:
        card_id = _path_id(request, "card_id", locale)
        fields = Fields(request.query_params, locale, query=True)
        shop_id = self._shop_id(fields, required=False)
        fields.check()
        data = self.state.games.card_games(card_id, shop_id, locale)
        return success(data, message=text("games_ok", locale), request_id=request_id)

    async def add_stamps(self, request: Request, locale: str, request_id: str) -> Response:
        game_id = _path_id(request, "game_id", locale)
        fields = Fields(await json_body(request, locale), locale)
        card_id = fields.integer("card_id", required=True, minimum=1)
        shop_id = self._shop_id(fields, required=True)
        count = fields.integer("stamps_count", minimum=1, maximum=MAX_STAMPS_PER_CALL)
        fields.check()
        assert card_id is not None
        assert shop_id is not None
        data = self.state.games.add_stamps(game_id, card_id, shop_id, count or 1, locale)
        key = "game_completed" if data.get("reward_generated") else "stamps_added"
        return success(data, message=text(key, locale), request_id=request_id)

    async def restart(self, request: Request, locale: str, request_id: str) -> Response:
        game_id = _path_id(request, "game_id", locale)
        fields = Fields(await json_body(request, locale), locale)
        card_id = fields.integer("card_id", required=True, minimum=1)
        shop_id = self._shop_id(fields, required=True)
        fields.check()
        assert card_id is not None
        assert shop_id is not None
        data = self.state.games.restart(game_id, card_id, shop_id, locale)
        return success(data, message=text("game_restarted", locale), request_id=request_id)

    async def card_coupons(self, request: Request, locale: str, request_id: str) -> Response:
        fields = Fields(request.query_params, locale, query=True)
        shop_id = self._shop_id(fields, required=True)
        card_id = fields.integer("card_id", minimum=1)
        user_id = fields.integer("user_id", minimum=1)
        if not fields.present("card_id") and not fields.present("user_id"):
            fields.fail_text("card_id", text("card_or_user_required", locale))
        fields.check()
        assert shop_id is not None
        if card_id is None:
            card_id = self.state.card_id_for_user(user_id or 0) or 0  # 0: not found below
        data = self.state.games.card_coupons(card_id, shop_id, locale)
        return success(data, message=text("coupons_ok", locale), request_id=request_id)

    async def verify(self, request: Request, locale: str, request_id: str) -> Response:
        body = await json_body(request, locale)
        if body.get("coupon_code") is None and body.get("code") is not None:
            body["coupon_code"] = body["code"]  # the official SDKs send `code`
        fields = Fields(body, locale)
        code = fields.string("coupon_code", required=True, max_len=64)
        shop_id = self._shop_id(fields, required=True)
        fields.check()
        assert code is not None
        assert shop_id is not None
        data = self.state.games.verify(code, shop_id, locale)
        return success(data, message=text("coupon_valid", locale), request_id=request_id)

    async def redeem(self, request: Request, locale: str, request_id: str) -> Response:
        fields = Fields(await json_body(request, locale), locale)
        coupon_id = fields.integer("coupon_id", required=True, minimum=1)
        shop_id = self._shop_id(fields, required=True)
        product_id = fields.integer("selected_product_id", minimum=1)
        notes = fields.string("notes", max_len=255)
        fields.check()
        assert coupon_id is not None
        assert shop_id is not None
        data = self.state.games.redeem(coupon_id, shop_id, product_id, notes, locale)
        return success(data, message=text("coupon_redeemed", locale), request_id=request_id)

    def routes(self, wrap: Wrap) -> list[Route]:
        shop = "/{locale}/shop"
        return [
            Route(f"{shop}/cards/{{card_id}}/games", wrap(self.card_games), methods=["GET"]),
            Route(f"{shop}/games/{{game_id}}/add-stamps", wrap(self.add_stamps), methods=["POST"]),
            Route(f"{shop}/games/{{game_id}}/restart", wrap(self.restart), methods=["POST"]),
            Route(f"{shop}/coupons/card", wrap(self.card_coupons), methods=["GET"]),
            Route(f"{shop}/coupons/verify", wrap(self.verify), methods=["POST"]),
            Route(f"{shop}/coupons/redeem", wrap(self.redeem), methods=["POST"]),
        ]
