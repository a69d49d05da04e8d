"""Language: installing the till's translations, and money, points and times in the chosen locale.

Translations are compiled Qt Linguist files, `pos_app/resources/translations/pos_app_<locale>.qm`,
found through importlib.resources so a checkout, a wheel and a frozen build behave alike.
English ships a plural-forms-only catalogue ("1 day ago" / "2 days ago").
"""

from __future__ import annotations

import importlib.resources
from datetime import UTC, datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLibraryInfo,
    QLocale,
    QObject,
    QTime,
    QTranslator,
)

SUPPORTED_LOCALES: Final = ("en", "lt")
CURRENCY_SYMBOLS: Final = {"EUR": "€", "USD": "$", "GBP": "£"}
_CENT: Final = Decimal("0.01")


def qlocale_for(locale: str | QLocale) -> QLocale:
    """The QLocale behind one of the till's language codes.

    English is British English: a 24-hour clock and day-first dates, as on the rest of a
    Lithuanian shop floor; the euro sign still goes first ("€12.50").
    """
    if isinstance(locale, QLocale):
        return locale
    if locale.lower().startswith("lt"):
        return QLocale(QLocale.Language.Lithuanian, QLocale.Country.Lithuania)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


class AppTranslator(QTranslator):
    """The till's own catalogue, with Qt's catalogue for the same language riding along.

    `uninstall()` removes both from the application (to switch language while running).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.qt_translator: QTranslator | None = None

    def uninstall(self) -> None:
        QCoreApplication.removeTranslator(self)
        if self.qt_translator is not None:
            QCoreApplication.removeTranslator(self.qt_translator)


def _load_resource(translator: QTranslator, name: str) -> bool:
    resource = importlib.resources.files("pos_app").joinpath("resources", "translations", name)
    if not resource.is_file():
        return False
    with importlib.resources.as_file(resource) as path:
        return translator.load(str(path))


def _load_qt_catalogue(locale: str, parent: QObject) -> QTranslator | None:
    """Qt's own strings (context menus, standard buttons): qtbase_xx, else the older qt_xx."""
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in (f"qtbase_{locale}", f"qt_{locale}"):
        translator = QTranslator(parent)
        if translator.load(name, directory):
            return translator
        translator.deleteLater()
    return None


def install_translator(app: QCoreApplication, locale: str) -> QTranslator | None:
    """Install the catalogue for `locale` ("en" or "lt") and make it the default QLocale.

    Returns the installed AppTranslator, or None when the till has no catalogue for `locale`
    (the source English then shows). Call `.uninstall()` on the old one before switching.
    """
    code = locale.lower()[:2]
    QLocale.setDefault(qlocale_for(code))
    translator = AppTranslator(app)
    if not _load_resource(translator, f"pos_app_{code}.qm"):
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    if code != "en":
        translator.qt_translator = _load_qt_catalogue(code, translator)
        if translator.qt_translator is not None:
            app.installTranslator(translator.qt_translator)
    return translator


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


def format_datetime(moment: datetime, locale: str | QLocale, tz: tzinfo | None = None) -> str:
    """A moment in the till's local time (or `tz`), short form: `04/03/2026 14:05` (en),
    `2026-03-04 14:05` (lt)."""
    local = _aware(moment).astimezone(tz)
    qlocale = qlocale_for(locale)
    date_text = qlocale.toString(
        QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat
    )
    time_text = qlocale.toString(
        QTime(local.hour, local.minute, local.second), QLocale.FormatType.ShortFormat
    )
    return f"{date_text} {time_text}"


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
