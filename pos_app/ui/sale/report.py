"""Manager view: today's sales from the journal, Retry for open ones, and CSV export."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.sale.journal import JournalError, SaleRecord, SaleState
from pos_app.sale.journal_csv import write_csv
from pos_app.sale.service import SaleOutcome, SaleService
from pos_app.ui.common import theme
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.sale import notices

log = logging.getLogger(__name__)

COLUMNS = ("time", "card", "total", "redeemed", "discount", "awarded", "state", "action")


class SalesReport(QWidget):
    """Today's sales (the till's local day), newest last, with per-row Retry for open sales.

    Call `refresh()` when shown and after each sale (SalePanel.saleFinished).

    Signals:
        retried(object): the `SaleOutcome` of a Retry pressed here.
        exported(str): the path a CSV was written to.
    """

    retried = Signal(object)
    exported = Signal(str)

    def __init__(
        self,
        service: SaleService,
        formatter: Formatter,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        tz: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("salesReport")
        self._service = service
        self._fmt = formatter
        self._now = clock
        self._tz = tz
        self._records: list[SaleRecord] = []
        self._tasks: set[asyncio.Task[Any]] = set()
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("salesSummaryLabel")
        self.summary_label.setWordWrap(True)
        theme.set_font(self.summary_label, theme.BODY_PT, bold=True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("salesTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Card"),
                self.tr("Total"),
                self.tr("Points redeemed"),
                self.tr("Discount"),
                self.tr("Points awarded"),
                self.tr("State"),
                "",
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.retry_all_button = QPushButton(self.tr("Send open sales now"), self)
        self.retry_all_button.setObjectName("salesRetryAllButton")
        self.retry_all_button.clicked.connect(self._retry_all_clicked)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setObjectName("salesExportButton")
        self.export_button.clicked.connect(self._export_clicked)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("salesRefreshButton")
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_all_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    @property
    def records(self) -> list[SaleRecord]:
        return list(self._records)

    def state_text(self, state: SaleState) -> str:
        """The cashier's words for a journal state."""
        return {
            SaleState.PENDING: self.tr("Not sent yet"),
            SaleState.SENDING: self.tr("Sending / unconfirmed"),
            SaleState.CONFIRMED: self.tr("Confirmed"),
            SaleState.RECONCILED: self.tr("Confirmed (already recorded)"),
            SaleState.FAILED: self.tr("Refused"),
            SaleState.EARN_ONLY_QUEUED: self.tr("Queued: points to award"),
            SaleState.UNCERTAIN: self.tr("Unconfirmed: retry"),
            SaleState.CLOSED: self.tr("No customer"),
        }[state]

    def refresh(self) -> None:
        """Reload today's sales from the journal (it never waits for another program's lock)."""
        try:
            self._records = self._service.journal.day(self._now(), self._tz)
            open_count = len(self._service.journal.unresolved())
        except JournalError as exc:
            log.warning("today's sales cannot be read: %s", exc.message)
            self.summary_label.setText(
                self.tr("Today's sales cannot be read now: %1").replace(
                    "%1", notices.journal_reason(exc)
                )
            )
            return
        self.table.setRowCount(len(self._records))
        for row, record in enumerate(self._records):
            self._fill_row(row, record)
        self._show_summary(open_count)

    def _fill_row(self, row: int, record: SaleRecord) -> None:
        request = record.request
        busy = self._service.is_sending(record.order_id)
        cells = (
            self._fmt.local_datetime(record.created_at),
            request.card_number or "—",
            self._fmt.money(request.order_total),
            self._fmt.number(request.points_redeemed),
            self._fmt.money(request.discount),
            "—" if record.points_awarded is None else self._fmt.number(record.points_awarded),
            self.state_text(record.state),
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column in (2, 3, 4, 5):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 6 and record.last_error:
                item.setToolTip(record.last_error)
            item.setData(Qt.ItemDataRole.UserRole, record.order_id)
            self.table.setItem(row, column, item)
        if record.state.unresolved:
            button = QPushButton(self.tr("Retry"), self.table)
            button.setObjectName(f"salesRetry_{row}")
            button.setEnabled(not busy)
            button.clicked.connect(lambda _=False, oid=record.order_id: self.retry(oid))
            self.table.setCellWidget(row, COLUMNS.index("action"), button)
        else:
            self.table.removeCellWidget(row, COLUMNS.index("action"))

    def _show_summary(self, open_count: int) -> None:
        records = self._records
        counted = [r for r in records if r.state.done]
        total = sum((r.request.amount_to_pay for r in counted), Decimal("0.00"))
        redeemed = sum(r.request.points_redeemed for r in counted)
        awarded = sum(r.points_awarded or 0 for r in counted)
        open_today = sum(1 for r in records if r.state.unresolved)
        text = (
            self.tr("Today: %1 sales, %2 paid, %3 points redeemed, %4 awarded.")
            .replace("%1", self._fmt.number(len(counted)))
            .replace("%2", self._fmt.money(total))
            .replace("%3", self._fmt.number(redeemed))
            .replace("%4", self._fmt.number(awarded))
        )
        if open_count:
            text += " " + self.tr("%1 open: not confirmed by Loyalty.lt yet.").replace(
                "%1", self._fmt.number(open_count)
            )
        if open_count > open_today:
            text += " " + self.tr("%1 of them from earlier days.").replace(
                "%1", self._fmt.number(open_count - open_today)
            )
        self.summary_label.setText(text)
        self.retry_all_button.setEnabled(open_count > 0)

    def retry(self, order_id: str) -> asyncio.Task[SaleOutcome]:
        """Send one open sale again with its journaled numbers (same order id)."""
        task = asyncio.ensure_future(self._service.retry(order_id))
        self._tasks.add(task)
        task.add_done_callback(self._retry_done)
        self.refresh()
        return task

    def _retry_done(self, task: asyncio.Task[SaleOutcome]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            log.error("retry failed unexpectedly: %r", error)
        else:
            self.retried.emit(task.result())
        self.refresh()

    def _retry_all_clicked(self) -> None:
        task = asyncio.ensure_future(self._service.reconcile_pending())
        self._tasks.add(task)
        task.add_done_callback(self._retry_all_done)

    def _retry_all_done(self, task: asyncio.Task[list[SaleOutcome]]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("sending open sales failed unexpectedly: %r", task.exception())
        self.refresh()

    def export_csv(self, path: Path | str) -> int:
        """Write today's sales to `path` as CSV (UTF-8); returns the number of rows."""
        self.refresh()
        with Path(path).open("w", encoding="utf-8", newline="") as stream:
            count = write_csv(self._records, stream, self._tz)
        self.exported.emit(str(path))
        return count

    def export_suggestion(self) -> str:
        """Where Export CSV starts: today's file in the user's documents folder."""
        day = self._now().astimezone(self._tz).date().isoformat()
        return str(documents_folder() / f"sales-{day}.csv")

    def _export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export today's sales"), self.export_suggestion(), self.tr("CSV (*.csv)")
        )
        if path:
            self.export_csv(path)


def documents_folder() -> Path:
    """The user's documents folder (not the directory the till happened to start in)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


class SalesReportDialog(QDialog):
    """Today's sales in a non-modal window of their own; `report` is its content. No signals."""

    def __init__(self, service: SaleService, formatter: Formatter, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("salesReportDialog")
        self.setWindowTitle(self.tr("Today's sales"))
        self._service = service
        self._formatter = formatter
        self._layout = QVBoxLayout(self)
        self.report = SalesReport(service, formatter, parent=self)
        self._layout.addWidget(self.report)
        self.resize(820, 520)

    def refresh(self) -> None:
        """Read today's sales from the journal again."""
        self.report.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:  # the cashier chose another language
            self.setWindowTitle(self.tr("Today's sales"))
            # The report is rebuilt in the new language (its rows are read from the journal).
            old, self.report = self.report, SalesReport(self._service, self._formatter, parent=self)
            self._layout.replaceWidget(old, self.report)
            old.deleteLater()
            self.report.refresh()
