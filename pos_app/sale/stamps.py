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
import sqlite3
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pos_app.api.errors import ApiError, InvalidResponseError, NetworkError, ServerError
from pos_app.core.loyalty_programs import CardGame, StampResult

log = logging.getLogger(__name__)
T = TypeVar("T")


class StampApi(Protocol):
    """The two calls stamps need; `pos_app.api.LoyaltyClient` provides them."""

    async def card_games(self, card_id: int, shop_id: int | None = None) -> list[CardGame]: ...

    async def add_stamps(
        self, game_id: int, *, card_id: int, shop_id: int, stamps_count: int = 1
    ) -> StampResult: ...


class StampState(StrEnum):
    """Where a sale's stamps stand; stored as text in the journal."""

    WAITING_SALE = "waiting_sale"  # journaled with the sale; sent once the sale is confirmed
    SENDING = "sending"  # a request is (or was, before a crash) on the wire
    UNCERTAIN = "uncertain"  # the answer was lost: re-read the progress before anything else
    GIVEN = "given"  # the server confirmed them (or the progress proved they landed)
    REFUSED = "refused"  # the server refused them (unknown game, blocked card)
    CANCELLED = "cancelled"  # the sale was never confirmed: no stamps

    @property
    def open(self) -> bool:
        return self in (StampState.WAITING_SALE, StampState.SENDING, StampState.UNCERTAIN)


@dataclass(frozen=True, slots=True)
class StampGrant:
    """The stamps one sale gives one game; keyed by the sale's order id."""

    order_id: str
    card_id: int
    shop_id: int
    game_id: int
    stamps_count: int
    game_name: str = ""


@dataclass(frozen=True, slots=True)
class Progress:
    """A game's progress on a card at one moment, enough to tell whether stamps landed."""

    step: int
    completed: bool
    history: int

    @classmethod
    def of(cls, game: CardGame) -> Progress:
        progress = game.user_progress
        history = len(progress.history) if progress is not None else 0
        return cls(game.current, game.completed, history)

    def moved_past(self, before: Progress, count: int) -> bool:
        """True when this progress shows `count` more stamps than `before` (or a finished round)."""
        if self.history and before.history and self.history >= before.history + count:
            return True
        if self.step >= before.step + count:
            return True
        if self.completed and not before.completed:
            return True
        # A completed round starts again from zero.
        return self.step < before.step


@dataclass(frozen=True, slots=True)
class StampRecord:
    """One journal row."""

    grant: StampGrant
    state: StampState
    created_at: datetime
    updated_at: datetime
    before: Progress | None = None
    attempts: int = 0
    current_step: int | None = None
    stamps_required: int | None = None
    completed: bool = False
    coupon_code: str | None = None
    product_name: str | None = None
    expires_at: str | None = None
    last_error: str | None = None


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


