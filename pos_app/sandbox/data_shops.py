"""Seed data for the sandbox: the partner's shops and the past transactions of the demo cards."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any, Final

DEMO_SHOP_ID: Final = 1  # the shop a demo till stands in
SECOND_SHOP_ID: Final = 2
INACTIVE_SHOP_ID: Final = 3

_HOURS: Final[dict[str, str]] = {
    "monday": "08:00-20:00",
    "tuesday": "08:00-20:00",
    "wednesday": "08:00-20:00",
    "thursday": "08:00-20:00",
    "friday": "08:00-21:00",
    "saturday": "09:00-21:00",
    "sunday": "10:00-18:00",
}

_SHOPS: Final[tuple[dict[str, Any], ...]] = (
    {
        "id": DEMO_SHOP_ID,
        "name": "Coffee Paradise - Vilnius",
        "address": "Gedimino pr. 1",
        "city": "Vilnius",
        "phone": "+37052000001",
        "working_hours": _HOURS,
        "is_active": True,
    },
    {
        "id": SECOND_SHOP_ID,
        "name": "Coffee Paradise - Kaunas",
        "address": "Laisvės al. 10",
        "city": "Kaunas",
        "phone": "+37037000002",
        "working_hours": _HOURS,
        "is_active": True,
    },
    {
        "id": INACTIVE_SHOP_ID,
        "name": "Coffee Paradise - Klaipėda",
        "address": "Herkaus Manto g. 5",
        "city": "Klaipėda",
        "phone": "+37046000003",
        "working_hours": _HOURS,
        "is_active": False,
    },
)


def seed_shops() -> list[dict[str, Any]]:
    """A fresh copy of the partner's shops."""
    return copy.deepcopy(list(_SHOPS))


def _past(
    transaction_id: int,
    card_id: int,
    when: str,
    order_id: str,
    total: str,
    *,
    shop_id: int | None,
    awarded: int = 0,
    redeemed: int = 0,
    discount: str = "0",
    kind: str = "purchase",
    description: str | None = None,
    source: str = "pos",
) -> dict[str, Any]:
    """A past transaction in the same form as one recorded by transactions/create."""
    return {
        "transaction_id": transaction_id,
        "type": kind,
        "order_id": order_id,
        "order_total": Decimal(total),
        "currency": "EUR",
        "points_redeemed": redeemed,
        "points_discount_amount": Decimal(discount),
        "points_awarded": awarded,
        "loyalty_card_id": card_id,
        "description": description,
        "shop_id": shop_id,
        "meta_data": {"source": source},
        "created_at": when,
    }


# Sales from both shops and the web shop (shop None), a refund and a bonus: what a manager
# expects in a card's history. Ids sit below the ones new sales get.
_HISTORY: Final[tuple[dict[str, Any], ...]] = (
    _past(40001, 1001, "2024-11-20T08:12:00.000Z", "POS-V1-0001", "12.40", shop_id=1, awarded=12),
    _past(
        40002,
        1001,
        "2024-12-01T17:40:00.000Z",
        "WC-10231",
        "45.00",
        shop_id=None,
        awarded=45,
        redeemed=200,
        discount="2.00",
        source="woocommerce",
    ),
    _past(40003, 1001, "2024-12-07T14:30:00.000Z", "POS-K1-0002", "6.80", shop_id=2, awarded=6),
    _past(
        40004,
        1001,
        "2024-12-10T09:00:00.000Z",
        "BONUS-BDAY-1",
        "0",
        shop_id=None,
        awarded=100,
        kind="bonus",
        description="Gimtadienio premija",
        source="campaign",
    ),
    _past(40005, 1002, "2024-12-15T10:05:00.000Z", "POS-V1-0003", "8.20", shop_id=1, awarded=87),
    _past(40006, 1002, "2025-01-03T12:00:00.000Z", "WC-10302", "30.00", shop_id=None, awarded=305),
    _past(
        40007,
        1002,
        "2025-01-04T15:20:00.000Z",
        "REFUND-WC-10302",
        "0",
        shop_id=None,
        awarded=-30,
        kind="refund",
        description="Grąžinimas - prekė grąžinta",
        source="woocommerce_refund",
    ),
    _past(40008, 1002, "2025-01-18T09:12:00.000Z", "POS-K1-0004", "4.10", shop_id=2, awarded=46),
    _past(40009, 1003, "2024-10-28T16:00:00.000Z", "POS-V1-0005", "3.50", shop_id=1, awarded=3),
    _past(40010, 1003, "2024-11-02T17:45:00.000Z", "POS-K1-0006", "9.90", shop_id=2, awarded=9),
    _past(40011, 1004, "2025-01-10T07:55:00.000Z", "POS-V1-0007", "5.60", shop_id=1, awarded=5),
    _past(
        40012,
        1004,
        "2025-01-20T18:10:00.000Z",
        "WC-10400",
        "120.00",
        shop_id=None,
        awarded=120,
        redeemed=1000,
        discount="10.00",
        source="woocommerce",
    ),
    _past(40013, 1004, "2025-01-25T08:30:00.000Z", "POS-K1-0008", "7.30", shop_id=2, awarded=7),
    _past(40014, 1004, "2025-02-01T08:05:00.000Z", "POS-V1-0009", "11.00", shop_id=1, awarded=11),
)


def seed_history() -> list[dict[str, Any]]:
    """A fresh copy of the demo cards' past transactions, oldest first."""
    return copy.deepcopy(list(_HISTORY))
