"""The network stack loads after the first paint; a scan made before it is kept and answered."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from pos_app.app import TillOptions, create_main_window
from pos_app.boot.deferred_client import DeferredClient
from pos_app.config.settings import AppSettings, MemorySettingsStore
from pos_app.sale.journal import SaleJournal
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer
from pos_app.testing.helpers import run_async
from pos_app.testing.window_helpers import label, wait_for_card


class _Real:
    def __init__(self) -> None:
        self.shop_id: int | None = None
        self.closed = False

    async def card_info(self, *, card_number: str) -> str:
        return f"card {card_number} at shop {self.shop_id}"

    async def aclose(self) -> None:
        self.closed = True


def test_calls_wait_for_the_paint_then_are_answered(
    qtbot: Any, qasync_loop: asyncio.AbstractEventLoop
) -> None:
    built: list[_Real] = []

    def build() -> _Real:
        built.append(_Real())
        return built[-1]

    client = DeferredClient(build, locale="lt", modules=("json",))
    widget = QWidget()
    qtbot.addWidget(widget)
    client.load_after_paint([widget])
    assert client.locale == "lt"
    client.shop_id = 7  # chosen before the stack loaded: handed over
    assert client.shop_id == 7

    async def scan_then_show() -> str:
        answer = asyncio.ensure_future(client.card_info(card_number="900-001-001"))
        await asyncio.sleep(0.2)
        assert not answer.done()  # kept, waiting: nothing is loaded before the window paints
        assert built == []
        widget.show()
        return await asyncio.wait_for(answer, 10)

    assert run_async(qasync_loop, qtbot, scan_then_show()) == "card 900-001-001 at shop 7"
    assert client.loaded
    assert client.shop_id == 7
    run_async(qasync_loop, qtbot, client.aclose())
    assert built[0].closed


def test_without_a_widget_the_first_call_loads(
    qtbot: Any, qasync_loop: asyncio.AbstractEventLoop
) -> None:
    client = DeferredClient(_Real, locale="en", modules=())
    answer = run_async(qasync_loop, qtbot, client.card_info(card_number="1"))
    assert answer == "card 1 at shop None"


def test_a_stack_that_cannot_load_fails_the_call(
    qtbot: Any, qasync_loop: asyncio.AbstractEventLoop
) -> None:
    client = DeferredClient(_Real, locale="en", modules=("pos_app.no_such_module",))
    with pytest.raises(ModuleNotFoundError):
        run_async(qasync_loop, qtbot, client.card_info(card_number="1"))


def test_the_real_till_keeps_a_scan_made_before_the_network_loaded(
    qtbot: Any, qasync_loop: asyncio.AbstractEventLoop, sandbox: SandboxServer, tmp_path: Path
) -> None:
    journal = SaleJournal(tmp_path / "journal.sqlite")
    window = create_main_window(
        api_url=sandbox.base_url,
        api_key=DEMO_API_KEY,
        api_secret=DEMO_API_SECRET,
        options=TillOptions(
            journal=journal,
            demo=True,
            settings=AppSettings(sound_enabled=False),
            settings_store=MemorySettingsStore(),
        ),
    )
    try:
        assert window.property("networkLoaded") is False
        window.submit_wedge_scan("900-002-001")  # before the first paint
        qtbot.wait(100)
        assert window.property("networkLoaded") is False
        window.show()
        wait_for_card(qtbot, window, "900-002-001", timeout=10000)
        assert window.property("networkLoaded") is True
        assert label(window, "balanceLabel") != "—"
    finally:
        run_async(qasync_loop, qtbot, window.aclose())
        window.close()
        window.deleteLater()
        journal.close()


def test_closing_before_the_stack_loaded_ends_waiting_calls(
    qtbot: Any, qasync_loop: asyncio.AbstractEventLoop
) -> None:
    client = DeferredClient(_Real, locale="en", modules=())
    widget = QWidget()
    qtbot.addWidget(widget)
    client.load_after_paint([widget])  # never shown: nothing loads

    async def call_then_close() -> bool:
        waiting = asyncio.ensure_future(client.card_info(card_number="1"))
        await asyncio.sleep(0.05)
        await client.aclose()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        return client.loaded

    assert run_async(qasync_loop, qtbot, call_then_close()) is False
