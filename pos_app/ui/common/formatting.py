"""Money, points and times written the way the till's locale writes them (QLocale, never float).

The one home of formatting: the `format_*` functions take any locale, `Formatter` binds one
locale and time zone for the window's panels, so every screen writes amounts alike.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QTimeZone

from pos_app.config.i18n import qlocale_for

CURRENCY_SYMBOLS: Final = {"EUR": "€", "USD": "$", "GBP": "£"}
_CENT: Final = Decimal("0.01")



# ---- numbers and money -------------------------------------------------------------------


def format_points(points: int, locale: str | QLocale) -> str:
    """Points with the locale's grouping: `12,500` (en), `12 500` with a no-break space (lt)."""
    return qlocale_for(locale).toString(int(points))


def format_decimal(value: Decimal, locale: str | QLocale) -> str:
    """A Decimal with two places, exact (never through float): `1,234.50` / `1 234,50`."""
    if isinstance(value, float):
        raise TypeError("money must be a Decimal, not a float")
    qlocale = qlocale_for(locale)
    quantized = Decimal(value).quantize(_CENT, rounding=ROUND_HALF_UP)
    whole, _, cents = f"{abs(quantized):f}".partition(".")
    sign = qlocale.negativeSign() if quantized < 0 else ""
    return f"{sign}{qlocale.toString(int(whole))}{qlocale.decimalPoint()}{cents}"


def format_money(value: Decimal, locale: str | QLocale, currency: str = "EUR") -> str:
    """An amount with its currency as the locale writes it: `€12.50` (en), `12,50 €` (lt, with a
    no-break space). Exact from the Decimal, rounded half-up to the cent; negative amounts get
    a leading minus, not accounting brackets."""
    if isinstance(value, float):
        raise TypeError("money must be a Decimal, not a float")
    qlocale = qlocale_for(locale)
    symbol = CURRENCY_SYMBOLS.get(currency.upper(), currency.upper())
    # The locale's currency pattern, learnt from an exactly representable 1.00.
    one = qlocale.toString(1.0, "f", 2)
    pattern = qlocale.toCurrencyString(1.0, symbol, 2).replace(one, "{}", 1)
    if "{}" not in pattern:
        pattern = "{}\u00a0" + symbol
    quantized = Decimal(value).quantize(_CENT, rounding=ROUND_HALF_UP)
    sign = qlocale.negativeSign() if quantized < 0 else ""
    return sign + pattern.format(format_decimal(abs(quantized), qlocale))


# ---- times -------------------------------------------------------------------------------


def _aware(moment: datetime) -> datetime:
    """The API writes UTC; a timestamp without an offset is taken as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _plural(translated: str, n: int) -> str:
    # Without a loaded English catalogue Qt returns the source text with its "(s)".
    return translated.replace("(s)", "" if n == 1 else "s")


def format_relative(moment: datetime | None, now: datetime, locale: str | QLocale = "en") -> str:
    """How long ago: `never`, `just now`, `5 minutes ago`, `3 days ago` ("prieš 3 dienas").

    The words come from the installed catalogue (install_translator), so they follow the UI
    language; `locale` is kept for symmetry with the other helpers.
    """
    del locale
    if moment is None:
        return QCoreApplication.translate("Time", "never")
    seconds = int((_aware(now) - _aware(moment)).total_seconds())
    if seconds < -300:
        return QCoreApplication.translate("Time", "in the future")
    if seconds < 60:
        # A clock a little ahead of the server's must not say "in 3 seconds".
        return QCoreApplication.translate("Time", "just now")
    minutes = seconds // 60
    if minutes < 60:
        return _plural(
            QCoreApplication.translate("Time", "%n minute(s) ago", None, minutes), minutes
        )
    hours = minutes // 60
    if hours < 24:
        return _plural(QCoreApplication.translate("Time", "%n hour(s) ago", None, hours), hours)
    days = hours // 24
    if days < 31:
        return _plural(QCoreApplication.translate("Time", "%n day(s) ago", None, days), days)
    if days < 365:
        months = days // 30
        return _plural(QCoreApplication.translate("Time", "%n month(s) ago", None, months), months)
    years = days // 365
    return _plural(QCoreApplication.translate("Time", "%n year(s) ago", None, years), years)


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
        # The till's local zone, looked up once, on the first date written: the first lookup
        # in a process costs ~4 ms, which start-up need not pay before the window shows.
        self._zone_given = zone

    def _zone(self) -> QTimeZone:
        if self._zone_given is None:
            self._zone_given = QTimeZone.systemTimeZone()
        return self._zone_given

    def set_locale(self, locale: QLocale) -> None:
        """Write in `locale` from now on (the cashier chose another language)."""
        self.locale = locale

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
        moment = QDateTime.fromMSecsSinceEpoch(int(aware.timestamp() * 1000), self._zone())
        return self.locale.toString(moment, QLocale.FormatType.ShortFormat)

    def local_date(self, value: datetime) -> str:
        """Only the local calendar date of a moment."""
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        moment = QDateTime.fromMSecsSinceEpoch(int(aware.timestamp() * 1000), self._zone())
        return self.locale.toString(moment.date(), QLocale.FormatType.ShortFormat)

    def relative(self, value: datetime, now: datetime | None = None) -> str:
        """`just now`, `5 minutes ago`, `3 days ago`… (translated, with plural forms)."""
        return format_relative(value, now or datetime.now(UTC), self.locale)
