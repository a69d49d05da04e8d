"""SaleService against a scripted fake server: retries, 409 reconciliation, refusals, queueing."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pos_app.api import LoyaltyClient
from pos_app.api.errors import (
    ApiError,
    AuthError,
    ConflictError,
    InvalidResponseError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ValidationError,
)
from pos_app.core.models import CardInfo, TransactionResult
from pos_app.sale.journal import SaleJournal, SaleRequest, SaleState
from pos_app.sale.service import RetryPolicy, SaleOutcome, SaleService
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer
from pos_app.testing.helpers import run_async

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]

# A fault is an exception to raise; with `record=True` the server records the sale first.


@dataclass
class Fault:
    error: ApiError
    record: bool = False


@dataclass
class FakeServer:
    """Records sales by order id like Loyalty.lt: a repeat is a 409. Faults run in order."""

    balance: int = 1000
    faults: list[Fault] = field(default_factory=list)
    transactions: dict[str, dict[str, object]] = field(default_factory=dict)
    posts: int = 0
    card_lookups: int = 0
    card_fault: ApiError | None = None
    gate: asyncio.Event | None = None

    async def create_transaction(
        self,
        *,
        order_id: str,
        order_total: Decimal,
        loyalty_card_id: int | None = None,
        user_id: int | None = None,
        points_redeemed: int = 0,
        points_discount_amount: Decimal = Decimal("0"),
        currency: str = "EUR",
        description: str | None = None,
    ) -> TransactionResult:
        self.posts += 1
        if self.gate is not None:
            await self.gate.wait()
        fault = self.faults.pop(0) if self.faults else None
        if fault is not None and not fault.record:
            raise fault.error
        if order_id in self.transactions:
            raise ConflictError(status=409, code="RESOURCE_ALREADY_EXISTS")
        if points_redeemed > self.balance:
            raise ValidationError("Nepakanka taškų", status=400, code="VALIDATION_ERROR")
        paid = order_total - points_discount_amount
        awarded = int(paid)
        self.balance += awarded - points_redeemed
        self.transactions[order_id] = {
            "order_total": order_total,
            "points_redeemed": points_redeemed,
            "discount": points_discount_amount,
            "card": loyalty_card_id,
            "description": description,
        }
        if fault is not None:
            raise fault.error
        return TransactionResult(
            transaction_id=len(self.transactions),
            points_awarded=awarded,
            points_balance=self.balance,
        )

    async def card_info(
        self,
        *,
        card_number: str | None = None,
        card_id: int | None = None,
        user_id: int | None = None,
    ) -> CardInfo:
        self.card_lookups += 1
        if self.card_fault is not None:
            raise self.card_fault
        return CardInfo(id=card_id or 1001, card_number="900-001-001", points=self.balance,
                        is_active=True)  # fmt: skip


def dropped() -> NetworkError:
    return NetworkError(may_have_reached_server=True)


def refused_connection() -> NetworkError:
    return NetworkError(may_have_reached_server=False)


def sale(
    order_id: str = "POS-t-1", points: int = 500, discount: str = "5.00", *, user_id: int = 1
) -> SaleRequest:
    return SaleRequest(
        order_id=order_id,
        order_total=Decimal("25.30"),
        card_id=1001,
        card_number="900-001-001",
        user_id=user_id,
        points_redeemed=points,
        discount=Decimal(discount),
        description="Till sale",
    )


Run = Callable[[Any], Any]


@pytest.fixture
def run(qasync_loop: asyncio.AbstractEventLoop, qtbot: Any) -> Run:
    """Run a coroutine on the session's qasync loop (asyncio.run would clash with it)."""
    return lambda coro: run_async(qasync_loop, qtbot, coro)


