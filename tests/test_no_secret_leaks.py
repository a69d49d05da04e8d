"""The API secret never reaches a file the till writes, and customers' contact data never the log.

The main flows run with a distinctive secret against a sandbox that accepts only it, with every
logger at DEBUG (httpx and httpcore included, written to the till's log file), the settings
file, the sale journal and even HOME/XDG pointed into tmp_path; then every file there is read
back as bytes and searched for the secret in plain, URL-encoded, UTF-16 and base64 forms.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from pos_app.app import TillOptions, create_main_window
from pos_app.boot.logs import setup_logging
from pos_app.config.credentials import KeyringSecretStore
from pos_app.config.settings import AppSettings, QSettingsStore
from pos_app.sale.journal import SaleJournal, SaleState
from pos_app.sandbox import FaultKind, SandboxServer, qr_uuid_for
from pos_app.testing.helpers import run_async
from pos_app.testing.keyring_fake import MemoryKeyring
from pos_app.testing.window_helpers import OFFSCREEN_NOISE, child, type_card, wait_for_card
from pos_app.ui.common.messages import BannerKind
from pos_app.ui.main_window import MainWindow
from pos_app.ui.sale.panel import SalePanel
from pos_app.ui.settings.dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

API_KEY = "lty_leaktest_key"
LOGGERS = ("pos_app", "httpx", "httpcore", "asyncio")


def encodings(secret: str) -> dict[str, bytes]:
    """Every form the secret could take in a file, each as the bytes to look for."""
    raw = secret.encode()
    forms = {
        "plain": raw,
        "url": quote(secret, safe="").encode(),
        "url+": quote_plus(secret).encode(),
        "utf-16": secret.encode("utf-16-le"),
        "basic-auth": base64.b64encode(f"{API_KEY}:{secret}".encode()),
    }
    # Inside a longer base64 blob the secret starts at one of three byte offsets; the groups
    # made only of its own bytes are the same whatever surrounds it.
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + raw)
        forms[f"base64@{offset}"] = encoded[4:-4]
        forms[f"base64url@{offset}"] = base64.urlsafe_b64encode(b"\0" * offset + raw)[4:-4]
    return forms


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def leaks(root: Path, secret: str) -> list[str]:
    found = []
    forms = encodings(secret)
    for path in files_under(root):
        data = path.read_bytes()
        found += [
            f"{path.relative_to(root)}: {name}" for name, form in forms.items() if form in data
        ]
    return found


@pytest.fixture
def logging_to(tmp_path: Path) -> Iterator[tuple[Path, Any]]:
    """The till's log file in tmp_path at DEBUG, httpx/httpcore/asyncio written to it too."""
    saved = {
        name: (logging.getLogger(name).level, logging.getLogger(name).propagate) for name in LOGGERS
    }
    log_dir = tmp_path / "logs"
    redactor = setup_logging("DEBUG", log_dir=log_dir, console=False)
    app_log = logging.getLogger("pos_app")
    handlers = list(app_log.handlers)
    for name in LOGGERS[1:]:
        other = logging.getLogger(name)
        other.setLevel(logging.DEBUG)
        for handler in handlers:
            other.addHandler(handler)
    yield log_dir, redactor
    for name in LOGGERS:
        logger = logging.getLogger(name)
        for handler in handlers:
            logger.removeHandler(handler)
        logger.setLevel(saved[name][0])
        logger.propagate = saved[name][1]
    for handler in handlers:
        handler.close()


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Default locations (platformdirs, QStandardPaths) land in tmp_path and get searched too."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    return home


