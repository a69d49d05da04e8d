"""Formatter: money, points, typed amounts and times the way the till's locale writes them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QTimeZone

from pos_app.config.i18n import qlocale_for
from pos_app.ui.common.formatting import Formatter

NBSP = "\u00a0"


@pytest.fixture
def en(qapp: Any) -> Formatter:
    return Formatter(qlocale_for("en"), zone=QTimeZone(b"Europe/Vilnius"))


@pytest.fixture
def lt(qapp: Any) -> Formatter:
    return Formatter(qlocale_for("lt"), zone=QTimeZone(b"Europe/Vilnius"))


def plain(text: str) -> str:
    return text.replace(NBSP, " ").replace("\u202f", " ")


def test_money_and_points_in_english(en: Formatter) -> None:
    assert en.money(Decimal("1234.5")) == "€1,234.50"
    assert en.money(Decimal("0.005")) == "€0.01"  # half up, exact: never through float
    assert en.number(10000) == "10,000"


def test_money_and_points_in_lithuanian(lt: Formatter) -> None:
    assert plain(lt.money(Decimal("1234.5"))) == "1 234,50 €"
    assert plain(lt.number(10000)) == "10 000"
    assert plain(lt.decimal(Decimal("-3.2"))) == lt.locale.negativeSign() + "3,20"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12,50", Decimal("12.50")),
        ("12.50", Decimal("12.50")),
        (" 1 234,5 ", Decimal("1234.50")),
        ("7", Decimal("7.00")),
        ("", None),
        ("1.2.3", None),
        ("abc", None),
        ("-4", None),
    ],
)
def test_typed_amounts(lt: Formatter, en: Formatter, typed: str, value: Decimal | None) -> None:
    assert lt.parse_money(typed) == value
    assert en.parse_money(typed) == value


def test_local_time_of_a_utc_moment(lt: Formatter, en: Formatter) -> None:
    moment = datetime(2024, 12, 7, 22, 30, tzinfo=UTC)  # 00:30 on the 8th in Vilnius
    assert lt.local_datetime(moment) == "2024-12-08 00:30"
    assert lt.local_date(moment) == "2024-12-08"
    assert en.local_date(moment) == "08/12/2024"


@pytest.mark.parametrize(
    ("ago", "text"),
    [
        (timedelta(seconds=20), "just now"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(minutes=5), "5 minutes ago"),
        (timedelta(hours=2), "2 hours ago"),
        (timedelta(days=1, hours=3), "1 day ago"),
        (timedelta(days=3), "3 days ago"),
        (timedelta(days=70), "2 months ago"),
        (timedelta(days=800), "2 years ago"),
        (timedelta(seconds=-30), "just now"),  # the server's clock a little ahead
        (timedelta(days=-1), "in the future"),
    ],
)
def test_relative_times(en: Formatter, ago: timedelta, text: str) -> None:
    now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    assert en.relative(now - ago, now) == text
