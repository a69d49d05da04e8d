"""Opening the real till window against the loopback sandbox, and reading it like a cashier."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QSlider, QWidget

from pos_app.app import TillOptions, create_main_window
from pos_app.config.settings import AppSettings, MemorySettingsStore
from pos_app.sale.journal import SaleJournal
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET, SandboxServer
from pos_app.testing.helpers import run_async
from pos_app.ui.main_window import MainWindow

# The offscreen platform warns on every top-level resize and raise; it says nothing about our code.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise)\(\)"


class Tills:
    """Makes till windows for one test and closes each (HTTP client included) afterwards."""

    def __init__(
        self,
        qtbot: Any,
        loop: asyncio.AbstractEventLoop,
        sandbox: SandboxServer,
        tmp_path: Path,
    ) -> None:
        self.qtbot = qtbot
        self.loop = loop
        self.sandbox = sandbox
        self.tmp_path = tmp_path
        self.windows: list[MainWindow] = []
        self.journals: list[SaleJournal] = []

    def open(
        self,
        *,
        locale: str = "en",
        settings: AppSettings | None = None,
        api_url: str | None = None,
        api_secret: str = DEMO_API_SECRET,
        demo: bool = True,
        settings_store: MemorySettingsStore | None = None,
        before_show: Callable[[MainWindow], None] | None = None,
        **extra: Any,
    ) -> MainWindow:
        journal = SaleJournal(self.tmp_path / f"journal-{len(self.journals)}.sqlite")
        self.journals.append(journal)
        window = create_main_window(
            api_url=api_url or self.sandbox.base_url,
            api_key=DEMO_API_KEY,
            api_secret=api_secret,
            locale=locale,
            options=TillOptions(
                journal=journal,
                demo=demo,
                # Silent unless a test asks: a developer's speakers are not part of the suite.
                settings=settings or AppSettings(sound_enabled=False),
                settings_store=settings_store or MemorySettingsStore(),
                **extra,
            ),
        )
        if before_show is not None:  # what happens before the first paint (a very early scan)
            before_show(window)
        # Not qtbot.addWidget: pytest-qt deletes those before this fixture's teardown can
        # await window.aclose() (which closes the HTTP client).
        window.show()
        self.qtbot.waitExposed(window)
        window.activateWindow()
        self.qtbot.waitUntil(window.isActiveWindow)
        self.windows.append(window)
        return window

    def close_all(self) -> None:
        for window in self.windows:
            run_async(self.loop, self.qtbot, window.aclose())
            window.close()
            window.deleteLater()
        for journal in self.journals:
            journal.close()


def child(window: QWidget, kind: type[Any], name: str) -> Any:
    widget = window.findChild(kind, name)
    assert widget is not None, f"{name} missing"
    return widget


def label(window: QWidget, name: str) -> str:
    return str(child(window, QLabel, name).text())


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def type_card(qtbot: Any, window: QWidget, text: str) -> None:
    """What a cashier does: F2, type the number, Enter."""
    qtbot.keyClick(window, Qt.Key.Key_F2)
    card_input = child(window, QLineEdit, "cardInput")
    assert card_input.hasFocus()
    qtbot.keyClicks(card_input, text)
    qtbot.keyClick(card_input, Qt.Key.Key_Return)


def wait_for_card(qtbot: Any, window: QWidget, card_number: str, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: label(window, "cardNumberLabel") == card_number, timeout=timeout)


def slider(window: QWidget) -> QSlider:
    result: QSlider = child(window, QSlider, "redeemSlider")
    return result