@pytest.mark.parametrize("registered", [True, False], ids=["as-started", "no-redactor-secret"])
def test_main_flows_leave_no_secret_in_any_file(
    qtbot: Any,
    qasync_loop: asyncio.AbstractEventLoop,
    tmp_path: Path,
    isolated_home: Path,
    logging_to: tuple[Path, Any],
    registered: bool,
) -> None:
    """`as-started` registers the secret with the log redactor as start-up does; the other
    run does not, so any code path that writes the secret anywhere is caught."""
    log_dir, redactor = logging_to
    secret = f"S3CR3T-{uuid.uuid4().hex}"
    wrong = f"WR0NG-{uuid.uuid4().hex}"
    if registered:
        redactor.add_secret(secret)
    settings_file = tmp_path / "config" / "settings.ini"
    journal = SaleJournal(tmp_path / "data" / "sales.sqlite3")
    keyring = MemoryKeyring()
    with SandboxServer(api_key=API_KEY, api_secret=secret, rate_limit=0) as sandbox:
        tills = Tills(qtbot, qasync_loop, sandbox.base_url)
        try:
            till = tills.open(
                secret,
                settings=AppSettings(),
                settings_store=QSettingsStore(path=settings_file),
                secrets=KeyringSecretStore(backend=keyring),
                journal=journal,
            )
            _lookups_and_a_429(qtbot, till, sandbox)
            _a_sale(qtbot, till, sandbox, fault=None)
            _a_sale(qtbot, till, sandbox, fault="drop_after")
            _settings_save_and_test(qtbot, till, sandbox, secret)
            _settings_test_with_wrong_secret(qtbot, till, wrong)
            # Defaults for settings and journal: their files land in the isolated HOME.
            denied = tills.open(wrong)
            type_card(qtbot, denied, "900-001-001")
            qtbot.waitUntil(lambda: denied.banner.state.kind is BannerKind.AUTH)
        finally:
            tills.close_all()
            journal.close()
    for handler in logging.getLogger("pos_app").handlers:
        handler.flush()

    written = files_under(tmp_path)
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    assert "logs/pos-app.log" in names
    assert settings_file.exists()
    assert any(n.startswith("data/sales.sqlite3") for n in names)
    log_text = (log_dir / "pos-app.log").read_text("utf-8")
    # The log really has the verbose traffic in it, so its cleanliness means something.
    assert "HTTP Request: GET" in log_text
    assert "send_request_headers" in log_text  # httpcore at DEBUG
    assert "validate-credentials" in log_text
    assert keyring.passwords  # Settings saved the credentials, to the fake keyring only

    assert leaks(tmp_path, secret) == []
    assert leaks(tmp_path, wrong) == []

    contacts = [
        value
        for card in sandbox.state.cards.values()
        for value in ((card["user"] or {}).get("email"), (card["user"] or {}).get("phone"))
        if value
    ]
    assert contacts
    assert [c for c in contacts if c in log_text] == []


class Tills:
    """The windows this test opens, with its API key; each is closed (client included) after."""

    def __init__(self, qtbot: Any, loop: asyncio.AbstractEventLoop, url: str) -> None:
        self.qtbot = qtbot
        self.loop = loop
        self.url = url
        self.windows: list[MainWindow] = []

    def open(self, secret: str, **kwargs: Any) -> MainWindow:
        window = create_main_window(
            api_url=self.url,
            api_key=API_KEY,
            api_secret=secret,
            options=TillOptions(
                demo=False,
                **kwargs,
            ),
        )
        self.windows.append(window)
        window.show()
        self.qtbot.waitExposed(window)
        window.activateWindow()
        self.qtbot.waitUntil(window.isActiveWindow)
        return window

    def close_all(self) -> None:
        for window in self.windows:
            run_async(self.loop, self.qtbot, window.aclose())
            window.close()
            window.deleteLater()


