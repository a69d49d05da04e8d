"""LoyaltyClient against byte-level oddities no real server produces on demand (MockTransport)."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pos_app.api import (
    ApiError,
    InvalidResponseError,
    LoyaltyClient,
    NetworkError,
    RateBudget,
    RateLimitError,
    RequestRecord,
    ServerError,
    ValidationError,
)
from pos_app.testing.helpers import run_fresh
from pos_app.testing.mock_server import CARD, KEY, SECRET, Server, fail, ok, raw, run


def test_card_info_request_shape_and_exact_money() -> None:
    server = Server(ok(CARD))
    card = run(server, lambda c: c.card_info(card_number=" 123-456-789 "))
    (request,) = server.requests
    assert request.method == "GET"
    assert request.url.path == "/lt/shop/loyalty-cards/info"
    assert dict(request.url.params) == {"card_number": "123-456-789"}
    assert request.headers["X-API-Key"] == KEY
    assert request.headers["X-API-Secret"] == SECRET
    assert request.headers["Accept"] == "application/json"
    assert card.redemption is not None
    assert card.redemption.currency_amount == Decimal("0.29")
    assert str(card.redemption.currency_amount) == "0.29"


def test_base_url_path_prefix_is_kept() -> None:
    server = Server(ok(CARD))

    async def go() -> None:
        async with LoyaltyClient(
            "https://gw.example.test/loyalty/", KEY, SECRET, transport=httpx.MockTransport(server)
        ) as client:
            await client.card_info(card_id=567)

    run_fresh(go())
    assert server.requests[0].url.path == "/loyalty/en/shop/loyalty-cards/info"


def test_create_transaction_writes_money_as_exact_json_numbers() -> None:
    server = Server(ok({"transaction_id": 7, "points_awarded": 1, "points_balance": 999}))
    result = run(
        server,
        lambda c: c.create_transaction(
            order_id="till1-0001",
            order_total=Decimal("12.30"),
            loyalty_card_id=567,
            points_redeemed=100,
            points_discount_amount=Decimal("0.29"),
            description="Kava ir bandelė",
        ),
    )
    assert result.points_balance == 999
    (request,) = server.requests
    assert request.url.path == "/lt/shop/transactions/create"
    assert request.headers["Content-Type"] == "application/json"
    text = request.content.decode("utf-8")
    assert '"order_total":12.30' in text
    assert '"points_discount_amount":0.29' in text
    assert json.loads(text, parse_float=Decimal) == {
        "order_id": "till1-0001",
        "order_total": Decimal("12.30"),
        "currency": "EUR",
        "loyalty_card_id": 567,
        "description": "Kava ir bandelė",
        "points_redeemed": 100,
        "points_discount_amount": Decimal("0.29"),
    }


@pytest.mark.parametrize(
    "kwargs",
    [
        {"order_id": " ", "order_total": Decimal("1")},
        {"order_id": "a", "order_total": Decimal("-1")},
        {"order_id": "a", "order_total": Decimal("NaN")},
        {"order_id": "a", "order_total": 1.5},
        {"order_id": "a", "order_total": Decimal("1"), "points_redeemed": -1},
    ],
)
def test_bad_sale_arguments_are_refused_before_sending(kwargs: dict[str, Any]) -> None:
    server = Server()
    with pytest.raises(ValueError, match=r"order_id|order_total|points_redeemed"):
        run(server, lambda c: c.create_transaction(**kwargs))
    assert server.requests == []


def test_card_info_needs_an_identifier() -> None:
    server = Server()
    with pytest.raises(ValueError, match="card_number"):
        run(server, lambda c: c.card_info())
    with pytest.raises(ValueError, match="empty"):
        run(server, lambda c: c.card_info(card_number="  "))
    assert server.requests == []


@pytest.mark.parametrize(
    "data",
    [
        {**CARD, "points": -5},
        {**CARD, "points": "many"},
        {**CARD, "points": 10**29},
        {**CARD, "is_active": None},
        {k: v for k, v in CARD.items() if k != "id"},
        [CARD],
        None,
    ],
)
def test_card_that_does_not_fit_the_model_is_invalid_response(data: Any) -> None:
    with pytest.raises(InvalidResponseError) as raised:
        run(Server(ok(data)), lambda c: c.card_info(card_id=1))
    assert "1250" not in raised.value.message


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (502, b"<html><body><h1>502 Bad Gateway</h1>nginx/1.25</body></html>"),
        (503, b""),
        (504, b"<!DOCTYPE html><html>Gateway Time-out</html>"),
    ],
)
def test_proxy_html_or_empty_is_a_readable_server_error(status: int, body: bytes) -> None:
    with pytest.raises(ServerError) as raised:
        run(
            Server(raw(status, body, **{"Content-Type": "text/html"})),
            lambda c: c.card_info(card_id=1),
        )
    assert raised.value.status == status
    assert "<" not in str(raised.value)
    assert f"HTTP {status}" in raised.value.message


def test_lithuanian_error_text_is_kept_but_not_shown_raw() -> None:
    body = json.dumps(
        {"success": False, "code": "VALIDATION_ERROR", "message": "Nepakanka taškų ąčęėįšųūž"},
        ensure_ascii=False,
    ).encode("utf-8")
    with pytest.raises(ValidationError) as raised:
        run(
            Server(raw(400, body)),
            lambda c: c.create_transaction(order_id="x", order_total=Decimal("1")),
        )
    assert raised.value.server_message == "Nepakanka taškų ąčęėįšųūž"
    assert raised.value.message.isascii()


def test_server_429_sets_retry_after_and_holds_the_till_off() -> None:
    clock = [100.0]
    budget = RateBudget(60, clock=lambda: clock[0])
    server = Server(
        raw(429, b'{"success": false, "code": "RATE_LIMIT_EXCEEDED"}', **{"Retry-After": "20"}),
        ok(CARD),
    )

    async def calls(client: LoyaltyClient) -> list[ApiError]:
        errors: list[ApiError] = []
        for advance in (0.0, 5.0):
            clock[0] += advance
            try:
                await client.card_info(card_id=1)
            except ApiError as exc:
                errors.append(exc)
        clock[0] += 15.0
        await client.card_info(card_id=1)
        return errors

    first, second = run(server, calls, budget=budget)
    assert isinstance(first, RateLimitError)
    assert (first.retry_after, first.status, first.local) == (20.0, 429, False)
    assert isinstance(second, RateLimitError)
    assert second.local
    assert second.retry_after == pytest.approx(15.0)
    assert "15 s" in second.message
    assert len(server.requests) == 2  # the held-off call never went out


def test_client_side_budget_refuses_locally() -> None:
    server = Server(ok(CARD), ok(CARD))

    async def calls(client: LoyaltyClient) -> RateLimitError:
        await client.card_info(card_id=1)
        await client.card_info(card_id=1)
        with pytest.raises(RateLimitError) as raised:
            await client.card_info(card_id=1)
        return raised.value

    refused = run(server, calls, requests_per_minute=2)
    assert refused.local
    assert refused.retry_after is not None
    assert 59 < refused.retry_after <= 60
    assert len(server.requests) == 2


@pytest.mark.parametrize(
    ("exc", "reached"),
    [
        (httpx.ConnectError("refused"), False),
        (httpx.ConnectTimeout("slow connect"), False),
        (httpx.ReadTimeout("slow read"), True),
        (httpx.RemoteProtocolError("Server disconnected"), True),
        (httpx.ReadError("reset"), True),
    ],
)
def test_network_failures_say_whether_the_request_may_have_landed(
    exc: Exception, reached: bool
) -> None:
    with pytest.raises(NetworkError) as raised:
        run(
            Server(fail(exc)),
            lambda c: c.create_transaction(order_id="o1", order_total=Decimal("5")),
        )
    assert raised.value.may_have_reached_server is reached
    assert raised.value.__cause__ is None
    assert str(exc) not in raised.value.message


def test_on_request_records_path_status_and_request_id_but_no_query() -> None:
    records: list[RequestRecord] = []
    server = Server(
        ok(CARD, request_id="req-1"),
        raw(404, b'{"success": false, "request_id": "req-2", "message": "Loyalty card not found"}'),
    )

    async def calls(client: LoyaltyClient) -> None:
        await client.card_info(card_number="123-456-789")
        with pytest.raises(ApiError):
            await client.card_info(card_number="999-999-999")

    run(server, calls, on_request=records.append)
    assert [(r.method, r.path, r.status, r.request_id, r.error) for r in records] == [
        ("GET", "/lt/shop/loyalty-cards/info", 200, "req-1", None),
        ("GET", "/lt/shop/loyalty-cards/info", 404, "req-2", "NotFoundError"),
    ]
    assert all(r.elapsed >= 0 for r in records)


def test_qr_session_id_is_one_path_segment_and_validate_credentials_shape() -> None:
    server = Server(ok({"status": "pending"}), ok({"valid": "yes"}))

    async def calls(client: LoyaltyClient) -> None:
        status = await client.qr_status("../x y")
        assert status.status == "pending"
        with pytest.raises(InvalidResponseError):
            await client.validate_credentials()

    run(server, calls)
    assert server.requests[0].url.raw_path == b"/lt/shop/qr-card/status/..%2Fx%20y"
    assert server.requests[1].method == "POST"


def test_a_cancelled_lookup_is_recorded_as_cancelled() -> None:
    records: list[RequestRecord] = []

    async def hang(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(10)
        return httpx.Response(500)

    async def go() -> None:
        async with LoyaltyClient(
            "https://a.test",
            KEY,
            SECRET,
            transport=httpx.MockTransport(hang),
            on_request=records.append,
        ) as client:
            task = asyncio.create_task(client.card_info(card_id=1))
            await asyncio.sleep(0.05)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    run_fresh(go())
    assert [(r.status, r.error) for r in records] == [(None, "cancelled")]


def test_a_failing_on_request_hook_does_not_fail_the_request(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(record: RequestRecord) -> None:
        raise RuntimeError("log disk full")

    card = run(Server(ok(CARD)), lambda c: c.card_info(card_id=1), on_request=broken)
    assert card.points == 1250
    assert "on_request hook failed" in caplog.text
