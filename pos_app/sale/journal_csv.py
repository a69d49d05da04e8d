"""Today's sales as CSV: one row per journaled sale, times local, money as exact decimals."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import tzinfo
from decimal import Decimal
from typing import IO, Any

from pos_app.sale.journal import SaleRecord


def _money(value: Decimal) -> str:
    return format(value, "f")


CSV_COLUMNS = (
    "created_at",
    "order_id",
    "state",
    "card_number",
    "card_id",
    "order_total",
    "points_redeemed",
    "discount",
    "amount_to_pay",
    "points_awarded",
    "points_balance",
    "currency",
    "transaction_id",
    "attempts",
    "last_error",
)


def csv_row(record: SaleRecord, tz: tzinfo | None = None) -> dict[str, Any]:
    """One CSV row; times in `tz` (local by default), money as exact decimals."""
    request = record.request
    return {
        "created_at": record.created_at.astimezone(tz).isoformat(timespec="seconds"),
        "order_id": request.order_id,
        "state": record.state.value,
        "card_number": request.card_number or "",
        "card_id": "" if request.card_id is None else request.card_id,
        "order_total": _money(request.order_total),
        "points_redeemed": request.points_redeemed,
        "discount": _money(request.discount),
        "amount_to_pay": _money(request.amount_to_pay),
        "points_awarded": "" if record.points_awarded is None else record.points_awarded,
        "points_balance": "" if record.points_balance is None else record.points_balance,
        "currency": request.currency,
        "transaction_id": record.transaction_id or "",
        "attempts": record.attempts,
        "last_error": record.last_error or "",
    }


def write_csv(records: Iterable[SaleRecord], stream: IO[str], tz: tzinfo | None = None) -> int:
    """Write `records` as CSV with a header; returns how many rows were written."""
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(csv_row(record, tz))
        count += 1
    return count


__all__ = ["CSV_COLUMNS", "csv_row", "write_csv"]
