"""LoyaltyClient against the project's sandbox over real loopback HTTP."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Callable, Coroutine
from decimal import Decimal
from typing import Any, TypeVar

import httpx
import pytest

from pos_app.api import (
    ApiError,
    AuthError,
    ConflictError,
    InvalidResponseError,
    LoyaltyClient,
    NetworkError,
    NotFoundError,
    RateLimitError,
    RequestRecord,
    ServerError,
    ValidationError,
)
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer, qr_uuid_for
from pos_app.testing.helpers import run_fresh

T = TypeVar("T")
Call = Callable[[LoyaltyClient], Coroutine[Any, Any, T]]


def run(sandbox: SandboxServer, call: Call[T], **options: Any) -> T:
    async def go() -> T:
        secret = options.pop("api_secret", DEMO_API_SECRET)
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, secret, **options) as client:
            return await call(client)

    return run_fresh(go())


def _served(sandbox: SandboxServer, path_end: str) -> int:
    """Requests the sandbox saw on one endpoint (a woken "slow" request of an earlier test
    may still be logged late, so counting everything would be flaky)."""
    return sum(1 for entry in sandbox.state.request_log if entry.path.endswith(path_end))


@pytest.mark.parametrize(
    ("number", "points"),
    [("900-001-001", 1000), ("900-002-001", 2500), ("900-003-001", 500), ("900-005-001", 150)],
)
def test_demo_card_lookup(sandbox: SandboxServer, number: str, points: int) -> None:
    card = run(sandbox, lambda c: c.card_info(card_number=number))
    assert (card.card_number, card.points, card.is_active) == (number, points, True)
    assert card.redemption is not None
    assert isinstance(card.redemption.currency_amount, Decimal)
    assert card.created_at is not None
    assert card.created_at.tzinfo is not None


def test_lookup_by_qr_uuid_finds_the_same_card(sandbox: SandboxServer) -> None:
    card = run(sandbox, lambda c: c.card_info(card_number=qr_uuid_for("900-004-001")))
    assert (card.card_number, card.points) == ("900-004-001", 10000)


def test_unknown_card_is_not_found_in_either_locale(sandbox: SandboxServer) -> None:
    for locale in ("en", "lt"):
        with pytest.raises(NotFoundError) as raised:
            run(sandbox, lambda c: c.card_info(card_number="123-000-999"), locale=locale)
        assert raised.value.status == 404
        assert raised.value.message == "No loyalty card was found for that number."
        assert raised.value.server_message
        assert raised.value.request_id


def test_wrong_secret_is_auth_error_and_never_echoed(
    sandbox: SandboxServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "wrong-secret-XYZ-123"
    with pytest.raises(AuthError) as raised:
        run(sandbox, lambda c: c.validate_credentials(), api_secret=wrong)
    assert raised.value.status == 401
    assert "httpcore" in caplog.text  # the transport's debug log was really captured
    for text in (str(raised.value), repr(raised.value), str(vars(raised.value)), caplog.text):
        assert wrong not in text
        assert DEMO_API_SECRET not in text


def test_validate_credentials(sandbox: SandboxServer) -> None:
    data = run(sandbox, lambda c: c.validate_credentials())
    assert data["valid"] is True
    assert data["partner"]["name"]


def test_sale_then_repeated_order_id_is_conflict(sandbox: SandboxServer) -> None:
    async def sale(client: LoyaltyClient) -> tuple[Any, ApiError]:
        card = await client.card_info(card_number="900-002-001")
        kwargs: dict[str, Any] = {
            "order_id": "till1-000042",
            "order_total": Decimal("25.40"),
            "loyalty_card_id": card.id,
            "user_id": card.user.id if card.user else None,
            "points_redeemed": 200,
            "points_discount_amount": Decimal("2.00"),
        }
        first = await client.create_transaction(**kwargs)
        with pytest.raises(ConflictError) as raised:
            await client.create_transaction(**kwargs)
        return first, raised.value

    first, conflict = run(sandbox, sale)
    assert first.points_balance == 2500 - 200 + first.points_awarded
    assert first.order_total == Decimal("25.40")
    assert conflict.status == 409
    assert len(sandbox.state.transactions) == 1


def test_insufficient_points_is_a_validation_error(sandbox: SandboxServer) -> None:
    async def sale(client: LoyaltyClient) -> None:
        card = await client.card_info(card_number="900-005-001")
        await client.create_transaction(
            order_id="o-too-many",
            order_total=Decimal("50"),
            loyalty_card_id=card.id,
            user_id=card.user.id if card.user else None,
            points_redeemed=5000,
            points_discount_amount=Decimal("50"),
        )

    with pytest.raises(ValidationError) as raised:
        run(sandbox, sale, locale="lt")
    assert raised.value.status == 400
    assert raised.value.message.isascii()
    assert raised.value.server_message
    assert sandbox.state.transactions == []


def test_qr_card_scan_session(sandbox: SandboxServer) -> None:
    async def flow(client: LoyaltyClient) -> list[Any]:
        session = await client.qr_generate(device_name="Till 1")
        pending = await client.qr_status(session.session_id)
        await client.sandbox_scan_qr(session.session_id, "900-003-001")
        done = await client.qr_status(session.session_id)
        sandbox.expire_qr_session(session.session_id)
        expired = await client.qr_status(session.session_id)
        return [session, pending, done, expired]

    session, pending, done, expired = run(sandbox, flow)
    assert session.session_id in session.qr_code
    assert session.expires_at is not None
    assert session.expires_at.tzinfo is not None
    assert not pending.is_done
    assert done.is_done
    assert done.card_data.card_number == "900-003-001"
    assert pending.status == "pending"
    assert (expired.status, expired.is_done, expired.card_data) == ("expired", False, None)


@pytest.mark.parametrize(
    ("fault", "cls"),
    [
        ("server_error", ServerError),
        ("bad_gateway_html", ServerError),
        ("empty_503", ServerError),
        ("malformed_json", InvalidResponseError),
        ("bad_envelope", InvalidResponseError),
        ("drop_before", NetworkError),
    ],
)
def test_faults_become_the_right_error(
    sandbox: SandboxServer, fault: Any, cls: type[ApiError]
) -> None:
    sandbox.faults.inject(fault)
    with pytest.raises(cls) as raised:
        run(sandbox, lambda c: c.card_info(card_number="900-001-001"))
    assert type(raised.value) is cls
    assert "<" not in raised.value.message
    assert "nginx" not in str(raised.value)


def test_dropped_answer_after_the_sale_landed_then_retry_is_conflict(
    sandbox: SandboxServer,
) -> None:
    sandbox.faults.inject("drop_after", path_contains="transactions")

    async def sale(client: LoyaltyClient) -> NetworkError:
        card = await client.card_info(card_number="900-001-001")
        order: dict[str, Any] = {
            "order_id": "o-drop",
            "order_total": Decimal("3.00"),
            "loyalty_card_id": card.id,
            "user_id": card.user.id if card.user else None,
        }
        with pytest.raises(NetworkError) as raised:
            await client.create_transaction(**order)
        with pytest.raises(ConflictError):
            await client.create_transaction(**order)
        return raised.value

    error = run(sandbox, sale)
    assert error.may_have_reached_server
    assert len(sandbox.state.transactions) == 1


def test_slow_answer_times_out_as_network_error(sandbox: SandboxServer) -> None:
    sandbox.faults.inject("slow")
    with pytest.raises(NetworkError) as raised:
        run(
            sandbox,
            lambda c: c.card_info(card_number="900-001-001"),
            timeout=httpx.Timeout(0.3, connect=2.0),
        )
    assert raised.value.may_have_reached_server
    assert "in time" in raised.value.message


def test_connection_refused_never_reached_the_server() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    async def go() -> None:
        async with LoyaltyClient(f"http://127.0.0.1:{port}", "k", "s") as client:
            await client.create_transaction(order_id="o", order_total=Decimal("1"))

    with pytest.raises(NetworkError) as raised:
        run_fresh(go())
    assert raised.value.may_have_reached_server is False


def test_server_429_is_obeyed_and_later_calls_are_held_locally(sandbox: SandboxServer) -> None:
    sandbox.faults.inject("rate_limit")

    async def calls(client: LoyaltyClient) -> list[RateLimitError]:
        errors = []
        for _ in range(2):
            with pytest.raises(RateLimitError) as raised:
                await client.validate_credentials()
            errors.append(raised.value)
        return errors

    server, local = run(sandbox, calls)
    assert (server.status, server.local, server.retry_after) == (429, False, 2.0)
    assert local.local
    assert local.retry_after is not None
    assert 0 < local.retry_after <= 2.0
    assert _served(sandbox, "/validate-credentials") == 1


def test_server_saying_none_left_holds_the_next_call_locally(sandbox: SandboxServer) -> None:
    sandbox.faults.rate_limit = 2

    async def calls(client: LoyaltyClient) -> RateLimitError:
        await client.card_info(card_number="900-001-001")
        await client.card_info(card_number="900-001-001")
        with pytest.raises(RateLimitError) as raised:
            await client.card_info(card_number="900-001-001")
        return raised.value

    error = run(sandbox, calls, requests_per_minute=0)
    assert error.local
    assert error.retry_after is not None
    assert 55 < error.retry_after <= 60
    assert _served(sandbox, "/loyalty-cards/info") == 2


def test_server_per_key_limit_gives_rate_limit_error(sandbox: SandboxServer) -> None:
    """Another till on the key spent it: this till learns it from the 429 itself."""
    sandbox.faults.rate_limit = 2

    async def calls(client: LoyaltyClient) -> RateLimitError:
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET) as other:
            await other.card_info(card_number="900-001-001")
            await other.card_info(card_number="900-001-001")
        with pytest.raises(RateLimitError) as raised:
            await client.card_info(card_number="900-001-001")
        return raised.value

    error = run(sandbox, calls, requests_per_minute=0)
    assert (error.status, error.local) == (429, False)
    assert error.retry_after is not None
    assert 0 < error.retry_after <= 60


def test_client_budget_refuses_before_the_server_sees_it(sandbox: SandboxServer) -> None:
    async def calls(client: LoyaltyClient) -> RateLimitError:
        for _ in range(3):
            await client.validate_credentials()
        with pytest.raises(RateLimitError) as raised:
            await client.validate_credentials()
        return raised.value

    error = run(sandbox, calls, requests_per_minute=3)
    assert error.local
    assert _served(sandbox, "/validate-credentials") == 3


def test_a_stuck_pool_is_replaced_after_pool_timeout(sandbox: SandboxServer) -> None:
    sandbox.faults.inject("slow")

    async def calls(client: LoyaltyClient) -> NetworkError:
        stuck = asyncio.create_task(client.card_info(card_number="900-001-001"))
        await asyncio.sleep(0.1)
        with pytest.raises(NetworkError) as raised:
            await client.card_info(card_number="900-002-001")
        # the replacement pool answers while the first request still hangs
        card = await asyncio.wait_for(client.card_info(card_number="900-003-001"), 5)
        assert card.points == 500
        assert not stuck.done()
        stuck.cancel()
        return raised.value

    error = run(
        sandbox,
        calls,
        limits=httpx.Limits(max_connections=1),
        timeout=httpx.Timeout(10.0, connect=2.0, pool=0.3),
    )
    assert error.may_have_reached_server is False


def test_on_request_sees_the_servers_request_id(sandbox: SandboxServer) -> None:
    records: list[RequestRecord] = []
    run(sandbox, lambda c: c.card_info(card_number="900-001-001"), on_request=records.append)
    (record,) = records
    assert record.path == "/en/shop/loyalty-cards/info"
    assert record.status == 200
    assert record.request_id is not None
    assert record.request_id.startswith("req_")
    assert 0 < record.elapsed < 5


def test_connection_set_up_is_retried_until_the_server_is_up() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    late = SandboxServer(port=port, rate_limit=0)

    async def go() -> int:
        async with LoyaltyClient(f"http://127.0.0.1:{port}", DEMO_API_KEY, DEMO_API_SECRET) as c:
            # refused at once; the transport's retries (after 0 s, then 0.5 s) find it listening
            asyncio.get_running_loop().call_later(0.15, late.start)
            card = await c.card_info(card_number="900-001-001")
            return card.points

    try:
        assert run_fresh(go()) == 1000
    finally:
        late.stop()
