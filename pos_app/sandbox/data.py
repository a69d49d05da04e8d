"""Seed data for the sandbox: the staging demo cards, one card per redemption state, staff badges.

The five staging demo cards belong to users 1-5 (demo1@loyalty.lt ... demo5@loyalty.lt) of
partner 1, as on the staging server; the other cards are this project's own test cases.

Demo credentials live here and are meant for demo mode and tests only: the sandbox accepts
nothing else unless it is given its own key and secret.
"""

from __future__ import annotations

import copy
import uuid
from decimal import Decimal
from typing import Any, Final

DEMO_API_KEY: Final = "lty_demo_sandbox_key"
DEMO_API_SECRET: Final = "demo-sandbox-secret"  # a published demo credential

PARTNER: Final[dict[str, Any]] = {
    "id": 1,
    "name": "Coffee Paradise",
    "logo": "https://staging-api.loyalty.lt/storage/logos/coffee-paradise.png",
}

MANAGER_BADGE: Final = "100000001"
CASHIER_BADGE: Final = "100000002"
STAFF_BADGES: Final[dict[str, str]] = {MANAGER_BADGE: "manager", CASHIER_BADGE: "cashier"}

# Every card's QR code carries a UUID; uuid5 keeps it the same on every run and machine.
_QR_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_URL, "https://staging-api.loyalty.lt/sandbox/qr")


def qr_uuid_for(card_number: str) -> str:
    """The deterministic UUID (lower case, with dashes) inside this card's QR code."""
    return str(uuid.uuid5(_QR_NAMESPACE, card_number))


def _redemption(
    *,
    enabled: bool = True,
    points_per_currency: str = "100",
    currency_amount: str = "1.00",
    min_points: int = 100,
    max_points: int | None = 5000,
) -> dict[str, Any]:
    return {
        "enabled": enabled,
        "points_per_currency": Decimal(points_per_currency),
        "currency_amount": Decimal(currency_amount),
        "min_points": min_points,
        "max_points": max_points,
    }


def _user(user_id: int, name: str, email: str | None, phone: str | None) -> dict[str, Any]:
    return {"id": user_id, "name": name, "email": email, "phone": phone}


def _demo_user(user_id: int, name: str) -> dict[str, Any]:
    """A staging demo user: demoN@loyalty.lt, phone +3706000000N."""
    return _user(user_id, name, f"demo{user_id}@loyalty.lt", f"+3706000000{user_id}")


def _earning(
    points_per_currency: str = "1",
    currency_amount: str = "1.00",
    points_per_visit: int = 0,
    round_points_up: bool = False,
) -> dict[str, Any]:
    """How a purchase earns points on the card (the server's rule; not in card info)."""
    return {
        "points_per_currency": Decimal(points_per_currency),
        "currency_amount": Decimal(currency_amount),
        "points_per_visit": points_per_visit,
        "round_points_up": round_points_up,
    }


def _card(
    card_id: int,
    card_number: str,
    points: int,
    *,
    user: dict[str, Any] | None,
    redemption: dict[str, Any] | None,
    transactions_count: int,
    last_used_at: str | None,
    is_active: bool = True,
    card_name: str = "Kavos mėgėjo kortelė",
    card_type: str = "partner_specific",
    created_at: str = "2024-01-15T10:00:00.000Z",
    earning: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "id": card_id,
        "card_number": card_number,
        "card_name": card_name,
        "card_type": card_type,
        "points": points,
        "is_active": is_active,
        "transactions_count": transactions_count,
        "last_used_at": last_used_at,
        "redemption": redemption,
        "user": user,
        "partner": dict(PARTNER),
        "created_at": created_at,
        "updated_at": last_used_at or created_at,
        "earning": earning or _earning(),
    }


