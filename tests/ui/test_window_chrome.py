"""The window's title and icon: one title (no doubled display name), the shipped icon."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from pos_app.testing.window_helpers import OFFSCREEN_NOISE, Tills
from pos_app.ui.common.icon import app_icon

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def test_one_title_with_demo_once(tills: Tills) -> None:
    till = tills.open(demo=True)
    assert till.windowTitle() == "Loyalty.lt till — DEMO"
    # X11 and Wayland append the display name to a title that does not end with it.
    assert till.windowTitle().endswith(QGuiApplication.applicationDisplayName())
    live = tills.open(demo=False)
    assert live.windowTitle() == "Loyalty.lt till"
    assert live.windowTitle().endswith(QGuiApplication.applicationDisplayName())


def test_the_window_has_the_shipped_icon(tills: Tills) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert icon.pixmap(64, 64).width() == 64
    till = tills.open()
    assert not till.windowIcon().isNull()
    assert not QGuiApplication.windowIcon().isNull()  # its dialogs' icon too
    assert till.windowIcon().pixmap(32, 32).toImage() == icon.pixmap(32, 32).toImage()
