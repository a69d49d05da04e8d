"""Driving a demo till like a cashier for screenshots: open one on the sandbox, wait for a state."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from pos_app.app import TillOptions, create_main_window
from pos_app.config.settings import AppSettings, MemorySettingsStore
from pos_app.sale.journal import SaleJournal
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer
from pos_app.ui.main_window import MainWindow


def demo_till(
    sandbox: SandboxServer, locale: str, journal: SaleJournal, **options: Any
) -> MainWindow:
    """A demo till on `sandbox` in `locale`, settings in memory, shown (not yet resized)."""
    window = create_main_window(
        api_url=sandbox.base_url,
        api_key=DEMO_API_KEY,
        api_secret=DEMO_API_SECRET,
        locale=locale,
        options=TillOptions(
            demo=True,
            settings=AppSettings(locale="lt" if locale == "lt" else "en"),
            settings_store=MemorySettingsStore(),
            journal=journal,
            **options,
        ),
    )
    window.show()
    return window


async def until(predicate: Callable[[], bool]) -> None:
    """Wait until `predicate()` holds, polling the Qt state; TimeoutError after 10 s."""
    async with asyncio.timeout(10.0):
        while not predicate():  # noqa: ASYNC110 (polls Qt state, no event to wait on)
            await asyncio.sleep(0.01)