_SEED_CARDS: Final[tuple[dict[str, Any], ...]] = (
    # The five staging demo cards: users 1-5 of partner 1.
    _card(
        1001,
        "900-001-001",
        1000,
        user=_demo_user(1, "Jonas Jonaitis"),
        redemption=_redemption(),
        transactions_count=45,
        last_used_at="2024-12-07T14:30:00.000Z",
    ),
    _card(
        1002,
        "900-002-001",
        2500,
        user=_demo_user(2, "Ona Petraitienė"),
        redemption=_redemption(),
        # The docs' example: 10 points per 1.00 plus 5 per visit, rounded up (15.50 -> 160).
        earning=_earning("10", "1.00", points_per_visit=5, round_points_up=True),
        transactions_count=112,
        last_used_at="2025-01-18T09:12:00.000Z",
    ),
    _card(
        1003,
        "900-003-001",
        500,
        user=_demo_user(3, "Rūta Žemaitytė"),
        redemption=_redemption(),
        transactions_count=7,
        last_used_at="2024-11-02T17:45:00.000Z",
    ),
    _card(
        1004,
        "900-004-001",
        10000,
        user=_demo_user(4, "Mindaugas Šimkus"),
        redemption=_redemption(),
        transactions_count=318,
        last_used_at="2025-02-01T08:05:00.000Z",
        card_name="Auksinė kavos kortelė",
    ),
    _card(
        1005,
        "900-005-001",
        150,
        user=_demo_user(5, "Eglė Kazlauskienė"),
        redemption=_redemption(),
        transactions_count=0,
        last_used_at=None,
        created_at="2025-02-10T12:00:00.000Z",
    ),
    # One card per way redemption can be impossible or unusual.
    _card(
        1006,
        "900-006-001",
        800,
        user=_user(206, "Tomas Vaitkus", "tomas.vaitkus@example.lt", "+37060000006"),
        redemption=_redemption(),
        transactions_count=23,
        last_used_at="2024-06-30T11:20:00.000Z",
        is_active=False,
    ),
    _card(
        1007,
        "900-007-001",
        1200,
        user=_user(207, "Laura Stankevičienė", "laura.stankeviciene@example.lt", None),
        redemption=_redemption(enabled=False),
        transactions_count=15,
        last_used_at="2025-01-05T16:00:00.000Z",
    ),
    _card(
        1008,
        "900-008-001",
        900,
        user=_user(208, "Darius Paulauskas", "darius.paulauskas@example.lt", "+37060000008"),
        redemption=_redemption(points_per_currency="0"),
        transactions_count=9,
        last_used_at="2024-10-10T10:10:00.000Z",
    ),
    _card(
        1009,
        "900-009-001",
        60,
        user=_user(209, "Greta Urbonaitė", "greta.urbonaite@example.lt", "+37060000009"),
        redemption=_redemption(),
        transactions_count=2,
        last_used_at="2025-01-28T13:37:00.000Z",
    ),
    _card(
        1010,
        "900-010-001",
        1000,
        user=_user(210, "Andrius Balčiūnas", "andrius.balciunas@example.lt", "+37060000010"),
        redemption=_redemption(
            points_per_currency="3", currency_amount="0.10", min_points=0, max_points=None
        ),
        transactions_count=31,
        last_used_at="2024-12-24T18:59:00.000Z",
    ),
    _card(
        1011,
        "900-011-001",
        400,
        user=None,
        redemption=None,
        transactions_count=4,
        last_used_at="2024-09-01T09:00:00.000Z",
        card_name="Universali kortelė",
        card_type="universal",
    ),
    _card(
        567,
        "LC00000567",
        320,
        user=_user(211, "Vytautas Kairys", "vytautas.kairys@example.lt", "+37060000011"),
        redemption=_redemption(),
        transactions_count=12,
        last_used_at="2024-12-30T15:15:00.000Z",
        card_name="Partnerio kortelė",
        card_type="third_party",
    ),
)

STAGING_DEMO_CARDS: Final[tuple[str, ...]] = (
    "900-001-001",
    "900-002-001",
    "900-003-001",
    "900-004-001",
    "900-005-001",
)
DEMO_CARD_NUMBERS: Final[tuple[str, ...]] = tuple(c["card_number"] for c in _SEED_CARDS)
DEMO_QR_UUIDS: Final[dict[str, str]] = {n: qr_uuid_for(n) for n in DEMO_CARD_NUMBERS}

# Named handles for tests and the demo: which card shows which redemption state.
INACTIVE_CARD: Final = "900-006-001"
REDEMPTION_DISABLED_CARD: Final = "900-007-001"
MISCONFIGURED_CARD: Final = "900-008-001"
BELOW_MINIMUM_CARD: Final = "900-009-001"
ODD_RATE_CARD: Final = "900-010-001"
NO_REDEMPTION_NO_USER_CARD: Final = "900-011-001"
PARTNER_FORMAT_CARD: Final = "LC00000567"


def seed_cards() -> list[dict[str, Any]]:
    """A fresh, independent copy of the seed cards (money and rates as Decimal)."""
    return copy.deepcopy(list(_SEED_CARDS))