_SCHEMA = """
CREATE TABLE IF NOT EXISTS stamps (
    order_id        TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    state           TEXT NOT NULL,
    card_id         INTEGER NOT NULL,
    shop_id         INTEGER NOT NULL,
    game_id         INTEGER NOT NULL,
    game_name       TEXT NOT NULL,
    stamps_count    INTEGER NOT NULL,
    before_step     INTEGER,
    before_completed INTEGER,
    before_history  INTEGER,
    attempts        INTEGER NOT NULL DEFAULT 0,
    current_step    INTEGER,
    stamps_required INTEGER,
    completed       INTEGER NOT NULL DEFAULT 0,
    coupon_code     TEXT,
    product_name    TEXT,
    expires_at      TEXT,
    last_error      TEXT
);
CREATE INDEX IF NOT EXISTS stamps_by_state ON stamps (state);
"""


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("journal times must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _row(row: sqlite3.Row) -> StampRecord:
    grant = StampGrant(
        row["order_id"],
        row["card_id"],
        row["shop_id"],
        row["game_id"],
        row["stamps_count"],
        row["game_name"],
    )
    before = None
    if row["before_step"] is not None:
        before = Progress(
            row["before_step"], bool(row["before_completed"]), row["before_history"] or 0
        )
    return StampRecord(
        grant,
        StampState(row["state"]),
        datetime.fromisoformat(row["created_at"]),
        datetime.fromisoformat(row["updated_at"]),
        before,
        row["attempts"],
        row["current_step"],
        row["stamps_required"],
        bool(row["completed"]),
        row["coupon_code"],
        row["product_name"],
        row["expires_at"],
        row["last_error"],
    )


class StampJournal:
    """SQLite journal (WAL, synchronous=FULL) of the stamps each sale gives; one row per order.

    Blocking: `StampService` calls it from its own worker thread, never the GUI thread.
    Every write is committed before the method returns.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Opened on the GUI thread: never wait there for another process's lock (it fails
        # and stamps are off instead); later writes run on the service's worker and may wait.
        self._db = sqlite3.connect(
            self.path, isolation_level=None, timeout=0.2, check_same_thread=False
        )
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(f"BEGIN IMMEDIATE; {_SCHEMA} COMMIT;")
        self._db.execute("PRAGMA busy_timeout = 5000")

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def get(self, order_id: str) -> StampRecord | None:
        row = self._db.execute("SELECT * FROM stamps WHERE order_id = ?", (order_id,)).fetchone()
        return _row(row) if row is not None else None

    def _require(self, order_id: str) -> StampRecord:
        record = self.get(order_id)
        if record is None:
            raise KeyError(order_id)
        return record

    def open_records(self) -> list[StampRecord]:
        """Rows still owed a decision, oldest first."""
        marks = ", ".join("?" for s in StampState if s.open)
        rows = self._db.execute(
            f"SELECT * FROM stamps WHERE state IN ({marks}) ORDER BY created_at",
            tuple(s.value for s in StampState if s.open),
        ).fetchall()
        return [_row(r) for r in rows]

    def intend(self, grant: StampGrant, now: datetime) -> StampRecord:
        """Journal the stamps a sale will give. While the sale waits, the cashier may change
        them (the row is replaced); once they may have been sent, the row is kept as it is."""
        with self._transaction():
            existing = self.get(grant.order_id)
            if existing is not None and existing.state not in (
                StampState.WAITING_SALE,
                StampState.CANCELLED,
            ):
                return existing
            created = existing.created_at if existing is not None else now
            self._db.execute(
                "INSERT OR REPLACE INTO stamps (order_id, created_at, updated_at, state, card_id,"
                " shop_id, game_id, game_name, stamps_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    grant.order_id,
                    _iso(created),
                    _iso(now),
                    StampState.WAITING_SALE.value,
                    grant.card_id,
                    grant.shop_id,
                    grant.game_id,
                    grant.game_name,
                    grant.stamps_count,
                ),
            )
            return self._require(grant.order_id)

    def mark_sending(self, order_id: str, before: Progress, now: datetime) -> StampRecord:
        """The progress read just before sending, and that a request is about to leave."""
        with self._transaction():
            self._db.execute(
                "UPDATE stamps SET state = ?, attempts = attempts + 1, updated_at = ?,"
                " before_step = ?, before_completed = ?, before_history = ? WHERE order_id = ?",
                (
                    StampState.SENDING.value,
                    _iso(now),
                    before.step,
                    int(before.completed),
                    before.history,
                    order_id,
                ),
            )
            return self._require(order_id)

    def settle(
        self,
        order_id: str,
        state: StampState,
        now: datetime,
        *,
        result: StampResult | None = None,
        progress: Progress | None = None,
        last_error: str | None = None,
    ) -> StampRecord:
        """Store where the stamps stand now and what the server said."""
        reward = result.reward_generated if result is not None else None
        values: dict[str, Any] = {"state": state.value, "updated_at": _iso(now)}
        values["last_error"] = last_error
        if result is not None:
            values.update(
                current_step=result.current_step,
                stamps_required=result.stamps_required,
                completed=int(result.is_completed),
            )
        elif progress is not None:
            values.update(current_step=progress.step, completed=int(progress.completed))
        if reward is not None:
            values.update(
                coupon_code=reward.coupon_code,
                product_name=reward.product_name,
                expires_at=reward.expires_at.isoformat() if reward.expires_at else None,
            )
        columns = ", ".join(f"{name} = ?" for name in values)
        with self._transaction():
            self._db.execute(
                f"UPDATE stamps SET {columns} WHERE order_id = ?", (*values.values(), order_id)
            )
            return self._require(order_id)


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
