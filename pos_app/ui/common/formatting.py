"""Money, points and dates written the way the till's locale writes them (QLocale, never float).

`Formatter` binds one locale and time zone for the window's panels; the arithmetic of money
and grouping is `pos_app.config.i18n`'s, so every screen writes amounts alike.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from PySide6.QtCore import QDateTime, QLocale, QTimeZone

from pos_app.config.i18n import (
    CURRENCY_SYMBOLS,
    format_decimal,
    format_money,
    format_points,
    format_relative,
)

_CENT = Decimal("0.01")


class Formatter:
    """Formats numbers, money and times for one QLocale; parses what a cashier types."""

    def __init__(
        self, locale: QLocale, currency_symbol: str = "€", zone: QTimeZone | None = None
    ) -> None:
        self.locale = locale
        self._symbol = currency_symbol
        self._currency = next(
            (code for code, sign in CURRENCY_SYMBOLS.items() if sign == currency_symbol), "EUR"
        )
        # The till's local zone, looked up once (the lookup costs ~0.1 ms).
        self._zone = zone if zone is not None else QTimeZone.systemTimeZone()

    def number(self, value: int) -> str:
        """An integer with the locale's digit grouping (Lithuanian: spaces)."""
        return format_points(value, self.locale)

    def decimal(self, value: Decimal) -> str:
        """A Decimal with two places, the locale's decimal mark and grouping."""
        return format_decimal(value, self.locale)

    def money(self, value: Decimal) -> str:
        """A Decimal amount of money, e.g. `€1,234.50` (en) or `1 234,50 €` (lt)."""
        return format_money(value, self.locale, self._currency)

    def parse_money(self, text: str) -> Decimal | None:
        """What a cashier typed as an amount: `12,50`, `12.50`, `1 234,5`; None when empty/bad.

        Both `,` and `.` are decimal marks (a Lithuanian cashier on a US keypad types either);
        spaces group digits.
        """
        cleaned = "".join(ch for ch in text if not ch.isspace()).replace(self._symbol, "")
        if not cleaned:
            return None
        cleaned = cleaned.replace(",", ".")
        if cleaned.count(".") > 1:
            return None
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            return None
        if not value.is_finite() or value < 0:
            return None
        return value.quantize(_CENT, rounding=ROUND_HALF_UP)

    def local_datetime(self, value: datetime) -> str:
        """A timezone-aware moment shown in the till's local time, in the locale's short form."""
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        moment = QDateTime.fromMSecsSinceEpoch(int(aware.timestamp() * 1000), self._zone)
        return self.locale.toString(moment, QLocale.FormatType.ShortFormat)

    def local_date(self, value: datetime) -> str:
        """Only the local calendar date of a moment."""
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        moment = QDateTime.fromMSecsSinceEpoch(int(aware.timestamp() * 1000), self._zone)
        return self.locale.toString(moment.date(), QLocale.FormatType.ShortFormat)

    def relative(self, value: datetime, now: datetime | None = None) -> str:
        """`just now`, `5 minutes ago`, `3 days ago`… (translated, with plural forms)."""
        return format_relative(value, now or datetime.now(UTC), self.locale)
