"""A chaos run: the real till window, a seeded stream of scans and sales, a misbehaving sandbox.

Used by tests/test_chaos.py (and bench/chaos_report.py for the figures). Every step drives the
window the way hardware and a cashier do: key events with native scan codes for the wedge
scanner, F2 + typed keys + Enter, a paste + Enter, the sale panel's buttons. After each scan,
once the window is idle, `check_scan` holds the window to what the sandbox actually did.

The till's rate budget runs on `budget_clock`, a clock the run moves forward by a seeded
amount per step ("rush" and "calm" stretches), so a one-minute budget window is crossed many
times in a run of well under a real minute, and the outcome does not depend on machine speed.
The sandbox's request log is stamped with the same clock, so "never more than the budget in
any rolling 60 s" is checked on what the server received, in the budget's own time.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget

from pos_app.api import LoyaltyClient, RateBudget, RequestRecord
from pos_app.app import TillOptions, attach_sale, create_main_window
from pos_app.config.settings import AppSettings, MemorySettingsStore
from pos_app.sale.journal import SaleJournal, SaleState
from pos_app.sale.service import RetryPolicy, SaleService
from pos_app.sandbox import (
    DEMO_API_KEY,
    DEMO_API_SECRET,
    DEMO_CARD_NUMBERS,
    FaultKind,
    SandboxServer,
)
from pos_app.sandbox.data import qr_uuid_for
from pos_app.sandbox.state import LoggedRequest
from pos_app.scanner import InvalidScan, ScanCode, parse_scan
from pos_app.scanner.keycodes import XKB_KEYMAP
from pos_app.scanner.layouts import FRENCH, GERMAN, LITHUANIAN, Layout
from pos_app.scanner.reading import ScanCodeReader, choose_reading
from pos_app.scanner.wedge import WedgeDetector
from pos_app.testing.wedge_keys import FakeClock, press_enter, type_us
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.common.messages import BannerKind

WaitUntil = Callable[[Callable[[], bool], int], None]
EMPTY = "—"
BURST_GAP_MS = 4
# What each sandbox fault must look like on the till's banner.
FAULT_BANNERS: dict[str, BannerKind] = {
    "server_error": BannerKind.SERVER,
    "bad_gateway_html": BannerKind.SERVER,
    "empty_503": BannerKind.SERVER,
    "drop_before": BannerKind.OFFLINE,
    "drop_after": BannerKind.OFFLINE,
    "rate_limit": BannerKind.RATE_LIMITED,
    "rate_limit_http_date": BannerKind.RATE_LIMITED,
    "malformed_json": BannerKind.INVALID_RESPONSE,
    "bad_envelope": BannerKind.INVALID_RESPONSE,
    "forbidden": BannerKind.AUTH,
}
SCAN_FAULTS: tuple[FaultKind, ...] = (
    "rate_limit",
    "malformed_json",
    "bad_envelope",
    "empty_503",
    "forbidden",
)
OUTAGE_FAULTS: tuple[FaultKind, ...] = (
    "server_error",
    "bad_gateway_html",
    "drop_before",
    "drop_after",
    "empty_503",
)
SALE_FAULTS: tuple[FaultKind, ...] = (*OUTAGE_FAULTS, "drop_after", "rate_limit", "malformed_json")
SALE_POLICY = RetryPolicy(attempts=3, delays=(0.01, 0.02), max_rate_limit_wait=0.05)


@dataclass(frozen=True)
class Scan:
    """One thing that reaches the till: `route` is how, `text` what (US text for the wedge)."""

    route: str  # "wedge", "typed", "pasted"
    category: str  # "valid", "unknown", "garbage"
    text: str
    layout: Layout | None = None
    double_read: bool = False

    @property
    def reads_as_code(self) -> bool:
        """Whether the wedge takes this burst for a scan (as typed or as its US keys); one
        that is no code is a person's typing and reaches the focused field as typed."""
        return self.route == "wedge" and (
            choose_reading(self.typed, self.text, ScanCodeReader()) is not None
        )

    @property
    def typed(self) -> str:
        """What the OS layout shows for this text, key by key."""
        if self.layout is None:
            return self.text
        return "".join(self.layout.type_as(ch) for ch in self.text)


