"""The real till process killed mid-sale, restarted, the same customer rung again: one sale."""

from __future__ import annotations

import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from pos_app.sandbox import SandboxServer
from tests.sale.till_process import TillProcess

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sys.platform.startswith("linux"),
        reason="SIGKILL, and the child's data folder is set with XDG_DATA_HOME",
    ),
]

CARD = "900-001-001"


def _wait(condition: object, timeout: float, what: str) -> None:
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def _journal_state(path: Path, order_id: str) -> str | None:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        row = db.execute("SELECT state FROM sales WHERE order_id = ?", (order_id,)).fetchone()
    return None if row is None else str(row[0])


def _ring(till: TillProcess, total: str, points: int) -> None:
    till.do(f"scan {CARD}")
    till.wait_shown("cardNumberLabel", CARD)
    till.do(f"total {total}")
    till.do(f"points {points}")
    till.do("complete")


def test_a_till_killed_after_the_server_recorded_the_sale_settles_it_once_at_restart(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    args = ["--api-url", sandbox.base_url]
    # The first attempt is recorded and its answer lost; the till's retry then hangs, so the
    # till is killed with the sale on the server and 'sending' in its own journal.
    sandbox.faults.slow_s = 120.0
    sandbox.faults.inject("drop_after", path_contains="transactions/create")
    sandbox.faults.inject("slow", path_contains="transactions/create")
    first = TillProcess(tmp_path, args)
    try:
        first.wait_shown("mainWindow", "shown", timeout=60)
        _ring(first, "25.30", 500)
        _wait(
            lambda: len(sandbox.state.transactions) == 1 and not sandbox.faults.pending,
            30,
            "the sale recorded and the retry held",
        )
        order_id = sandbox.state.transactions[0]["order_id"]
        assert _journal_state(first.journal_path, order_id) == "sending"
        first.process.send_signal(signal.SIGKILL)
        assert first.process.wait(10) == -signal.SIGKILL
    finally:
        first.kill()
    balance_after_one_sale = sandbox.state.card(CARD)["points"]
    assert balance_after_one_sale < 1000 - 500 + 100  # 500 redeemed once, a little earned

    second = TillProcess(tmp_path, args)
    try:
        second.wait_shown("mainWindow", "shown", timeout=60)
        # Settled at start, before any sale, and the cashier is told.
        told = second.wait_shown("saleBanner", "left unfinished when the till last stopped")
        assert CARD in told.text
        assert "Loyalty.lt already had it: counted once" in told.text
        assert "Do not ring them again" in told.text
        second.wait_shown("statusBanner", "1 sale left unfinished when the till last stopped")
        _wait(lambda: _journal_state(second.journal_path, order_id) is not None, 5, "journal")
        assert _journal_state(second.journal_path, order_id) == "confirmed_by_conflict"

        # The cashier, unsure, rings the same customer and the same sale again.
        _ring(second, "25.30", 500)
        held = second.wait_shown("saleBanner", "NOT sent")
        assert held.text.startswith(
            "NOT sent. The same purchase as the earlier sale? Press New sale."
        )
        assert "Loyalty.lt already had it: counted once" in held.text
        assert [t["order_id"] for t in sandbox.state.transactions] == [order_id]
        assert sandbox.state.card(CARD)["points"] == balance_after_one_sale
        second.do("close")
        assert second.finish() == 0
    finally:
        second.kill()
