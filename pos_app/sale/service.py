"""Completing a sale exactly once: journal first, send, retry with the same order id, reconcile.

Pure asyncio, no Qt. The rules:
- The sale is journaled before anything is sent, and each attempt is journaled before it
  goes on the wire, so a killed till finds it on the next start.
- A dropped connection, a timeout, a 5xx or a garbled answer is retried with the SAME
  order id (bounded, with backoff). The server's 409 then says "it already happened": the
  sale is reconciled by fetching the card, and nothing is charged twice.
- A refusal (400/404/422/401/403) is final and never retried.
- The till never reports "done" without the server's confirmation (a 2xx answer or 409).
- A new sale for a card never waits on another: it is held (not sent) while that card has an
  earlier sale the cashier has not heard about: one still unsettled in the journal (re-sent
  first with its own order id and numbers), one still on the wire, or one settled by the
  start-up reconciliation. The cashier sees what became of it, then completes again or not.
- The journal never makes the event loop wait: SQLite does not wait for a lock (busy
  timeout 0); a locked journal is retried here, asynchronously, for `journal_wait` seconds.
  A sale that cannot be journaled is refused before anything is sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar, cast

from pos_app.api.errors import (
    ApiError,
    ConflictError,
    InvalidResponseError,
    NetworkError,
    RateLimitError,
    ServerError,
)
from pos_app.core.models import CardInfo, TransactionResult
from pos_app.sale.journal import (
    JournalError,
    SaleJournal,
    SaleRecord,
    SaleRequest,
    SaleState,
)
from pos_app.sale.journal_open import UnusableJournal
from pos_app.sale.outcome import (
    FATE_UNKNOWN,
    CustomerKey,
    RetryPolicy,
    SaleApi,
    SaleOutcome,
    TransactionLister,
    customer_keys,
)

log = logging.getLogger(__name__)


# Re-sending at start-up or from the queue: one quick second try, then leave it journaled.
_RESEND_POLICY = RetryPolicy(attempts=2, delays=(1.0,))

Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]


T = TypeVar("T")


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
        journal: SaleJournal | UnusableJournal,
        *,
        policy: RetryPolicy | None = None,
        clock: Clock = _utc_now,
        sleep: Sleep = asyncio.sleep,
        journal_wait: float = 3.0,
    ) -> None:
        self._api = api
        self._journal = journal
        self._policy = policy or RetryPolicy()
        self._now = clock
        self._sleep = sleep
        self._journal_wait = journal_wait
        self._in_flight: dict[str, asyncio.Future[SaleOutcome]] = {}
        self._in_flight_requests: dict[str, SaleRequest] = {}
        # Outcomes of the start-up reconciliation, per customer, until a sale for them is held.
        self._settled_at_start: dict[CustomerKey, list[SaleOutcome]] = {}

    @property
    def journal(self) -> SaleJournal | UnusableJournal:
        return self._journal

    @property
    def journal_problem(self) -> JournalError | None:
        """Why no sale can be taken at all (the journal could not be opened), or None."""
        journal = self._journal
        return journal.problem if isinstance(journal, UnusableJournal) else None

    def use_journal(self, journal: SaleJournal) -> None:
        """Take sales again with `journal`, once the one met at start could be opened after all."""
        if not isinstance(self._journal, UnusableJournal):
            raise RuntimeError("the sale service already has a working journal")
        self._journal = journal

    def is_sending(self, order_id: str) -> bool:
        return order_id in self._in_flight

    def queued_sales(self) -> list[SaleRecord]:
        """Earn-only sales kept while the service was unreachable (empty if unreadable)."""
        try:
            records = self._journal.unresolved()
        except JournalError as exc:
            log.warning("cannot read the queued sales: %s", exc.message)
            return []
        return [r for r in records if r.state is SaleState.EARN_ONLY_QUEUED]

    async def complete(
        self, request: SaleRequest, *, policy: RetryPolicy | None = None
    ) -> SaleOutcome:
        """Journal and send `request`; a second call for the same order id joins the first."""
        return await self._run(request, policy or self._policy, hold_for_earlier=True)

    async def _run(
        self, request: SaleRequest, policy: RetryPolicy, *, hold_for_earlier: bool
    ) -> SaleOutcome:
        running = self._in_flight.get(request.order_id)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[SaleOutcome] = asyncio.get_running_loop().create_future()
        self._in_flight[request.order_id] = future
        self._in_flight_requests[request.order_id] = request
        try:
            outcome = await self._complete(request, policy, hold_for_earlier)
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
            del self._in_flight_requests[request.order_id]

    async def retry(self, order_id: str) -> SaleOutcome:
        """Send a journaled, unresolved sale again with its journaled numbers."""
        record = await self._journal_io(self._journal.get, order_id)
        if record is None:
            raise KeyError(order_id)
        return await self._run(record.request, self._policy, hold_for_earlier=False)

    async def reconcile_pending(self, policy: RetryPolicy | None = None) -> list[SaleOutcome]:
        """At start-up: settle every sale a crash or an outage left unresolved, oldest first.

        Each is re-sent with its journaled numbers and order id: the server either records
        it now or answers 409 (it already had it). Stops early, leaving the rest in the
        journal, once the service is unreachable. What became of each is also kept per
        customer: the next sale for that card is held once so the cashier hears about it.
        """
        records = await self._unresolved()
        outcomes = await self._resend(records, policy)
        unknown = {r.order_id for r in records if r.state in FATE_UNKNOWN}
        for outcome in outcomes:
            if outcome.record.order_id in unknown:
                for key in customer_keys(outcome.record.request):
                    self._settled_at_start.setdefault(key, []).append(outcome)
        return outcomes

    async def send_queued(self, policy: RetryPolicy | None = None) -> list[SaleOutcome]:
        """Send the earn-only sales kept while the service was unreachable.

        Only those: a redemption whose fate is unknown is re-sent on the cashier's or
        manager's Retry, at the next start, or before the next sale for that card, never
        silently in the background.
        """
        return await self._resend(self.queued_sales(), policy)

    async def _unresolved(self) -> list[SaleRecord]:
        try:
            return await self._journal_io(self._journal.unresolved)
        except JournalError as exc:
            log.error("cannot read the open sales: %s", exc.message)
            return []

    async def _resend(
        self, records: list[SaleRecord], policy: RetryPolicy | None
    ) -> list[SaleOutcome]:
        outcomes: list[SaleOutcome] = []
        for record in records:
            log.info("re-sending sale %s (state %s)", record.order_id, record.state.value)
            outcome = await self._run(
                record.request, policy or _RESEND_POLICY, hold_for_earlier=False
            )
            outcomes.append(outcome)
            if not outcome.reachable:
                break
        return outcomes

    async def _journal_io(self, call: Callable[..., T], *args: object) -> T:
        """Run one journal call; a locked journal is tried again, without blocking the loop."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._journal_wait
        delay = 0.02
        while True:
            try:
                return call(*args)
            except JournalError as exc:
                if exc.reason != "locked" or loop.time() >= deadline:
                    raise
            await self._sleep(delay)
            delay = min(delay * 2, 0.25)

    # -- earlier sales of the same customer ---------------------------------------------------

    async def _earlier_sales(self, request: SaleRequest) -> list[SaleOutcome]:
        """Earlier sales of this customer the cashier must hear about before this one goes."""
        keys = customer_keys(request)
        if not keys:
            return []
        outcomes: list[SaleOutcome] = []
        for key in keys:
            outcomes += self._settled_at_start.pop(key, [])
        for order_id, other in list(self._in_flight_requests.items()):
            if order_id != request.order_id and customer_keys(other) & keys:
                # Still on the wire (New sale was pressed while it was sent): never wait for it.
                record = await self._journal_io(self._journal.get, order_id)
                if record is not None:
                    outcomes.append(SaleOutcome(record))
        for record in await self._unresolved():
            if (
                record.state not in FATE_UNKNOWN
                or record.order_id == request.order_id
                or record.order_id in self._in_flight
                or not customer_keys(record.request) & keys
            ):
                continue
            log.info("settling earlier sale %s before %s", record.order_id, request.order_id)
            outcomes.append(await self._run(record.request, _RESEND_POLICY, hold_for_earlier=False))
        unique: dict[str, SaleOutcome] = {}
        for outcome in outcomes:
            unique.setdefault(outcome.record.order_id, outcome)
        return list(unique.values())

    def _held(self, request: SaleRequest, earlier: list[SaleOutcome]) -> SaleOutcome:
        now = self._now()
        record = SaleRecord(
            request, SaleState.FAILED, now, now, last_error="held: earlier sales of this card"
        )
        reachable = all(o.reachable for o in earlier)
        return SaleOutcome(record, reachable=reachable, earlier=tuple(earlier), held=True)

    def _not_journaled(self, request: SaleRequest, problem: JournalError) -> SaleOutcome:
        log.error("sale %s not sent: %s", request.order_id, problem.message)
        now = self._now()
        record = SaleRecord(request, SaleState.FAILED, now, now, last_error=problem.message)
        return SaleOutcome(record, journal_problem=problem)

    # -- one sale -----------------------------------------------------------------------------

    async def _complete(
        self, request: SaleRequest, policy: RetryPolicy, hold_for_earlier: bool
    ) -> SaleOutcome:
        try:
            known = await self._journal_io(self._journal.get, request.order_id)
            if hold_for_earlier and known is None and request.has_customer:
                earlier = await self._earlier_sales(request)
                if earlier:
                    return self._held(request, earlier)
            record = await self._journal_io(self._journal.begin, request, self._now())
        except JournalError as exc:
            return self._not_journaled(request, exc)
        changed = record.request != request
        if changed:
            log.warning("order %s is already journaled; sending its journaled numbers", request)
        if record.state.done:
            return SaleOutcome(record, journaled_request_used=changed)
        outcome = await self._send(record, policy)
        if changed:
            return replace(outcome, journaled_request_used=True)
        return outcome

    async def _send(self, record: SaleRecord, policy: RetryPolicy) -> SaleOutcome:
        request = record.request
        tries = _Attempts(
            maybe_sent=record.state
            in (SaleState.SENDING, SaleState.UNCERTAIN, SaleState.EARN_ONLY_QUEUED)
        )
        for attempt in range(1, max(policy.attempts, 1) + 1):
            try:
                await self._journal_io(self._journal.mark_sending, request.order_id, self._now())
            except JournalError as exc:
                if tries.maybe_sent or attempt > 1:
                    # An earlier attempt may have landed: leave the row as it is (sending or
                    # uncertain); it is settled at the next start or by Retry.
                    log.error("sale %s: journal failed between attempts: %s", request, exc)
                    return SaleOutcome(record, error=tries.last_error, journal_problem=exc)
                return self._not_journaled(request, exc)
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
                return await self._refused(request, exc, tries)
            else:
                return await self._settle(
                    request,
                    SaleState.CONFIRMED,
                    transaction_id=str(result.transaction_id),
                    points_awarded=result.points_awarded,
                    points_balance=result.points_balance,
                )
            log.warning(
                "sale %s attempt %d failed: %r", request.order_id, attempt, tries.last_error
            )
            if attempt < policy.attempts:
                await self._sleep(wait)
        return await self._gave_up(request, tries)

    async def _settle(
        self,
        request: SaleRequest,
        state: SaleState,
        *,
        error: ApiError | None = None,
        card: CardInfo | None = None,
        reachable: bool = True,
        **answer: Any,
    ) -> SaleOutcome:
        """Journal the outcome; if the journal fails now, the outcome is still the truth."""
        try:
            settled = await self._journal_io(
                partial(self._journal.settle, **answer), request.order_id, state, self._now()
            )
        except JournalError as exc:
            log.error("sale %s is %s but the journal failed: %s", request, state, exc.message)
            now = self._now()
            fields = {k: v for k, v in answer.items() if k != "last_error"}
            settled = SaleRecord(request, state, now, now, **fields)
            return SaleOutcome(settled, error, card, reachable, journal_problem=exc)
        return SaleOutcome(settled, error, card, reachable)

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
        return await self._settle(
            request,
            SaleState.RECONCILED,
            error=error,
            card=card,
            points_balance=card.points if card is not None else None,
            last_error="already recorded by the server (409)",
        )

    async def _refused(self, request: SaleRequest, exc: ApiError, tries: _Attempts) -> SaleOutcome:
        # After an attempt that may have been recorded, a refusal may only be the server
        # judging the repeat (e.g. the balance it already lowered): the server's own list of
        # the card's transactions says whether it has this order; if it cannot, nobody knows.
        if tries.maybe_sent and await self._on_server(request):
            log.info("sale %s: refused on repeat, but the server lists it", request.order_id)
            return await self._reconcile_conflict(request)
        state = SaleState.UNCERTAIN if tries.maybe_sent else SaleState.FAILED
        return await self._settle(request, state, error=exc, last_error=exc.message)

    async def _on_server(self, request: SaleRequest, pages: int = 3) -> bool:
        """True when the partner's transactions list shows this order id (read only).

        Only a positive answer counts: a sale missing from the first pages may still be
        there, further back or not listed yet.
        """
        found = getattr(self._api, "transactions", None)
        if not callable(found) or (request.card_id is None and request.user_id is None):
            return False
        lister = cast("TransactionLister", found)
        for page in range(1, pages + 1):
            try:
                if request.card_id is not None:
                    listed = await lister(loyalty_card_id=request.card_id, page=page)
                else:
                    listed = await lister(user_id=request.user_id, page=page)
            except ApiError as exc:
                log.warning("sale %s: transactions list unavailable: %r", request.order_id, exc)
                return False
            if any(item.reference_number == request.order_id for item in listed.items):
                return True
            if page >= listed.last_page:
                return False
        return False

    async def _gave_up(self, request: SaleRequest, tries: _Attempts) -> SaleOutcome:
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
        return await self._settle(
            request, state, error=error, reachable=tries.reachable, last_error=message
        )


__all__ = ["RetryPolicy", "SaleApi", "SaleOutcome", "SaleService", "customer_keys"]
