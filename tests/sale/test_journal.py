"""The sale journal: rows survive reopening, states move as documented, CSV is exact."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.sale.journal import (
    SaleJournal,
    SaleRequest,
    SaleState,
    default_journal_path,
    journal_path_for,
    new_order_id,
)
from pos_app.sale.journal_csv import CSV_COLUMNS, write_csv

NOW = datetime(2026, 11, 22, 10, 30, tzinfo=UTC)


def _request(order_id: str = "POS-t-1", **changes: object) -> SaleRequest:
    fields: dict[str, object] = {
        "order_id": order_id,
        "order_total": Decimal("25.30"),
        "card_id": 1,
        "card_number": "900-001-001",
        "user_id": 11,
        "points_redeemed": 500,
        "discount": Decimal("5.00"),
        "description": "Till sale",
    }
    fields.update(changes)
    return SaleRequest(**fields)  # type: ignore[arg-type]


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[SaleJournal]:
    with SaleJournal(tmp_path / "j.sqlite3") as opened:
        yield opened


def test_order_ids_are_unique_and_tagged() -> None:
    ids = {new_order_id("Till #1") for _ in range(200)}
    assert len(ids) == 200
    assert all(order_id.startswith("POS-Till-1-") for order_id in ids)
    assert new_order_id("").startswith("POS-till-")


def test_default_path_is_in_the_user_data_dir() -> None:
    path = default_journal_path()
    assert path.name == "sales.sqlite3"
    assert "pos-app" in str(path)


def test_begin_writes_pending_row_that_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with SaleJournal(path) as journal:
        record = journal.begin(_request(), NOW)
        assert record.state is SaleState.PENDING
    with SaleJournal(path) as reopened:
        again = reopened.get("POS-t-1")
    assert again is not None
    assert again.request == _request()
    assert again.request.order_total == Decimal("25.30")
    assert again.request.amount_to_pay == Decimal("20.30")
    assert again.created_at == NOW
    assert again.state is SaleState.PENDING


def test_journal_uses_wal_and_a_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    SaleJournal(path).close()
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        db.close()


def test_a_sale_without_customer_is_closed(journal: SaleJournal) -> None:
    record = journal.begin(_request(card_id=None, user_id=None, card_number=None), NOW)
    assert record.state is SaleState.CLOSED
    assert record.state.done
    assert journal.unresolved() == []


def test_states_move_and_attempts_count(journal: SaleJournal) -> None:
    journal.begin(_request(), NOW)
    sending = journal.mark_sending("POS-t-1", NOW + timedelta(seconds=1))
    assert sending.state is SaleState.SENDING
    assert sending.attempts == 1
    assert [r.order_id for r in journal.unresolved()] == ["POS-t-1"]
    journal.mark_sending("POS-t-1", NOW + timedelta(seconds=2))
    done = journal.settle(
        "POS-t-1",
        SaleState.CONFIRMED,
        NOW + timedelta(seconds=3),
        transaction_id="77",
        points_awarded=20,
        points_balance=520,
    )
    assert (done.state, done.attempts, done.points_awarded, done.points_balance) == (
        SaleState.CONFIRMED,
        2,
        20,
        520,
    )
    assert done.transaction_id == "77"
    assert done.updated_at == NOW + timedelta(seconds=3)
    assert journal.unresolved() == []


def test_begin_never_overwrites_an_unfinished_or_confirmed_sale(journal: SaleJournal) -> None:
    journal.begin(_request(), NOW)
    journal.mark_sending("POS-t-1", NOW)
    again = journal.begin(_request(points_redeemed=900, discount=Decimal("9.00")), NOW)
    assert again.state is SaleState.SENDING
    assert again.request.points_redeemed == 500
    journal.settle("POS-t-1", SaleState.CONFIRMED, NOW, points_balance=1)
    assert journal.begin(_request(points_redeemed=0), NOW).state is SaleState.CONFIRMED


def test_a_refused_sale_may_be_journaled_again_with_new_numbers(journal: SaleJournal) -> None:
    journal.begin(_request(), NOW)
    journal.mark_sending("POS-t-1", NOW)
    journal.settle("POS-t-1", SaleState.FAILED, NOW, last_error="Not enough points")
    later = NOW + timedelta(minutes=1)
    redone = journal.begin(_request(points_redeemed=100, discount=Decimal("1.00")), later)
    assert redone.state is SaleState.PENDING
    assert redone.request.points_redeemed == 100
    assert redone.created_at == NOW
    stored = journal.get("POS-t-1")
    assert stored is not None
    assert stored.attempts == 1
    assert stored.last_error is None


def test_unresolved_lists_every_owed_state_oldest_first(journal: SaleJournal) -> None:
    states = [
        SaleState.EARN_ONLY_QUEUED,
        SaleState.CONFIRMED,
        SaleState.UNCERTAIN,
        SaleState.FAILED,
        SaleState.SENDING,
        SaleState.RECONCILED,
    ]
    for index, state in enumerate(states):
        order_id = f"POS-t-{index}"
        journal.begin(_request(order_id), NOW + timedelta(seconds=10 - index))
        journal.settle(order_id, state, NOW)
    journal.begin(_request("POS-t-new"), NOW + timedelta(seconds=20))
    assert [r.order_id for r in journal.unresolved()] == [
        "POS-t-4",
        "POS-t-2",
        "POS-t-0",
        "POS-t-new",
    ]


def test_day_selects_the_local_calendar_day(journal: SaleJournal) -> None:
    vilnius = timezone(timedelta(hours=2))
    # 23:30 UTC on the 21st is 01:30 on the 22nd in Vilnius.
    journal.begin(_request("early"), datetime(2026, 11, 21, 23, 30, tzinfo=UTC))
    journal.begin(_request("late"), datetime(2026, 11, 22, 21, 59, tzinfo=UTC))
    journal.begin(_request("tomorrow"), datetime(2026, 11, 22, 22, 1, tzinfo=UTC))
    journal.begin(_request("yesterday"), datetime(2026, 11, 21, 21, 0, tzinfo=UTC))
    today = journal.day(datetime(2026, 11, 22, 12, 0, tzinfo=UTC), vilnius)
    assert [r.order_id for r in today] == ["early", "late"]


def test_naive_times_are_refused(journal: SaleJournal) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        journal.begin(_request(), datetime(2026, 1, 1))


def test_csv_has_exact_money_and_every_column(journal: SaleJournal) -> None:
    journal.begin(_request(order_total=Decimal("0.29"), discount=Decimal("0.10")), NOW)
    journal.settle("POS-t-1", SaleState.CONFIRMED, NOW, points_awarded=0, points_balance=950)
    journal.begin(_request("POS-t-2", card_id=None, user_id=None, card_number=None), NOW)
    out = io.StringIO()
    assert write_csv(journal.day(NOW, UTC), out, UTC) == 2
    lines = out.getvalue().splitlines()
    assert lines[0].split(",") == list(CSV_COLUMNS)
    first = dict(zip(CSV_COLUMNS, lines[1].split(","), strict=True))
    assert first["created_at"] == "2026-11-22T10:30:00+00:00"
    assert (first["order_total"], first["discount"], first["amount_to_pay"]) == (
        "0.29",
        "0.10",
        "0.19",
    )
    assert (first["points_awarded"], first["points_balance"], first["state"]) == (
        "0",
        "950",
        "confirmed",
    )
    second = dict(zip(CSV_COLUMNS, lines[2].split(","), strict=True))
    assert (second["state"], second["card_number"], second["points_awarded"]) == ("closed", "", "")


def test_each_server_has_its_own_journal(tmp_path: Path) -> None:
    def name(url: str | None, demo: bool = False) -> str:
        return journal_path_for(url, demo=demo, folder=tmp_path).name

    assert name("https://api.loyalty.lt") == "sales.sqlite3"
    assert name("https://api.loyalty.lt:443/") == "sales.sqlite3"
    assert name("https://staging-api.loyalty.lt") == "sales-staging-api.loyalty.lt.sqlite3"
    assert name("http://127.0.0.1:8765") == "sales-127.0.0.1-8765.sqlite3"
    assert name("http://127.0.0.1:8765", demo=True) == "sales-demo.sqlite3"
    assert name("http://[::1]:9000") == "sales-1-9000.sqlite3"
    assert journal_path_for(None, demo=False).parent == default_journal_path().parent
