"""Switching the till's language while it runs: the catalogue, the number formats, every widget."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.config.i18n import AppTranslator, install_translator, qlocale_for
from pos_app.ui.common.formatting import Formatter


def switch_language(locale: str, formatter: Formatter) -> bool:
    """Use `locale` ("en" or "lt") from now on; False when there is no application.

    The old catalogue goes and the new one comes; Qt then sends every widget a LanguageChange
    event, and each panel's `retranslate()` sets its texts again and redraws its figures with
    `formatter`, which already writes money and dates the new way.
    """
    app = QCoreApplication.instance()
    if app is None:
        return False
    formatter.set_locale(qlocale_for(locale))
    for old in app.findChildren(AppTranslator):
        old.uninstall()
        old.deleteLater()
    install_translator(app, locale)
    return True


__all__ = ["switch_language"]
