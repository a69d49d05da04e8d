"""A journal the till cannot use: said at start, damaged files kept aside, no wait on the loop."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pos_app.api import LoyaltyClient
from pos_app.sale.journal import JournalError, SaleJournal, SaleRequest, SaleState
from pos_app.sale.journal_errors import classify
from pos_app.sale.journal_open import UnusableJournal, open_journal
from pos_app.sale.service import SaleOutcome, SaleService
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer
from pos_app.sandbox.data import seed_cards
from pos_app.testing.helpers import run_async
from tests.sale.till_process import TillProcess

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
DEMO_USER_ID = next(c for c in seed_cards() if c["card_number"] == "900-001-001")["user"]["id"]

# Holds the journal's write lock until its stdin closes, as another program (a till) would.
_HOLDER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
db.execute("BEGIN IMMEDIATE")
db.execute("PRAGMA user_version = 1")
print("locked", flush=True)
sys.stdin.read()
db.execute("ROLLBACK")
"""


def _sale(order_id: str = "POS-j-1") -> SaleRequest:
    return SaleRequest(
        order_id=order_id,
        order_total=Decimal("10.00"),
        card_id=1001,
        card_number="900-001-001",
        user_id=DEMO_USER_ID,
    )


class LockHolder:
    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(10)
        assert self.process.stdout is not None
        self.process.stdout.close()


Run = Callable[[Any], Any]


@pytest.fixture
def run(qasync_loop: asyncio.AbstractEventLoop, qtbot: Any) -> Run:
    return lambda coro: run_async(qasync_loop, qtbot, coro, timeout=20.0)


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[Callable[[Path], LockHolder]]:
    started: list[LockHolder] = []

    def start(path: Path) -> LockHolder:
        started.append(LockHolder(path))
        return started[-1]

    yield start
    for lock in started:
        lock.release()


# -- at start --------------------------------------------------------------------------------


def test_a_damaged_journal_is_moved_aside_never_deleted(tmp_path: Path) -> None:
    path = tmp_path / "sales.sqlite3"
    garbage = b"this is not a database, it is a damaged file" * 100
    path.write_bytes(garbage)
    with pytest.raises(JournalError) as raised:
        open_journal(path, now=NOW)
    problem = raised.value
    assert problem.reason == "damaged"
    assert problem.moved_to == tmp_path / "sales.sqlite3.damaged-20261122T090000Z"
    assert problem.moved_to.read_bytes() == garbage  # kept whole, for recovery
    assert not path.exists()
    with open_journal(path) as fresh:  # the next start begins a new journal
        assert fresh.unresolved() == []


def test_a_journal_with_a_foreign_sales_table_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "sales.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE sales (id INTEGER)")
        db.execute("PRAGMA user_version = 1")
    db.close()
    with pytest.raises(JournalError) as raised:
        open_journal(path, now=NOW)
    assert raised.value.reason == "damaged"
    assert raised.value.moved_to is not None
    assert raised.value.moved_to.exists()


def test_a_newer_journal_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "sales.sqlite3"
    with SaleJournal(path) as journal:
        journal.begin(_sale(), NOW)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 7")
    db.close()
    before = path.read_bytes()
    with pytest.raises(JournalError) as raised:
        open_journal(path)
    assert raised.value.reason == "newer"
    assert raised.value.moved_to is None
    assert path.read_bytes() == before


def test_a_locked_journal_is_refused_at_once_and_left_alone(
    tmp_path: Path, holder: Callable[[Path], LockHolder]
) -> None:
    path = tmp_path / "sales.sqlite3"
    SaleJournal(path).close()
    holder(path)
    started = time.perf_counter()
    with pytest.raises(JournalError) as raised:
        open_journal(path)
    assert raised.value.reason == "locked"
    assert time.perf_counter() - started < 0.5  # no SQLite busy wait
    assert path.exists()


def test_sqlite_s_read_only_error_reads_as_read_only(tmp_path: Path) -> None:
    path = tmp_path / "sales.sqlite3"
    SaleJournal(path).close()
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as raised:
        db.execute("PRAGMA user_version = 2")
    db.close()
    assert classify(raised.value) == "read_only"


def test_an_unusable_journal_refuses_every_sale_before_sending(
    run: Run, sandbox: SandboxServer
) -> None:
    problem = JournalError("newer", "sales journal: newer")

    async def go() -> SaleOutcome:
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
            service = SaleService(client, UnusableJournal(problem))
            assert service.journal_problem is problem
            return await service.complete(_sale())

    outcome = run(go())
    assert outcome.journal_problem is problem
    assert outcome.state is SaleState.FAILED
    assert not outcome.confirmed
    assert sandbox.state.transactions == []


# -- mid-session -----------------------------------------------------------------------------


