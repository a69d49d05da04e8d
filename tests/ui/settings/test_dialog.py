"""SettingsDialog: shows and saves settings, secrets only in the secret store, Test connection."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from pos_app.api.errors import AuthError, NetworkError, ServerError
from pos_app.config.credentials import (
    Credentials,
    KeyringSecretStore,
    MemorySecretStore,
    NullSecretStore,
)
from pos_app.config.settings import AppSettings, MemorySettingsStore, hash_pin, verify_pin
from pos_app.ui.manager.lock import ManagerLock
from pos_app.ui.settings.dialog import SettingsDialog

SECRET = "topsecret-123"
STORED = Credentials("lty_stored", SECRET)


class FakeTester:
    """Records what Test connection asked and answers with `result` (or raises it)."""

    def __init__(self, result: dict[str, Any] | Exception | None = None) -> None:
        self.result: dict[str, Any] | Exception = result or {
            "valid": True,
            "partner": {"id": 7, "name": "Demo Shop"},
            "environment": "staging",
        }
        self.calls: list[tuple[str, Credentials, str]] = []
        self.gate: asyncio.Event | None = None

    async def __call__(self, url: str, credentials: Credentials, locale: str) -> dict[str, Any]:
        self.calls.append((url, credentials, locale))
        if self.gate is not None:
            await self.gate.wait()
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


def make_dialog(
    qtbot: Any,
    settings: AppSettings | None = None,
    store: Any = None,
    tester: FakeTester | None = None,
    **kwargs: Any,
) -> SettingsDialog:
    dialog = SettingsDialog(
        settings or AppSettings(),
        MemorySecretStore(STORED) if store is None else store,
        tester or FakeTester(),
        **kwargs,
    )
    qtbot.addWidget(dialog)
    return dialog


def child(dialog: SettingsDialog, kind: type[Any], name: str) -> Any:
    widget = dialog.findChild(kind, name)
    assert widget is not None, name
    return widget


def choose(combo: QComboBox, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_fields_show_the_settings(qtbot: Any) -> None:
    dialog = make_dialog(qtbot, AppSettings(environment="staging", locale="lt"))
    assert child(dialog, QComboBox, "settingsEnvironment").currentData() == "staging"
    assert child(dialog, QComboBox, "settingsLanguage").currentData() == "lt"
    assert child(dialog, QLineEdit, "settingsApiKey").text() == "lty_stored"
    secret = child(dialog, QLineEdit, "settingsApiSecret")
    assert secret.echoMode() == QLineEdit.EchoMode.Password
    assert secret.text() == ""  # the stored secret is never put back on screen
    url = child(dialog, QLineEdit, "settingsCustomUrl")
    assert url.text() == "https://staging-api.loyalty.lt"
    assert not url.isEnabled()
    assert "keyring" in child(dialog, QLabel, "settingsKeyringStatus").text()
    assert not dialog.isModal()


def test_save_emits_and_stores_new_settings(qtbot: Any) -> None:
    settings_store = MemorySettingsStore()
    dialog = make_dialog(qtbot, settings_store=settings_store)
    choose(child(dialog, QComboBox, "settingsEnvironment"), "custom")
    url = child(dialog, QLineEdit, "settingsCustomUrl")
    assert url.isEnabled()
    qtbot.keyClicks(url, "http://127.0.0.1:8765/")
    choose(child(dialog, QComboBox, "settingsLanguage"), "lt")
    child(dialog, QLineEdit, "settingsManagerBadge").setText(" 100000001 ")
    with (
        qtbot.assertNotEmitted(dialog.credentialsChanged),
        qtbot.waitSignal(dialog.settingsChanged) as blocker,
    ):
        child(dialog, QPushButton, "settingsSave").click()
    new = blocker.args[0]
    assert isinstance(new, AppSettings)
    assert new.api_url == "http://127.0.0.1:8765"
    assert new.locale == "lt"
    assert new.manager_badge == "100000001"
    assert settings_store.load() == new
    assert dialog.result() == SettingsDialog.DialogCode.Accepted


def test_save_without_changes_emits_nothing(qtbot: Any) -> None:
    dialog = make_dialog(qtbot)
    with (
        qtbot.assertNotEmitted(dialog.settingsChanged),
        qtbot.assertNotEmitted(dialog.credentialsChanged),
    ):
        dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted


def test_invalid_custom_url_is_refused(qtbot: Any) -> None:
    dialog = make_dialog(qtbot)
    choose(child(dialog, QComboBox, "settingsEnvironment"), "custom")
    qtbot.keyClicks(child(dialog, QLineEdit, "settingsCustomUrl"), "http://shop.example.com")
    with qtbot.assertNotEmitted(dialog.settingsChanged):
        dialog.save()
    assert "https://" in child(dialog, QLabel, "settingsError").text()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted


def test_new_credentials_go_to_the_secret_store(qtbot: Any) -> None:
    store = MemorySecretStore()
    dialog = make_dialog(qtbot, store=store)
    qtbot.keyClicks(child(dialog, QLineEdit, "settingsApiKey"), "lty_new")
    qtbot.keyClicks(child(dialog, QLineEdit, "settingsApiSecret"), "newsecret")
    with qtbot.waitSignal(dialog.credentialsChanged):
        dialog.save()
    assert store.get() == Credentials("lty_new", "newsecret")


def test_empty_secret_keeps_the_stored_one(qtbot: Any) -> None:
    store = MemorySecretStore(STORED)
    dialog = make_dialog(qtbot, store=store)
    key = child(dialog, QLineEdit, "settingsApiKey")
    key.setText("lty_other")
    dialog.save()
    assert store.get() == Credentials("lty_other", SECRET)


def test_key_without_secret_is_refused(qtbot: Any) -> None:
    store = MemorySecretStore()
    dialog = make_dialog(qtbot, store=store)
    child(dialog, QLineEdit, "settingsApiKey").setText("lty_new")
    dialog.save()
    assert "secret" in child(dialog, QLabel, "settingsError").text()
    assert store.get() is None


def test_forget_clears_the_store(qtbot: Any) -> None:
    store = MemorySecretStore(STORED)
    dialog = make_dialog(qtbot, store=store)
    child(dialog, QPushButton, "settingsForgetCredentials").click()
    with qtbot.waitSignal(dialog.credentialsChanged):
        dialog.save()
    assert store.get() is None


def test_keyring_unavailable_is_said_and_saving_credentials_fails_visibly(qtbot: Any) -> None:
    store = NullSecretStore("no system keyring found on this computer")
    dialog = make_dialog(qtbot, store=store)
    status = child(dialog, QLabel, "settingsKeyringStatus").text()
    assert "POS_API_KEY" in status
    assert "no system keyring" in status
    child(dialog, QLineEdit, "settingsApiKey").setText("lty_new")
    child(dialog, QLineEdit, "settingsApiSecret").setText(SECRET)
    with qtbot.assertNotEmitted(dialog.settingsChanged):
        dialog.save()
    error = child(dialog, QLabel, "settingsError").text()
    assert "could not be saved" in error
    assert SECRET not in error
    assert dialog.result() != SettingsDialog.DialogCode.Accepted


def test_env_override_is_said(qtbot: Any) -> None:
    dialog = make_dialog(qtbot, env_overrides=True)
    assert "environment" in child(dialog, QLabel, "settingsKeyringStatus").text()


def test_new_pin_is_stored_only_as_hash(qtbot: Any) -> None:
    dialog = make_dialog(qtbot)
    qtbot.keyClicks(child(dialog, QLineEdit, "settingsManagerPin"), "8642")
    qtbot.keyClicks(child(dialog, QLineEdit, "settingsManagerPinConfirm"), "8642")
    with qtbot.waitSignal(dialog.settingsChanged) as blocker:
        dialog.save()
    new: AppSettings = blocker.args[0]
    assert "8642" not in repr(new)
    assert verify_pin("8642", new.manager_pin_hash)


@pytest.mark.parametrize(("pin", "again", "error"), [("8642", "8643", "differ"), ("12", "12", "4")])
def test_bad_pins_are_refused(qtbot: Any, pin: str, again: str, error: str) -> None:
    dialog = make_dialog(qtbot)
    child(dialog, QLineEdit, "settingsManagerPin").setText(pin)
    child(dialog, QLineEdit, "settingsManagerPinConfirm").setText(again)
    with qtbot.assertNotEmitted(dialog.settingsChanged):
        dialog.save()
    assert error in child(dialog, QLabel, "settingsError").text()


def test_pin_can_be_kept_or_removed(qtbot: Any) -> None:
    old = AppSettings(manager_pin_hash=hash_pin("1234"))
    dialog = make_dialog(qtbot, old)
    assert dialog.collect()[0] == old
    dialog.manager.clear_pin.setChecked(True)
    settings, _ = dialog.collect()
    assert settings is not None
    assert settings.manager_pin_hash == ""


def test_scanner_preset_and_idle_minutes(qtbot: Any) -> None:
    dialog = make_dialog(qtbot, AppSettings(manager_idle_lock_s=90))
    profile = child(dialog, QComboBox, "settingsScannerProfile")
    choose(profile, "bluetooth")
    profile.activated.emit(profile.currentIndex())
    settings, _ = dialog.collect()
    assert settings is not None
    assert settings.scanner_profile == "bluetooth"
    assert (settings.wedge_max_interkey_ms, settings.wedge_idle_timeout_ms) == (120, 400)
    assert settings.manager_idle_lock_s == 90  # untouched spin keeps the exact seconds
    dialog.manager.idle_lock_min.setValue(5)
    settings, _ = dialog.collect()
    assert settings is not None
    assert settings.manager_idle_lock_s == 300


# ---- Test connection -----------------------------------------------------------------------


def click_test(qtbot: Any, dialog: SettingsDialog) -> QLabel:
    child(dialog, QPushButton, "settingsTestButton").click()
    result: QLabel = child(dialog, QLabel, "settingsTestResult")
    qtbot.waitUntil(lambda: result.property("state") in ("ok", "error"), timeout=5000)
    return result


def test_connection_ok_shows_partner_and_environment(qtbot: Any, qasync_loop: Any) -> None:
    tester = FakeTester()
    dialog = make_dialog(qtbot, AppSettings(environment="staging"), tester=tester)
    choose(child(dialog, QComboBox, "settingsLanguage"), "lt")
    result = click_test(qtbot, dialog)
    assert result.text() == "Connected: Demo Shop (staging)."
    assert tester.calls == [("https://staging-api.loyalty.lt", STORED, "lt")]
    assert child(dialog, QPushButton, "settingsTestButton").isEnabled()


def test_connection_warns_about_environment_mismatch(qtbot: Any, qasync_loop: Any) -> None:
    dialog = make_dialog(qtbot, AppSettings(environment="production"))
    assert "not the environment chosen" in click_test(qtbot, dialog).text()


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (AuthError("Partner not authenticated", status=401), "not accepted"),
        (NetworkError(may_have_reached_server=False), "Could not reach https://api.loyalty.lt"),
        (ServerError(status=502), "has a problem"),
        (ValueError(f"bad url with {SECRET}"), "bad url with ***"),
        ({"valid": False}, "not valid"),
    ],
)
def test_connection_errors_are_shown_without_the_secret(
    qtbot: Any, qasync_loop: Any, error: Any, text: str
) -> None:
    dialog = make_dialog(qtbot, tester=FakeTester(error))
    result = click_test(qtbot, dialog)
    assert result.property("state") == "error"
    assert text in result.text()
    assert SECRET not in result.text()


def test_connection_uses_typed_not_stored_credentials(qtbot: Any, qasync_loop: Any) -> None:
    tester = FakeTester()
    dialog = make_dialog(qtbot, tester=tester)
    child(dialog, QLineEdit, "settingsApiKey").setText("lty_typed")
    child(dialog, QLineEdit, "settingsApiSecret").setText("typedsecret")
    click_test(qtbot, dialog)
    assert tester.calls[0][1] == Credentials("lty_typed", "typedsecret")


def test_connection_needs_credentials(qtbot: Any, qasync_loop: Any) -> None:
    tester = FakeTester()
    dialog = make_dialog(qtbot, store=MemorySecretStore(), tester=tester)
    result = click_test(qtbot, dialog)
    assert "API key and secret" in result.text()
    assert tester.calls == []


def test_closing_cancels_a_running_test(qtbot: Any, qasync_loop: Any) -> None:
    tester = FakeTester()
    tester.gate = asyncio.Event()
    dialog = make_dialog(qtbot, tester=tester)
    child(dialog, QPushButton, "settingsTestButton").click()
    task = dialog.connection.test_task
    assert task is not None
    assert not child(dialog, QPushButton, "settingsTestButton").isEnabled()
    dialog.reject()
    qtbot.waitUntil(task.done, timeout=2000)
    assert task.cancelled()


def test_real_client_reports_an_unreachable_server(qtbot: Any, qasync_loop: Any) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = AppSettings(environment="custom", custom_url=f"http://127.0.0.1:{port}")
    dialog = SettingsDialog(settings, MemorySecretStore(STORED))
    qtbot.addWidget(dialog)
    result = click_test(qtbot, dialog)
    assert f"127.0.0.1:{port}" in result.text()
    assert SECRET not in result.text()


def test_keyring_store_works_in_the_dialog(qtbot: Any) -> None:
    from keyring.backends import fail

    dialog = make_dialog(qtbot, store=KeyringSecretStore(backend=fail.Keyring()))  # type: ignore[no-untyped-call]
    assert "Keyring unavailable" in child(dialog, QLabel, "settingsKeyringStatus").text()


def test_real_client_against_the_sandbox(qtbot: Any, qasync_loop: Any, sandbox: Any) -> None:
    from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET

    settings = AppSettings(environment="custom", custom_url=sandbox.base_url)
    good = SettingsDialog(settings, MemorySecretStore(Credentials(DEMO_API_KEY, DEMO_API_SECRET)))
    qtbot.addWidget(good)
    result = click_test(qtbot, good)
    assert result.property("state") == "ok"
    assert result.text().startswith("Connected: ")
    assert "(staging)" in result.text()

    wrong = SettingsDialog(settings, MemorySecretStore(Credentials(DEMO_API_KEY, SECRET)))
    qtbot.addWidget(wrong)
    result = click_test(qtbot, wrong)
    assert result.text() == "The API key or secret was not accepted."


def test_a_new_test_supersedes_the_running_one(qtbot: Any, qasync_loop: Any) -> None:
    tester = FakeTester()
    tester.gate = asyncio.Event()
    dialog = make_dialog(qtbot, tester=tester)
    page = dialog.connection
    page.start_test()
    first = page.test_task
    qtbot.waitUntil(lambda: len(tester.calls) == 1, timeout=2000)  # the first one is running
    page.start_test()
    second = page.test_task
    assert first is not None
    assert second is not None
    assert first is not second
    qtbot.waitUntil(first.done, timeout=2000)
    assert first.cancelled()
    assert not page.test_button.isEnabled()  # the second test is still running
    tester.gate.set()
    qtbot.waitUntil(second.done, timeout=2000)
    assert page.test_button.isEnabled()
    assert page.test_result.text().startswith("Connected: Demo Shop (staging).")


# ---- the manager lock guards connection and manager settings -------------------------------


def locked_dialog(qtbot: Any, store: Any = None) -> tuple[SettingsDialog, ManagerLock]:
    settings = AppSettings(manager_pin_hash=hash_pin("2468"), manager_badge="100000001")
    lock = ManagerLock(settings.manager_pin_hash, settings.manager_badge, 120)
    dialog = make_dialog(qtbot, settings, store=store, manager_lock=lock)
    return dialog, lock


def test_locked_dialog_disables_connection_and_manager(qtbot: Any) -> None:
    store = MemorySecretStore(STORED)
    dialog, _lock = locked_dialog(qtbot, store)
    assert not dialog.authorized
    assert not dialog.lock_panel.isHidden()
    assert not dialog.connection.isEnabled()
    assert not dialog.manager.isEnabled()
    # Even if the fields are changed behind the UI's back, Save keeps the protected values.
    dialog.manager.pin.setText("1111")
    dialog.manager.pin_confirm.setText("1111")
    dialog.connection.api_key.setText("lty_intruder")
    dialog.connection.api_secret.setText("intruder")
    choose(child(dialog, QComboBox, "settingsLanguage"), "lt")
    with qtbot.waitSignal(dialog.settingsChanged) as blocker:
        dialog.save()
    new: AppSettings = blocker.args[0]
    assert new.locale == "lt"
    assert verify_pin("2468", new.manager_pin_hash)
    assert store.get() == STORED


def test_unlocking_with_the_pin_in_the_dialog_enables_everything(qtbot: Any) -> None:
    dialog, lock = locked_dialog(qtbot)
    unlock = dialog.findChild(QLineEdit, "managerPinInput")
    assert unlock is not None
    qtbot.keyClicks(unlock, "2468")
    with qtbot.waitSignal(lock.lockedChanged):
        dialog.unlock_widget.unlock_button.click()  # type: ignore[union-attr]
    assert dialog.authorized
    assert dialog.lock_panel.isHidden()
    assert dialog.connection.isEnabled()
    lock.lock()  # the idle lock firing while the dialog is open does not take it back
    assert dialog.authorized
    dialog.manager.pin.setText("1357")
    dialog.manager.pin_confirm.setText("1357")
    with qtbot.waitSignal(dialog.settingsChanged) as blocker:
        dialog.save()
    assert verify_pin("1357", blocker.args[0].manager_pin_hash)


def test_a_badge_scan_elsewhere_unlocks_the_dialog(qtbot: Any) -> None:
    dialog, lock = locked_dialog(qtbot)
    assert lock.unlock_with_badge("100-000-001")
    assert dialog.authorized


def test_unlocked_or_unconfigured_lock_does_not_guard(qtbot: Any) -> None:
    open_lock = ManagerLock("", "", 120)
    assert make_dialog(qtbot, manager_lock=open_lock).authorized
    lock = ManagerLock(hash_pin("2468"), "", 120)
    assert lock.unlock_with_pin("2468")
    dialog = make_dialog(qtbot, manager_lock=lock)
    assert dialog.authorized
    assert dialog.lock_panel.isHidden()


# ---- camera choice -------------------------------------------------------------------------


def test_cameras_are_listed_only_when_the_scanner_tab_opens(qtbot: Any) -> None:
    from pos_app.scanner.camera import CameraInfo

    calls: list[int] = []

    def lister() -> list[CameraInfo]:
        calls.append(1)
        return [CameraInfo("Front desk cam", "usb:046d:0825:abc", 0, "V4L2")]

    dialog = make_dialog(
        qtbot, AppSettings(camera_enabled=True, camera_id="0"), camera_lister=lister
    )
    assert calls == []
    assert dialog.collect()[0] == AppSettings(camera_enabled=True, camera_id="0")
    with qtbot.waitSignal(dialog.camera_id.camerasListed):
        dialog.tabs.setCurrentWidget(dialog.scanner_page)
    dialog.tabs.setCurrentIndex(0)
    dialog.tabs.setCurrentWidget(dialog.scanner_page)
    assert calls == [1]
    dialog.camera_id.setCurrentIndex(dialog.camera_id.findData("usb:046d:0825:abc"))
    settings, _ = dialog.collect()
    assert settings is not None
    assert settings.camera_id == "usb:046d:0825:abc"


def test_an_answer_after_the_dialog_was_deleted_goes_nowhere(qtbot: Any, qasync_loop: Any) -> None:
    # The till's window closing deletes the dialog without done(): the answer has no page.
    from shiboken6 import Shiboken

    tester = FakeTester()
    tester.gate = asyncio.Event()
    dialog = SettingsDialog(AppSettings(), MemorySecretStore(STORED), test_connection=tester)
    child(dialog, QPushButton, "settingsTestButton").click()
    task = dialog.connection.test_task
    assert task is not None
    qtbot.waitUntil(lambda: len(tester.calls) == 1, timeout=2000)
    Shiboken.delete(dialog)
    tester.gate.set()
    qtbot.waitUntil(task.done, timeout=2000)
    assert task.exception() is None
