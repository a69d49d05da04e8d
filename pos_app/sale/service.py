"""Completing a sale exactly once: journal first, send, retry with the same order id, reconcile.

Pure asyncio, no Qt. The rules:
- The sale is journaled before anything is sent, and each attempt is journaled before it
  goes on the wire, so a killed till finds it on the next start.
- A dropped connection, a timeout, a 5xx or a garbled answer is retried with the SAME
  order id (bounded, with backoff). The server's 409 then says "it already happened": the
  sale is reconciled by fetching the card, and nothing is charged twice.
- A refusal (400/404/422/401/403) is final and never retried.
- The till never reports "done" without the server's confirmation (201 or 409).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Protocol

from pos_app.api.errors import (
    ApiError,
    ConflictError,
    InvalidResponseError,
    NetworkError,
    RateLimitError,
    ServerError,
)
from pos_app.core.models import CardInfo, TransactionResult
from pos_app.sale.journal import SaleJournal, SaleRecord, SaleRequest, SaleState

log = logging.getLogger(__name__)


class SaleApi(Protocol):
    """The two calls a sale needs; `pos_app.api.LoyaltyClient` provides them."""

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
    ) -> TransactionResult: ...

    async def card_info(
        self,
        *,
        card_number: str | None = None,
        card_id: int | None = None,
        user_id: int | None = None,
    ) -> CardInfo: ...


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard one `complete()` tries before handing the sale back to the cashier."""

    attempts: int = 4
    delays: Sequence[float] = (0.5, 1.0, 2.0)
    max_rate_limit_wait: float = 10.0

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        if not self.delays:
            return 0.0
        return self.delays[min(attempt, len(self.delays)) - 1]


@dataclass(frozen=True, slots=True)
class SaleOutcome:
    """What happened to one sale, from the journal row and the server's answer only.

    `error` is the last API error (None on success). `card` is the card fetched after a 409
    (its real balance). `reachable` is False when the loyalty service could not be reached
    at all, which blocks redemption until it answers again. `journaled_request_used` is True
    when the journal already held this order id with other numbers and those were sent.
    """

    record: SaleRecord
    error: ApiError | None = None
    card: CardInfo | None = None
    reachable: bool = True
    journaled_request_used: bool = False

    @property
    def state(self) -> SaleState:
        return self.record.state

    @property
    def confirmed(self) -> bool:
        """True only when the server confirmed the sale (or there was no customer)."""
        return self.record.state.done


# Re-sending at start-up or from the queue: one quick second try, then leave it journaled.
_RESEND_POLICY = RetryPolicy(attempts=2, delays=(1.0,))

Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class _Attempts:
    """Bookkeeping across the attempts of one send."""

    maybe_sent: bool
    last_error: ApiError | None = None
    reachable: bool = True
    rate_limited_for: float | None = field(default=None)