@dataclass
class Figures:
    """What a run did, for the assertions and the report."""

    scans: Counter[str] = field(default_factory=Counter)
    banners: Counter[str] = field(default_factory=Counter)
    faults_seen: Counter[str] = field(default_factory=Counter)
    local_refusals: int = 0
    cards_shown: int = 0
    sales_attempted: int = 0
    sales_states: Counter[str] = field(default_factory=Counter)
    sales_first_states: Counter[str] = field(default_factory=Counter)
    stale_after_sale: int = 0
    failed_reasons: list[str] = field(default_factory=list)
    sales_recorded: int = 0
    requests: int = 0
    max_in_window: int = 0
    budget: int = 0
    budget_minutes: float = 0.0
    seconds: float = 0.0
    async_errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"duration {self.seconds:.1f} s real, {self.budget_minutes:.1f} budget-minutes",
            f"scans {sum(self.scans.values())}: {dict(sorted(self.scans.items()))}",
            f"sandbox faults (lookups and sales): {dict(sorted(self.faults_seen.items()))}",
            f"banners after scans: {dict(sorted(self.banners.items()))}",
            f"cards shown {self.cards_shown}, local budget refusals {self.local_refusals}, "
            f"refresh after a sale failed (said so) {self.stale_after_sale}",
            f"requests received {self.requests}; max in any 60 s {self.max_in_window}"
            f" (budget {self.budget}/min)",
            f"sales attempted {self.sales_attempted}, recorded by the sandbox "
            f"{self.sales_recorded}; first outcomes {dict(sorted(self.sales_first_states.items()))}"
            f", after settling {dict(sorted(self.sales_states.items()))}",
            *(f"  failed (nothing recorded): {reason}" for reason in self.failed_reasons),
        ]


@dataclass(frozen=True)
class Received:
    """A request the sandbox logged, stamped with the budget clock."""

    at: float
    entry: LoggedRequest