def _complete_with_ticks(
    run: Run,
    sandbox: SandboxServer,
    path: Path,
    *,
    journal_wait: float,
    during: Callable[[], object],
) -> tuple[SaleOutcome, float]:
    """Complete one sale while `during` runs once; the longest gap between 10 ms loop ticks."""

    async def go() -> tuple[SaleOutcome, float]:
        gaps: list[float] = []
        stop = asyncio.Event()

        running = asyncio.Event()

        async def ticker() -> None:
            last = time.perf_counter()
            running.set()
            while not stop.is_set():
                await asyncio.sleep(0.01)
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

        tick = asyncio.ensure_future(ticker())
        await running.wait()  # the ticker runs before anything can block
        await asyncio.sleep(0.02)
        async with LoyaltyClient(sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
            with SaleJournal(path) as journal:
                service = SaleService(client, journal, journal_wait=journal_wait)
                during()
                outcome = await service.complete(_sale())
        stop.set()
        await tick
        return outcome, max(gaps, default=0.0)

    result: tuple[SaleOutcome, float] = run(go())
    return result


def test_a_journal_locked_by_another_program_refuses_the_sale_without_freezing(
    run: Run,
    sandbox: SandboxServer,
    tmp_path: Path,
    holder: Callable[[Path], LockHolder],
) -> None:
    path = tmp_path / "sales.sqlite3"
    outcome, longest_gap = _complete_with_ticks(
        run, sandbox, path, journal_wait=1.0, during=lambda: holder(path)
    )
    assert outcome.journal_problem is not None
    assert outcome.journal_problem.reason == "locked"
    assert outcome.state is SaleState.FAILED
    assert sandbox.state.transactions == []  # refused before anything was sent
    assert longest_gap < 0.25  # the loop kept running while the journal was retried


def test_a_lock_released_while_waiting_lets_the_sale_go(
    run: Run,
    sandbox: SandboxServer,
    tmp_path: Path,
    holder: Callable[[Path], LockHolder],
) -> None:
    path = tmp_path / "sales.sqlite3"

    def lock_briefly() -> None:
        lock = holder(path)
        asyncio.get_running_loop().call_later(0.3, lock.release)

    outcome, _ = _complete_with_ticks(run, sandbox, path, journal_wait=5.0, during=lock_briefly)
    assert outcome.state is SaleState.CONFIRMED
    assert outcome.journal_problem is None
    assert [t["order_id"] for t in sandbox.state.transactions] == ["POS-j-1"]


# -- the real till ---------------------------------------------------------------------------

ON_LINUX = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the child's data folder is set with XDG_DATA_HOME"
)


@pytest.mark.slow
@ON_LINUX
def test_the_till_started_on_a_damaged_journal_says_so_and_takes_no_sale(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    journal = tmp_path / "data" / "pos-app" / "sales-demo.sqlite3"
    journal.parent.mkdir(parents=True)
    journal.write_bytes(b"\x00garbage" * 512)
    till = TillProcess(tmp_path, ["--api-url", sandbox.base_url])
    try:
        told = till.wait_shown("saleBanner", "damaged", timeout=60)
        assert "No sale can be completed now" in told.text
        assert "kept for recovery, not deleted, as sales-demo.sqlite3.damaged-" in told.text
        assert "damaged" in till.shows("statusBanner")
        till.do("scan 900-001-001")
        till.wait_shown("cardNumberLabel", "900-001-001")
        till.do("total 10.00")
        till.do("complete")
        till.wait_for(lambda s: s.widget == "completeSaleButton" and s.text == "disabled")
        till.do("close")
        assert till.finish() == 0
    finally:
        till.kill()
    assert sandbox.state.transactions == []
    moved = list(journal.parent.glob("sales-demo.sqlite3.damaged-*"))
    assert len(moved) == 1
    assert moved[0].read_bytes() == b"\x00garbage" * 512
    assert "no sale can be taken" in till.stderr


@pytest.mark.slow
@ON_LINUX
@pytest.mark.parametrize(
    ("kind", "told_text"),
    [("newer", "newer version of this till"), ("locked", "held by another program")],
)
def test_the_till_started_on_a_newer_or_locked_journal_leaves_it_and_takes_no_sale(
    sandbox: SandboxServer,
    tmp_path: Path,
    holder: Callable[[Path], LockHolder],
    kind: str,
    told_text: str,
) -> None:
    journal = tmp_path / "data" / "pos-app" / "sales-demo.sqlite3"
    journal.parent.mkdir(parents=True)
    with SaleJournal(journal) as existing:
        existing.begin(_sale("POS-kept"), NOW)
    if kind == "newer":
        db = sqlite3.connect(journal)
        db.execute("PRAGMA user_version = 9")
        db.commit()
        db.close()
    else:
        holder(journal)
    till = TillProcess(tmp_path, ["--api-url", sandbox.base_url])
    try:
        told = till.wait_shown("saleBanner", told_text, timeout=60)
        assert "No sale can be completed now" in told.text
        till.do("close")
        assert till.finish() == 0
    finally:
        till.kill()
    assert "no sale can be taken" in till.stderr
    assert list(journal.parent.glob("*.damaged-*")) == []  # left exactly where it was
    db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    assert db.execute("SELECT order_id FROM sales").fetchall() == [("POS-kept",)]
    db.close()


@pytest.mark.slow
@ON_LINUX
def test_a_journal_locked_at_start_is_taken_once_the_other_program_lets_go(
    sandbox: SandboxServer, tmp_path: Path, holder: Callable[[Path], LockHolder]
) -> None:
    journal = tmp_path / "data" / "pos-app" / "sales-demo.sqlite3"
    SaleJournal(journal).close()
    lock = holder(journal)
    till = TillProcess(tmp_path, ["--api-url", sandbox.base_url])
    try:
        till.wait_shown("saleBanner", "held by another program", timeout=60)
        lock.release()
        till.wait_shown("saleBanner", "free again", timeout=20)
        till.do("scan 900-001-001")
        till.wait_shown("cardNumberLabel", "900-001-001")
        till.do("total 10.00")
        till.do("complete")
        till.wait_shown("saleBanner", "Sale complete")
        till.do("close")
        assert till.finish() == 0
    finally:
        till.kill()
    assert len(sandbox.state.transactions) == 1
    assert "free again" in till.stderr