@dataclass
class Harness:
    server: FakeServer
    journal: SaleJournal
    service: SaleService
    sleeps: list[float]


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    server = FakeServer()
    sleeps: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)

    with SaleJournal(tmp_path / "sales.sqlite3") as journal:
        service = SaleService(server, journal, clock=lambda: NOW, sleep=fake_sleep)
        yield Harness(server, journal, service, sleeps)


def test_a_sale_is_sent_once_and_confirmed_with_the_server_numbers(
    run: Run, harness: Harness
) -> None:
    outcome = run(harness.service.complete(sale()))
    assert outcome.confirmed
    assert outcome.state is SaleState.CONFIRMED
    assert (outcome.record.points_awarded, outcome.record.points_balance) == (20, 520)
    assert outcome.record.transaction_id == "1"
    assert harness.server.posts == 1
    sent = harness.server.transactions["POS-t-1"]
    assert (sent["points_redeemed"], sent["discount"], sent["card"]) == (500, Decimal("5.00"), 1001)
    stored = harness.journal.get("POS-t-1")
    assert stored is not None
    assert (stored.state, stored.attempts, stored.points_balance) == (SaleState.CONFIRMED, 1, 520)


def test_a_sale_without_customer_is_closed_and_never_sent(run: Run, harness: Harness) -> None:
    request = SaleRequest(order_id="POS-t-anon", order_total=Decimal("3.00"))
    outcome = run(harness.service.complete(request))
    assert outcome.state is SaleState.CLOSED
    assert outcome.confirmed
    assert harness.server.posts == 0


def test_drop_after_record_is_retried_with_the_same_id_and_reconciled(
    run: Run, harness: Harness
) -> None:
    harness.server.faults = [Fault(dropped(), record=True)]
    outcome = run(harness.service.complete(sale()))
    assert harness.server.posts == 2
    assert list(harness.server.transactions) == ["POS-t-1"]
    assert outcome.state is SaleState.RECONCILED
    assert outcome.confirmed
    assert outcome.card is not None
    assert outcome.record.points_balance == 520 == harness.server.balance
    assert outcome.record.points_awarded is None  # a 409 cannot say; we don't invent it
    assert harness.sleeps == [0.5]


def test_drop_before_record_is_retried_and_confirmed(run: Run, harness: Harness) -> None:
    harness.server.faults = [Fault(dropped()), Fault(ServerError(status=503))]
    outcome = run(harness.service.complete(sale()))
    assert outcome.state is SaleState.CONFIRMED
    assert harness.server.posts == 3
    assert len(harness.server.transactions) == 1
    assert harness.sleeps == [0.5, 1.0]
    stored = harness.journal.get("POS-t-1")
    assert stored is not None
    assert stored.attempts == 3


def test_a_garbled_answer_is_retried_and_reconciled(run: Run, harness: Harness) -> None:
    harness.server.faults = [Fault(InvalidResponseError(), record=True)]
    outcome = run(harness.service.complete(sale()))
    assert outcome.state is SaleState.RECONCILED
    assert len(harness.server.transactions) == 1


@pytest.mark.parametrize(
    "error",
    [
        ValidationError("Nepakanka taškų", status=400, code="VALIDATION_ERROR"),
        ValidationError(status=422, field_errors={"order_total": ["must be positive"]}),
        NotFoundError(status=404),
        AuthError(status=401),
    ],
)
def test_refusals_are_final_and_never_retried(run: Run, harness: Harness, error: ApiError) -> None:
    harness.server.faults = [Fault(error)]
    outcome = run(harness.service.complete(sale()))
    assert outcome.state is SaleState.FAILED
    assert not outcome.confirmed
    assert outcome.error is error
    assert harness.server.posts == 1
    assert harness.sleeps == []
    stored = harness.journal.get("POS-t-1")
    assert stored is not None
    assert stored.last_error == error.message