def _lookups_and_a_429(qtbot: Any, till: MainWindow, sandbox: SandboxServer) -> None:
    type_card(qtbot, till, "900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    type_card(qtbot, till, qr_uuid_for("900-002-001"))
    wait_for_card(qtbot, till, "900-002-001")
    type_card(qtbot, till, "900-999-999")
    qtbot.waitUntil(lambda: till.banner.state.kind is BannerKind.NOT_FOUND)
    sandbox.faults.inject("rate_limit", path_contains="loyalty-cards")
    type_card(qtbot, till, "900-004-001")
    qtbot.waitUntil(lambda: till.banner.state.kind is BannerKind.RATE_LIMITED)
    qtbot.keyClick(till, Qt.Key.Key_Escape)  # stop the countdown's automatic retry
    assert till.banner.state.kind is BannerKind.NONE


def _a_sale(
    qtbot: Any, till: MainWindow, sandbox: SandboxServer, *, fault: FaultKind | None
) -> None:
    type_card(qtbot, till, "900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    qtbot.keyClick(till, Qt.Key.Key_F3)
    total = till.redemption_panel.order_total_input
    qtbot.keyClicks(total, "12.50")
    qtbot.keyClick(total, Qt.Key.Key_Return)
    till.vm.choose_lowest()
    if fault is not None:
        sandbox.faults.inject(fault, path_contains="transactions/create")
    panel = till.findChild(SalePanel)
    assert panel is not None
    complete = child(panel, QPushButton, "completeSaleButton")
    qtbot.waitUntil(complete.isEnabled)
    qtbot.mouseClick(complete, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.outcome is not None and not panel.busy, timeout=15_000)
    assert panel.outcome is not None
    assert panel.outcome.state in (SaleState.CONFIRMED, SaleState.RECONCILED)
    qtbot.mouseClick(child(panel, QPushButton, "newSaleButton"), Qt.MouseButton.LeftButton)


def _open_settings(qtbot: Any, till: MainWindow) -> SettingsDialog:
    till.activateWindow()  # a window shortcut: the till must be the active window again
    qtbot.waitUntil(till.isActiveWindow)
    qtbot.keyClick(till, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: till.findChild(SettingsDialog) is not None)
    dialog = till.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _fill_connection(qtbot: Any, dialog: SettingsDialog, url: str, secret: str) -> None:
    """What a manager does: custom address, then key and secret typed into the fields."""
    environment = child(dialog, QComboBox, "settingsEnvironment")
    environment.setCurrentIndex(environment.findData("custom"))
    for name, text in (
        ("settingsCustomUrl", url),
        ("settingsApiKey", API_KEY),
        ("settingsApiSecret", secret),
    ):
        field = child(dialog, QLineEdit, name)
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, text)
        assert field.text() == text


def _run_connection_test(qtbot: Any, dialog: SettingsDialog) -> str:
    result = child(dialog, QLabel, "settingsTestResult")
    qtbot.mouseClick(child(dialog, QPushButton, "settingsTestButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: result.property("state") in ("ok", "error"), timeout=10_000)
    return str(result.text())


def _settings_save_and_test(
    qtbot: Any, till: MainWindow, sandbox: SandboxServer, secret: str
) -> None:
    dialog = _open_settings(qtbot, till)
    _fill_connection(qtbot, dialog, sandbox.base_url, secret)
    answer = _run_connection_test(qtbot, dialog)
    assert answer.startswith("Connected"), answer
    qtbot.mouseClick(child(dialog, QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: till.findChild(SettingsDialog) is None)


def _settings_test_with_wrong_secret(qtbot: Any, till: MainWindow, wrong: str) -> None:
    dialog = _open_settings(qtbot, till)
    url = str(till.property("apiUrl"))
    _fill_connection(qtbot, dialog, url, wrong)
    answer = _run_connection_test(qtbot, dialog)
    assert "not accepted" in answer, answer
    assert wrong not in answer
    qtbot.mouseClick(child(dialog, QPushButton, "settingsCancel"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: till.findChild(SettingsDialog) is None)


def test_the_search_finds_every_form(tmp_path: Path) -> None:
    """The detector itself: each encoded form, embedded in other bytes, is found."""
    secret = f"S3CR3T-{uuid.uuid4().hex}"
    for name, form in encodings(secret).items():
        (tmp_path / f"{name}.bin").write_bytes(b"prefix " + form + b" suffix")
    blob = base64.b64encode(b"{'headers': {'X-API-Secret': '" + secret.encode() + b"'}}")
    (tmp_path / "blob.txt").write_bytes(blob)
    found = leaks(tmp_path, secret)
    assert len({line.split(":")[0] for line in found}) == len(encodings(secret)) + 1
