"""The stamp journal: what each sale's stamps are, and where they stand, written before sending.

SQLite, one row per order id, in its own file beside the sale journal. The progress read just
before sending is stored with the row, so a lost answer can be settled by reading it again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from pos_app.core.loyalty_programs import CardGame, StampResult
from pos_app.sale.journal import immediate_transaction, journal_time


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


ANY_GAME = 0


@dataclass(frozen=True, slots=True)
class StampGrant:
    """The stamps one sale gives one game; keyed by the sale's order id.

    `game_id` ANY_GAME: the shop's running stamp card, chosen when the stamps are sent (the
    sale was completed before the card's games had been read).
    """

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
        with immediate_transaction(self._db):
            yield

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
                    journal_time(created),
                    journal_time(now),
                    StampState.WAITING_SALE.value,
                    grant.card_id,
                    grant.shop_id,
                    grant.game_id,
                    grant.game_name,
                    grant.stamps_count,
                ),
            )
            return self._require(grant.order_id)

    def choose_game(self, order_id: str, game_id: int, name: str, now: datetime) -> StampRecord:
        """Fix an ANY_GAME row to the game its stamps go to (before anything is sent)."""
        with self._transaction():
            self._db.execute(
                "UPDATE stamps SET game_id = ?, game_name = ?, updated_at = ?"
                " WHERE order_id = ? AND game_id = ? AND state = ?",
                (
                    game_id,
                    name,
                    journal_time(now),
                    order_id,
                    ANY_GAME,
                    StampState.WAITING_SALE.value,
                ),
            )
            return self._require(order_id)

    def mark_sending(self, order_id: str, before: Progress, now: datetime) -> StampRecord:
        """The progress read just before sending, and that a request is about to leave."""
        with self._transaction():
            self._db.execute(
                "UPDATE stamps SET state = ?, attempts = attempts + 1, updated_at = ?,"
                " before_step = ?, before_completed = ?, before_history = ? WHERE order_id = ?",
                (
                    StampState.SENDING.value,
                    journal_time(now),
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
        values: dict[str, Any] = {"state": state.value, "updated_at": journal_time(now)}
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
