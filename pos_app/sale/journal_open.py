"""Opening the journal at start: a damaged file moved aside, or a stand-in that takes no sale."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from pos_app.sale.journal import (
    SaleJournal,
    SaleRecord,
    SaleRequest,
    SaleState,
    default_journal_path,
)
from pos_app.sale.journal_errors import JournalError


def open_journal(path: Path | str | None = None, *, now: datetime | None = None) -> SaleJournal:
    """Open (or create) the journal; `JournalError` when the till cannot use it.

    A damaged file is moved aside, with its -wal and -shm companions, to
    `sales.sqlite3.damaged-<UTC time>` beside it (never deleted): the error's `moved_to` says
    where, and the next start creates a new journal. A newer, read-only or locked journal is
    left exactly as it is.
    """
    target = Path(path) if path is not None else default_journal_path()
    try:
        return SaleJournal(target)
    except JournalError as exc:
        if exc.reason != "damaged":
            raise
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
        try:
            moved = _move_aside(target, f"damaged-{stamp}")
        except OSError as move_exc:
            raise JournalError(
                "damaged", f"{exc.message}; it could not be moved aside: {move_exc}"
            ) from exc
        raise JournalError(
            "damaged", f"{exc.message}; moved aside to {moved}", moved_to=moved
        ) from exc


def _move_aside(path: Path, tag: str) -> Path:
    """Rename `path` and its SQLite companions to `<name>.<tag>`; the new main path."""
    moved = path.with_name(f"{path.name}.{tag}")
    for suffix in ("", "-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(path.with_name(f"{path.name}.{tag}{suffix}"))
    return moved


class UnusableJournal:
    """Stands in for a journal the till could not open: it holds no sales and takes none.

    Every write raises the `JournalError` met at start, so the sale service refuses each sale
    before anything is sent; reads are empty.
    """

    def __init__(self, problem: JournalError, path: Path | None = None) -> None:
        self.problem = problem
        self.path = path if path is not None else default_journal_path()

    def close(self) -> None:
        return None

    def begin(self, request: SaleRequest, now: datetime) -> SaleRecord:
        raise self.problem

    def mark_sending(self, order_id: str, now: datetime) -> SaleRecord:
        raise self.problem

    def settle(self, order_id: str, state: SaleState, now: datetime, **answer: Any) -> SaleRecord:
        raise self.problem

    def get(self, order_id: str) -> SaleRecord | None:
        return None

    def unresolved(self) -> list[SaleRecord]:
        return []

    def between(self, start: datetime, end: datetime) -> list[SaleRecord]:
        return []

    def day(self, now: datetime, tz: tzinfo | None = None) -> list[SaleRecord]:
        return []


__all__ = ["UnusableJournal", "open_journal"]
