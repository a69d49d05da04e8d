"""Chaos: a thousand scans and a few dozen sales through the real window against a faulty sandbox.

Afterwards: no crash, after every scan the screen showed the scanned card with its current
balance or an honest error for what the sandbox really did, the till never sent more than its
budget in any rolling minute, and every sale is recorded exactly once or honestly not at all.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pos_app.sale.journal import SaleState
from pos_app.sandbox import SandboxServer
from pos_app.testing.chaos_till import ChaosTill
from pos_app.testing.window_helpers import OFFSCREEN_NOISE

pytestmark = [pytest.mark.qt_log_ignore(OFFSCREEN_NOISE), pytest.mark.slow]

SEED = 20261122
SCANS = 1000
BUDGET_PER_MINUTE = 40


@pytest.fixture
def chaos_sandbox() -> Iterator[SandboxServer]:
    """A sandbox of its own: seeded random faults, no server-side limit (the till's is tested)."""
    with SandboxServer(rate_limit=0, seed=SEED) as server:
        yield server


@pytest.fixture
def chaos(
    qtbot: Any,
    qasync_loop: asyncio.AbstractEventLoop,
    chaos_sandbox: SandboxServer,
    tmp_path: Path,
) -> Iterator[ChaosTill]:
    def wait_until(predicate: Any, timeout_ms: int) -> None:
        qtbot.waitUntil(predicate, timeout=timeout_ms)

    till = ChaosTill(
        chaos_sandbox,
        qasync_loop,
        wait_until,
        tmp_path / "journal.sqlite3",
        seed=SEED,
        budget_per_minute=BUDGET_PER_MINUTE,
    )
    till.show()
    yield till
    till.close()


def test_a_thousand_scans_and_sales_under_faults(chaos: ChaosTill) -> None:
    figures = chaos.run(SCANS, fail_rate=0.08, sale_every=10)
    print("\n".join(["", "chaos run:", *figures.lines()]))

    assert not figures.async_errors
    # The storm really happened: every route and fault, every kind of answer.
    assert sum(figures.scans.values()) == SCANS
    assert {k.split("/")[0] for k in figures.scans} == {"wedge", "typed", "pasted"}
    for fault in ("server_error", "bad_gateway_html", "drop_before", "drop_after", "rate_limit"):
        assert figures.faults_seen[fault] > 0, fault
    for kind in ("none", "not_found", "unreadable_scan", "rate_limited", "offline", "server"):
        assert figures.banners[kind] > 0, kind
    assert figures.cards_shown > SCANS // 5

    # The budget: refused locally (and said so) in the rush, never exceeded on the wire.
    assert figures.local_refusals > 0
    assert figures.max_in_window <= BUDGET_PER_MINUTE
    assert figures.budget_minutes > 5

    # Sales: each recorded exactly once, or honestly not at all; nothing left open.
    assert figures.sales_attempted >= 10
    assert not chaos.journal.unresolved()
    recorded = [t["order_id"] for t in chaos.sandbox.state.transactions]
    assert len(recorded) == len(set(recorded))
    assert set(recorded) <= set(chaos.order_ids)
    for order_id in chaos.order_ids:
        record = chaos.journal.get(order_id)
        assert record is not None, order_id
        recorded_states = (SaleState.CONFIRMED, SaleState.RECONCILED)
        expected = 1 if record.state in recorded_states else 0
        # Closed: a card without a Loyalty.lt user is sold without loyalty, nothing sent.
        assert record.state in (*recorded_states, SaleState.FAILED, SaleState.CLOSED)
        assert recorded.count(order_id) == expected, (order_id, record.state)
    assert figures.sales_states["failed"] < figures.sales_attempted
