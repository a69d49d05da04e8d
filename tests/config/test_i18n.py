"""Money, points and times per locale; the shipped catalogues load and are complete."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from pos_app.config.i18n import install_translator, qlocale_for
from pos_app.ui.common.formatting import (
    format_decimal,
    format_money,
    format_points,
    format_relative,
)

NBSP = "\u00a0"
TS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"


@pytest.mark.parametrize(
    ("amount", "en", "lt"),
    [
        ("12.50", "€12.50", f"12,50{NBSP}€"),
        ("0", "€0.00", f"0,00{NBSP}€"),
        ("0.29", "€0.29", f"0,29{NBSP}€"),
        ("1234567.89", "€1,234,567.89", f"1{NBSP}234{NBSP}567,89{NBSP}€"),
        ("0.005", "€0.01", f"0,01{NBSP}€"),
        ("99999999999999.99", "€99,999,999,999,999.99", None),
        ("-3", "-€3.00", f"−3,00{NBSP}€"),
    ],
)
def test_format_money(amount: str, en: str, lt: str | None) -> None:
    assert format_money(Decimal(amount), "en") == en
    if lt is not None:
        assert format_money(Decimal(amount), "lt") == lt


def test_format_money_is_exact_and_refuses_float() -> None:
    # 0.285 is 0.28499999… as a float: via float it would round down.
    assert format_money(Decimal("0.285"), "en") == "€0.29"
    with pytest.raises(TypeError):
        format_money(0.29, "en")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_decimal(0.29, "lt")  # type: ignore[arg-type]


def test_format_money_other_currencies() -> None:
    assert format_money(Decimal("5"), "en", "USD") == "$5.00"
    assert format_money(Decimal("5"), "lt", "PLN").endswith("PLN")


def test_format_decimal() -> None:
    assert format_decimal(Decimal("1234.5"), "lt") == f"1{NBSP}234,50"
    assert format_decimal(Decimal("1234.5"), "en") == "1,234.50"


@pytest.mark.parametrize(
    ("points", "en", "lt"),
    [(0, "0", "0"), (150, "150", "150"), (12500, "12,500", f"12{NBSP}500"),
     (1000000, "1,000,000", f"1{NBSP}000{NBSP}000")],
)  # fmt: skip
def test_format_points(points: int, en: str, lt: str) -> None:
    assert format_points(points, "en") == en
    assert format_points(points, "lt") == lt


def test_qlocale_for() -> None:
    assert qlocale_for("lt").language() == QLocale.Language.Lithuanian
    assert qlocale_for("en").language() == QLocale.Language.English
    custom = QLocale(QLocale.Language.German)
    assert qlocale_for(custom) is custom


NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=5), "just now"),
        (timedelta(seconds=-30), "just now"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(minutes=5), "5 minutes ago"),
        (timedelta(hours=1, minutes=5), "1 hour ago"),
        (timedelta(days=3), "3 days ago"),
        (timedelta(days=45), "1 month ago"),
        (timedelta(days=800), "2 years ago"),
    ],
)
def test_format_relative_english(qapp: Any, delta: timedelta, text: str) -> None:
    assert format_relative(NOW - delta, NOW, "en") == text


def test_format_relative_never(qapp: Any) -> None:
    assert format_relative(None, NOW, "en") == "never"


# ---- catalogues ----------------------------------------------------------------------------


@pytest.fixture
def lithuanian(qapp: Any) -> Iterator[Any]:
    """The Lithuanian catalogue installed for one test, removed afterwards."""
    previous = QLocale()
    translator = install_translator(qapp, "lt")
    assert translator is not None, "pos_app_lt.qm is missing: run scripts/update_translations.sh"
    yield translator
    translator.uninstall()  # type: ignore[attr-defined]
    QLocale.setDefault(previous)


def test_missing_catalogue_gives_none(qapp: Any) -> None:
    previous = QLocale()
    assert install_translator(qapp, "xx") is None
    QLocale.setDefault(previous)


def test_english_catalogue_has_plural_forms(qapp: Any) -> None:
    previous = QLocale()
    translator = install_translator(qapp, "en")
    assert translator is not None
    try:
        assert QCoreApplication.translate("Time", "%n day(s) ago", None, 1) == "1 day ago"
        assert QCoreApplication.translate("Time", "%n day(s) ago", None, 2) == "2 days ago"
    finally:
        translator.uninstall()  # type: ignore[attr-defined]
        QLocale.setDefault(previous)


def test_lithuanian_words_and_plurals(lithuanian: Any) -> None:
    assert format_relative(None, NOW, "lt") == "niekada"
    assert format_relative(NOW - timedelta(days=1), NOW, "lt") == "prieš 1 dieną"
    assert format_relative(NOW - timedelta(days=3), NOW, "lt") == "prieš 3 dienas"
    assert format_relative(NOW - timedelta(days=11), NOW, "lt") == "prieš 11 dienų"
    assert format_relative(NOW - timedelta(days=21), NOW, "lt") == "prieš 21 dieną"
    assert QLocale().language() == QLocale.Language.Lithuanian


def test_lithuanian_widget_text(qtbot: Any, lithuanian: Any) -> None:
    from pos_app.config.settings import hash_pin
    from pos_app.ui.manager.lock import ManagerLock
    from pos_app.ui.manager.unlock_widget import UnlockWidget

    widget = UnlockWidget(ManagerLock(pin_hash=hash_pin("1234")))
    qtbot.addWidget(widget)
    assert widget.unlock_button.text() == "Atrakinti"
    assert widget.pin_input.placeholderText() == "Vadovo PIN kodas"


def _messages(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).getroot().iter("message"))


@pytest.mark.parametrize("code", ["lt", "en"])
def test_catalogue_is_complete(code: str) -> None:
    messages = _messages(TS_DIR / f"pos_app_{code}.ts")
    assert messages
    unfinished = [
        m.findtext("source")
        for m in messages
        if (t := m.find("translation")) is None or t.get("type") == "unfinished"
    ]
    assert unfinished == []


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%(?:n|L?\d)", text))


def test_lithuanian_keeps_placeholders_and_uses_three_plural_forms() -> None:
    for message in _messages(TS_DIR / "pos_app_lt.ts"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if message.get("numerus") == "yes":
            forms = [f.text or "" for f in translation.iter("numerusform")]
            assert len(forms) == 3, source
        else:
            forms = [translation.text or ""]
        for form in forms:
            assert form.strip(), source
            assert _placeholders(form) == _placeholders(source), (source, form)


def test_compiled_catalogues_are_packaged() -> None:
    import importlib.resources

    folder = importlib.resources.files("pos_app").joinpath("resources", "translations")
    for code in ("lt", "en"):
        assert folder.joinpath(f"pos_app_{code}.qm").is_file()


def test_catalogues_match_the_code() -> None:
    """Every translatable string in pos_app/ is in the .ts files, translated (lupdate dry run)."""
    import shutil
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists() and shutil.which("pyside6-lupdate") is None:
        pytest.skip("pyside6-lupdate is not installed")
    run = subprocess.run(
        [sys.executable, str(root / "scripts" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, f"run scripts/update_translations.sh and translate:\n{run.stdout}"


def test_lithuanian_settings_dialog_has_no_english_left(qtbot: Any, lithuanian: Any) -> None:
    from pos_app.config.credentials import KeyringSecretStore
    from pos_app.config.settings import AppSettings
    from pos_app.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(AppSettings(), KeyringSecretStore())  # the suite's "fail" keyring
    qtbot.addWidget(dialog)
    status = dialog.connection.keyring_status.text()
    assert status.startswith("Sistemos slaptažodžių saugykla nepasiekiama (šiame kompiuteryje")
    assert dialog.save_button.text() == "Išsaugoti"
    assert dialog.tabs.tabText(0) == "Ryšys"