def test_insufficient_points_fails_then_a_corrected_sale_goes_through(
    run: Run, harness: Harness
) -> None:
    harness.server.balance = 300
    refused = run(harness.service.complete(sale()))
    assert refused.state is SaleState.FAILED
    assert isinstance(refused.error, ValidationError)
    fixed = run(harness.service.complete(sale(points=300, discount="3.00")))
    assert fixed.state is SaleState.CONFIRMED
    assert harness.server.transactions["POS-t-1"]["points_redeemed"] == 300


def test_a_refusal_after_a_possibly_recorded_attempt_is_uncertain(
    run: Run, harness: Harness
) -> None:
    harness.server.faults = [Fault(dropped()), Fault(ValidationError(status=400))]
    outcome = run(harness.service.complete(sale()))
    assert outcome.state is SaleState.UNCERTAIN
    assert not outcome.confirmed


def test_unreachable_redemption_is_failed_when_nothing_left_the_till(
    run: Run, harness: Harness
) -> None:
    harness.server.faults = [Fault(refused_connection()) for _ in range(4)]
    outcome = run(harness.service.complete(sale()))
    assert outcome.state is SaleState.FAILED
    assert not outcome.reachable
    assert harness.server.posts == 4
    assert harness.sleeps == [0.5, 1.0, 2.0]
    # The cashier drops the redemption; the same order id now queues as earn-only.
    harness.server.faults = [Fault(refused_connection()) for _ in range(4)]
    queued = run(harness.service.complete(sale(points=0, discount="0.00")))
    assert queued.state is SaleState.EARN_ONLY_QUEUED
    assert not queued.confirmed
    assert [r.order_id for r in harness.journal.unresolved()] == ["POS-t-1"]


def test_unreachable_after_a_possible_send_is_uncertain(run: Run, harness: Harness) -> None:
    harness.server.faults = [Fault(dropped(), record=True)] + [
        Fault(refused_connection()) for _ in range(3)
    ]
    outcome = run(harness.service.complete(sale()))
    assert outcome.state is SaleState.UNCERTAIN
    assert not outcome.reachable
    # A new attempt with other numbers must not send them under the same order id.
    retried = run(harness.service.complete(sale(points=100, discount="1.00")))
    assert retried.journaled_request_used
    assert retried.state is SaleState.RECONCILED
    assert harness.server.transactions["POS-t-1"]["points_redeemed"] == 500


def test_queued_earn_only_sales_are_sent_by_reconcile_pending(run: Run, harness: Harness) -> None:
    harness.server.faults = [Fault(refused_connection()) for _ in range(8)]
    run(harness.service.complete(sale("POS-a", points=0, discount="0")))
    run(harness.service.complete(sale("POS-b", points=0, discount="0")))
    assert len(harness.journal.unresolved()) == 2
    outcomes = run(harness.service.reconcile_pending())
    assert [o.state for o in outcomes] == [SaleState.CONFIRMED, SaleState.CONFIRMED]
    assert sorted(harness.server.transactions) == ["POS-a", "POS-b"]
    assert harness.journal.unresolved() == []


def test_reconcile_stops_at_the_first_unreachable_sale(run: Run, harness: Harness) -> None:
    for order_id in ("POS-a", "POS-b"):
        harness.journal.begin(sale(order_id), NOW)
        harness.journal.mark_sending(order_id, NOW)
    harness.server.faults = [Fault(refused_connection()) for _ in range(2)]
    outcomes = run(harness.service.reconcile_pending())
    assert [o.state for o in outcomes] == [SaleState.UNCERTAIN]
    assert harness.server.posts == 2
    assert len(harness.journal.unresolved()) == 2


def test_a_sale_found_sending_after_a_crash_is_reconciled(run: Run, harness: Harness) -> None:
    harness.journal.begin(sale(), NOW)
    harness.journal.mark_sending("POS-t-1", NOW)
    harness.server.transactions["POS-t-1"] = {}  # the server got it before the crash
    outcomes = run(harness.service.reconcile_pending())
    assert [o.state for o in outcomes] == [SaleState.RECONCILED]
    assert harness.server.card_lookups == 1


