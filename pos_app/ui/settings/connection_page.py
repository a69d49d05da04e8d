"""Settings, Connection: environment, key and secret, Test connection, shop, go-live check."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from pos_app.api.errors import (
    ApiError,
    AuthError,
    InvalidResponseError,
    NetworkError,
    RateLimitError,
    ServerError,
)
from pos_app.config.credentials import NO_KEYRING_REASON, Credentials, SecretStore
from pos_app.config.settings import API_URLS, AppSettings, Environment
from pos_app.core.urls import is_valid_api_url
from pos_app.ui.settings.golive_panel import ClientFactory, GoLivePanel, loyalty_client

TestConnection = Callable[[str, Credentials, str], Awaitable[dict[str, Any]]]


async def loyalty_test_connection(
    api_url: str, credentials: Credentials, locale: str
) -> dict[str, Any]:
    """Ask the Shop API's validate-credentials whether these credentials work at `api_url`."""
    from pos_app.api import LoyaltyClient

    async with LoyaltyClient(
        api_url, credentials.api_key, credentials.api_secret, locale=locale
    ) as client:
        return await client.validate_credentials()


class ConnectionPage(QWidget):
    """Environment, custom URL, API key and secret, where the secret lives, and Test connection.

    The secret field starts empty: leaving it empty keeps the stored secret. The page never shows
    a secret, not even in an error message.

    Children: settingsEnvironment, settingsCustomUrl, settingsApiKey, settingsApiSecret,
    settingsKeyringStatus, settingsTestButton, settingsTestResult, settingsForgetCredentials,
    and `golive` (GoLivePanel: the till's shop, the lookup deadline, Check connection).

    Signals: none (the dialog reads the page when saving).
    """

    def __init__(
        self,
        settings: AppSettings,
        secret_store: SecretStore,
        test_connection: TestConnection,
        locale: Callable[[], str],
        *,
        env_overrides: bool = False,
        client_factory: ClientFactory = loyalty_client,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = secret_store
        self._test_connection = test_connection
        self._locale = locale
        self._env_overrides = env_overrides
        self._stored = secret_store.get()
        self._forget = False
        self._custom_url = settings.custom_url
        self._task: asyncio.Task[None] | None = None

        self.environment = QComboBox(self)
        self.environment.setObjectName("settingsEnvironment")
        self.environment.addItem(self.tr("Production"), "production")
        self.environment.addItem(self.tr("Staging (test data)"), "staging")
        self.environment.addItem(self.tr("Custom address"), "custom")
        self.environment.setCurrentIndex(self.environment.findData(settings.environment))

        self.url = QLineEdit(self)
        self.url.setObjectName("settingsCustomUrl")
        self.url.setPlaceholderText("https://")

        self.api_key = QLineEdit(self._stored.api_key if self._stored else "", self)
        self.api_key.setObjectName("settingsApiKey")
        self.api_key.setPlaceholderText("lty_…")

        self.api_secret = QLineEdit(self)
        self.api_secret.setObjectName("settingsApiSecret")
        self.api_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_secret.setPlaceholderText(
            self.tr("Saved; type a new secret to replace it")
            if self._stored
            else self.tr("API secret")
        )

        self.keyring_status = QLabel(self)
        self.keyring_status.setObjectName("settingsKeyringStatus")
        self.keyring_status.setWordWrap(True)

        self.forget_button = QPushButton(self.tr("Forget saved key and secret"), self)
        self.forget_button.setObjectName("settingsForgetCredentials")
        self.forget_button.setEnabled(self._stored is not None and secret_store.writable)

        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.setObjectName("settingsTestButton")
        self.test_result = QLabel(self)
        self.test_result.setObjectName("settingsTestResult")
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)  # it names the server's partner
        self.test_result.setWordWrap(True)
        self.golive = GoLivePanel(
            settings,
            self.connection_target,
            environment=self._named_environment,
            client_factory=client_factory,
            parent=self,
        )

        form = QFormLayout()
        form.addRow(self.tr("Environment:"), self.environment)
        form.addRow(self.tr("Address:"), self.url)
        form.addRow(self.tr("API key:"), self.api_key)
        form.addRow(self.tr("API secret:"), self.api_secret)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.forget_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.keyring_status)
        layout.addLayout(buttons)
        layout.addWidget(self.test_result)
        layout.addWidget(self.golive)
        layout.addStretch(1)

        self.environment.currentIndexChanged.connect(self._environment_changed)
        self.url.textEdited.connect(self._url_edited)
        self.test_button.clicked.connect(self.start_test)
        self.forget_button.clicked.connect(self._forget_clicked)
        self._environment_changed()
        self._show_store_status()

    # ---- what the dialog reads ------------------------------------------------------------

    def selected_environment(self) -> Environment:
        value = self.environment.currentData()
        return value if value in ("staging", "custom") else "production"

    def custom_url(self) -> str:
        return self._custom_url.strip()

    def api_url(self) -> str:
        environment = self.selected_environment()
        if environment == "custom":
            return self.custom_url().rstrip("/")
        return API_URLS[environment]

    def url_problem(self) -> str | None:
        """Why the custom address cannot be used, or None."""
        if self.selected_environment() == "custom" and not is_valid_api_url(self.custom_url()):
            return self.tr(
                "Enter the API address as https://… (plain http:// only to this computer)."
            )
        return None

    def entered_credentials(self) -> Credentials | None:
        """Key and secret as typed, the stored secret standing in for an empty secret field."""
        key = self.api_key.text().strip()
        secret = self.api_secret.text().strip()
        if not secret and self._stored is not None and not self._forget:
            secret = self._stored.api_secret
        if not key or not secret:
            return None
        return Credentials(key, secret)

    def credentials_problem(self) -> str | None:
        """Why what was typed cannot be saved, or None (both empty means: none)."""
        key, secret = self.api_key.text().strip(), self.api_secret.text().strip()
        if (key or secret) and self.entered_credentials() is None:
            return (
                self.tr("Enter the API secret too.") if key else self.tr("Enter the API key too.")
            )
        return None

    def credentials_action(self) -> tuple[str, Credentials | None]:
        """What saving should do with the store: ("keep" | "set" | "clear", credentials)."""
        entered = self.entered_credentials()
        if entered is None:
            both_empty = not self.api_key.text().strip() and not self.api_secret.text().strip()
            if (self._forget or both_empty) and self._stored is not None:
                return "clear", None
            return "keep", None
        if entered == self._stored and not self._forget:
            return "keep", None
        return "set", entered

    # ---- test connection ------------------------------------------------------------------

    @property
    def test_task(self) -> asyncio.Task[None] | None:
        return self._task

    def _named_environment(self) -> str | None:
        environment = self.selected_environment()
        return None if environment == "custom" else environment

    def connection_target(self) -> tuple[str, Credentials, str] | str:
        """(address, credentials, locale) as the page shows them now, or why they cannot be used."""
        problem = self.url_problem() or self.credentials_problem()
        credentials = self.entered_credentials()
        if problem is None and credentials is None:
            problem = self.tr("Enter the API key and secret first.")
        if problem is not None or credentials is None:
            return problem or ""
        return self.api_url(), credentials, self._locale()

    def start_test(self) -> None:
        """Run validate-credentials for what the page shows now, as an asyncio task."""
        target = self.connection_target()
        if isinstance(target, str):
            self._show_result("error", target)
            return
        url, credentials, locale = target
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._show_result("error", self.tr("Cannot test now: the network loop is not running."))
            return
        self.cancel_test()
        self.test_button.setEnabled(False)
        self._show_result("busy", self.tr("Testing the connection…"))
        self._task = loop.create_task(self._run_test(url, credentials, locale))

    def cancel_test(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None

    async def _run_test(self, url: str, credentials: Credentials, locale: str) -> None:
        try:
            data = await self._test_connection(url, credentials, locale)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # every failure is shown, none may escape into the loop
            if self._alive():
                self._show_result("error", credentials.redact(self._error_text(exc, url)))
        else:
            if self._alive():
                state, text = self._answer_text(data)
                self._show_result(state, credentials.redact(text))
        finally:
            # A superseded test must not re-enable the button while its successor runs.
            if self._alive() and (self._task is None or self._task is asyncio.current_task()):
                self.test_button.setEnabled(True)

    def _alive(self) -> bool:
        """False once Qt has deleted the page (its window closed while a test ran)."""
        return Shiboken.isValid(self) and Shiboken.isValid(self.test_result)

    def _answer_text(self, data: dict[str, Any]) -> tuple[str, str]:
        if data.get("valid") is not True:
            return "error", self.tr("The server says these credentials are not valid.")
        partner = data.get("partner")
        name = partner.get("name") if isinstance(partner, dict) else None
        name = str(name) if name else self.tr("unknown partner")
        server_env = str(data.get("environment") or "?")
        text = self.tr("Connected: %1 (%2).").replace("%1", name).replace("%2", server_env)
        chosen = self.selected_environment()
        if chosen != "custom" and server_env in ("production", "staging") and server_env != chosen:
            text += " " + self.tr("Note: the server says this is not the environment chosen above.")
        return "ok", text

    def _error_text(self, exc: Exception, url: str) -> str:
        if isinstance(exc, AuthError):
            return self.tr("The API key or secret was not accepted.")
        if isinstance(exc, NetworkError):
            return self.tr("Could not reach %1. Check the address and the network.").replace(
                "%1", url
            )
        if isinstance(exc, RateLimitError):
            return self.tr("Too many requests. Try again in a minute.")
        if isinstance(exc, ServerError):
            return self.tr("The loyalty service has a problem. Try again later.")
        if isinstance(exc, InvalidResponseError):
            return self.tr("That address answered, but not like the Loyalty.lt API.")
        if isinstance(exc, ApiError):
            return exc.message
        if isinstance(exc, ValueError):
            return str(exc)
        return self.tr("Unexpected error: %1").replace("%1", type(exc).__name__)

    def _show_result(self, state: str, text: str) -> None:
        colours = {"ok": "#1b7f3b", "error": "#b3261e", "busy": "palette(text)"}
        self.test_result.setProperty("state", state)
        self.test_result.setStyleSheet(f"color: {colours.get(state, 'palette(text)')};")
        self.test_result.setText(text)

    # ---- internals ------------------------------------------------------------------------

    def _environment_changed(self) -> None:
        custom = self.selected_environment() == "custom"
        self.url.setReadOnly(not custom)
        self.url.setText(self._custom_url if custom else self.api_url())
        self.url.setEnabled(custom)

    def _url_edited(self, text: str) -> None:
        if self.selected_environment() == "custom":
            self._custom_url = text

    def _forget_clicked(self) -> None:
        self._forget = True
        self.api_key.clear()
        self.api_secret.clear()
        self.api_secret.setPlaceholderText(self.tr("API secret"))
        self.forget_button.setEnabled(False)
        self.keyring_status.setText(self.tr("The saved key and secret will be removed on Save."))

    def _reason_text(self, reason: str) -> str:
        # The stores explain themselves in English for the log; the common case is translated.
        if reason == NO_KEYRING_REASON:
            return self.tr("no system keyring was found on this computer")
        return reason or "?"

    def _show_store_status(self) -> None:
        store = self._store
        if self._env_overrides:
            text = self.tr(
                "POS_API_KEY and POS_API_SECRET are set in the environment: "
                "they are used instead of what is saved here."
            )
        elif not store.available:
            text = self.tr(
                "Keyring unavailable (%1). Set the POS_API_KEY and POS_API_SECRET "
                "environment variables instead."
            ).replace("%1", self._reason_text(store.reason))
        elif self._stored is not None:
            text = self.tr("The API secret is stored in the system keyring.")
        else:
            text = self.tr("The API secret will be stored in the system keyring.")
        self.keyring_status.setText(text)
