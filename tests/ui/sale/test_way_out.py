"""The cashier's way out (New sale while a sale is sent) and a card that belongs to no user."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from pos_app.api import LoyaltyClient
from pos_app.core.models import CardInfo
from pos_app.sale.journal import SaleJournal, SaleState
from pos_app.sale.service import RetryPolicy, SaleService
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer
from pos_app.sandbox.data import NO_REDEMPTION_NO_USER_CARD
from pos_app.testing.helpers import run_async
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.sale.messages import SaleBanner
from pos_app.ui.sale.panel import SalePanel


@dataclass
class Till:
    panel: SalePanel
    client: LoyaltyClient
    journal: SaleJournal
    run: Callable[[Any], Any]

    def card(self, number: str = "900-001-001") -> CardInfo:
        card = self.run(self.client.card_info(card_number=number))
        assert isinstance(card, CardInfo)
        return card


@pytest.fixture
def till(
    qasync_loop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, sandbox: SandboxServer
) -> Iterator[Till]:
    def run(coro: Any) -> Any:
        return run_async(qasync_loop, qtbot, coro)

    client = LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET)
    journal = SaleJournal(tmp_path / "j.sqlite3")
    service = SaleService(client, journal, policy=RetryPolicy(attempts=2, delays=(0.02,)))
    fmt = Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    panel = SalePanel(service, fmt, device_name="Till 1")
    qtbot.addWidget(panel)
    made = Till(panel, client, journal, run)
    yield made
    panel.shutdown()
    run(client.aclose())
    journal.close()


def test_new_sale_works_while_a_sale_is_sent_and_its_answer_comes_apart(
    till: Till, qtbot: Any, sandbox: SandboxServer
) -> None:
    panel = till.panel
    sandbox.faults.slow_s = 1.0
    sandbox.faults.inject("slow", path_contains="transactions/create")
    panel.set_context(till.card(), Decimal("25.30"), 500, Decimal("5.00"))
    first_order = panel.order_id
    finished: list[Any] = []
    panel.saleFinished.connect(finished.append)
    panel.complete()
    qtbot.waitUntil(lambda: panel.busy)
    assert not panel.new_sale_button.isHidden()
    assert panel.new_sale_button.isEnabled()
    with qtbot.waitSignal(panel.newSaleRequested):
        panel.new_sale_button.click()
    assert not panel.busy
    assert panel.order_id != first_order
    assert panel.outcome is None
    panel.set_context(None, None, 0, Decimal(0))  # the window cleared the customer
    settled: list[Any] = []
    panel.reconciled.connect(settled.append)
    with qtbot.waitSignal(panel.backgroundFinished, timeout=10_000) as later:
        pass
    assert [[o.record.order_id for o in outcomes] for outcomes in settled] == [[first_order]]
    banner = later.args[0]
    assert isinstance(banner, SaleBanner)
    assert banner.text.startswith("Earlier sale (€25.30, card 900-001-001, 500 points redeemed")
    assert "recorded by Loyalty.lt now" in banner.text
    # Never shown as the current customer's: no outcome, no result, no 'Sale complete'.
    assert panel.outcome is None
    assert panel.result_panel.isHidden()
    assert "Sale complete" not in panel.banner.text()
    assert [o.record.order_id for o in finished] == [first_order]
    assert [t["order_id"] for t in sandbox.state.transactions] == [first_order]


def test_the_same_customer_rung_while_the_first_sale_is_sent_is_held(
    till: Till, qtbot: Any, sandbox: SandboxServer
) -> None:
    panel = till.panel
    sandbox.faults.slow_s = 1.5
    sandbox.faults.inject("slow", path_contains="transactions/create")
    card = till.card()
    panel.set_context(card, Decimal("25.30"), 500, Decimal("5.00"))
    first_order = panel.order_id
    panel.complete()
    qtbot.waitUntil(lambda: panel.busy)
    panel.new_sale()
    panel.set_context(card, Decimal("25.30"), 500, Decimal("5.00"))
    panel.complete()
    qtbot.waitUntil(lambda: panel.outcome is not None, timeout=10_000)
    outcome = panel.outcome
    assert outcome is not None
    assert outcome.held
    assert panel.banner.text().startswith("NOT sent: this card's earlier sale is not settled")
    assert "still being sent" in panel.banner.text()
    assert panel.complete_button.isEnabled()  # once it is settled, the cashier may go on
    with qtbot.waitSignal(panel.backgroundFinished, timeout=10_000):
        pass
    assert [t["order_id"] for t in sandbox.state.transactions] == [first_order]


def test_a_card_without_a_user_says_why_before_anything_is_sent(
    till: Till, qtbot: Any, sandbox: SandboxServer
) -> None:
    panel = till.panel
    card = till.card(NO_REDEMPTION_NO_USER_CARD)
    assert card.user is None
    panel.set_context(card, Decimal("12.00"), 100, Decimal("1.00"))
    assert "not linked to a Loyalty.lt customer account" in panel.banner.text()
    assert not panel.complete_button.isEnabled()  # points cannot be redeemed without a user
    reason = panel.blocked_reason()
    assert reason is not None
    assert "no Loyalty.lt customer" in reason
    panel.set_context(card, Decimal("12.00"), 0, Decimal("0.00"))
    assert "not linked to a Loyalty.lt customer account" in panel.banner.text()
    request = panel.request()
    assert request is not None
    assert (request.card_id, request.user_id, request.points_redeemed) == (None, None, 0)
    panel.complete()
    qtbot.waitUntil(lambda: panel.outcome is not None, timeout=10_000)
    assert panel.outcome is not None
    assert panel.outcome.state is SaleState.CLOSED  # sold without loyalty, nothing sent
    assert sandbox.state.transactions == []
