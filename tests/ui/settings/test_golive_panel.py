"""Settings' go-live check and shop choice against the sandbox: the command line's lines."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox

from pos_app.config.credentials import Credentials, MemorySecretStore
from pos_app.config.settings import AppSettings, MemorySettingsStore
from pos_app.ui.settings.dialog import SettingsDialog


def dialog_for(
    qtbot: Any, sandbox: Any, *, secret: str | None = None, **settings: Any
) -> tuple[SettingsDialog, MemorySettingsStore]:
    from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET

    current = AppSettings(environment="custom", custom_url=sandbox.base_url, **settings)
    store = MemorySettingsStore(current)
    dialog = SettingsDialog(
        current,
        MemorySecretStore(Credentials(DEMO_API_KEY, secret or DEMO_API_SECRET)),
        settings_store=store,
    )
    qtbot.addWidget(dialog)
    return dialog, store


def child(dialog: SettingsDialog, kind: type[Any], name: str) -> Any:
    widget = dialog.findChild(kind, name)
    assert widget is not None, name
    return widget


def click_and_wait(qtbot: Any, dialog: SettingsDialog, button: str) -> list[str]:
    child(dialog, QPushButton, button).click()
    task = dialog.connection.golive.task
    assert task is not None
    qtbot.waitUntil(task.done, timeout=10_000)
    result = child(dialog, QPlainTextEdit, "settingsCheckResult")
    assert result.isReadOnly()
    assert child(dialog, QPushButton, "settingsCheckButton").isEnabled()
    text: str = result.toPlainText()
    return text.splitlines()


def shops_in(dialog: SettingsDialog) -> list[tuple[str, int]]:
    combo = child(dialog, QComboBox, "settingsShop")
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def test_check_connection_shows_one_line_per_step_and_sells_nothing(
    qtbot: Any, qasync_loop: Any, sandbox: Any
) -> None:
    dialog, _ = dialog_for(qtbot, sandbox)
    lines = click_and_wait(qtbot, dialog, "settingsCheckButton")
    assert lines == [
        "✔ API key and secret: accepted for Coffee Paradise (partner 1), staging environment",
        "✘ Shops list: 2 shops and none chosen for this till: choose its shop in Settings",
        "✔ Card lookup: card 900-001-001 found: 1000 points",
        "✔ QR card session: a session opened and was left to expire on its own",
        "Not ready: fix what is marked ✘ and check again.",
    ]
    # The check filled the shop list, leaving the choice to the manager.
    assert [shop_id for _, shop_id in shops_in(dialog)] == [0, 1, 2]
    assert sandbox.state.transactions == []


def test_load_shops_choose_one_save_and_the_check_passes(
    qtbot: Any, qasync_loop: Any, sandbox: Any
) -> None:
    dialog, store = dialog_for(qtbot, sandbox)
    lines = click_and_wait(qtbot, dialog, "settingsLoadShops")
    assert lines == ["2 shop(s) listed."]
    assert shops_in(dialog)[1:] == [
        ("Coffee Paradise - Vilnius (#1)", 1),
        ("Coffee Paradise - Kaunas (#2)", 2),
    ]
    combo = child(dialog, QComboBox, "settingsShop")
    combo.setCurrentIndex(combo.findData(2))
    child(dialog, QLineEdit, "settingsCheckCard").setText("900-004-001")
    lines = click_and_wait(qtbot, dialog, "settingsCheckButton")
    assert (
        lines[1] == "✔ Shops list: 2 shop(s); this till sells as Coffee Paradise - Kaunas (shop 2)"
    )
    assert lines[2] == "✔ Card lookup: card 900-004-001 found: 10000 points"
    assert lines[-1] == "Every check passed."
    child(dialog, QSpinBox, "settingsLookupTimeout").setValue(25)
    dialog.save()
    saved = store.load()
    assert (saved.shop_id, saved.shop_name) == (2, "Coffee Paradise - Kaunas")
    assert saved.lookup_timeout_s == 25


def test_the_only_shop_is_chosen_automatically(qtbot: Any, qasync_loop: Any, sandbox: Any) -> None:
    sandbox.state.update_shop(2, is_active=False)
    dialog, store = dialog_for(qtbot, sandbox)
    lines = click_and_wait(qtbot, dialog, "settingsLoadShops")
    assert lines == [
        "1 shop(s) listed.",
        "The only shop was chosen for this till; Save keeps it.",
    ]
    dialog.save()
    assert (store.load().shop_id, store.load().shop_name) == (1, "Coffee Paradise - Vilnius")


def test_a_saved_shop_no_longer_listed_stays_until_changed_and_the_check_says_so(
    qtbot: Any, qasync_loop: Any, sandbox: Any
) -> None:
    dialog, _ = dialog_for(qtbot, sandbox, shop_id=7, shop_name="Closed shop")
    assert shops_in(dialog) == [("None chosen", 0), ("Closed shop (#7)", 7)]
    lines = click_and_wait(qtbot, dialog, "settingsCheckButton")
    assert lines[1].startswith("✘ Shops list: this till's shop 7 is not among the partner's 2")
    assert child(dialog, QComboBox, "settingsShop").currentData() == 7
    assert dialog.connection.golive.shop_choice() == (7, "Closed shop")


def test_a_wrong_secret_fails_in_the_servers_words_and_is_not_shown(
    qtbot: Any, qasync_loop: Any, sandbox: Any
) -> None:
    secret = "typed-wrong-secret-99"
    dialog, _ = dialog_for(qtbot, sandbox)
    child(dialog, QLineEdit, "settingsApiSecret").setText(secret)
    lines = click_and_wait(qtbot, dialog, "settingsCheckButton")
    assert lines[0] == (
        "✘ API key and secret: refused (HTTP 401 INVALID_CREDENTIALS): “Partner not authenticated”"
    )
    assert all(secret not in line for line in lines)
    lines = click_and_wait(qtbot, dialog, "settingsLoadShops")
    assert lines == [
        "✘ Shops list: refused (HTTP 401 INVALID_CREDENTIALS): “Partner not authenticated”"
    ]


def test_without_credentials_nothing_is_sent(qtbot: Any, qasync_loop: Any, sandbox: Any) -> None:
    dialog, _ = dialog_for(qtbot, sandbox)
    child(dialog, QLineEdit, "settingsApiKey").clear()
    child(dialog, QPushButton, "settingsCheckButton").click()
    assert dialog.connection.golive.task is None
    result = child(dialog, QPlainTextEdit, "settingsCheckResult")
    assert result.toPlainText() == "Enter the API key and secret first."
    assert sandbox.state.request_log == []


def test_closing_the_dialog_stops_a_running_check(
    qtbot: Any, qasync_loop: Any, sandbox: Any
) -> None:
    sandbox.faults.latency_ms = 2000
    dialog, _ = dialog_for(qtbot, sandbox)
    child(dialog, QPushButton, "settingsCheckButton").click()
    task = dialog.connection.golive.task
    assert task is not None
    dialog.reject()
    qtbot.waitUntil(task.done, timeout=2000)
    assert task.cancelled()


def test_in_lithuanian_the_lines_are_translated_and_the_servers_words_kept(
    qtbot: Any, qasync_loop: Any, sandbox: Any, qapp: Any
) -> None:
    from PySide6.QtCore import QLocale

    from pos_app.config.i18n import install_translator

    previous = QLocale()
    translator = install_translator(qapp, "lt")
    assert translator is not None
    try:
        dialog, _ = dialog_for(qtbot, sandbox, shop_id=1, shop_name="Coffee Paradise - Vilnius")
        child(dialog, QLineEdit, "settingsCheckCard").setText("999-999-999")
        lines = click_and_wait(qtbot, dialog, "settingsCheckButton")
    finally:
        translator.uninstall()  # type: ignore[attr-defined]
        QLocale.setDefault(previous)
    assert lines[0].startswith("✔ API raktas ir slaptažodis: priimta: Coffee Paradise")
    # The server answered in English (locale "en"): its own words are shown as it said them.
    assert lines[2] == "✘ Kortelės paieška: atmesta (HTTP 404): “Loyalty card not found”"
    assert (
        lines[-1] == "Dar neparuošta: ištaisykite tai, kas pažymėta ✘, ir patikrinkite dar kartą."
    )
