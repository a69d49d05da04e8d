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

from collections.abc import Mapping
from decimal import Decimal

from pos_app.api.errors import AuthError, InvalidResponseError, NotFoundError
from pos_app.testing.contract_more import MORE_SCENARIOS
from pos_app.testing.contract_shapes import (
    CARD_CALL,
    CARD_KEYS_NOT_SEEDED,
    DEMO_CARD,
    QR_STATUS_CALL,
    SEED_CARD,
    Call,
    Expect,
    OnSandbox,
    Scenario,
    as_json,
    fail,
    ok,
)

__all__ = ["BY_NAME", "ON_SANDBOX", "SCENARIOS", "Call", "Expect", "OnSandbox", "Scenario"]

_QR = {"session_id": "s-1"}


def _credentials(
    code: int | str, name: str, says: str, sandbox: OnSandbox | None = None
) -> Scenario:
    return Scenario(
        name=name,
        says=says,
        kwargs=DEMO_CARD,
        status=400,
        body=fail(code, "Invalid API credentials"),
        expect=Expect(AuthError, status=400, code=str(code)),
        sandbox=sandbox,
        **CARD_CALL,
    )


SCENARIOS: tuple[Scenario, ...] = (
    # ---- card lookups -------------------------------------------------------------------
    Scenario(
        name="card_as_printed",
        says="The card answer as the reference prints it reads exactly, money as Decimal.",
        kwargs=DEMO_CARD,
        status=200,
        body=ok(SEED_CARD, message="Loyalty card information retrieved"),
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
            optional_keys=CARD_KEYS_NOT_SEEDED,
        ),
        **CARD_CALL,
    ),
    Scenario(
        name="card_numbers_as_text",
        says="Numbers may come as text and booleans as 0/1: read exactly, never as floats.",
        kwargs=DEMO_CARD,
        status=200,
        body=ok(
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
        kwargs=DEMO_CARD,
        status=200,
        body=ok(
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
        kwargs=DEMO_CARD,
        status=200,
        body=ok(
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
        kwargs=DEMO_CARD,
        status=200,
        body=ok({k: v for k, v in SEED_CARD.items() if k != "points"}),
        expect=Expect(InvalidResponseError),
        **CARD_CALL,
    ),
    Scenario(
        name="card_points_out_of_reason",
        says="A balance no card can have (10^29 points) is an unreadable answer, not a customer.",
        kwargs=DEMO_CARD,
        status=200,
        body=ok({**SEED_CARD, "points": 10**29}),
        expect=Expect(InvalidResponseError),
        **CARD_CALL,
    ),
    Scenario(
        name="card_not_found",
        says="An unknown card is 404 with the status as the code.",
        kwargs={"card_number": "999-999-999"},
        status=404,
        body=fail(404, "Loyalty card not found"),
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
        kwargs=DEMO_CARD,
        status=401,
        body=fail("INVALID_CREDENTIALS", "Partner not authenticated"),
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
        body=ok(
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
        body=ok({"status": "pending", "session_id": "s-1"}),
        expect=Expect(fields={"status": "pending", "is_done": False}),
        sandbox=OnSandbox(setup="qr_session"),
        **QR_STATUS_CALL,
    ),
    Scenario(
        name="qr_completed",
        says="Some pages say completed for authenticated: both mean the phone shared its card.",
        kwargs=_QR,
        status=200,
        body=ok(
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
        body=ok({"status": "expired"}),
        expect=Expect(fields={"status": "expired", "is_done": False}),
        sandbox=OnSandbox(setup="qr_expired", optional_keys=frozenset({"status"})),
        **QR_STATUS_CALL,
    ),
    Scenario(
        name="qr_expired_404",
        says="An ended session may be a 404 with code RESOURCE_EXPIRED.",
        kwargs=_QR,
        status=404,
        body=fail("RESOURCE_EXPIRED", "QR session has expired"),
        expect=Expect(fields={"status": "expired"}),
        **QR_STATUS_CALL,
    ),
    Scenario(
        name="qr_gone_410",
        says="An ended session may be a 410 with no code at all.",
        kwargs=_QR,
        status=410,
        body=as_json({"success": False, "message": "Session is gone"}),
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
    *MORE_SCENARIOS,
)

BY_NAME: Mapping[str, Scenario] = {scenario.name: scenario for scenario in SCENARIOS}
ON_SANDBOX: tuple[Scenario, ...] = tuple(s for s in SCENARIOS if s.sandbox is not None)
