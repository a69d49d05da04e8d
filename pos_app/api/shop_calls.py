"""Shop API calls for a card's balance, the shops and the transactions: a LoyaltyClient mixin."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final

from pos_app.api.envelope import UNREADABLE, Answer, ModelT, read_model
from pos_app.api.errors import InvalidResponseError
from pos_app.core.models import Balance, Page, Shop, Transaction

if TYPE_CHECKING:
    from pos_app.api.http import ShopHttp


_CARD_MESSAGES: Final = {"404": "No loyalty card was found for that number."}
_PAGE_FIELDS: Final = ("current_page", "last_page", "per_page", "total")
MAX_PER_PAGE: Final = 100


def read_page(item: type[ModelT], answer: Answer, *names: str) -> Page[ModelT]:
    """A list answer as a Page: `data` is the list and `meta` stands beside it, as documented.

    Also read: `data` holding the list under "data", "items" or one of `names`, with the
    pagination under "meta" or "pagination", or flat beside the list (Laravel's own form).
    """
    data, meta = answer.data, answer.meta
    items: Any = None
    if isinstance(data, list):
        items = data
    elif isinstance(data, dict):
        items = next(
            (data[key] for key in ("data", "items", *names) if isinstance(data.get(key), list)),
            None,
        )
        if not isinstance(meta, dict):
            inner = data.get("meta", data.get("pagination"))
            meta = inner if isinstance(inner, dict) else data
    if items is None:
        raise InvalidResponseError(f"{UNREADABLE} (no list).", request_id=answer.request_id)
    pagination: Mapping[str, Any] = meta if isinstance(meta, dict) else {}
    fields = {name: pagination[name] for name in _PAGE_FIELDS if name in pagination}
    return read_model(Page[item], {"items": items, **fields}, answer.request_id)  # type: ignore[valid-type]


def _page_params(page: int, per_page: int | None) -> dict[str, str | int]:
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise ValueError("page must be a whole number from 1")
    params: dict[str, str | int] = {"page": page}
    if per_page is not None:
        if isinstance(per_page, bool) or not 1 <= per_page <= MAX_PER_PAGE:
            raise ValueError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        params["per_page"] = per_page
    return params


def _day(name: str, value: date | str) -> str:
    """A date filter as the API reads it: `2024-12-07`, or an ISO timestamp for a datetime."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ValueError(f"{name} must be a date")


def card_query(
    card_number: str | None, card_id: int | None, user_id: int | None
) -> dict[str, str | int]:
    """At least one of the three ways the API finds a card."""
    params: dict[str, str | int] = {}
    if card_number is not None:
        if not card_number.strip():
            raise ValueError("card_number is empty")
        params["card_number"] = card_number.strip()
    if card_id is not None:
        params["card_id"] = card_id
    if user_id is not None:
        params["user_id"] = user_id
    if not params:
        raise ValueError("give card_number, card_id or user_id")
    return params


class ShopCalls:
    """`balance`, `shops` and `transactions`: the same headers, budget and error classes as
    every other call of LoyaltyClient, typed answers, lists as `Page[...]`."""

    if TYPE_CHECKING:
        _http: ShopHttp

    async def balance(
        self,
        *,
        card_number: str | None = None,
        card_id: int | None = None,
        user_id: int | None = None,
    ) -> Balance:
        """A card's points alone (lighter than `card_info`)."""
        answer = await self._http.request(
            "GET",
            "loyalty-cards/balance",
            params=card_query(card_number, card_id, user_id),
            messages=_CARD_MESSAGES,
        )
        return read_model(Balance, answer.data, answer.request_id)

    async def shops(
        self,
        page: int = 1,
        *,
        per_page: int | None = None,
        search: str | None = None,
        is_active: bool | None = None,
    ) -> Page[Shop]:
        """One page of the partner's shops (the server lists active ones unless told otherwise)."""
        params = _page_params(page, per_page)
        if search is not None and search.strip():
            params["search"] = search.strip()
        if is_active is not None:
            params["is_active"] = int(is_active)
        answer = await self._http.request("GET", "shops", params=params)
        return read_page(Shop, answer, "shops")

    async def transactions(
        self,
        *,
        loyalty_card_id: int | None = None,
        user_id: int | None = None,
        user_email: str | None = None,
        type: str | None = None,
        date_from: date | str | None = None,
        date_to: date | str | None = None,
        page: int = 1,
        per_page: int | None = None,
    ) -> Page[Transaction]:
        """One page of the partner's transactions from every till and web shop, newest first."""
        params = _page_params(page, per_page)
        filters: dict[str, str | int | None] = {
            "loyalty_card_id": loyalty_card_id,
            "user_id": user_id,
            "user_email": user_email.strip() if user_email else None,
            "type": type.strip() if type else None,
            "date_from": None if date_from is None else _day("date_from", date_from),
            "date_to": None if date_to is None else _day("date_to", date_to),
        }
        params.update({key: value for key, value in filters.items() if value is not None})
        answer = await self._http.request("GET", "transactions", params=params)
        return read_page(Transaction, answer, "transactions")
