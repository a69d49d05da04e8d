"""SalesReport: today's journal rows, Retry of an open sale against the sandbox, CSV export."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QStandardPaths
from PySide6.QtWidgets import QPushButton

from pos_app.api import LoyaltyClient
from pos_app.sale.journal import SaleJournal, SaleRequest, SaleState
from pos_app.sale.service import RetryPolicy, SaleService
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer
from pos_app.sandbox.data import seed_cards
from pos_app.testing.helpers import run_async
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.sale.report import COLUMNS, SalesReport

NOW = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)


# The sandbox's owner of card 900-001-001 (Loyalty.lt takes no sale without the user).
DEMO_USER_ID = next(c for c in seed_cards() if c["card_number"] == "900-001-001")["user"]["id"]


def _request(order_id: str, *, card: bool = True, points: int = 0) -> SaleRequest:
    return SaleRequest(
        order_id=order_id,
        order_total=Decimal("12.40"),
        card_id=1001 if card else None,
        card_number="900-001-001" if card else None,
        user_id=DEMO_USER_ID if card else None,
        points_redeemed=points,
        discount=Decimal(points) / 100,
    )


@dataclass
class Setup:
    report: SalesReport
    journal: SaleJournal


@pytest.fixture
def setup(
    qasync_loop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, sandbox: SandboxServer
) -> Iterator[Setup]:
    journal = SaleJournal(tmp_path / "j.sqlite3")
    journal.begin(_request("POS-done", points=200), NOW - timedelta(hours=2))
    journal.settle("POS-done", SaleState.CONFIRMED, NOW, points_awarded=10, points_balance=810)
    journal.begin(_request("POS-open"), NOW - timedelta(hours=1))
    journal.mark_sending("POS-open", NOW - timedelta(hours=1))
    journal.settle("POS-open", SaleState.UNCERTAIN, NOW, last_error="No answer")
    journal.begin(_request("POS-anon", card=False), NOW - timedelta(minutes=30))
    journal.begin(_request("POS-yesterday"), NOW - timedelta(days=1))
    client = LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET)
    service = SaleService(client, journal, policy=RetryPolicy(attempts=2, delays=(0.02,)))
    fmt = Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    report = SalesReport(service, fmt, clock=lambda: NOW, tz=UTC)
    qtbot.addWidget(report)
    yield Setup(report, journal)
    run_async(qasync_loop, qtbot, client.aclose())
    journal.close()


def _cell(report: SalesReport, row: int, column: str) -> str:
    item = report.table.item(row, COLUMNS.index(column))
    assert item is not None
    return item.text()


def _retry_button(report: SalesReport, row: int) -> QPushButton | None:
    widget = report.table.cellWidget(row, COLUMNS.index("action"))
    return widget if isinstance(widget, QPushButton) else None


def test_today_s_sales_are_listed_with_state_and_numbers(setup: Setup) -> None:
    report = setup.report
    assert [r.order_id for r in report.records] == ["POS-done", "POS-open", "POS-anon"]
    assert report.table.rowCount() == 3
    assert _cell(report, 0, "card") == "900-001-001"
    assert _cell(report, 0, "total") == "€12.40"
    assert _cell(report, 0, "redeemed") == "200"
    assert _cell(report, 0, "discount") == "€2.00"
    assert _cell(report, 0, "awarded") == "10"
    assert _cell(report, 0, "state") == "Confirmed"
    assert _cell(report, 1, "state") == "Unconfirmed: retry"
    assert _cell(report, 1, "awarded") == "—"
    assert _cell(report, 2, "card") == "—"
    assert _cell(report, 2, "state") == "No customer"
    assert _retry_button(report, 0) is None
    assert _retry_button(report, 1) is not None
    assert _retry_button(report, 2) is None
    summary = report.summary_label.text()
    assert "2 sales, €22.80 paid, 200 points redeemed, 10 awarded" in summary
    assert "2 open" in summary
    assert "1 of them from earlier days" in summary
    assert report.retry_all_button.isEnabled()
    report.resize(900, 320)
    report.grab().save("/tmp/sales_report.png")


def test_retry_sends_the_open_sale_once(setup: Setup, qtbot: Any, sandbox: SandboxServer) -> None:
    report = setup.report
    button = _retry_button(report, 1)
    assert button is not None
    with qtbot.waitSignal(report.retried, timeout=10_000) as retried:
        button.click()
    assert retried.args[0].state is SaleState.CONFIRMED
    assert [t["order_id"] for t in sandbox.state.transactions] == ["POS-open"]
    assert _cell(report, 1, "state") == "Confirmed"
    assert _retry_button(report, 1) is None
    assert "1 open" in report.summary_label.text()  # yesterday's is still open


def test_send_all_open_sales(setup: Setup, qtbot: Any, sandbox: SandboxServer) -> None:
    report = setup.report
    report.retry_all_button.click()
    qtbot.waitUntil(lambda: _cell(report, 1, "state") == "Confirmed", timeout=10_000)
    sent = sorted(t["order_id"] for t in sandbox.state.transactions)
    assert sent == ["POS-open", "POS-yesterday"]  # open sales of every day go out
    assert "open" not in report.summary_label.text()


def test_csv_export_has_today_s_rows(setup: Setup, tmp_path: Path, qtbot: Any) -> None:
    target = tmp_path / "today.csv"
    with qtbot.waitSignal(setup.report.exported) as exported:
        assert setup.report.export_csv(target) == 3
    assert exported.args == [str(target)]
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["order_id"] for r in rows] == ["POS-done", "POS-open", "POS-anon"]
    assert [r["state"] for r in rows] == ["confirmed", "uncertain", "closed"]
    assert rows[0]["amount_to_pay"] == "10.40"
    assert rows[1]["last_error"] == "No answer"


def test_a_journal_that_cannot_be_read_is_said_and_the_rows_stay(setup: Setup) -> None:
    report = setup.report
    rows = report.table.rowCount()
    setup.journal.close()  # from here on every read fails, as with a journal another program holds
    report.refresh()
    assert "Today's sales cannot be read now" in report.summary_label.text()
    assert report.table.rowCount() == rows


def test_csv_export_starts_in_the_documents_folder(
    setup: Setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(
        QStandardPaths, "writableLocation", staticmethod(lambda _location: str(documents))
    )
    monkeypatch.chdir(tmp_path)  # wherever the till was started from
    suggestion = Path(setup.report.export_suggestion())
    assert suggestion.is_absolute()
    assert suggestion.parent == documents
    assert suggestion.name == f"sales-{NOW.date().isoformat()}.csv"
    documents.rmdir()  # no documents folder on this machine: the home folder instead
    assert Path(setup.report.export_suggestion()).parent == Path.home()