class ChaosTill:
    """The window, its sale panel, the shared client and the journal for one chaos run."""

    def __init__(
        self,
        sandbox: SandboxServer,
        loop: asyncio.AbstractEventLoop,
        wait_until: WaitUntil,
        journal_path: Path,
        *,
        seed: int,
        budget_per_minute: int,
    ) -> None:
        self.sandbox = sandbox
        self.loop = loop
        self.wait_until = wait_until
        self.rng = random.Random(seed)
        self.figures = Figures(budget=budget_per_minute)
        self.budget_clock = FakeClock(10_000.0)
        self.wedge_clock = FakeClock(5_000.0)
        self.key_ms = 100_000
        self.received: list[Received] = []
        self.client_records: list[RequestRecord] = []
        self._spy_sandbox_log()
        self.client = LoyaltyClient(
            sandbox.base_url,
            DEMO_API_KEY,
            DEMO_API_SECRET,
            budget=RateBudget(budget_per_minute, clock=self.budget_clock),
            on_request=self.client_records.append,
        )
        self.journal = SaleJournal(journal_path)
        self.service = SaleService(self.client, self.journal, policy=SALE_POLICY)
        window = create_main_window(
            api_url=sandbox.base_url,
            api_key=DEMO_API_KEY,
            api_secret=DEMO_API_SECRET,
            options=TillOptions(
                demo=True,
                settings=AppSettings(),
                settings_store=MemorySettingsStore(),
                client=self.client,
                wedge=WedgeDetector(keymap=XKB_KEYMAP, clock=self.wedge_clock),
                clock=self.budget_clock,
            ),
        )
        self.window = window
        fmt = Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        # The app's own sale wiring, on the shared client (the window attaches it only to a
        # client it owns, and this run needs the budget on its own clock).
        self.panel = attach_sale(window, window.vm, self.service, fmt, device_name="chaos")
        self.order_ids: list[str] = []
        self._previous_handler = loop.get_exception_handler()
        loop.set_exception_handler(self._async_error)

    # --- set-up and tear-down -------------------------------------------------------------
    def _spy_sandbox_log(self) -> None:
        state = self.sandbox.state
        original = state.log_request

        def log_request(entry: LoggedRequest) -> None:
            self.received.append(Received(self.budget_clock.now, entry))
            original(entry)

        # An instance attribute: the sandbox's middleware calls state.log_request(...).
        state.log_request = log_request  # type: ignore[method-assign]

    def _async_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        self.figures.async_errors.append(f"{context.get('message')}: {context.get('exception')!r}")

    def show(self) -> None:
        self.window.show()
        self.window.activateWindow()
        self.wait_until(self.window.isActiveWindow, 5000)

    def run_async(self, coro: Any, timeout_ms: int = 15_000) -> Any:
        task = self.loop.create_task(coro)
        self.wait_until(task.done, timeout_ms)
        return task.result()

    def close(self) -> None:
        self.run_async(self.window.aclose())
        self.run_async(self.client.aclose())
        self.window.close()
        self.window.deleteLater()
        self.journal.close()
        self.loop.set_exception_handler(self._previous_handler)
        del self.sandbox.state.log_request

    # --- reading the window like a cashier --------------------------------------------------
    def label(self, name: str) -> str:
        widget = self.window.findChild(QLabel, name)
        assert widget is not None, name
        return widget.text()

    @property
    def card_input(self) -> QLineEdit:
        return self.window.card_input

    # --- making scans -------------------------------------------------------------------------
    def random_scan(self) -> Scan:
        rng = self.rng
        route = rng.choices(["wedge", "typed", "pasted"], weights=[5, 4, 1])[0]
        category = rng.choices(["valid", "unknown", "garbage"], weights=[6, 2, 2])[0]
        layout = rng.choice([None, None, LITHUANIAN, GERMAN, FRENCH]) if route == "wedge" else None
        if category == "valid":
            text = self._valid_text()
        elif category == "unknown":
            text = self._unknown_text()
        else:
            text = self._garbage_text(route)
        return Scan(
            route, category, text, layout, double_read=route == "wedge" and rng.random() < 0.05
        )

    def _valid_text(self) -> str:
        rng = self.rng
        number = rng.choice(DEMO_CARD_NUMBERS)
        qr = qr_uuid_for(number)
        digits = number.replace("-", "")
        forms = [number, number, qr, qr.upper(), qr.replace("-", ""), f"https://loyalty.lt/c/{qr}"]
        forms.append(f"loyaltylt://qr-card?code={qr}")
        if digits.isdigit():
            forms += [digits, f"]C1{digits}", f"{digits[:3]} {digits[3:6]} {digits[6:]}"]
        return rng.choice(forms)

    def _unknown_text(self) -> str:
        rng = self.rng
        return rng.choice(
            [
                f"{rng.randrange(10**9):09d}",
                f"{rng.randrange(1000):03d}-{rng.randrange(1000):03d}-{rng.randrange(1000):03d}",
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                f"LC{rng.randrange(10**8):08d}",
                "X" + "9" * rng.randrange(3, 31),
            ]
        )

    def _garbage_text(self, route: str) -> str:
        rng = self.rng
        printable = [chr(c) for c in range(33, 127)]
        options = [
            "'; DROP TABLE loyalty_cards; --",
            "<script>alert('x')</script>",
            "<b>900-001-001</b>",
            "SELECT * FROM cards WHERE 1=1",
            "A" * 500,
            "9" * 500,
            "900-001-00",
            "null",
            "".join(rng.choice(printable) for _ in range(rng.randrange(4, 60))),
            "https://evil.example/" + "x" * 40,
        ]
        if route == "pasted":  # QTest types ASCII only; a scanner has US keys only
            options += ["Ω≈ç√∫ 900", "ąčęėįšųū„“", "９００-００１-００１"]
            options += ["🙂💳🙂", "900-001-001🙂", "\x00\x01\x02", "\x1b[31m900\x1b[0m"]
            options += ["\u202e100-100-009", "a\tb\nc", "\ufeff\u200b"]
        return rng.choice(options)

    # --- sending scans --------------------------------------------------------------------------
    def scan(self, scan: Scan) -> None:
        self.figures.scans[f"{scan.route}/{scan.category}"] += 1
        if scan.route == "wedge":
            self._wedge(scan.text, scan.layout)
            if scan.double_read:
                self.wedge_clock.now -= 1.9  # the second read of a double trigger: 0.1 s later
                self._wedge(scan.text, scan.layout)
        elif scan.route == "typed":
            QTest.keyClick(self.window, Qt.Key.Key_F2)
            assert self.card_input.hasFocus()
            QTest.keyClicks(self.card_input, scan.text)
            QTest.keyClick(self.card_input, Qt.Key.Key_Return)
        else:
            QTest.keyClick(self.window, Qt.Key.Key_F2)
            self.card_input.setText(scan.text)  # a paste
            QTest.keyClick(self.card_input, Qt.Key.Key_Return)

    def _wedge(self, text: str, layout: Layout | None) -> None:
        if not Scan("wedge", "", text, layout).reads_as_code:
            # No code: the wedge gives it back as typing. In the card field (F2 selects what
            # is there) its Enter then submits it like any typed text.
            QTest.keyClick(self.window, Qt.Key.Key_F2)
        target: QWidget = QApplication.focusWidget() or self.card_input
        end = type_us(target, text, layout, start_ms=self.key_ms, gap_ms=BURST_GAP_MS)
        press_enter(target, timestamp=end)
        self.key_ms = end + 500
        self.wedge_clock.now += 2.0

    # --- the invariant after every scan --------------------------------------------------------
    def check_scan(self, scan: Scan, server_before: int, client_before: int, shown: str) -> None:
        """The window shows the scanned card with its current balance, or an honest error.

        `shown` is the card number on screen before the scan (a repeat may be swallowed).
        """
        number = self.label("cardNumberLabel")
        balance = self.label("balanceLabel")
        name = self.label("customerNameLabel")
        banner = self.window.banner.state
        text = self.label("statusBanner")
        self.figures.banners[str(banner.kind)] += 1
        server = [r.entry for r in self.received[server_before:]]
        client = self.client_records[client_before:]
        where = f"{scan!r}: shows {number!r} {balance!r}, banner {banner.kind} {text!r}"
        assert banner.kind not in (BannerKind.BUSY, BannerKind.UNEXPECTED), where
        # A wedge burst that is no code was typing: it is checked as the text the field got.
        typing = scan.route == "wedge" and not scan.reads_as_code
        entered = scan.typed if typing else scan.text
        try:
            code: ScanCode | None = parse_scan(entered)
        except InvalidScan:
            code = None
        if code is None:
            assert (number, balance, name) == (EMPTY, EMPTY, EMPTY), where
            assert banner.kind is BannerKind.UNREADABLE_SCAN, where
            assert not server, where
            assert not client, where
            return
        # Typed or pasted text stays as it was; a burst is rebuilt and shown as parsed.
        sent = code.value if scan.route == "wedge" and not typing else entered
        assert self.card_input.text() == sent, (self.card_input.text(), where)
        try:
            card: dict[str, Any] | None = self.sandbox.state.card(code.value)
        except KeyError:
            card = None
        if number != EMPTY:
            # The scanned card, never the previous customer, with the balance the server has.
            assert card is not None, where
            assert number == card["card_number"], where
            assert balance.replace(",", "") == str(card["points"]), where
            assert banner.kind is BannerKind.NONE, where
            answered = bool(server) and server[-1].status == 200 and server[-1].fault is None
            assert answered or (not server and shown == number), where
            self.figures.cards_shown += 1
            return
        assert (balance, name) == (EMPTY, EMPTY), where
        expected = self._expected_banner(server, client, card, where)
        assert banner.kind is expected, where
        if expected is BannerKind.NOT_FOUND:
            assert code.value in text, where
        assert text.strip(), where

    def _check_at_once(self, scan: Scan) -> None:
        """Before any answer: the previous customer is gone (or this very card stays shown)."""
        number = self.label("cardNumberLabel")
        if number == EMPTY:
            return
        typing = scan.route == "wedge" and not scan.reads_as_code
        try:
            card = self.sandbox.state.card(parse_scan(scan.typed if typing else scan.text).value)
        except (InvalidScan, KeyError):
            card = None
        assert card is not None, f"{scan!r}: still shows {number!r}"
        assert number == card["card_number"], f"{scan!r}: still shows {number!r}"

    def _expected_banner(
        self,
        server: list[LoggedRequest],
        client: list[RequestRecord],
        card: dict[str, Any] | None,
        where: str,
    ) -> BannerKind:
        if server:
            last = server[-1]
            if last.fault is not None:
                assert last.fault in FAULT_BANNERS, where
                return FAULT_BANNERS[last.fault]
            assert last.status != 200, f"the server answered 200 yet no card is shown: {where}"
            if last.status == 404:
                assert card is None, where
                return BannerKind.NOT_FOUND
            if last.status == 429:
                return BannerKind.RATE_LIMITED
            raise AssertionError(f"unexpected sandbox status {last.status}: {where}")
        if client:
            # Sent, but the sandbox never saw it: a connection that died on the way.
            assert client[-1].error == "NetworkError", (where, client, self.received[-3:])
            return BannerKind.OFFLINE
        # Nothing left the till: the budget refused it, and the cashier is told so.
        self.figures.local_refusals += 1
        return BannerKind.RATE_LIMITED

    # --- one step ---------------------------------------------------------------------------
    def step(self, gap_s: float) -> None:
        self.budget_clock.now += gap_s
        self.sandbox.faults.latency_ms = self.rng.uniform(0, 25)
        if self.rng.random() < 0.04:
            self.sandbox.faults.inject(self.rng.choice(SCAN_FAULTS), path_contains="loyalty-cards")
        scan = self.random_scan()
        shown = self.label("cardNumberLabel")
        server_before, client_before = len(self.received), len(self.client_records)
        self.scan(scan)
        self._check_at_once(scan)
        self.wait_until(lambda: not self.window.vm.busy, 10_000)
        self.check_scan(scan, server_before, client_before, shown)

    # --- sales --------------------------------------------------------------------------------
    def maybe_sell(self) -> None:
        if self.label("cardNumberLabel") == EMPTY:
            return
        rng = self.rng
        total = Decimal(rng.randrange(50, 5000)) / 100
        QTest.keyClick(self.window, Qt.Key.Key_F3)
        field_ = self.window.redemption_panel.order_total_input
        assert field_.hasFocus()
        QTest.keyClicks(field_, f"{total:.2f}")
        QTest.keyClick(field_, Qt.Key.Key_Return)
        self.wait_until(lambda: self.window.vm.order_total == total, 2000)
        if rng.random() < 0.5:
            self.window.vm.choose_lowest()
        complete = self.window.findChild(QPushButton, "completeSaleButton")
        assert complete is not None
        if not complete.isEnabled() and self.window.vm.points:
            self.window.vm.choose_none()  # redemption is blocked while unreachable
        if not complete.isEnabled():
            return
        for fault in self._sale_faults():
            self.sandbox.faults.inject(fault, path_contains="transactions/create")
        order_id = self.panel.order_id
        self.order_ids.append(order_id)
        self.figures.sales_attempted += 1
        QTest.mouseClick(complete, Qt.MouseButton.LeftButton)
        self.wait_until(lambda: self.panel.outcome is not None and not self.panel.busy, 15_000)
        # A confirmed sale refreshes the card: the balance shown is then the server's new one.
        self.wait_until(lambda: not self.window.vm.busy, 10_000)
        outcome = self.panel.outcome
        assert outcome is not None
        if outcome.held:
            # Not sent and not journaled: the card had an unsettled sale, now settled and told.
            assert self.recorded(order_id) == 0, order_id
            self.order_ids.remove(order_id)
            self.figures.sales_first_states["held"] += 1
            return
        self._check_after_sale(outcome.state)
        recorded = self.recorded(order_id)
        state = outcome.state
        self.figures.sales_first_states[str(state)] += 1
        where = f"sale {order_id}: {state} with {recorded} recorded ({outcome.error!r})"
        if state in (SaleState.CONFIRMED, SaleState.RECONCILED):
            assert recorded == 1, where
        elif state in (SaleState.FAILED, SaleState.CLOSED):
            # Closed: no loyalty customer (none scanned, or a card without a user): not sent.
            assert recorded == 0, where
        else:
            assert state.unresolved, where
            assert recorded <= 1, where
        new_sale = self.window.findChild(QPushButton, "newSaleButton")
        assert new_sale is not None
        assert new_sale.isVisible()
        QTest.mouseClick(new_sale, Qt.MouseButton.LeftButton)
        assert self.label("cardNumberLabel") == EMPTY
        assert self.window.vm.order_total is None

    def _check_after_sale(self, state: SaleState) -> None:
        number, balance = self.label("cardNumberLabel"), self.label("balanceLabel")
        banner = self.window.banner.state.kind
        where = f"after a {state} sale: shows {number!r} {balance!r}, banner {banner}"
        assert number != EMPTY, where  # the customer stays until New sale
        if not state.done:
            return  # the sale panel says the sale is open; the balance is the one before it
        if banner is BannerKind.NONE:
            points = self.sandbox.state.card(number)["points"]
            assert balance.replace(",", "") == str(points), where
        else:  # the refresh failed and the banner says so; the balance is the pre-sale one
            assert banner in FAULT_BANNERS.values(), where
            self.figures.stale_after_sale += 1

    def _sale_faults(self) -> list[FaultKind]:
        """None, one, or a run longer than a sale's attempts (so some sales stay open)."""
        rng = self.rng
        scenario = rng.choices(
            ["clean", "one", "recorded_then_outage", "outage", "rate_limited"],
            weights=[3, 4, 2, 1, 1],
        )[0]
        if scenario == "one":
            return [rng.choice(SALE_FAULTS)]
        if scenario == "recorded_then_outage":
            # The sale lands, the answer is lost, and the service then fails every retry.
            return ["drop_after", *(rng.choice(OUTAGE_FAULTS) for _ in range(3))]
        if scenario == "outage":
            return [rng.choice(OUTAGE_FAULTS) for _ in range(4)]
        if scenario == "rate_limited":
            return ["rate_limit"]
        return []

    def recorded(self, order_id: str) -> int:
        return sum(t["order_id"] == order_id for t in self.sandbox.state.transactions)

    def settle_sales(self) -> None:
        """After the storm: the journal re-sends what is open until the server has answered."""
        self.sandbox.faults.fail_rate = 0.0
        self.sandbox.faults.latency_ms = 0.0
        for _ in range(10):
            if not self.journal.unresolved():
                break
            self.budget_clock.now += 120.0
            self.run_async(self.service.reconcile_pending(SALE_POLICY))

    # --- the whole run --------------------------------------------------------------------------
    def run(self, scans: int, *, fail_rate: float, sale_every: int) -> Figures:
        started = time.perf_counter()
        clock_start = self.budget_clock.now
        self.sandbox.faults.fail_rate = fail_rate
        calm = True
        for index in range(scans):
            if index % 100 == 0:
                calm = not calm
            # Rush: a queue at the till, ~100 scans a budget-minute; calm: one every ~2 s.
            gap = self.rng.uniform(0.3, 0.9) if not calm else self.rng.uniform(1.0, 3.0)
            self.step(gap)
            if index % sale_every == sale_every - 1:
                self.maybe_sell()
        self.settle_sales()
        figures = self.figures
        figures.seconds = time.perf_counter() - started
        figures.budget_minutes = (self.budget_clock.now - clock_start) / 60
        self._count_requests()
        self._count_sales()
        return figures

    def _count_requests(self) -> None:
        times = [r.at for r in self.received]
        self.figures.requests = len(times)
        self.figures.faults_seen = Counter(r.entry.fault for r in self.received if r.entry.fault)
        most = 0
        start = 0
        # The budget forgets a request exactly 60 s later: windows are (t - 60, t].
        for end, at in enumerate(times):
            while times[start] <= at - 60.0:
                start += 1
            most = max(most, end - start + 1)
        self.figures.max_in_window = most

    def _count_sales(self) -> None:
        day = datetime.now(UTC)
        records = self.journal.between(day - timedelta(days=1), day + timedelta(days=1))
        self.figures.sales_states = Counter(str(r.state) for r in records)
        self.figures.failed_reasons = [
            r.last_error or "?" for r in records if r.state is SaleState.FAILED
        ]
        self.figures.sales_recorded = len(self.sandbox.state.transactions)
