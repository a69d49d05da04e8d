"""Settings: the till's shop from the server's list, the lookup deadline and the go-live check."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from pos_app.boot.golive import (
    DEFAULT_CHECK_CARD,
    GoLiveReport,
    ShopChoice,
    failure,
    list_shops,
    one_line,
    pick_shop,
    run_check,
)
from pos_app.config.credentials import Credentials
from pos_app.config.settings import AppSettings

# What the page shows now: (API address, credentials, locale), or why there is nothing to use.
Target = Callable[[], "tuple[str, Credentials, str] | str"]
# Builds an async-context-manager client for (address, credentials, locale, lookup deadline).
ClientFactory = Callable[[str, Credentials, str, float], Any]


def loyalty_client(url: str, credentials: Credentials, locale: str, deadline: float) -> Any:
    from pos_app.api import LoyaltyClient

    return LoyaltyClient(
        url, credentials.api_key, credentials.api_secret, locale=locale, lookup_timeout=deadline
    )


def _translate(text: str) -> str:
    return QCoreApplication.translate("GoLive", text)


class GoLivePanel(QWidget):
    """This till's shop (chosen from the server's shops list), the lookup deadline, and the
    go-live check: the same steps and lines as `pos-app --check-connection`, for what the
    Connection page shows now (saved or not). `environment()` is the environment chosen there
    ("production", "staging", or None for a custom address). Nothing here sells or changes a
    balance.

    Loading the list when no shop is chosen and the partner has exactly one chooses it.

    Children: settingsShop, settingsLoadShops, settingsLookupTimeout, settingsCheckCard,
    settingsCheckButton, settingsCheckResult (QPlainTextEdit, read-only: one line per step).

    Signals: none (the dialog reads shop_choice() and lookup_timeout_s() when saving).
    """

    def __init__(
        self,
        settings: AppSettings,
        target: Target,
        *,
        environment: Callable[[], str | None] = lambda: None,
        client_factory: ClientFactory = loyalty_client,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._target = target
        self._environment = environment
        self._client_factory = client_factory
        self._device_name = settings.device_name
        self._task: asyncio.Task[None] | None = None
        self._names: dict[int, str] = {}

        self.shop = QComboBox(self)
        self.shop.setObjectName("settingsShop")
        self.load_button = QPushButton(self.tr("Load shops"), self)
        self.load_button.setObjectName("settingsLoadShops")
        self._fill_shops((), settings.shop_id, settings.shop_name)

        self.lookup_timeout = QSpinBox(self)
        self.lookup_timeout.setObjectName("settingsLookupTimeout")
        self.lookup_timeout.setRange(3, 120)
        self.lookup_timeout.setValue(settings.lookup_timeout_s)
        self.lookup_timeout.setSuffix(self.tr(" s"))

        self.check_card = QLineEdit(self)
        self.check_card.setObjectName("settingsCheckCard")
        self.check_card.setPlaceholderText(DEFAULT_CHECK_CARD)

        self.check_button = QPushButton(self.tr("Check connection"), self)
        self.check_button.setObjectName("settingsCheckButton")
        # Plain text by nature, selectable (to paste into a support ticket), scrolls when long.
        self.result = QPlainTextEdit(self)
        self.result.setObjectName("settingsCheckResult")
        self.result.setReadOnly(True)
        self.result.setFrameShape(QFrame.Shape.NoFrame)
        self.result.viewport().setAutoFillBackground(False)
        lines = self.result.fontMetrics().lineSpacing()
        self.result.setFixedHeight(lines * 6 + 2 * int(self.result.document().documentMargin()) + 4)

        shop_row = QHBoxLayout()
        shop_row.addWidget(self.shop, 1)
        shop_row.addWidget(self.load_button)
        form = QFormLayout()
        form.addRow(self.tr("This till's shop:"), shop_row)
        form.addRow(self.tr("Card lookup deadline:"), self.lookup_timeout)
        form.addRow(self.tr("Card to check:"), self.check_card)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)

        self.load_button.clicked.connect(self.start_loading_shops)
        self.check_button.clicked.connect(self.start_check)

    # ---- what the dialog reads --------------------------------------------------------------

    def shop_choice(self) -> tuple[int, str]:
        """(shop id, its name) as chosen now; (0, "") when none is."""
        shop_id = int(self.shop.currentData() or 0)
        return shop_id, self._names.get(shop_id, "") if shop_id else ""

    def lookup_timeout_s(self) -> int:
        return self.lookup_timeout.value()

    @property
    def task(self) -> asyncio.Task[None] | None:
        return self._task

    # ---- actions ----------------------------------------------------------------------------

    def start_loading_shops(self) -> None:
        """Fill the shop list from the server (what the Connection page shows now)."""
        self._start(self._load_shops, self.tr("Loading the shops…"))

    def start_check(self) -> None:
        """Run the go-live check and show one line per step."""
        self._start(self._check, self.tr("Checking the connection…"))

    def cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None

    def _start(
        self,
        work: Callable[[Any, Credentials], Coroutine[Any, Any, None]],
        busy_text: str,
    ) -> None:
        target = self._target()
        if isinstance(target, str):
            self.result.setPlainText(target)
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.result.setPlainText(self.tr("Cannot check now: the network loop is not running."))
            return
        self.cancel()
        self._set_busy(True)
        self.result.setPlainText(busy_text)
        self._task = loop.create_task(self._run(work, *target))

    async def _run(
        self,
        work: Callable[[Any, Credentials], Coroutine[Any, Any, None]],
        url: str,
        credentials: Credentials,
        locale: str,
    ) -> None:
        try:
            client = self._client_factory(url, credentials, locale, float(self.lookup_timeout_s()))
            async with client:
                await work(client, credentials)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # every failure is shown; none may escape into the loop
            if self._alive():
                text = self.tr("Could not check: %1").replace("%1", one_line(exc))
                self.result.setPlainText(credentials.redact(text))
        finally:
            if self._alive() and (self._task is None or self._task is asyncio.current_task()):
                self._set_busy(False)

    async def _load_shops(self, client: Any, credentials: Credentials) -> None:
        try:
            shops = await list_shops(client)
        except Exception as exc:
            if self._alive():
                self.result.setPlainText(credentials.redact(failure("shops", exc).line(_translate)))
            return
        if not self._alive():
            return
        chosen = self.shop_choice()[0]
        self._fill_shops(shops, chosen, self._names.get(chosen, ""))
        lines = [self.tr("%n shop(s) listed.", "", len(shops))]
        if not chosen and (only := pick_shop(shops, None)) is not None:
            self._select(only.id)
            lines.append(self.tr("The only shop was chosen for this till; Save keeps it."))
        elif chosen and pick_shop(shops, chosen) is None:
            lines.append(self.tr("This till's shop is not in the list: choose again."))
        self.result.setPlainText(credentials.redact("\n".join(lines)))

    async def _check(self, client: Any, credentials: Credentials) -> None:
        chosen = self.shop_choice()[0]
        report: GoLiveReport = await run_check(
            client,
            card_number=self.check_card.text().strip() or DEFAULT_CHECK_CARD,
            shop_id=chosen or None,
            device_name=self._device_name,
            environment=self._environment(),
        )
        if not self._alive():
            return
        if report.shops is not None:
            self._fill_shops(report.shops, chosen, self._names.get(chosen, ""))
            if not chosen and report.shop_used is not None:
                self._select(report.shop_used.id)
        lines = report.lines(_translate)
        lines.append(
            self.tr("Every check passed.")
            if report.passed
            else self.tr("Not ready: fix what is marked ✘ and check again.")
        )
        self.result.setPlainText(credentials.redact("\n".join(lines)))

    # ---- internals --------------------------------------------------------------------------

    def _fill_shops(self, shops: Sequence[ShopChoice], chosen: int, chosen_name: str) -> None:
        self._names = {shop.id: shop.name for shop in shops}
        self.shop.clear()
        self.shop.addItem(self.tr("None chosen"), 0)
        for shop in shops:
            self.shop.addItem(f"{shop.name} (#{shop.id})", shop.id)
        if chosen and chosen not in self._names:
            # Kept as chosen until the manager picks another; the check says it is not listed.
            self._names[chosen] = chosen_name
            self.shop.addItem(f"{chosen_name or '?'} (#{chosen})", chosen)
        self._select(chosen)

    def _select(self, shop_id: int) -> None:
        self.shop.setCurrentIndex(max(0, self.shop.findData(shop_id)))

    def _set_busy(self, busy: bool) -> None:
        self.check_button.setEnabled(not busy)
        self.load_button.setEnabled(not busy)

    def _alive(self) -> bool:
        """False once Qt has deleted the panel (the dialog closed while a check ran)."""
        return Shiboken.isValid(self) and Shiboken.isValid(self.result)