def test_a_409_without_a_readable_balance_is_still_confirmed(run: Run, harness: Harness) -> None:
    harness.server.faults = [Fault(dropped(), record=True)]
    harness.server.card_fault = NetworkError(may_have_reached_server=False)
    outcome = run(harness.service.complete(sale()))
    assert outcome.state is SaleState.RECONCILED
    assert outcome.record.points_balance is None
    assert isinstance(outcome.error, NetworkError)


def test_rate_limit_waits_retry_after_then_sends(run: Run, harness: Harness) -> None:
    harness.server.faults = [Fault(RateLimitError(retry_after=3.0, status=429))]
    outcome = run(harness.service.complete(sale()))
    assert outcome.state is SaleState.CONFIRMED
    assert harness.sleeps == [3.0]


def test_a_long_rate_limit_leaves_the_sale_pending(run: Run, harness: Harness) -> None:
    harness.server.faults = [Fault(RateLimitError(retry_after=60.0, status=429))]
    outcome = run(harness.service.complete(sale()))
    assert outcome.state is SaleState.PENDING
    assert outcome.reachable
    assert harness.server.posts == 1
    assert harness.server.transactions == {}


def test_a_confirmed_sale_is_not_sent_again(run: Run, harness: Harness) -> None:
    run(harness.service.complete(sale()))
    again = run(harness.service.complete(sale()))
    assert again.state is SaleState.CONFIRMED
    assert harness.server.posts == 1


def test_concurrent_completes_of_one_order_send_once(run: Run, harness: Harness) -> None:
    async def double_click() -> list[object]:
        harness.server.gate = asyncio.Event()
        first = asyncio.create_task(harness.service.complete(sale()))
        await asyncio.sleep(0)
        second = asyncio.create_task(harness.service.complete(sale()))
        await asyncio.sleep(0)
        assert harness.service.is_sending("POS-t-1")
        harness.server.gate.set()
        return list(await asyncio.gather(first, second))

    first, second = run(double_click())
    assert first is second
    assert harness.server.posts == 1
    assert not harness.service.is_sending("POS-t-1")


def test_retry_resends_the_journaled_numbers(run: Run, harness: Harness) -> None:
    policy_service = SaleService(
        harness.server, harness.journal, policy=RetryPolicy(attempts=1), clock=lambda: NOW
    )
    harness.server.faults = [Fault(dropped())]
    first = run(policy_service.complete(sale()))
    assert first.state is SaleState.UNCERTAIN
    retried = run(policy_service.retry("POS-t-1"))
    assert retried.state is SaleState.CONFIRMED
    assert harness.server.transactions["POS-t-1"]["points_redeemed"] == 500
    with pytest.raises(KeyError):
        run(policy_service.retry("POS-nope"))


# -- against the sandbox over real HTTP ------------------------------------------------------


def _sandbox_sale(sandbox: SandboxServer, **changes: Any) -> SaleRequest:
    """`sale()` for the sandbox's card 900-001-001 and its user."""
    return sale(user_id=sandbox.state.card("900-001-001")["user"]["id"], **changes)


def _sandbox_service(client: LoyaltyClient, journal: SaleJournal) -> SaleService:
    return SaleService(client, journal, policy=RetryPolicy(attempts=4, delays=(0.05,)))


def test_sandbox_drop_after_record_ends_in_one_transaction(
    run: Run, sandbox: SandboxServer, tmp_path: Path
) -> None:
    async def go() -> SaleOutcome:
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
            with SaleJournal(tmp_path / "j.sqlite3") as journal:
                sandbox.faults.inject("drop_after", path_contains="transactions/create")
                return await _sandbox_service(client, journal).complete(_sandbox_sale(sandbox))

    outcome = run(go())
    recorded = sandbox.state.transactions
    assert [t["order_id"] for t in recorded] == ["POS-t-1"]
    assert outcome.state is SaleState.RECONCILED
    balance = sandbox.state.card("900-001-001")["points"]
    assert 500 <= balance < 1000  # 1000 - 500 redeemed once, plus what the sale earned
    assert outcome.record.points_balance == balance


