"""Where the till window opens: maximised on a till screen, at a size the cashier chose, or full."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from pos_app.config.settings import AppSettings, SettingsStore

# Screens up to this size are till screens: the till fills them (maximised).
TILL_SCREEN = QSize(1920, 1080)
# On a bigger screen (a desk monitor) it opens at this size instead, centred.
DESK_SIZE = QSize(1600, 1000)
# Room left for a window manager's borders and title bar around a window of a chosen size.
FRAME = QSize(16, 48)


def available_geometry(window: QWidget) -> QRect:
    """The part of the window's screen that windows may use (without panels and task bars)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:  # no screen at all (should not happen with a platform plugin)
        return QRect(0, 0, DESK_SIZE.width(), DESK_SIZE.height())
    return screen.availableGeometry()


def place(window: QWidget, *, remembered: QSize | None = None, fullscreen: bool = False) -> None:
    """Give a window that is not shown yet its first size and state; show() then honours it.

    `fullscreen` wins (kiosk tills). Else a size the cashier chose before (`remembered`),
    never larger than the available screen. Else maximised on a screen up to 1920x1080, and
    `DESK_SIZE` centred on a bigger one.
    """
    area = available_geometry(window)
    if fullscreen:
        window.setWindowState(Qt.WindowState.WindowFullScreen)
        return
    if remembered is not None and _fits_with_frame(remembered, area):
        _centre(window, remembered, area)
        window.setWindowState(Qt.WindowState.WindowNoState)
        return
    if area.width() <= TILL_SCREEN.width() and area.height() <= TILL_SCREEN.height():
        # The normal size (after un-maximising) also fits: the whole available area.
        _centre(window, area.size(), area)
        window.setWindowState(Qt.WindowState.WindowMaximized)
        return
    _centre(window, DESK_SIZE.boundedTo(area.size()), area)
    window.setWindowState(Qt.WindowState.WindowNoState)


def _fits_with_frame(size: QSize, area: QRect) -> bool:
    """A remembered size that fits the screen with the window manager's frame around it.

    Bigger ones (the cashier had it as big as the screen, or the screen got smaller) mean
    "as big as the screen": maximised, which is never larger than the available area.
    """
    if size.width() <= 0 or size.height() <= 0:
        return False
    return size.width() <= area.width() - FRAME.width() and (
        size.height() <= area.height() - FRAME.height()
    )


def chosen_size(window: QWidget) -> QSize | None:
    """The size to remember for next time: None when maximised or full screen (do that again)."""
    state = window.windowState()
    if state & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return None
    if state & Qt.WindowState.WindowMinimized:
        return window.normalGeometry().size()
    return window.size()


def _centre(window: QWidget, size: QSize, area: QRect) -> None:
    window.resize(size)
    left = area.x() + max(0, (area.width() - size.width()) // 2)
    top = area.y() + max(0, (area.height() - size.height()) // 2)
    window.move(left, top)


def remember_across_runs(
    window: QWidget,
    settings: Callable[[], AppSettings],
    store: SettingsStore,
    *,
    fullscreen: bool = False,
) -> None:
    """Place `window` as its settings say, and store the size it is closed at for next time.

    `settings` gives the settings as they are now (the Settings dialog may have changed them
    since start), so saving the size never undoes another change.
    """
    now = settings()
    remembered = QSize(now.window_width, now.window_height)
    place(window, remembered=remembered, fullscreen=fullscreen)

    async def save_size() -> None:
        if fullscreen:
            return  # a kiosk's full screen says nothing about the size the cashier wants
        size = chosen_size(window)
        width, height = (0, 0) if size is None else (size.width(), size.height())
        current = settings()
        if (current.window_width, current.window_height) != (width, height):
            store.save(replace(current, window_width=width, window_height=height))

    add_closer = getattr(window, "add_async_closer", None)
    if callable(add_closer):
        add_closer(save_size)


__all__ = [
    "DESK_SIZE",
    "TILL_SCREEN",
    "available_geometry",
    "chosen_size",
    "place",
    "remember_across_runs",
]
