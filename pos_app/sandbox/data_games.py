"""Seed data for the sandbox: the "Coffee card" stamp game, its progress, and coupons.

Coupon expiry dates are set relative to the moment of seeding, so an "active" coupon stays
active and an "expired" one stays expired whatever day the tests run.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Final

from pos_app.sandbox.data_shops import DEMO_SHOP_ID, SECOND_SHOP_ID

COFFEE_GAME_ID: Final = 1
COFFEE_STAMPS: Final = 8
ONE_STAMP_AWAY_CARD: Final = "900-002-001"

ACTIVE_COUPON: Final = "K4810000501"
USED_COUPON: Final = "K4810000502"
EXPIRED_COUPON: Final = "K4810000503"
PENDING_ELSEWHERE_COUPON: Final = "K4810000504"  # pending at shop 2
PRODUCT_CHOICE_COUPON: Final = "K4810000505"
SECOND_ACTIVE_COUPON: Final = "K4810000506"
REWARD_CODE_PREFIX: Final = "K482"  # + 7 digits: coupons the sandbox generates

_GAMES: Final[tuple[dict[str, Any], ...]] = (
    {
        "id": COFFEE_GAME_ID,
        "name": {"lt": "Kavos kortelė", "en": "Coffee card"},
        "description": {
            "lt": "Surinkite 8 antspaudus ir gaukite kapučiną nemokamai",
            "en": "Collect 8 stamps for a free cappuccino",
        },
        "game_type": "stamps",
        "is_active": True,
        "stamps_required": COFFEE_STAMPS,
        "stamp_icon": "coffee",
        "reward_type": "free_product",
        "product_name": "Cappuccino",
        "reward_title": {"lt": "Nemokamas kapučinas", "en": "Free cappuccino"},
        "reward_days": 30,
        "shop_ids": [DEMO_SHOP_ID, SECOND_SHOP_ID],
    },
)

# card id -> stamps on the Coffee card; cards not listed have not started it.
_PROGRESS: Final[dict[int, int]] = {1001: 3, 1002: COFFEE_STAMPS - 1, 1004: 5, 1005: 1}


def seed_games() -> list[dict[str, Any]]:
    return copy.deepcopy(list(_GAMES))


def seed_progress(stamp_time: str) -> dict[tuple[int, int], dict[str, Any]]:
    """(game id, card id) -> progress, each stamp in its history at `stamp_time`."""
    progress: dict[tuple[int, int], dict[str, Any]] = {}
    for card_id, stamps in _PROGRESS.items():
        history = [
            {"timestamp": stamp_time, "action": "stamp_added", "value": 1, "shop_id": DEMO_SHOP_ID}
            for _ in range(stamps)
        ]
        progress[(COFFEE_GAME_ID, card_id)] = {
            "current_step": stamps,
            "completed_at": None,
            "history": history,
        }
    return progress


def _offer(
    offer_id: int,
    title: tuple[str, str],
    details: tuple[str, str],
    *,
    discount_type: str = "game_reward",
    reward_type: str = "free_product",
    price: str | None = None,
) -> dict[str, Any]:
    return {
        "id": offer_id,
        "title": {"en": title[0], "lt": title[1]},
        "description": {"en": details[0], "lt": details[1]},
        "discount_type": discount_type,
        "reward_type": reward_type,
        "reward_details": {"en": details[0], "lt": details[1]},
        "original_price": Decimal(price) if price is not None else None,
    }


_FREE_CAPPUCCINO = _offer(
    901,
    ("Free cappuccino", "Nemokamas kapučinas"),
    ("A cappuccino of any size, on the house", "Bet kokio dydžio kapučinas nemokamai"),
    price="3.20",
)
_PASTRY_DISCOUNT = _offer(
    902,
    ("10% off pastries", "10% nuolaida kepiniams"),
    ("10% off every pastry in one order", "10% nuolaida visiems kepiniams viename užsakyme"),
    discount_type="percentage",
    reward_type="discount",
)
_FREE_CROISSANT = _offer(
    903,
    ("Free croissant", "Nemokamas raguolis"),
    ("One butter croissant", "Vienas sviestinis raguolis"),
    price="2.20",
)
_FREE_PASTRY = _offer(
    904,
    ("Free pastry of your choice", "Nemokamas kepinys pasirinktinai"),
    ("Choose a croissant or a cinnamon bun", "Pasirinkite raguolį arba cinamono bandelę"),
    discount_type="free_product",
)
_FREE_ESPRESSO = _offer(
    905,
    ("Free espresso", "Nemokamas espresas"),
    ("One espresso with any purchase", "Vienas espresas prie bet kokio pirkinio"),
    discount_type="free_product",
    price="2.00",
)
_PASTRY_PRODUCTS: Final = (
    {"id": 31, "name": "Croissant", "price": Decimal("2.20")},
    {"id": 32, "name": "Cinnamon bun", "price": Decimal("2.60")},
)


def _coupon(
    coupon_id: int,
    code: str,
    card_id: int,
    offer: dict[str, Any],
    expiry: datetime,
    *,
    status: str = "active",
    pending_shop_id: int | None = None,
    products: tuple[dict[str, Any], ...] = (),
    redeemed_at: str | None = None,
    game_id: int | None = None,
) -> dict[str, Any]:
    return {
        "id": coupon_id,
        "code": code,
        "card_id": card_id,
        "offer": copy.deepcopy(offer),
        "status": status,
        "expiry": expiry,
        "pending_shop_id": pending_shop_id,
        "products": copy.deepcopy(list(products)),
        "redeemed_at": redeemed_at,
        "redeemed_shop_id": DEMO_SHOP_ID if redeemed_at else None,
        "notes": None,
        "shop_ids": [DEMO_SHOP_ID, SECOND_SHOP_ID],
        "game_id": game_id,
    }


def seed_coupons(now: datetime, iso: Any) -> list[dict[str, Any]]:
    """The demo coupons; `iso` writes a moment the way the API does."""
    return [
        _coupon(
            501, ACTIVE_COUPON, 1001, _FREE_CAPPUCCINO, now + timedelta(days=20),
            game_id=COFFEE_GAME_ID,
        ),
        _coupon(
            502, USED_COUPON, 1001, _PASTRY_DISCOUNT, now + timedelta(days=10), status="used",
            redeemed_at=iso(now - timedelta(days=3)),
        ),
        _coupon(
            503, EXPIRED_COUPON, 1001, _FREE_CROISSANT, now - timedelta(days=5), status="expired"
        ),
        _coupon(
            504, PENDING_ELSEWHERE_COUPON, 1002, _FREE_CAPPUCCINO, now + timedelta(days=15),
            pending_shop_id=SECOND_SHOP_ID, game_id=COFFEE_GAME_ID,
        ),
        _coupon(
            505, PRODUCT_CHOICE_COUPON, 1004, _FREE_PASTRY, now + timedelta(days=25),
            products=_PASTRY_PRODUCTS,
        ),
        _coupon(506, SECOND_ACTIVE_COUPON, 1002, _FREE_ESPRESSO, now + timedelta(days=7)),
    ]  # fmt: skip


def reward_offer(game: dict[str, Any]) -> dict[str, Any]:
    """The offer behind the coupon a completed game generates."""
    title = game["reward_title"]
    return {
        "id": 900 + int(game["id"]),
        "title": dict(title),
        "description": dict(game["description"]),
        "discount_type": "game_reward",
        "reward_type": game["reward_type"],
        "reward_details": dict(title),
        "original_price": None,
    }
