"""Routes for the balance, the partner's shops and its transactions list (paginated with `meta`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pos_app.sandbox.fields import Fields, invalid
from pos_app.sandbox.listing import Page, ShopQuery, TransactionQuery, paginate
from pos_app.sandbox.messages import text
from pos_app.sandbox.responses import json_response, success
from pos_app.sandbox.state import SandboxState

Handler = Callable[[Request, str, str], Awaitable[Response]]
Wrap = Callable[[Handler], Callable[[Request], Awaitable[Response]]]

SHOPS_PER_PAGE = (15, 50)  # default, most
TRANSACTIONS_PER_PAGE = (15, 100)


def paged(page: Page, *, message: str, request_id: str) -> Response:
    """`{"success", "code", "request_id", "message", "data": [...], "meta": {...}}`."""
    return json_response(
        {
            "success": True,
            "code": 200,
            "request_id": request_id,
            "message": message,
            "data": page.items,
            "meta": page.meta,
        }
    )


def card_identifiers(fields: Fields) -> dict[str, Any]:
    """card_number, card_id, user_id: at least one (422 naming card_number otherwise)."""
    card_number = fields.string("card_number")
    card_id = fields.integer("card_id")
    user_id = fields.integer("user_id")
    fields.check()
    if card_number is None and card_id is None and user_id is None:
        message = text("identifier_required", fields.locale)
        raise invalid(fields.locale, {"card_number": [message]}, message)
    return {"card_number": card_number, "card_id": card_id, "user_id": user_id}


def page_fields(fields: Fields, limits: tuple[int, int]) -> tuple[int, int]:
    page = fields.integer("page", minimum=1) or 1
    per_page = fields.integer("per_page", minimum=1, maximum=limits[1]) or limits[0]
    return page, per_page


class ShopRoutes:
    """loyalty-cards/balance, shops, transactions."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state

    async def balance(self, request: Request, locale: str, request_id: str) -> Response:
        ids = card_identifiers(Fields(request.query_params, locale, query=True))
        card = self.state.find_card(locale, **ids)
        data = {"card_id": card["id"], "card_number": card["card_number"], "points": card["points"]}
        return success(data, message=text("balance_ok", locale), request_id=request_id)

    async def shops(self, request: Request, locale: str, request_id: str) -> Response:
        fields = Fields(request.query_params, locale, query=True)
        page, per_page = page_fields(fields, SHOPS_PER_PAGE)
        search = fields.string("search")
        is_active = fields.boolean("is_active")
        fields.check()
        query = ShopQuery(search=search, is_active=True if is_active is None else is_active)
        found = self.state.list_shops(query)
        return paged(
            paginate(found, page, per_page), message=text("shops_ok", locale), request_id=request_id
        )

    async def transactions(self, request: Request, locale: str, request_id: str) -> Response:
        fields = Fields(request.query_params, locale, query=True)
        page, per_page = page_fields(fields, TRANSACTIONS_PER_PAGE)
        query = TransactionQuery(
            user_id=fields.integer("user_id"),
            user_email=fields.email("user_email"),
            loyalty_card_id=fields.integer("loyalty_card_id"),
            shop_id=fields.integer("shop_id"),
            reference_number=fields.string("reference_number"),
            type=fields.string("type", max_len=32),
            date_from=fields.day("date_from"),
            date_to=fields.day("date_to"),
        )
        if query.date_from and query.date_to and query.date_to < query.date_from:
            fields.fail("date_to", "field_after_from")
        fields.check()
        found = self.state.list_transactions(query)
        return paged(
            paginate(found, page, per_page),
            message=text("transactions_ok", locale),
            request_id=request_id,
        )

    def routes(self, wrap: Wrap) -> list[Route]:
        shop = "/{locale}/shop"
        return [
            Route(f"{shop}/loyalty-cards/balance", wrap(self.balance), methods=["GET"]),
            Route(f"{shop}/shops", wrap(self.shops), methods=["GET"]),
            Route(f"{shop}/transactions", wrap(self.transactions), methods=["GET"]),
        ]
