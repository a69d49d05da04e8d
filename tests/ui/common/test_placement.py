"""Where the till window opens and the size it remembers (offscreen; tests/x11 has real screens)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QWidget

from pos_app.boot import cli
from pos_app.config.settings import AppSettings, MemorySettingsStore
from pos_app.testing.helpers import run_async
from pos_app.testing.window_helpers import OFFSCREEN_NOISE, Tills
from pos_app.ui.common import placement

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def widget(qtbot: Any) -> QWidget:
    made = QWidget()
    qtbot.addWidget(made)
    return made


def test_a_till_screen_opens_maximised(widget: QWidget) -> None:
    area = placement.available_geometry(widget)
    assert area.width() <= 1920  # the offscreen screen is a till screen
    assert area.height() <= 1080
    placement.place(widget)
    assert widget.windowState() & Qt.WindowState.WindowMaximized
    assert placement.chosen_size(widget) is None  # maximised: remember nothing


def test_a_remembered_size_never_exceeds_the_screen(widget: QWidget) -> None:
    area = placement.available_geometry(widget)
    placement.place(widget, remembered=QSize(area.width() + 500, area.height() + 500))
    assert widget.windowState() & Qt.WindowState.WindowMaximized  # as big as it can be
    placement.place(widget, remembered=QSize(area.width(), area.height() - 10))
    assert widget.windowState() & Qt.WindowState.WindowMaximized  # no room for a title bar
    placement.place(widget, remembered=QSize(500, 400))
    assert not widget.windowState() & Qt.WindowState.WindowMaximized
    assert placement.chosen_size(widget) == QSize(500, 400)


def test_fullscreen_wins(widget: QWidget) -> None:
    placement.place(widget, remembered=QSize(500, 400), fullscreen=True)
    assert widget.windowState() & Qt.WindowState.WindowFullScreen


def test_the_fullscreen_flag_reaches_the_window(tills: Tills) -> None:
    assert cli.build_parser().parse_args(["--fullscreen"]).fullscreen
    assert "--fullscreen" in cli.build_parser().format_help()
    till = tills.open(fullscreen=True)
    assert till.windowState() & Qt.WindowState.WindowFullScreen


def test_the_size_the_cashier_left_is_the_next_start_size(qtbot: Any, tills: Tills) -> None:
    store = MemorySettingsStore(AppSettings())
    first = tills.open(settings=store.load(), settings_store=store)
    assert first.windowState() & Qt.WindowState.WindowMaximized
    first.showNormal()
    first.resize(700, 500)
    qtbot.waitUntil(lambda: first.size() == QSize(700, 500))
    run_async(tills.loop, qtbot, first.aclose())
    saved = store.load()
    assert (saved.window_width, saved.window_height) == (700, 500)
    second = tills.open(settings=saved, settings_store=store)
    assert not second.windowState() & Qt.WindowState.WindowMaximized
    assert second.size() == QSize(700, 500)
    second.showMaximized()
    qtbot.waitUntil(lambda: bool(second.windowState() & Qt.WindowState.WindowMaximized))
    run_async(tills.loop, qtbot, second.aclose())
    assert (store.load().window_width, store.load().window_height) == (0, 0)