def test_sandbox_sale_confirmed_with_server_numbers(
    run: Run, sandbox: SandboxServer, tmp_path: Path
) -> None:
    async def go() -> SaleOutcome:
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
            with SaleJournal(tmp_path / "j.sqlite3") as journal:
                sandbox.faults.inject("drop_before", path_contains="transactions/create")
                sandbox.faults.inject("server_error", path_contains="transactions/create")
                return await _sandbox_service(client, journal).complete(_sandbox_sale(sandbox))

    outcome = run(go())
    assert outcome.state is SaleState.CONFIRMED
    balance = sandbox.state.card("900-001-001")["points"]
    assert outcome.record.points_awarded == balance - 500  # 1000 - 500 redeemed + awarded
    assert outcome.record.points_balance == balance
    assert len(sandbox.state.transactions) == 1


@pytest.mark.parametrize(
    ("points", "discount", "field"),
    [(1500, "15.00", "points_redeemed"), (500, "9.00", "points_discount_amount")],
)
def test_sandbox_refusals_are_failed_with_what_the_server_said(
    run: Run, sandbox: SandboxServer, tmp_path: Path, points: int, discount: str, field: str
) -> None:
    async def go() -> SaleOutcome:
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
            with SaleJournal(tmp_path / "j.sqlite3") as journal:
                service = _sandbox_service(client, journal)
                request = _sandbox_sale(sandbox, points=points, discount=discount)
                return await service.complete(request)

    outcome = run(go())
    assert outcome.state is SaleState.FAILED
    assert isinstance(outcome.error, ValidationError)
    assert field in outcome.error.field_errors
    assert sandbox.state.transactions == []


def test_send_queued_sends_earn_only_sales_but_never_an_uncertain_redemption(
    run: Run, harness: Harness
) -> None:
    harness.journal.begin(sale("POS-redeem"), NOW)
    harness.journal.settle("POS-redeem", SaleState.UNCERTAIN, NOW)
    harness.journal.begin(sale("POS-earn", points=0, discount="0"), NOW)
    harness.journal.settle("POS-earn", SaleState.EARN_ONLY_QUEUED, NOW)
    outcomes = run(harness.service.send_queued())
    assert [(o.record.order_id, o.state) for o in outcomes] == [("POS-earn", SaleState.CONFIRMED)]
    assert list(harness.server.transactions) == ["POS-earn"]
    assert [r.order_id for r in harness.journal.unresolved()] == ["POS-redeem"]


def test_a_repeat_refused_after_the_first_landed_is_settled_from_the_transactions_list(
    run: Run, sandbox: SandboxServer, tmp_path: Path
) -> None:
    """The first attempt is recorded but its answer lost; the repeat is refused (not a 409)."""

    async def go() -> SaleOutcome:
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
            with SaleJournal(tmp_path / "j.sqlite3") as journal:
                sandbox.faults.inject("drop_after", path_contains="transactions/create")
                sandbox.faults.inject("forbidden", path_contains="transactions/create")
                return await _sandbox_service(client, journal).complete(_sandbox_sale(sandbox))

    outcome = run(go())
    assert [t["order_id"] for t in sandbox.state.transactions] == ["POS-t-1"]
    assert outcome.state is SaleState.RECONCILED  # the server's list has it: settled, once
    assert outcome.confirmed


def test_a_refused_repeat_the_list_does_not_show_stays_uncertain(
    run: Run, harness: Harness
) -> None:
    harness.server.faults = [Fault(dropped()), Fault(AuthError(status=403))]
    outcome = run(harness.service.complete(sale()))
    assert outcome.state is SaleState.UNCERTAIN  # the fake has no list: nobody knows