class SaleService:
    """Sends journaled sales to Loyalty.lt exactly once (see the module docstring)."""

    def __init__(
        self,
        api: SaleApi,
        journal: SaleJournal,
        *,
        policy: RetryPolicy | None = None,
        clock: Clock = _utc_now,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._api = api
        self._journal = journal
        self._policy = policy or RetryPolicy()
        self._now = clock
        self._sleep = sleep
        self._in_flight: dict[str, asyncio.Future[SaleOutcome]] = {}

    @property
    def journal(self) -> SaleJournal:
        return self._journal

    def is_sending(self, order_id: str) -> bool:
        return order_id in self._in_flight

    async def complete(
        self, request: SaleRequest, *, policy: RetryPolicy | None = None
    ) -> SaleOutcome:
        """Journal and send `request`; a second call for the same order id joins the first."""
        running = self._in_flight.get(request.order_id)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[SaleOutcome] = asyncio.get_running_loop().create_future()
        self._in_flight[request.order_id] = future
        try:
            outcome = await self._complete(request, policy or self._policy)
        except BaseException as exc:
            if isinstance(exc, asyncio.CancelledError):
                future.cancel()
            else:
                future.set_exception(exc)
                future.exception()  # joined callers re-raise it; don't log "never retrieved"
            raise
        else:
            future.set_result(outcome)
            return outcome
        finally:
            del self._in_flight[request.order_id]

    async def retry(self, order_id: str) -> SaleOutcome:
        """Send a journaled, unresolved sale again with its journaled numbers."""
        record = self._journal.get(order_id)
        if record is None:
            raise KeyError(order_id)
        return await self.complete(record.request)

    async def reconcile_pending(self, policy: RetryPolicy | None = None) -> list[SaleOutcome]:
        """At start-up: settle every sale a crash or an outage left unresolved, oldest first.

        Each is re-sent with its journaled numbers and order id: the server either records
        it now or answers 409 (it already had it). Stops early, leaving the rest in the
        journal, once the service is unreachable.
        """
        return await self._resend(self._journal.unresolved(), policy)

    async def send_queued(self, policy: RetryPolicy | None = None) -> list[SaleOutcome]:
        """Send the earn-only sales kept while the service was unreachable.

        Only those: a redemption whose fate is unknown is re-sent on the cashier's or
        manager's Retry, or at the next start, never silently in the background.
        """
        queued = [r for r in self._journal.unresolved() if r.state is SaleState.EARN_ONLY_QUEUED]
        return await self._resend(queued, policy)

    async def _resend(
        self, records: list[SaleRecord], policy: RetryPolicy | None
    ) -> list[SaleOutcome]:
        outcomes: list[SaleOutcome] = []
        for record in records:
            log.info("re-sending sale %s (state %s)", record.order_id, record.state.value)
            outcome = await self.complete(record.request, policy=policy or _RESEND_POLICY)
            outcomes.append(outcome)
            if not outcome.reachable:
                break
        return outcomes

    async def _complete(self, request: SaleRequest, policy: RetryPolicy) -> SaleOutcome:
        record = self._journal.begin(request, self._now())
        changed = record.request != request
        if changed:
            log.warning("order %s is already journaled; sending its journaled numbers", request)
        if record.state.done:
            return SaleOutcome(record, journaled_request_used=changed)
        outcome = await self._send(record, policy)
        if changed:
            return SaleOutcome(outcome.record, outcome.error, outcome.card, outcome.reachable, True)
        return outcome

    async def _send(self, record: SaleRecord, policy: RetryPolicy) -> SaleOutcome:
        request = record.request
        tries = _Attempts(
            maybe_sent=record.state
            in (SaleState.SENDING, SaleState.UNCERTAIN, SaleState.EARN_ONLY_QUEUED)
        )
        for attempt in range(1, max(policy.attempts, 1) + 1):
            self._journal.mark_sending(request.order_id, self._now())
            try:
                result = await self._post(request)
            except ConflictError:
                return await self._reconcile_conflict(request)
            except (NetworkError, ServerError, InvalidResponseError) as exc:
                tries.last_error = exc
                # Only a failed connection set-up proves the request never left the till.
                tries.maybe_sent |= not isinstance(exc, NetworkError) or exc.may_have_reached_server
                tries.reachable = isinstance(exc, InvalidResponseError)
                wait = policy.delay(attempt)
            except RateLimitError as exc:
                tries.last_error = exc
                tries.reachable = True
                tries.rate_limited_for = exc.retry_after
                if exc.retry_after is not None and exc.retry_after > policy.max_rate_limit_wait:
                    break
                wait = exc.retry_after if exc.retry_after is not None else policy.delay(attempt)
            except ApiError as exc:
                return self._refused(request, exc, tries)
            else:
                settled = self._journal.settle(
                    request.order_id,
                    SaleState.CONFIRMED,
                    self._now(),
                    transaction_id=str(result.transaction_id),
                    points_awarded=result.points_awarded,
                    points_balance=result.points_balance,
                )
                return SaleOutcome(settled)
            log.warning(
                "sale %s attempt %d failed: %r", request.order_id, attempt, tries.last_error
            )
            if attempt < policy.attempts:
                await self._sleep(wait)
        return self._gave_up(request, tries)

    async def _post(self, request: SaleRequest) -> TransactionResult:
        return await self._api.create_transaction(
            order_id=request.order_id,
            order_total=request.order_total,
            loyalty_card_id=request.card_id,
            user_id=request.user_id,
            points_redeemed=request.points_redeemed,
            points_discount_amount=request.discount,
            currency=request.currency,
            description=request.description,
        )

    async def _reconcile_conflict(self, request: SaleRequest) -> SaleOutcome:
        """409: the server already has this order. Show the card's real balance, if we can."""
        card: CardInfo | None = None
        error: ApiError | None = None
        try:
            if request.card_id is not None:
                card = await self._api.card_info(card_id=request.card_id)
            elif request.user_id is not None:
                card = await self._api.card_info(user_id=request.user_id)
        except ApiError as exc:
            error = exc  # the 409 alone proves the sale happened; the balance stays unknown
            log.warning("sale %s: balance after 409 unknown: %r", request.order_id, exc)
        settled = self._journal.settle(
            request.order_id,
            SaleState.RECONCILED,
            self._now(),
            points_balance=card.points if card is not None else None,
            last_error="already recorded by the server (409)",
        )
        return SaleOutcome(settled, error=error, card=card)

    def _refused(self, request: SaleRequest, exc: ApiError, tries: _Attempts) -> SaleOutcome:
        # After an attempt that may have been recorded, a refusal may only be the server
        # judging the repeat (e.g. the balance it already lowered): we cannot tell.
        state = SaleState.UNCERTAIN if tries.maybe_sent else SaleState.FAILED
        settled = self._journal.settle(request.order_id, state, self._now(), last_error=exc.message)
        return SaleOutcome(settled, error=exc)

    def _gave_up(self, request: SaleRequest, tries: _Attempts) -> SaleOutcome:
        error = tries.last_error
        message = error.message if error is not None else "not sent"
        if request.points_redeemed == 0:
            state = SaleState.EARN_ONLY_QUEUED
        elif tries.maybe_sent:
            state = SaleState.UNCERTAIN
        elif isinstance(error, RateLimitError):
            state = SaleState.PENDING
        else:
            # Nothing reached the server: nothing was redeemed. The cashier may change the
            # sale (e.g. to earn-only) and send it again under the same order id.
            state = SaleState.FAILED
        settled = self._journal.settle(request.order_id, state, self._now(), last_error=message)
        return SaleOutcome(settled, error=error, reachable=tries.reachable)
