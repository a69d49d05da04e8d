"""Contract scenarios for sales, rate limits, the list calls and proxies (see `contract`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pos_app.api.errors import ConflictError, RateLimitError, ServerError, ValidationError
from pos_app.testing.contract_shapes import (
    CARD_CALL,
    DEMO_CARD,
    SEED_CARD,
    Call,
    Expect,
    OnSandbox,
    Scenario,
    fail,
    ok,
)

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


def sale_kwargs(order_id: str, **extra: Any) -> dict[str, Any]:
    return {"order_id": order_id, "order_total": Decimal("25.30"), **extra}


MORE_SCENARIOS: tuple[Scenario, ...] = (
    # ---- sales -------------------------------------------------------------------------
    Scenario(
        name="sale_recorded",
        says="A sale is answered 200 (not 201) with the server's own points figures.",
        kwargs=sale_kwargs("contract-sale-1", loyalty_card_id=1001, user_id=1),
        status=200,
        body=ok(SALE, message="Transaction created"),
        expect=Expect(fields={"points_awarded": 25, "points_balance": 525}),
        sandbox=OnSandbox(fields={"loyalty_card_id": 1001, "points_awarded": 25}),
        **SALE_CALL,
    ),
    Scenario(
        name="sale_numbers_as_text",
        says="A sale's figures may come as text: read exactly.",
        kwargs=sale_kwargs("contract-sale-2", user_id=1),
        status=200,
        body=ok({**SALE, "points_awarded": "25", "points_balance": "525", "order_total": "25.30"}),
        expect=Expect(fields={"points_balance": 525, "order_total": Decimal("25.30")}),
        **SALE_CALL,
    ),
    Scenario(
        name="sale_without_user",
        says="A card number alone is refused: user_id or user_email is required (422).",
        kwargs=sale_kwargs("contract-sale-3", loyalty_card_id=1001),
        status=422,
        body=fail(
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
        kwargs=sale_kwargs("contract-sale-4", loyalty_card_id=1001, user_id=1),
        status=409,
        body=fail("RESOURCE_ALREADY_EXISTS", "Order already exists"),
        expect=Expect(ConflictError, status=409, code="RESOURCE_ALREADY_EXISTS"),
        sandbox=OnSandbox(setup="sale_made"),
        **SALE_CALL,
    ),
    Scenario(
        name="sale_insufficient_points",
        says="Too few points is 400 VALIDATION_ERROR, its message possibly in Lithuanian.",
        kwargs=sale_kwargs(
            "contract-sale-5",
            loyalty_card_id=1005,
            user_id=5,
            points_redeemed=5000,
            points_discount_amount=Decimal("25.30"),
        ),
        status=400,
        body=fail(
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
        kwargs=DEMO_CARD,
        status=429,
        headers={"Retry-After": "7", "X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0"},
        body=fail(429, "Too Many Attempts.", errors=[{"message": "Too Many Attempts."}]),
        expect=Expect(RateLimitError, status=429, retry_after=(7, 7), budget_left=0),
        **CARD_CALL,
    ),
    Scenario(
        name="rate_limited_http_date",
        says="Retry-After may be an HTTP date.",
        kwargs=DEMO_CARD,
        status=429,
        headers={"Retry-After": "@in:30"},
        body=fail("RATE_LIMIT_EXCEEDED", "Too many requests"),
        expect=Expect(RateLimitError, status=429, code="RATE_LIMIT_EXCEEDED", retry_after=(25, 31)),
        **CARD_CALL,
    ),
    Scenario(
        name="rate_limited_reset_only",
        says="A 429 carrying only X-RateLimit-Reset (Unix time): wait until then, not a guess.",
        kwargs=DEMO_CARD,
        status=429,
        headers={"X-RateLimit-Reset": "@unix:42"},
        body=fail(429, "Too Many Attempts."),
        expect=Expect(RateLimitError, status=429, retry_after=(37, 43), budget_left=0),
        **CARD_CALL,
    ),
    Scenario(
        name="last_request_of_the_minute",
        says="X-RateLimit-Remaining comes on every answer; at 0 the till sends nothing more.",
        kwargs=DEMO_CARD,
        status=200,
        headers={"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0"},
        body=ok(SEED_CARD),
        expect=Expect(fields={"points": 1250}, budget_left=0),
        **CARD_CALL,
    ),
    # ---- the lighter calls and lists ---------------------------------------------------
    Scenario(
        name="balance_as_text",
        says="The balance call answers card_id, card_number and points (maybe as text).",
        call="balance",
        kwargs=DEMO_CARD,
        method="GET",
        path="/en/shop/loyalty-cards/balance",
        status=200,
        body=ok({"card_id": 1001, "card_number": "900-001-001", "points": "1000"}),
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
        body=ok(
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
        body=ok(
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
        kwargs=DEMO_CARD,
        status=502,
        headers={"Content-Type": "text/html"},
        body=b"<html><body><h1>502 Bad Gateway</h1></body></html>",
        expect=Expect(ServerError, status=502),
        **CARD_CALL,
    ),
)
