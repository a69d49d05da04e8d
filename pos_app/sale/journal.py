"""The local sale journal: every sale is written to SQLite before it is sent, then updated.

The journal is what makes "exactly once" possible: the order id is stored before the request
leaves the till, so a crash, a dropped connection or a restart can always re-send the same
order id and let the server's duplicate check (409) say whether it already happened.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from platformdirs import user_data_dir

from pos_app.sale.journal_errors import JournalError, journal_error

PRODUCTION_HOST = "api.loyalty.lt"
_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sales (
    order_id        TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    state           TEXT NOT NULL,
    card_id         INTEGER,
    card_number     TEXT,
    user_id         INTEGER,
    order_total     TEXT NOT NULL,
    currency        TEXT NOT NULL,
    points_redeemed INTEGER NOT NULL,
    discount        TEXT NOT NULL,
    description     TEXT,
    transaction_id  TEXT,
    points_awarded  INTEGER,
    points_balance  INTEGER,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT
);
CREATE INDEX IF NOT EXISTS sales_by_time ON sales (created_at);
CREATE INDEX IF NOT EXISTS sales_by_state ON sales (state);
"""
_COLUMNS = frozenset(
    line.split()[0]
    for line in _SCHEMA.split("(", 1)[1].split(");", 1)[0].splitlines()
    if line.strip()
)


class SaleState(StrEnum):
    """Where a sale stands; stored as text in the journal."""

    PENDING = "pending"  # journaled, not sent yet
    SENDING = "sending"  # a request is (or was, before a crash) on the wire
    CONFIRMED = "confirmed"  # the server answered 201 with its numbers
    RECONCILED = "confirmed_by_conflict"  # a re-send got 409: it had happened before
    FAILED = "failed"  # the server refused it (400/404/422/401/403); nothing was recorded
    EARN_ONLY_QUEUED = "earn_only_queued"  # no redemption, API unreachable: send later
    UNCERTAIN = "uncertain"  # may or may not have reached the server: re-send to find out
    CLOSED = "closed"  # no customer: nothing to send

    @property
    def unresolved(self) -> bool:
        """True while the server's answer is still owed: the sale must be (re-)sent."""
        return self in _UNRESOLVED

    @property
    def done(self) -> bool:
        """True when the server confirmed the sale (or there was nothing to confirm)."""
        return self in (SaleState.CONFIRMED, SaleState.RECONCILED, SaleState.CLOSED)


_UNRESOLVED = frozenset(
    {SaleState.PENDING, SaleState.SENDING, SaleState.EARN_ONLY_QUEUED, SaleState.UNCERTAIN}
)


def default_journal_path() -> Path:
    """The journal file in the user's data directory (created on first use)."""
    return Path(user_data_dir("pos-app", "Loyalty.lt")) / "sales.sqlite3"


def journal_path_for(api_url: str | None, *, demo: bool, folder: Path | None = None) -> Path:
    """The journal of one Loyalty.lt server: a sale is only ever settled with its own server.

    Production keeps the plain `sales.sqlite3`; demo mode has `sales-demo.sqlite3` (its sandbox
    gets a new port every run); any other server `sales-<host>[-<port>].sqlite3`, so a till
    moved from staging to production never re-sends a staging sale to production.
    """
    base = folder if folder is not None else default_journal_path().parent
    if demo:
        return base / "sales-demo.sqlite3"
    parts = urlsplit(api_url or "")
    host = (parts.hostname or "").lower()
    if host in ("", PRODUCTION_HOST) and parts.port in (None, 443):
        return base / "sales.sqlite3"
    tag = re.sub(r"[^a-z0-9.]+", "-", f"{host}-{parts.port}" if parts.port else host)
    return base / f"sales-{tag.strip('-.') or 'server'}.sqlite3"


def new_order_id(device: str = "till") -> str:
    """A unique order id, fixed when a sale starts: `POS-<device>-<uuid4 hex>`."""
    tag = re.sub(r"[^A-Za-z0-9]+", "-", device).strip("-")[:20] or "till"
    return f"POS-{tag}-{uuid.uuid4().hex}"


@dataclass(frozen=True, slots=True)
class SaleRequest:
    """What the till asks the server to record; never changes once journaled."""

    order_id: str
    order_total: Decimal
    card_id: int | None = None
    card_number: str | None = None
    user_id: int | None = None
    points_redeemed: int = 0
    discount: Decimal = Decimal("0.00")
    currency: str = "EUR"
    description: str | None = None

    @property
    def amount_to_pay(self) -> Decimal:
        return self.order_total - self.discount

    @property
    def has_customer(self) -> bool:
        return self.card_id is not None or self.user_id is not None


