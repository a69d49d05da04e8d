"""A new sale for a card waits for that card's earlier sales; a journal failure sends nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pos_app.sale.journal import JournalError, SaleJournal, SaleRecord, SaleRequest, SaleState
from pos_app.sale.service import SaleService
from pos_app.testing.helpers import run_async
from tests.sale.test_service import NOW, FakeServer, Fault, dropped, refused_connection, sale

Run = Any


class FlakyJournal(SaleJournal):
    """A real journal whose named writes fail, as a full disk or a broken file would."""

    failing: frozenset[str] = frozenset()

    def _fail(self, name: str) -> None:
        if name in self.failing:
            raise JournalError("unavailable", f"{name}: disk I/O error")

    def begin(self, request: SaleRequest, now: datetime) -> SaleRecord:
        self._fail("begin")
        return super().begin(request, now)

    def settle(self, order_id: str, state: SaleState, now: datetime, **answer: Any) -> SaleRecord:
        self._fail("settle")
        return super().settle(order_id, state, now, **answer)


@dataclass
class Harness:
    server: FakeServer
    journal: FlakyJournal
    service: SaleService


@pytest.fixture
def run(qasync_loop: asyncio.AbstractEventLoop, qtbot: Any) -> Run:
    return lambda coro: run_async(qasync_loop, qtbot, coro)


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    server = FakeServer()

    async def no_wait(seconds: float) -> None:
        del seconds

    journal = FlakyJournal(tmp_path / "sales.sqlite3")
    service = SaleService(server, journal, clock=lambda: NOW, sleep=no_wait, journal_wait=0)
    yield Harness(server, journal, service)
    journal.close()


def _left_sending(harness: Harness, order_id: str = "POS-old", points: int = 500) -> None:
    """A sale a killed till left on the wire."""
    harness.journal.begin(sale(order_id, points=points, discount=f"{points / 100:.2f}"), NOW)
    harness.journal.mark_sending(order_id, NOW)


def test_a_new_sale_is_held_until_the_card_s_unsettled_sale_is_settled_and_told(
    run: Run, harness: Harness
) -> None:
    _left_sending(harness)
    harness.server.transactions["POS-old"] = {"points_redeemed": 500}  # it had landed
    held = run(harness.service.complete(sale("POS-new")))
    assert held.held
    assert not held.confirmed
    assert [(o.record.order_id, o.state) for o in held.earlier] == [
        ("POS-old", SaleState.RECONCILED)
    ]
    assert harness.journal.get("POS-new") is None  # nothing journaled, nothing sent
    assert "POS-new" not in harness.server.transactions
    again = run(harness.service.complete(sale("POS-new")))  # the cashier: a new purchase
    assert again.state is SaleState.CONFIRMED
    assert sorted(harness.server.transactions) == ["POS-new", "POS-old"]


def test_a_sale_that_cannot_be_settled_keeps_holding_the_card(run: Run, harness: Harness) -> None:
    _left_sending(harness)
    harness.server.faults = [Fault(refused_connection()) for _ in range(4)]
    first = run(harness.service.complete(sale("POS-new")))
    second = run(harness.service.complete(sale("POS-new")))
    for outcome in (first, second):
        assert outcome.held
        assert [o.state for o in outcome.earlier] == [SaleState.UNCERTAIN]
    assert harness.server.transactions == {}


def test_other_cards_and_queued_earn_only_sales_hold_nothing(run: Run, harness: Harness) -> None:
    _left_sending(harness)
    other = SaleRequest("POS-other", sale().order_total, card_id=2002, user_id=2)
    assert run(harness.service.complete(other)).state is SaleState.CONFIRMED
    harness.journal.begin(sale("POS-queued", points=0, discount="0"), NOW)
    harness.journal.settle("POS-queued", SaleState.EARN_ONLY_QUEUED, NOW)
    harness.journal.settle("POS-old", SaleState.CONFIRMED, NOW)
    assert run(harness.service.complete(sale("POS-new"))).state is SaleState.CONFIRMED


def test_what_start_up_settled_holds_the_card_s_next_sale_once(run: Run, harness: Harness) -> None:
    _left_sending(harness)
    harness.server.faults = [Fault(dropped(), record=True)]  # lands, answer lost, then 409
    settled = run(harness.service.reconcile_pending())
    assert [o.state for o in settled] == [SaleState.RECONCILED]
    held = run(harness.service.complete(sale("POS-new")))
    assert held.held
    assert [o.record.order_id for o in held.earlier] == ["POS-old"]
    assert run(harness.service.complete(sale("POS-new"))).state is SaleState.CONFIRMED


def test_a_sale_that_cannot_be_journaled_is_refused_before_sending(
    run: Run, harness: Harness
) -> None:
    harness.journal.failing = frozenset({"begin"})
    outcome = run(harness.service.complete(sale()))
    assert outcome.journal_problem is not None
    assert outcome.state is SaleState.FAILED
    assert harness.server.posts == 0


def test_an_answer_the_journal_cannot_keep_is_still_shown_and_settled_at_restart(
    run: Run, harness: Harness
) -> None:
    harness.journal.failing = frozenset({"settle"})
    outcome = run(harness.service.complete(sale()))
    assert outcome.state is SaleState.CONFIRMED  # the server's word, shown as it is
    assert outcome.journal_problem is not None
    stored = harness.journal.get("POS-t-1")
    assert stored is not None
    assert stored.state is SaleState.SENDING  # so the next start settles it (409)
