"""The paginated lists: the partner's shops and its transactions from every till and web shop."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: the items and the `meta` block the API puts beside `data`."""

    items: list[dict[str, Any]]
    meta: dict[str, int]


def paginate(items: list[dict[str, Any]], page: int, per_page: int) -> Page:
    """Laravel's paginator: `last_page` is at least 1; a page past the end is empty."""
    total = len(items)
    start = (page - 1) * per_page
    return Page(
        items=items[start : start + per_page],
        meta={
            "current_page": page,
            "last_page": max(1, math.ceil(total / per_page)),
            "per_page": per_page,
            "total": total,
        },
    )


@dataclass(frozen=True, slots=True)
class ShopQuery:
    """The filters of GET shops."""

    search: str | None = None
    is_active: bool = True


def select_shops(shops: list[dict[str, Any]], query: ShopQuery) -> list[dict[str, Any]]:
    """Shops matching the query, by id; `search` looks in the name, address and city."""
    wanted = (query.search or "").strip().casefold()
    found = []
    for shop in sorted(shops, key=lambda s: int(s["id"])):
        if bool(shop["is_active"]) != query.is_active:
            continue
        haystack = " ".join(str(shop.get(k) or "") for k in ("name", "address", "city"))
        if wanted and wanted not in haystack.casefold():
            continue
        found.append(dict(shop))
    return found


@dataclass(frozen=True, slots=True)
class TransactionQuery:
    """The filters of GET transactions; every given one must match."""

    user_id: int | None = None
    user_email: str | None = None
    loyalty_card_id: int | None = None
    shop_id: int | None = None
    reference_number: str | None = None
    type: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def transaction_item(
    record: dict[str, Any],
    card: dict[str, Any] | None,
    shop: dict[str, Any] | None,
) -> dict[str, Any]:
    """A recorded transaction as the list shows it: net points (negative when more were
    spent than earned), the order id as `reference_number`, card and shop in short form."""
    points = int(record["points_awarded"]) - int(record["points_redeemed"])
    description = record.get("description") or f"Pirkimas #{record['order_id']}"
    metadata = dict(record.get("meta_data") or {})
    metadata.setdefault("source", "pos")
    metadata.update(
        points_awarded=record["points_awarded"],
        points_redeemed=record["points_redeemed"],
        points_discount_amount=record["points_discount_amount"],
    )
    user = (card or {}).get("user")
    return {
        "id": record["transaction_id"],
        "type": record.get("type", "purchase"),
        "points": points,
        "amount": record["order_total"],
        "currency": record["currency"],
        "description": description,
        "reference_number": record["order_id"],
        "status": "completed",
        "user": dict(user) if user else None,
        "loyalty_card": (
            {"id": card["id"], "name": card["card_name"], "number": card["card_number"]}
            if card
            else None
        ),
        "shop": {"id": shop["id"], "name": shop["name"]} if shop else None,
        "metadata": metadata,
        "transaction_date": record["created_at"],
        "created_at": record["created_at"],
    }


def _matches(item: dict[str, Any], query: TransactionQuery) -> bool:
    user = item["user"] or {}
    card = item["loyalty_card"] or {}
    shop = item["shop"] or {}
    day = date.fromisoformat(item["transaction_date"][:10])
    email = (user.get("email") or "").casefold()
    checks = (
        query.user_id is None or user.get("id") == query.user_id,
        query.user_email is None or email == query.user_email.casefold(),
        query.loyalty_card_id is None or card.get("id") == query.loyalty_card_id,
        query.shop_id is None or shop.get("id") == query.shop_id,
        query.reference_number is None or item["reference_number"] == query.reference_number,
        query.type is None or item["type"] == query.type,
        query.date_from is None or day >= query.date_from,
        query.date_to is None or day <= query.date_to,
    )
    return all(checks)


def select_transactions(
    items: list[dict[str, Any]], query: TransactionQuery
) -> list[dict[str, Any]]:
    """The matching items, newest first (ties: the higher id first)."""
    found = [item for item in items if _matches(item, query)]
    found.sort(key=lambda i: (i["transaction_date"], i["id"]), reverse=True)
    return found
