"""SalePanel against the sandbox: server numbers only, one sale per double click, failures told."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt

from pos_app.api import LoyaltyClient
from pos_app.core.models import CardInfo
from pos_app.sale.journal import SaleJournal, SaleRequest, SaleState
from pos_app.sale.service import RetryPolicy, SaleService
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer
from pos_app.testing.helpers import run_async
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.sale.panel import SalePanel

FAST = RetryPolicy(attempts=3, delays=(0.02,))


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

    def text(self, name: str) -> str:
        return self.panel.result_labels[name].text()


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def make_till(
    qasync_loop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, sandbox: SandboxServer
) -> Iterator[Callable[..., Till]]:
    made: list[Till] = []

    def run(coro: Any) -> Any:
        return run_async(qasync_loop, qtbot, coro)

    def make(base_url: str | None = None, flush_ms: int = 60_000, currency: str = "EUR") -> Till:
        client = LoyaltyClient(base_url or sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET)
        journal = SaleJournal(tmp_path / f"j{len(made)}.sqlite3")
        service = SaleService(client, journal, policy=FAST)
        fmt = Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        panel = SalePanel(
            service, fmt, device_name="Till 1", flush_interval_ms=flush_ms, currency=currency
        )
        qtbot.addWidget(panel)
        till = Till(panel, client, journal, run)
        made.append(till)
        return till

    yield make
    for till in made:
        till.panel.shutdown()
        run(till.client.aclose())
        till.journal.close()


def _finish(qtbot: Any, till: Till) -> None:
    qtbot.waitUntil(lambda: till.panel.outcome is not None and not till.panel.busy, timeout=10_000)


def test_complete_shows_the_server_answer(
    make_till: Callable[..., Till], qtbot: Any, sandbox: SandboxServer
) -> None:
    till = make_till()
    panel = till.panel
    assert not panel.complete_button.isEnabled()  # no order total yet
    panel.set_context(till.card(), Decimal("25.30"), 500, Decimal("5.00"))
    assert panel.complete_button.isEnabled()
    assert panel.result_panel.isHidden()
    assert not panel.locked
    with qtbot.waitSignal(panel.lockedChanged) as locked:
        qtbot.mouseClick(panel.complete_button, Qt.MouseButton.LeftButton)
    assert locked.args == [True]
    _finish(qtbot, till)
    assert panel.locked
    assert panel.outcome is not None
    assert panel.outcome.state is SaleState.CONFIRMED
    assert [t["order_id"] for t in sandbox.state.transactions] == [panel.order_id]
    assert till.text("pointsRedeemedLabel") == "500"
    assert till.text("discountAppliedLabel") == "€5.00"
    assert till.text("amountToPayLabel") == "€20.30"
    assert till.text("pointsAwardedLabel") == "25"  # earned on the order total, 25.30
    assert till.text("newBalanceLabel") == "525"
    assert "confirmed by Loyalty.lt" in panel.banner.text()
    assert not panel.complete_button.isEnabled()  # done: only 'New sale' remains
    assert panel.new_sale_button.isVisibleTo(panel)
    panel.resize(480, panel.heightForWidth(480))
    panel.grab().save("/tmp/sale_panel_confirmed.png")


def test_the_request_carries_every_field_and_a_fixed_order_id(
    make_till: Callable[..., Till], sandbox: SandboxServer, qtbot: Any
) -> None:
    till = make_till()
    card = till.card()
    till.panel.set_context(card, Decimal("25.30"), 500, Decimal("5.00"))
    first_id = till.panel.order_id
    till.panel.set_context(card, Decimal("25.30"), 400, Decimal("4.00"))
    request = till.panel.request()
    assert request == SaleRequest(
        order_id=first_id,
        order_total=Decimal("25.30"),
        card_id=card.id,
        card_number="900-001-001",
        user_id=card.user.id if card.user else None,
        points_redeemed=400,
        discount=Decimal("4.00"),
        currency="EUR",
        description="Sale at Till 1",
    )
    assert first_id.startswith("POS-Till-1-")
    with qtbot.waitSignal(till.panel.newSaleRequested):
        till.panel.new_sale()
    assert till.panel.order_id != first_id
    assert not till.panel.locked


def test_double_click_sends_one_sale(
    make_till: Callable[..., Till], qtbot: Any, sandbox: SandboxServer
) -> None:
    till = make_till()
    till.panel.set_context(till.card(), Decimal("25.30"), 500, Decimal("5.00"))
    sandbox.faults.latency_ms = 150
    qtbot.mouseDClick(till.panel.complete_button, Qt.MouseButton.LeftButton)
    till.panel.complete_button.click()
    till.panel.complete()  # even a click that slips past the disabled button
    _finish(qtbot, till)
    assert len(sandbox.state.transactions) == 1


def test_never_done_before_the_server_confirmed(
    make_till: Callable[..., Till], qtbot: Any, sandbox: SandboxServer
) -> None:
    till = make_till()
    panel = till.panel
    panel.set_context(till.card(), Decimal("25.30"), 500, Decimal("5.00"))
    sandbox.faults.slow_s = 0.6
    sandbox.faults.inject("slow", path_contains="transactions/create")
    with qtbot.waitSignal(panel.busyChanged):
        panel.complete_button.click()
    assert panel.busy
    assert "Sending" in panel.banner.text()
    assert panel.result_panel.isHidden()
    assert not panel.complete_button.isEnabled()
    _finish(qtbot, till)
    assert panel.result_panel.isVisibleTo(panel)


def test_dropped_connection_after_record_is_reconciled_once(
    make_till: Callable[..., Till], qtbot: Any, sandbox: SandboxServer
) -> None:
    till = make_till()
    till.panel.set_context(till.card(), Decimal("25.30"), 500, Decimal("5.00"))
    sandbox.faults.inject("drop_after", path_contains="transactions/create")
    with qtbot.waitSignal(till.panel.saleConfirmed, timeout=10_000) as confirmed:
        till.panel.complete_button.click()
    assert confirmed.args[0].state is SaleState.RECONCILED
    assert len(sandbox.state.transactions) == 1
    assert till.text("newBalanceLabel") == "525"
    assert till.text("pointsAwardedLabel") == "not reported (recorded earlier)"
    assert "recorded once, nothing twice" in till.panel.banner.text()
    till.panel.resize(480, till.panel.heightForWidth(480))
    till.panel.grab().save("/tmp/sale_panel_reconciled.png")


def test_insufficient_points_is_told_plainly(
    make_till: Callable[..., Till], qtbot: Any, sandbox: SandboxServer
) -> None:
    till = make_till()
    card = till.card()
    sandbox.state.update_card("900-001-001", points=300)  # spent elsewhere meanwhile
    till.panel.set_context(card, Decimal("25.30"), 500, Decimal("5.00"))
    till.panel.complete_button.click()
    _finish(qtbot, till)
    assert till.panel.outcome is not None
    assert till.panel.outcome.state is SaleState.FAILED
    text = till.panel.banner.text()
    assert "refused to redeem 500 points" in text
    assert "Nothing was redeemed" in text
    assert till.panel.result_panel.isHidden()
    assert not till.panel.locked  # refused: the cashier may correct the sale
    assert sandbox.state.transactions == []
    # The cashier lowers the points: the same sale now goes through.
    till.panel.set_context(card, Decimal("25.30"), 300, Decimal("3.00"))
    assert till.panel.complete_button.isEnabled()
    till.panel.resize(480, till.panel.heightForWidth(480))
    till.panel.grab().save("/tmp/sale_panel_refused.png")
    till.panel.complete_button.click()
    qtbot.waitUntil(lambda: len(sandbox.state.transactions) == 1, timeout=10_000)
    _finish(qtbot, till)
    assert till.text("newBalanceLabel") == "25"  # 300 - 300 + 25 earned on the 25.30 total


def test_a_discount_worth_more_than_the_points_is_refused(
    make_till: Callable[..., Till], qtbot: Any
) -> None:
    till = make_till()
    till.panel.set_context(till.card(), Decimal("25.30"), 500, Decimal("9.00"))  # worth 5.00
    till.panel.complete_button.click()
    _finish(qtbot, till)
    assert till.panel.outcome is not None
    assert till.panel.outcome.state is SaleState.FAILED
    assert "refused to redeem 500 points" in till.panel.banner.text()


def test_a_422_is_told_with_its_fields(
    make_till: Callable[..., Till], qtbot: Any, sandbox: SandboxServer
) -> None:
    till = make_till(currency="EURO")
    till.panel.set_context(till.card(), Decimal("25.30"), 0, Decimal("0.00"))
    till.panel.complete_button.click()
    _finish(qtbot, till)
    assert till.panel.outcome is not None
    assert till.panel.outcome.state is SaleState.FAILED
    text = till.panel.banner.text()
    assert text.startswith("Loyalty.lt did not accept the sale: currency:")
    assert text.endswith("Nothing was recorded.")
    assert sandbox.state.transactions == []


def test_unreachable_blocks_redemption_and_queues_earn_only(
    make_till: Callable[..., Till], qtbot: Any
) -> None:
    till = make_till()
    card = till.card()
    offline = make_till(_closed_port_url())
    panel = offline.panel
    panel.set_context(card, Decimal("25.30"), 500, Decimal("5.00"))
    with qtbot.waitSignal(panel.reachabilityChanged, timeout=10_000) as changed:
        panel.complete_button.click()
    assert changed.args == [False]
    _finish(qtbot, offline)
    assert "cannot be reached" in panel.banner.text() or "Cannot reach" in panel.banner.text()
    assert not panel.complete_button.isEnabled()  # redemption blocked
    panel.resize(480, panel.heightForWidth(480))
    panel.grab().save("/tmp/sale_panel_offline.png")
    panel.set_context(card, Decimal("25.30"), 0, Decimal("0.00"))
    assert panel.complete_button.isEnabled()
    panel.complete_button.click()
    qtbot.waitUntil(
        lambda: panel.outcome is not None and panel.outcome.state is SaleState.EARN_ONLY_QUEUED,
        timeout=10_000,
    )
    assert "saved on this till" in panel.banner.text()
    assert panel.result_labels["pointsAwardedLabel"].text() == "when Loyalty.lt is back"
    assert [r.state for r in offline.journal.unresolved()] == [SaleState.EARN_ONLY_QUEUED]


def test_a_sale_without_customer_is_just_closed(
    make_till: Callable[..., Till], qtbot: Any, sandbox: SandboxServer
) -> None:
    till = make_till()
    till.panel.set_context(None, Decimal("3.00"), 0, Decimal("0.00"))
    till.panel.complete_button.click()
    _finish(qtbot, till)
    assert till.panel.outcome is not None
    assert till.panel.outcome.state is SaleState.CLOSED
    assert till.text("amountToPayLabel") == "€3.00"
    assert sandbox.state.transactions == []


def test_start_up_reconciles_a_sale_left_sending(
    make_till: Callable[..., Till], qtbot: Any, sandbox: SandboxServer
) -> None:
    till = make_till()
    card = till.card()
    left = SaleRequest(
        order_id="POS-left-1",
        order_total=Decimal("10.00"),
        card_id=card.id,
        card_number=card.card_number,
        user_id=card.user.id if card.user is not None else None,
        points_redeemed=0,
    )
    now = datetime.now(UTC)
    till.journal.begin(left, now)
    till.journal.mark_sending("POS-left-1", now)
    with qtbot.waitSignal(till.panel.reconciled, timeout=10_000) as done:
        till.panel.start_reconcile()
    assert [o.state for o in done.args[0]] == [SaleState.CONFIRMED]
    assert "1 sale left unfinished when the till last stopped" in till.panel.banner.text()
    assert [t["order_id"] for t in sandbox.state.transactions] == ["POS-left-1"]


def test_queued_earn_only_sales_go_out_when_the_service_is_back(
    make_till: Callable[..., Till], qtbot: Any, sandbox: SandboxServer
) -> None:
    till = make_till(flush_ms=50)
    now = datetime.now(UTC)
    for order_id, state in (("POS-q", SaleState.EARN_ONLY_QUEUED), ("POS-u", SaleState.UNCERTAIN)):
        user = till.card().user
        assert user is not None
        request = SaleRequest(order_id, Decimal("8.00"), card_id=1001, user_id=user.id)
        till.journal.begin(request, now)
        till.journal.settle(order_id, state, now)
    with qtbot.waitSignal(till.panel.reconciled, timeout=10_000) as sent:
        pass
    assert [o.record.order_id for o in sent.args[0]] == ["POS-q"]
    assert [t["order_id"] for t in sandbox.state.transactions] == ["POS-q"]
    assert [r.order_id for r in till.journal.unresolved()] == ["POS-u"]  # waits for Retry
