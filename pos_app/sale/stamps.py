"""Stamps for a confirmed sale, given exactly once: journaled first, re-read after a timeout.

Pure asyncio, no Qt. The Shop API has no idempotency key for stamps, so "exactly once" rests
on the journal and on reading the game's progress:
- The stamps a sale will give are journaled when the sale is sent (`intend`), and go out
  only once the sale is confirmed (`give`): a refused sale gives none.
- Just before sending, the game's progress is re-read and stored with the row; the row is
  marked "sending" before the request leaves the till.
- An answer lost to a timeout, a dropped connection, a 5xx or a garbled body is never simply
  repeated: the progress is read again and compared with the stored one. Moved on: the
  stamps landed. Unchanged: they did not, and only then are they sent again.
- A refusal (unknown game, card blocked) is final.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from pos_app.api.errors import ApiError, InvalidResponseError, NetworkError, ServerError
from pos_app.core.loyalty_programs import CardGame, StampResult
from pos_app.sale.stamp_journal import (
    ANY_GAME,
    Progress,
    StampGrant,
    StampJournal,
    StampRecord,
    StampState,
)

log = logging.getLogger(__name__)
T = TypeVar("T")


class StampApi(Protocol):
    """The two calls stamps need; `pos_app.api.LoyaltyClient` provides them."""

    async def card_games(self, card_id: int, shop_id: int | None = None) -> list[CardGame]: ...

    async def add_stamps(
        self, game_id: int, *, card_id: int, shop_id: int, stamps_count: int = 1
    ) -> StampResult: ...


@dataclass(frozen=True, slots=True)
class StampOutcome:
    """What happened to one sale's stamps. `result` is the server's answer when it came;
    `error` is the last API error (the stamps stay journaled when it left them open)."""

    record: StampRecord
    result: StampResult | None = None
    error: ApiError | None = None

    @property
    def given(self) -> bool:
        return self.record.state is StampState.GIVEN

    @property
    def completed(self) -> bool:
        return self.record.completed


Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class StampService:
    """Gives each confirmed sale's stamps exactly once (see the module docstring).

    `attempts` bounds the sends of one `give`; `settle_delay` is how long to wait after a
    lost answer before re-reading the progress (the server may still be working on it).
    """

    def __init__(
        self,
        api: StampApi,
        journal: StampJournal,
        *,
        attempts: int = 2,
        settle_delay: float = 1.0,
        clock: Clock = _utc_now,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._api = api
        self._journal = journal
        self._attempts = max(1, attempts)
        self._settle_delay = settle_delay
        self._now = clock
        self._sleep = sleep
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stamp-journal")
        self._running: dict[str, asyncio.Future[StampOutcome | None]] = {}

    @property
    def journal(self) -> StampJournal:
        return self._journal

    async def _db(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: call(*args, **kwargs))

    async def aclose(self) -> None:
        """Wait for journal writes in progress, then close the journal."""
        await self._db(self._journal.close)
        self._executor.shutdown(wait=True)

    async def intend(self, grant: StampGrant) -> StampRecord:
        """Journal `grant` while its sale is being sent (nothing goes to the server yet)."""
        if grant.stamps_count < 1:
            raise ValueError("stamps_count must be at least 1")
        return await self._db(self._journal.intend, grant, self._now())

    async def cancel(self, order_id: str, reason: str) -> StampRecord | None:
        """The sale will not be confirmed (or the cashier chose no stamps): give none."""
        record = await self._db(self._journal.get, order_id)
        if record is None or record.state is not StampState.WAITING_SALE:
            return record
        return await self._db(
            self._journal.settle,
            order_id,
            StampState.CANCELLED,
            self._now(),
            last_error=reason,
        )

    async def record(self, order_id: str) -> StampRecord | None:
        return await self._db(self._journal.get, order_id)

    async def give(self, order_id: str) -> StampOutcome | None:
        """Send the stamps of a confirmed sale; None when that sale has none journaled.

        A second call for the same order joins the first; a finished one is not sent again.
        """
        running = self._running.get(order_id)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[StampOutcome | None] = asyncio.get_running_loop().create_future()
        self._running[order_id] = future
        try:
            outcome = await self._give(order_id)
        except BaseException as exc:
            if isinstance(exc, asyncio.CancelledError):
                future.cancel()
            else:
                future.set_exception(exc)
                future.exception()
            raise
        else:
            future.set_result(outcome)
            return outcome
        finally:
            del self._running[order_id]

    async def settle_open(
        self, sale_confirmed: Callable[[str], Awaitable[bool | None]]
    ) -> list[StampOutcome]:
        """At start-up: finish every open row. `sale_confirmed(order_id)` says True (give
        them), False (the sale never happened: cancel) or None (still unknown: wait)."""
        outcomes: list[StampOutcome] = []
        for record in await self._db(self._journal.open_records):
            order_id = record.grant.order_id
            if record.state is StampState.WAITING_SALE:
                confirmed = await sale_confirmed(order_id)
                if confirmed is None:
                    continue
                if not confirmed:
                    await self.cancel(order_id, "the sale was not confirmed")
                    continue
            outcome = await self.give(order_id)
            if outcome is not None:
                outcomes.append(outcome)
        return outcomes

    async def _give(self, order_id: str) -> StampOutcome | None:
        record = await self._db(self._journal.get, order_id)
        if record is None:
            return None
        if not record.state.open:
            return StampOutcome(record)
        if record.grant.game_id == ANY_GAME:
            try:
                chosen = await self._choose_game(record)
            except ApiError as exc:
                return await self._leave_open(record, exc)
            if chosen is None:
                return StampOutcome(await self._no_game(record))
            record = chosen
        grant = record.grant
        last_error: ApiError | None = None
        for attempt in range(1, self._attempts + 1):
            try:
                now_progress = await self._progress(grant)
            except ApiError as exc:
                return await self._leave_open(record, exc)
            if record.state in (StampState.SENDING, StampState.UNCERTAIN):
                assert record.before is not None
                if now_progress.moved_past(record.before, grant.stamps_count):
                    settled = await self._db(
                        self._journal.settle,
                        order_id,
                        StampState.GIVEN,
                        self._now(),
                        progress=now_progress,
                        last_error="confirmed by re-reading the progress",
                    )
                    return StampOutcome(settled, error=last_error)
                log.info("stamps for %s did not land (progress unchanged): sending", order_id)
            record = await self._db(
                self._journal.mark_sending, order_id, now_progress, self._now()
            )
            try:
                result = await self._api.add_stamps(
                    grant.game_id,
                    card_id=grant.card_id,
                    shop_id=grant.shop_id,
                    stamps_count=grant.stamps_count,
                )
            except NetworkError as exc:
                last_error = exc
                if not exc.may_have_reached_server:
                    # Never left the till: back to waiting, nothing can have landed.
                    record = await self._db(
                        self._journal.settle,
                        order_id,
                        StampState.WAITING_SALE,
                        self._now(),
                        last_error=exc.message,
                    )
                    return StampOutcome(record, error=exc)
            except (ServerError, InvalidResponseError) as exc:
                last_error = exc
            except ApiError as exc:
                # A refusal: the server gave nothing (unknown game, blocked card, rate limit
                # before sending is also here and leaves the stamps open).
                if exc.status is None or exc.status == 429:
                    return await self._leave_open(record, exc, StampState.WAITING_SALE)
                settled = await self._db(
                    self._journal.settle,
                    order_id,
                    StampState.REFUSED,
                    self._now(),
                    last_error=exc.message,
                )
                return StampOutcome(settled, error=exc)
            else:
                settled = await self._db(
                    self._journal.settle, order_id, StampState.GIVEN, self._now(), result=result
                )
                return StampOutcome(settled, result=result)
            # The answer was lost: it may have landed. Look before any second send.
            record = await self._db(
                self._journal.settle,
                order_id,
                StampState.UNCERTAIN,
                self._now(),
                last_error=last_error.message,
            )
            log.warning("stamps for %s attempt %d: answer lost (%r)", order_id, attempt, last_error)
            await self._sleep(self._settle_delay)
        # One more look: the last attempt may have landed after all.
        try:
            final = await self._progress(grant)
        except ApiError as exc:
            return await self._leave_open(record, exc)
        assert record.before is not None
        if final.moved_past(record.before, grant.stamps_count):
            settled = await self._db(
                self._journal.settle,
                order_id,
                StampState.GIVEN,
                self._now(),
                progress=final,
                last_error="confirmed by re-reading the progress",
            )
            return StampOutcome(settled, error=last_error)
        return StampOutcome(record, error=last_error)

    async def _choose_game(self, record: StampRecord) -> StampRecord | None:
        """The shop's running stamp card for an ANY_GAME row, fixed in the journal; None when
        the card has none that takes stamps."""
        grant = record.grant
        games = await self._api.card_games(grant.card_id, grant.shop_id)
        game = next((g for g in games if g.takes_stamps), None)
        if game is None:
            return None
        name = game.name.en or game.name.lt
        return await self._db(
            self._journal.choose_game, grant.order_id, game.id, name, self._now()
        )

    async def _no_game(self, record: StampRecord) -> StampRecord:
        return await self._db(
            self._journal.settle,
            record.grant.order_id,
            StampState.CANCELLED,
            self._now(),
            last_error="no running stamp card at this shop",
        )

    async def _leave_open(
        self, record: StampRecord, exc: ApiError, state: StampState | None = None
    ) -> StampOutcome:
        settled = await self._db(
            self._journal.settle,
            record.grant.order_id,
            state or record.state,
            self._now(),
            last_error=exc.message,
        )
        return StampOutcome(settled, error=exc)

    async def _progress(self, grant: StampGrant) -> Progress:
        games = await self._api.card_games(grant.card_id, grant.shop_id)
        for game in games:
            if game.id == grant.game_id:
                return Progress.of(game)
        raise InvalidResponseError(
            "The loyalty service no longer lists this stamp card for the customer."
        )


__all__ = [
    "ANY_GAME",
    "Progress",
    "StampApi",
    "StampGrant",
    "StampJournal",
    "StampOutcome",
    "StampRecord",
    "StampService",
    "StampState",
]
