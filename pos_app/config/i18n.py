"""Language: the chosen locale, and installing the till's translations for it.

Translations are compiled Qt Linguist files, `pos_app/resources/translations/pos_app_<locale>.qm`,
found through importlib.resources so a checkout, a wheel and a frozen build behave alike.
English ships a plural-forms-only catalogue ("1 day ago" / "2 days ago").
"""

from __future__ import annotations

import importlib.resources
from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

SUPPORTED_LOCALES: Final = ("en", "lt")


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
