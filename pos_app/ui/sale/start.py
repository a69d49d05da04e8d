"""The sale side of start-up: open the journal (or say why not), then settle what a crash left."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from pos_app.sale.journal import SaleJournal
from pos_app.sale.journal_errors import JournalError
from pos_app.sale.journal_open import UnusableJournal, open_journal
from pos_app.sale.service import SaleOutcome, SaleService
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.common.messages import BannerKind, BannerState
from pos_app.ui.main_window import MainWindow
from pos_app.ui.sale import notices
from pos_app.ui.sale.messages import SaleBanner
from pos_app.ui.sale.panel import SalePanel

log = logging.getLogger(__name__)

RETRY_LOCKED_S = 2.0  # how often a journal another program holds is tried again


def open_sale_journal(path: Path | None = None) -> SaleJournal | UnusableJournal:
    """The journal in the data directory, or a stand-in that refuses every sale, and why."""
    try:
        return open_journal(path)
    except JournalError as exc:
        log.error("no sale can be taken: %s", exc.message)
        return UnusableJournal(exc, path)


def _window_banner(banner: SaleBanner) -> BannerState:
    kind = BannerKind.INFO if banner.severity == "info" else BannerKind.REFUSED
    return BannerState(kind, banner.severity, banner.text)


def announce_and_reconcile(
    window: MainWindow, service: SaleService, panel: SalePanel, fmt: Formatter
) -> asyncio.Task[list[SaleOutcome]] | None:
    """Tell the cashier the journal cannot be used, or settle the sales a crash left open.

    The outcome goes on the sale panel (it stays until the next sale's outcome) and on the
    window's banner; sales left with New sale while being sent are reported there too.
    """
    panel.backgroundFinished.connect(lambda banner: window.show_banner(_window_banner(banner)))
    problem = service.journal_problem
    if problem is not None:
        panel.show_notice(notices.journal_unusable(problem))
        window.show_banner(_window_banner(notices.journal_unusable_short(problem)))
        if problem.reason == "locked":
            _retry_when_free(window, service, panel, fmt)
        return None
    return _reconcile(window, panel, fmt)


def _retry_when_free(
    window: MainWindow, service: SaleService, panel: SalePanel, fmt: Formatter
) -> None:
    """A journal another program held at start: open it once it is free, then take sales."""
    path = service.journal.path
    opened: list[SaleJournal] = []

    async def retry() -> None:
        while True:
            await asyncio.sleep(RETRY_LOCKED_S)
            try:
                journal = open_journal(path)
            except JournalError as exc:
                if exc.reason != "locked":
                    log.error("the sales journal is still unusable: %s", exc.message)
                    return
                continue
            opened.append(journal)
            service.use_journal(journal)
            log.info("the sales journal %s is free again: taking sales", path)
            panel.show_notice(notices.journal_free_again())
            window.show_banner(_window_banner(notices.journal_free_again()))
            _reconcile(window, panel, fmt)
            return

    task = asyncio.get_running_loop().create_task(retry())

    async def close() -> None:
        task.cancel()
        panel.shutdown()  # no send may outlive the journal it writes to
        for journal in opened:
            journal.close()

    window.add_async_closer(close)


def _reconcile(
    window: MainWindow, panel: SalePanel, fmt: Formatter
) -> asyncio.Task[list[SaleOutcome]]:
    task = panel.start_reconcile()

    def done(finished: asyncio.Task[list[SaleOutcome]]) -> None:
        if finished.cancelled():
            return
        if (error := finished.exception()) is not None:
            log.error("settling the unfinished sales failed", exc_info=error)
            return
        outcomes = finished.result()
        for outcome in outcomes:
            log.info(
                "unfinished sale %s settled at start: %s",
                outcome.record.order_id,
                outcome.record.state.value,
            )
        banner = notices.reconciled_at_start_short(outcomes)
        if banner is not None:
            window.show_banner(_window_banner(banner))

    task.add_done_callback(done)
    return task