@dataclass(frozen=True, slots=True)
class SaleRecord:
    """One journal row: the request, its state and what the server answered."""

    request: SaleRequest
    state: SaleState
    created_at: datetime
    updated_at: datetime
    transaction_id: str | None = None
    points_awarded: int | None = None
    points_balance: int | None = None
    attempts: int = 0
    last_error: str | None = None

    @property
    def order_id(self) -> str:
        return self.request.order_id


def journal_time(moment: datetime) -> str:
    """A moment as the journals store it: UTC, ISO 8601, to the microsecond."""
    if moment.tzinfo is None:
        raise ValueError("journal times must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@contextmanager
def immediate_transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (BEGIN IMMEDIATE); rolled back if anything fails."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.in_transaction:  # a failed statement may already have ended it
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _money(value: Decimal) -> str:
    return format(value, "f")


def _row_to_record(row: sqlite3.Row) -> SaleRecord:
    request = SaleRequest(
        order_id=row["order_id"],
        order_total=Decimal(row["order_total"]),
        card_id=row["card_id"],
        card_number=row["card_number"],
        user_id=row["user_id"],
        points_redeemed=row["points_redeemed"],
        discount=Decimal(row["discount"]),
        currency=row["currency"],
        description=row["description"],
    )
    return SaleRecord(
        request=request,
        state=SaleState(row["state"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        transaction_id=row["transaction_id"],
        points_awarded=row["points_awarded"],
        points_balance=row["points_balance"],
        attempts=row["attempts"],
        last_error=row["last_error"],
    )


class SaleJournal:
    """SQLite (WAL, synchronous=FULL) journal of the till's sales; one row per order id.

    Use from one thread (the GUI/asyncio thread). Every write is committed before the
    method returns, so a row written before a request is sent survives a killed process.

    SQLite never waits for a lock here (busy timeout 0): a journal another program holds
    raises `JournalError("locked")` at once, and the caller decides whether to try again
    later (the sale service retries asynchronously), so the GUI thread never stalls on it.
    Every failure is a `JournalError`; opening checks the file is a journal this till can
    write (see `open_journal`, which also moves a damaged file aside).
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_journal_path()
        self._db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=0)
            self._db.row_factory = sqlite3.Row
            self._open()
        except (sqlite3.Error, OSError) as exc:
            self.close()
            raise journal_error(exc, self.path) from exc
        except JournalError:
            self.close()
            raise

    def _open(self) -> None:
        db = self._connection
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > _SCHEMA_VERSION:
            raise JournalError(
                "newer",
                f"sales journal {self.path}: written by a newer version of the till "
                f"(schema {version}, this till knows {_SCHEMA_VERSION})",
            )
        if version < _SCHEMA_VERSION:
            # Idempotent DDL: two tills starting at once on one file both succeed.
            db.executescript(
                f"BEGIN IMMEDIATE; {_SCHEMA} PRAGMA user_version = {_SCHEMA_VERSION}; COMMIT;"
            )
        else:
            # Prove the file is writable now, not at the first sale: an empty write transaction
            # that rewrites the schema version it already has.
            db.executescript(f"BEGIN IMMEDIATE; PRAGMA user_version = {version}; COMMIT;")
        columns = {row[1] for row in db.execute("PRAGMA table_info(sales)")}
        missing = _COLUMNS - columns
        if missing:
            raise JournalError(
                "damaged",
                f"sales journal {self.path}: the sales table lacks {', '.join(sorted(missing))}",
            )
        db.execute("SELECT count(*) FROM sales WHERE state = ?", (SaleState.SENDING.value,))

    @property
    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            raise JournalError("unavailable", f"sales journal {self.path}: closed")
        return self._db

    @contextmanager
    def _guard(self, *, reading: bool = False) -> Iterator[None]:
        """Every sqlite3 or OS error below becomes a JournalError; reading, a bad row too."""
        caught: tuple[type[Exception], ...] = (sqlite3.Error, OSError)
        if reading:
            caught += (ValueError, ArithmeticError)
        try:
            yield
        except caught as exc:
            raise journal_error(exc, self.path) from exc

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> SaleJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._guard(), immediate_transaction(self._connection):
            yield

    # -- writing -----------------------------------------------------------------------------

    def begin(self, request: SaleRequest, now: datetime) -> SaleRecord:
        """Journal `request` before it is sent and return its row.

        A new order id is stored as pending (closed when there is no customer). An order id
        the server refused (failed) may be re-journaled with new numbers, since the server
        recorded nothing. Any other existing row is returned unchanged: the caller must
        finish that sale with its journaled numbers, never send different ones.
        """
        state = SaleState.PENDING if request.has_customer else SaleState.CLOSED
        with self._transaction():
            existing = self._get(request.order_id)
            if existing is not None and existing.state is not SaleState.FAILED:
                return existing
            created = existing.created_at if existing is not None else now
            record = SaleRecord(request, state, created, now)
            self._connection.execute(
                "INSERT OR REPLACE INTO sales (order_id, created_at, updated_at, state,"
                " card_id, card_number, user_id, order_total, currency, points_redeemed,"
                " discount, description, attempts)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    request.order_id,
                    journal_time(created),
                    journal_time(now),
                    state.value,
                    request.card_id,
                    request.card_number,
                    request.user_id,
                    _money(request.order_total),
                    request.currency,
                    request.points_redeemed,
                    _money(request.discount),
                    request.description,
                    existing.attempts if existing is not None else 0,
                ),
            )
        return record

    def mark_sending(self, order_id: str, now: datetime) -> SaleRecord:
        """Record that an attempt is about to go on the wire (committed before it does)."""
        with self._transaction():
            self._connection.execute(
                "UPDATE sales SET state = ?, attempts = attempts + 1, updated_at = ?"
                " WHERE order_id = ?",
                (SaleState.SENDING.value, journal_time(now), order_id),
            )
            return self._require(order_id)

    def settle(
        self,
        order_id: str,
        state: SaleState,
        now: datetime,
        *,
        transaction_id: str | None = None,
        points_awarded: int | None = None,
        points_balance: int | None = None,
        last_error: str | None = None,
    ) -> SaleRecord:
        """Store the outcome of an attempt (the server's numbers or the error shown)."""
        with self._transaction():
            self._connection.execute(
                "UPDATE sales SET state = ?, updated_at = ?, transaction_id = ?,"
                " points_awarded = ?, points_balance = ?, last_error = ? WHERE order_id = ?",
                (
                    state.value,
                    journal_time(now),
                    transaction_id,
                    points_awarded,
                    points_balance,
                    last_error,
                    order_id,
                ),
            )
            return self._require(order_id)

    # -- reading -----------------------------------------------------------------------------

    def _get(self, order_id: str) -> SaleRecord | None:
        with self._guard(reading=True):
            row = self._connection.execute(
                "SELECT * FROM sales WHERE order_id = ?", (order_id,)
            ).fetchone()
            return _row_to_record(row) if row is not None else None

    def _require(self, order_id: str) -> SaleRecord:
        record = self._get(order_id)
        if record is None:
            raise KeyError(order_id)
        return record

    def get(self, order_id: str) -> SaleRecord | None:
        return self._get(order_id)

    def unresolved(self) -> list[SaleRecord]:
        """Sales still owed a server answer, oldest first."""
        marks = ", ".join("?" for _ in _UNRESOLVED)
        with self._guard(reading=True):
            rows = self._connection.execute(
                f"SELECT * FROM sales WHERE state IN ({marks}) ORDER BY created_at",
                tuple(state.value for state in _UNRESOLVED),
            ).fetchall()
            return [_row_to_record(row) for row in rows]

    def between(self, start: datetime, end: datetime) -> list[SaleRecord]:
        """Sales created in [start, end), oldest first."""
        with self._guard(reading=True):
            rows = self._connection.execute(
                "SELECT * FROM sales WHERE created_at >= ? AND created_at < ? ORDER BY created_at",
                (journal_time(start), journal_time(end)),
            ).fetchall()
            return [_row_to_record(row) for row in rows]

    def day(self, now: datetime, tz: tzinfo | None = None) -> list[SaleRecord]:
        """The sales of `now`'s calendar day in `tz` (the till's local zone by default)."""
        local = now.astimezone(tz)
        start = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return self.between(start, start + timedelta(days=1))


__all__ = [
    "JournalError",
    "SaleJournal",
    "SaleRecord",
    "SaleRequest",
    "SaleState",
    "default_journal_path",
    "journal_path_for",
    "new_order_id",
]
