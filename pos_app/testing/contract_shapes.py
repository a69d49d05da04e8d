"""The vocabulary of the contract scenarios: what a documented answer and its reading are."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypedDict

from pos_app.api.errors import ApiError


@dataclass(frozen=True)
class Expect:
    """What the client makes of an answer: a result whose attributes (dotted paths) have these
    values, or an error of this class with this status, code and wait."""

    error: type[ApiError] | None = None
    status: int | None = None
    code: str | None = None
    retry_after: tuple[float, float] | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)
    # The budget's `remaining` right after the call (the server's X-RateLimit-* taken in).
    budget_left: int | None = None


@dataclass(frozen=True)
class OnSandbox:
    """How to bring the same answer about on the sandbox, and what must hold there.

    `setup` names a step `contract_run` knows ("qr_session", "qr_scanned", "qr_expired",
    "sale_made"); `api_key`/`api_secret` replace the demo credentials when set; `fields`
    replaces `Expect.fields` (the sandbox has its own demo data). The documented `data` keys
    must all be in the sandbox's answer unless listed in `optional_keys`.
    """

    kwargs: Mapping[str, Any] | None = None
    setup: str | None = None
    api_key: str | None = None
    api_secret: str | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)
    optional_keys: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Scenario:
    """One documented answer: the call, the bytes, and what the client must make of them."""

    name: str
    says: str
    call: str
    kwargs: Mapping[str, Any]
    method: str
    path: str
    status: int
    body: bytes
    expect: Expect
    headers: Mapping[str, str] = field(default_factory=dict)
    sandbox: OnSandbox | None = None


def ok(data: Any, **envelope: Any) -> bytes:
    return as_json(
        {"success": True, "code": 200, "request_id": "req_contract", "data": data, **envelope}
    )


def fail(code: Any, message: str, **extra: Any) -> bytes:
    return as_json({"success": False, "code": code, "message": message, **extra})


def as_json(value: Any) -> bytes:
    def number(item: Any) -> Any:
        if isinstance(item, Decimal):
            return float(item)  # only exact decimals like 1.00 are written here
        raise TypeError(item)

    return json.dumps(value, default=number, ensure_ascii=False).encode("utf-8")


# The seed's card, as the API reference prints it.
SEED_CARD: dict[str, Any] = {
    "id": 567,
    "card_number": "123-456-789",
    "card_name": "Kavos mėgėjo kortelė",
    "card_type": "partner_specific",
    "points": 1250,
    "is_active": True,
    "transactions_count": 45,
    "last_used_at": "2024-12-07T14:30:00.000Z",
    "redemption": {
        "enabled": True,
        "points_per_currency": 100,
        "currency_amount": 1,
        "min_points": 100,
        "max_points": 5000,
    },
    "user": {"id": 123, "name": "Jonas Jonaitis", "email": "jonas@example.lt", "phone": None},
    "partner": {"id": 45, "name": "Coffee Paradise", "logo": "https://example.lt/logo.png"},
    "created_at": "2024-01-15T10:00:00.000Z",
    "updated_at": "2024-12-07T14:30:00.000Z",
}
CARD_KEYS_NOT_SEEDED = frozenset({"card_name", "card_type", "transactions_count", "last_used_at"})


class Call(TypedDict):
    """Which client call a scenario makes, and the request it must send."""

    call: str
    method: str
    path: str


CARD_CALL = Call(call="card_info", method="GET", path="/en/shop/loyalty-cards/info")
DEMO_CARD = {"card_number": "900-001-001"}

QR_STATUS_CALL = Call(call="qr_status", method="GET", path="/en/shop/qr-card/status/s-1")
_QR = {"session_id": "s-1"}
