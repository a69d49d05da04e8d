"""The Shop API's documented answers, in this project's words, and what the client makes of each.

Each `Scenario` is one thing the public API reference says the server may answer: the call
the till makes, the exact bytes that come back, and what `LoyaltyClient` must return or
raise. `pos_app.testing.contract_run` replays them against the client and runs the ones
marked `on_sandbox` against the project's sandbox, so client and sandbox are held to the
same reading of the API.

A header value written `@in:N` becomes, when replayed, an HTTP date N seconds from now;
`@unix:N` becomes the Unix time N seconds from now.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypedDict

from pos_app.api.errors import (
    ApiError,
    AuthError,
    ConflictError,
    InvalidResponseError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ValidationError,
)


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


def _ok(data: Any, **envelope: Any) -> bytes:
    return _json(
        {"success": True, "code": 200, "request_id": "req_contract", "data": data, **envelope}
    )


def _fail(code: Any, message: str, **extra: Any) -> bytes:
    return _json({"success": False, "code": code, "message": message, **extra})


def _json(value: Any) -> bytes:
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
_CARD_KEYS_NOT_SEEDED = frozenset({"card_name", "card_type", "transactions_count", "last_used_at"})


class Call(TypedDict):
    """Which client call a scenario makes, and the request it must send."""

    call: str
    method: str
    path: str


CARD_CALL = Call(call="card_info", method="GET", path="/en/shop/loyalty-cards/info")
_DEMO_CARD = {"card_number": "900-001-001"}

SALE = {
    "transaction_id": 9001,
    "points_awarded": 25,
    "points_balance": 525,
    "loyalty_card_id": 1001,
    "card_number": "900-001-001",
    "user_id": 1,
    "order_total": 25.3,
    "currency": "EUR",
}
SALE_CALL = Call(call="create_transaction", method="POST", path="/en/shop/transactions/create")
QR_STATUS_CALL = Call(call="qr_status", method="GET", path="/en/shop/qr-card/status/s-1")
_QR = {"session_id": "s-1"}


def _sale_kwargs(order_id: str, **extra: Any) -> dict[str, Any]:
    return {"order_id": order_id, "order_total": Decimal("25.30"), **extra}


def _credentials(
    code: int | str, name: str, says: str, sandbox: OnSandbox | None = None
) -> Scenario:
    return Scenario(
        name=name,
        says=says,
        kwargs=_DEMO_CARD,
        status=400,
        body=_fail(code, "Invalid API credentials"),
        expect=Expect(AuthError, status=400, code=str(code)),
        sandbox=sandbox,
        **CARD_CALL,
    )


SCENARIOS: tuple[Scenario, ...] = (
    # ---- card lookups -------------------------------------------------------------------
    Scenario(
        name="card_as_printed",
        says="The card answer as the reference prints it reads exactly, money as Decimal.",
        kwargs=_DEMO_CARD,
        status=200,
        body=_ok(SEED_CARD, message="Loyalty card information retrieved"),
        expect=Expect(
            fields={
                "id": 567,
                "points": 1250,
                "redemption.currency_amount": Decimal("1"),
                "redemption.max_points": 5000,
                "user.name": "Jonas Jonaitis",
            }
        ),
        sandbox=OnSandbox(
            fields={"card_number": "900-001-001", "points": 1000, "is_active": True},
            optional_keys=_CARD_KEYS_NOT_SEEDED,
        ),
        **CARD_CALL,
    ),
    Scenario(
        name="card_numbers_as_text",
        says="Numbers may come as text and booleans as 0/1: read exactly, never as floats.",
        kwargs=_DEMO_CARD,
        status=200,
        body=_ok(
            {
                **SEED_CARD,
                "id": "567",
                "points": "1250",
                "is_active": 1,
                "transactions_count": "45",
                "redemption": {
                    "enabled": "1",
                    "points_per_currency": "100",
                    "currency_amount": "1.00",
                    "min_points": "100",
                    "max_points": "5000",
                },
            }
        ),
        expect=Expect(
            fields={
                "id": 567,
                "points": 1250,
                "is_active": True,
                "transactions_count": 45,
                "redemption.enabled": True,
                "redemption.currency_amount": Decimal("1.00"),
                "redemption.min_points": 100,
            }
        ),
        **CARD_CALL,
    ),
    Scenario(
        name="card_without_limits",
        says="A null minimum means none; a null maximum means no cap (the balance still caps).",
        kwargs=_DEMO_CARD,
        status=200,
        body=_ok(
            {
                **SEED_CARD,
                "redemption": {**SEED_CARD["redemption"], "min_points": None, "max_points": None},
            }
        ),
        expect=Expect(fields={"redemption.min_points": 0, "redemption.max_points": None}),
        **CARD_CALL,
    ),
    Scenario(
        name="card_with_extra_fields",
        says="Fields the till does not know are normal and ignored, at every level.",
        kwargs=_DEMO_CARD,
        status=200,
        body=_ok(
            {
                **SEED_CARD,
                "tier": {"name": "gold"},
                "user": {**SEED_CARD["user"], "birthday": None},
                "redemption": {**SEED_CARD["redemption"], "expires": "never"},
            },
            meta={"api_version": "v1"},
        ),
        expect=Expect(fields={"points": 1250, "user.name": "Jonas Jonaitis"}),
        **CARD_CALL,
    ),
    Scenario(
        name="card_without_points",
        says="A card with no points at all is an unreadable answer.",
        kwargs=_DEMO_CARD,
        status=200,
        body=_ok({k: v for k, v in SEED_CARD.items() if k != "points"}),
        expect=Expect(InvalidResponseError),
        **CARD_CALL,
    ),
    Scenario(
        name="card_points_out_of_reason",
        says="A balance no card can have (10^29 points) is an unreadable answer, not a customer.",
        kwargs=_DEMO_CARD,
        status=200,
        body=_ok({**SEED_CARD, "points": 10**29}),
        expect=Expect(InvalidResponseError),
        **CARD_CALL,
    ),
    Scenario(
        name="card_not_found",
        says="An unknown card is 404 with the status as the code.",
        kwargs={"card_number": "999-999-999"},
        status=404,
        body=_fail(404, "Loyalty card not found"),
        expect=Expect(NotFoundError, status=404),
        sandbox=OnSandbox(),
        **CARD_CALL,
    ),
    # ---- credentials -------------------------------------------------------------------
    _credentials(1010, "credentials_missing_1010", "400/1010: the headers lack the key or secret."),
    _credentials(
        "1011",
        "key_format_1011",
        "400/1011 (code as text): the key does not start with lty_; fix it in Settings.",
        OnSandbox(api_key="demo_key_without_prefix"),
    ),
    _credentials(1012, "key_unknown_1012", "400/1012: no such key."),
    _credentials(1013, "secret_wrong_1013", "400/1013: the secret is wrong."),
    _credentials(1014, "credentials_expired_1014", "400/1014: the credentials have expired."),
    Scenario(
        name="partner_not_authenticated",
        says="401 INVALID_CREDENTIALS: the other form of a credentials error.",
        kwargs=_DEMO_CARD,
        status=401,
        body=_fail("INVALID_CREDENTIALS", "Partner not authenticated"),
        expect=Expect(AuthError, status=401, code="INVALID_CREDENTIALS"),
        sandbox=OnSandbox(api_secret="not-the-secret"),
        **CARD_CALL,
    ),
    Scenario(
        name="credentials_valid",
        says="validate-credentials answers valid (maybe as 1), the partner and the environment.",
        call="validate_credentials",
        kwargs={},
        method="POST",
        path="/en/shop/validate-credentials",
        status=200,
        body=_ok(
            {"valid": 1, "partner": {"id": 1, "name": "Coffee Paradise"}, "environment": "staging"}
        ),
        expect=Expect(fields={"valid": True, "partner.name": "Coffee Paradise"}),
        sandbox=OnSandbox(fields={"valid": True}),
    ),
    # ---- QR Card Scan ------------------------------------------------------------------
    Scenario(
        name="qr_pending",
        says="A session the phone has not scanned yet is pending.",
        kwargs=_QR,
        status=200,
        body=_ok({"status": "pending", "session_id": "s-1"}),
        expect=Expect(fields={"status": "pending", "is_done": False}),
        sandbox=OnSandbox(setup="qr_session"),
        **QR_STATUS_CALL,
    ),
    Scenario(
        name="qr_completed",
        says="Some pages say completed for authenticated: both mean the phone shared its card.",
        kwargs=_QR,
        status=200,
        body=_ok(
            {
                "status": "completed",
                "card_data": {
                    "loyalty_card_id": "1005",
                    "card_number": "900-005-001",
                    "points": "150",
                    "user": {"id": 5, "name": "Demo Five"},
                    "redemption": None,
                    "scanned_at": "2024-12-07T14:30:00Z",
                },
            }
        ),
        expect=Expect(fields={"status": "authenticated", "is_done": True, "card_data.points": 150}),
        sandbox=OnSandbox(
            setup="qr_scanned",
            fields={"status": "authenticated", "card_data.card_number": "900-005-001"},
        ),
        **QR_STATUS_CALL,
    ),
    Scenario(
        name="qr_expired_200",
        says="An ended session may be a 200 whose status is expired.",
        kwargs=_QR,
        status=200,
        body=_ok({"status": "expired"}),
        expect=Expect(fields={"status": "expired", "is_done": False}),
        sandbox=OnSandbox(setup="qr_expired", optional_keys=frozenset({"status"})),
        **QR_STATUS_CALL,
    ),
    Scenario(
        name="qr_expired_404",
        says="An ended session may be a 404 with code RESOURCE_EXPIRED.",
        kwargs=_QR,
        status=404,
        body=_fail("RESOURCE_EXPIRED", "QR session has expired"),
        expect=Expect(fields={"status": "expired"}),
        **QR_STATUS_CALL,
    ),
    Scenario(
        name="qr_gone_410",
        says="An ended session may be a 410 with no code at all.",
        kwargs=_QR,
        status=410,
        body=_json({"success": False, "message": "Session is gone"}),
        expect=Expect(fields={"status": "expired"}),
        **QR_STATUS_CALL,
    ),
    Scenario(
        name="qr_gone_410_empty",
        says="A 410 from a proxy may carry no body: still an ended session.",
        kwargs=_QR,
        status=410,
        body=b"",
        expect=Expect(fields={"status": "expired"}),
        **QR_STATUS_CALL,
    ),
    # ---- sales -------------------------------------------------------------------------
    Scenario(
        name="sale_recorded",
        says="A sale is answered 200 (not 201) with the server's own points figures.",
        kwargs=_sale_kwargs("contract-sale-1", loyalty_card_id=1001, user_id=1),
        status=200,
        body=_ok(SALE, message="Transaction created"),
        expect=Expect(fields={"points_awarded": 25, "points_balance": 525}),
        sandbox=OnSandbox(fields={"loyalty_card_id": 1001, "points_awarded": 25}),
        **SALE_CALL,
    ),
    Scenario(
        name="sale_numbers_as_text",
        says="A sale's figures may come as text: read exactly.",
        kwargs=_sale_kwargs("contract-sale-2", user_id=1),
        status=200,
        body=_ok({**SALE, "points_awarded": "25", "points_balance": "525", "order_total": "25.30"}),
        expect=Expect(fields={"points_balance": 525, "order_total": Decimal("25.30")}),
        **SALE_CALL,
    ),
    Scenario(
        name="sale_without_user",
        says="A card number alone is refused: user_id or user_email is required (422).",
        kwargs=_sale_kwargs("contract-sale-3", loyalty_card_id=1001),
        status=422,
        body=_fail(
            422,
            "The given data was invalid.",
            errors={"user_id": ["The user id field is required when user email is not present."]},
        ),
        expect=Expect(ValidationError, status=422, fields={"field_errors.user_id": ...}),
        sandbox=OnSandbox(),
        **SALE_CALL,
    ),
    Scenario(
        name="sale_repeated",
        says="A repeated order id is 409 RESOURCE_ALREADY_EXISTS: the first one landed.",
        kwargs=_sale_kwargs("contract-sale-4", loyalty_card_id=1001, user_id=1),
        status=409,
        body=_fail("RESOURCE_ALREADY_EXISTS", "Order already exists"),
        expect=Expect(ConflictError, status=409, code="RESOURCE_ALREADY_EXISTS"),
        sandbox=OnSandbox(setup="sale_made"),
        **SALE_CALL,
    ),
    Scenario(
        name="sale_insufficient_points",
        says="Too few points is 400 VALIDATION_ERROR, its message possibly in Lithuanian.",
        kwargs=_sale_kwargs(
            "contract-sale-5",
            loyalty_card_id=1005,
            user_id=5,
            points_redeemed=5000,
            points_discount_amount=Decimal("25.30"),
        ),
        status=400,
        body=_fail(
            "VALIDATION_ERROR",
            "Nepakanka taškų",
            errors=[{"field": "points_redeemed", "message": "Nepakanka taškų"}],
        ),
        expect=Expect(ValidationError, status=400, code="VALIDATION_ERROR"),
        sandbox=OnSandbox(),
        **SALE_CALL,
    ),
    # ---- rate limits -------------------------------------------------------------------
    Scenario(
        name="rate_limited_retry_after",
        says="A 429 with Retry-After in seconds: wait exactly that.",
        kwargs=_DEMO_CARD,
        status=429,
        headers={"Retry-After": "7", "X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0"},
        body=_fail(429, "Too Many Attempts.", errors=[{"message": "Too Many Attempts."}]),
        expect=Expect(RateLimitError, status=429, retry_after=(7, 7), budget_left=0),
        **CARD_CALL,
    ),
    Scenario(
        name="rate_limited_http_date",
        says="Retry-After may be an HTTP date.",
        kwargs=_DEMO_CARD,
        status=429,
        headers={"Retry-After": "@in:30"},
        body=_fail("RATE_LIMIT_EXCEEDED", "Too many requests"),
        expect=Expect(RateLimitError, status=429, code="RATE_LIMIT_EXCEEDED", retry_after=(25, 31)),
        **CARD_CALL,
    ),
    Scenario(
        name="rate_limited_reset_only",
        says="A 429 carrying only X-RateLimit-Reset (Unix time): wait until then, not a guess.",
        kwargs=_DEMO_CARD,
        status=429,
        headers={"X-RateLimit-Reset": "@unix:42"},
        body=_fail(429, "Too Many Attempts."),
        expect=Expect(RateLimitError, status=429, retry_after=(37, 43), budget_left=0),
        **CARD_CALL,
    ),
    Scenario(
        name="last_request_of_the_minute",
        says="X-RateLimit-Remaining comes on every answer; at 0 the till sends nothing more.",
        kwargs=_DEMO_CARD,
        status=200,
        headers={"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0"},
        body=_ok(SEED_CARD),
        expect=Expect(fields={"points": 1250}, budget_left=0),
        **CARD_CALL,
    ),
    # ---- the lighter calls and lists ---------------------------------------------------
    Scenario(
        name="balance_as_text",
        says="The balance call answers card_id, card_number and points (maybe as text).",
        call="balance",
        kwargs=_DEMO_CARD,
        method="GET",
        path="/en/shop/loyalty-cards/balance",
        status=200,
        body=_ok({"card_id": 1001, "card_number": "900-001-001", "points": "1000"}),
        expect=Expect(fields={"card_id": 1001, "points": 1000}),
        sandbox=OnSandbox(fields={"card_id": 1001, "points": 1000}),
    ),
    Scenario(
        name="shops_page",
        says="Lists answer data as the list and meta beside it (current_page, last_page, ...).",
        call="shops",
        kwargs={},
        method="GET",
        path="/en/shop/shops",
        status=200,
        body=_ok(
            [
                {
                    "id": 1,
                    "name": "Coffee Paradise - Vilnius",
                    "address": "Gedimino pr. 1",
                    "city": "Vilnius",
                    "phone": "+37060000000",
                    "working_hours": {"mon": "08:00-20:00"},
                    "is_active": 1,
                },
                {
                    "id": "2",
                    "name": "Coffee Paradise - Kaunas",
                    "address": None,
                    "city": "Kaunas",
                    "phone": None,
                    "working_hours": None,
                    "is_active": True,
                },
            ],
            meta={"current_page": 1, "last_page": 1, "per_page": 15, "total": 2},
        ),
        expect=Expect(fields={"items.1.id": 2, "items.0.is_active": True, "has_more": False}),
        # Opening hours are free-form: what is inside them is the shop's own business.
        sandbox=OnSandbox(
            fields={"items.0.id": 1, "current_page": 1},
            optional_keys=frozenset({"working_hours"}),
        ),
    ),
    Scenario(
        name="transactions_page",
        says="The partner's history: points negative for deductions, amounts exact, a web sale "
        "has no shop, and more pages may follow.",
        call="transactions",
        kwargs={"loyalty_card_id": 1001},
        method="GET",
        path="/en/shop/transactions",
        status=200,
        body=_ok(
            [
                {
                    "id": 71,
                    "type": "purchase",
                    "points": "-500",
                    "amount": "25.30",
                    "currency": "EUR",
                    "description": "Kava",
                    "reference_number": "till1-000042",
                    "status": "completed",
                    "user": {"id": 1, "name": "Demo One", "email": "demo1@loyalty.lt"},
                    "loyalty_card": {"id": 1001, "name": "Coffee", "number": "900-001-001"},
                    "shop": None,
                    "metadata": {},
                    "transaction_date": "2024-12-07T14:30:00Z",
                    "created_at": "2024-12-07T14:30:00Z",
                }
            ],
            meta={"current_page": 1, "last_page": 3, "per_page": 1, "total": 3},
        ),
        expect=Expect(
            fields={
                "items.0.points": -500,
                "items.0.amount": Decimal("25.30"),
                "items.0.shop": None,
                "has_more": True,
            }
        ),
        sandbox=OnSandbox(fields={"items.0.loyalty_card.id": 1001, "current_page": 1}),
    ),
    # ---- what a proxy does -------------------------------------------------------------
    Scenario(
        name="proxy_502_page",
        says="A proxy's HTML 502 is the service having trouble, never shown, never a crash.",
        kwargs=_DEMO_CARD,
        status=502,
        headers={"Content-Type": "text/html"},
        body=b"<html><body><h1>502 Bad Gateway</h1></body></html>",
        expect=Expect(ServerError, status=502),
        **CARD_CALL,
    ),
)

BY_NAME: Mapping[str, Scenario] = {scenario.name: scenario for scenario in SCENARIOS}
ON_SANDBOX: tuple[Scenario, ...] = tuple(s for s in SCENARIOS if s.sandbox is not None)
