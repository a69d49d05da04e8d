"""A faithful Loyalty.lt Shop API stand-in over real HTTP, for demo mode and tests.

The seed data and demo credentials are plain Python; the server (Starlette + uvicorn) loads
only when `SandboxServer` and friends are first used, so reading `DEMO_API_KEY` costs nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pos_app.sandbox.data import (
    CASHIER_BADGE,
    DEMO_API_KEY,
    DEMO_API_SECRET,
    DEMO_CARD_NUMBERS,
    DEMO_QR_UUIDS,
    MANAGER_BADGE,
    STAFF_BADGES,
    STAGING_DEMO_CARDS,
    qr_uuid_for,
)
from pos_app.sandbox.data_games import (
    ACTIVE_COUPON,
    COFFEE_GAME_ID,
    EXPIRED_COUPON,
    ONE_STAMP_AWAY_CARD,
    PENDING_ELSEWHERE_COUPON,
    PRODUCT_CHOICE_COUPON,
    USED_COUPON,
)
from pos_app.sandbox.data_shops import DEMO_SHOP_ID, SECOND_SHOP_ID

if TYPE_CHECKING:
    from pos_app.sandbox.faults import FAULT_KINDS, FaultKind, Faults
    from pos_app.sandbox.messages import SandboxError
    from pos_app.sandbox.server import SandboxServer
    from pos_app.sandbox.state import LoggedRequest, SandboxState

_LAZY = {
    "FAULT_KINDS": "pos_app.sandbox.faults",
    "FaultKind": "pos_app.sandbox.faults",
    "Faults": "pos_app.sandbox.faults",
    "SandboxError": "pos_app.sandbox.messages",
    "SandboxServer": "pos_app.sandbox.server",
    "LoggedRequest": "pos_app.sandbox.state",
    "SandboxState": "pos_app.sandbox.state",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pos_app.sandbox' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "ACTIVE_COUPON",
    "CASHIER_BADGE",
    "COFFEE_GAME_ID",
    "DEMO_API_KEY",
    "DEMO_API_SECRET",
    "DEMO_CARD_NUMBERS",
    "DEMO_QR_UUIDS",
    "DEMO_SHOP_ID",
    "EXPIRED_COUPON",
    "FAULT_KINDS",
    "MANAGER_BADGE",
    "ONE_STAMP_AWAY_CARD",
    "PENDING_ELSEWHERE_COUPON",
    "PRODUCT_CHOICE_COUPON",
    "SECOND_SHOP_ID",
    "STAFF_BADGES",
    "STAGING_DEMO_CARDS",
    "USED_COUPON",
    "FaultKind",
    "Faults",
    "LoggedRequest",
    "SandboxError",
    "SandboxServer",
    "SandboxState",
    "qr_uuid_for",
]
