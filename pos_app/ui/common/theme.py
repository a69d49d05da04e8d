"""The till's look: large type for arm's length, colours that work on light and dark palettes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

# Point sizes (not pixels) so high-DPI screens scale them; relative to the platform default.
BALANCE_PT = 44
NAME_PT = 22
BIG_PT = 18
BODY_PT = 14
SMALL_PT = 11
# Screens shorter than this (logical pixels, without task bars) get the compact sizes.
TALL_SCREEN_PX = 900
COMPACT = 0.85
# Shorter still (1920x1080 at QT_SCALE_FACTOR=2 leaves 540): smaller again; the rest scrolls.
SHORT_SCREEN_PX = 680
TINY = 0.7
MIN_PT = 8.0

# Banner colours by severity: (background, text). Saturated enough to read on either palette.
SEVERITY_COLOURS: dict[str, tuple[str, str]] = {
    "error": ("#b3261e", "#ffffff"),
    "warning": ("#f4c542", "#1b1b1b"),
    "info": ("#1d64c8", "#ffffff"),
    "busy": ("#3d5a80", "#ffffff"),
}
DEMO_COLOURS = ("#c2410c", "#ffffff")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def density(widget: QWidget) -> float:
    """How much of each point size the widget's screen has room for: all of it on a tall
    screen, less on a short till screen (1024x768, 1366x768) so a whole sale fits on it."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return 1.0
    return density_for_height(screen.availableGeometry().height())


def density_for_height(height: int) -> float:
    """The share of each point size for a screen with `height` logical pixels to use."""
    if height >= TALL_SCREEN_PX:
        return 1.0
    return COMPACT if height >= SHORT_SCREEN_PX else TINY


def font(widget: QWidget, point_size: int, *, bold: bool = False) -> QFont:
    """The widget's font at `point_size` (less on a short screen: `density`), optionally bold."""
    result = QFont(widget.font())
    result.setPointSizeF(max(MIN_PT, point_size * density(widget)))
    result.setBold(bold)
    return result


def set_font(widget: QWidget, point_size: int, *, bold: bool = False) -> None:
    widget.setFont(font(widget, point_size, bold=bold))


def banner_style(severity: str, palette: QPalette) -> str:
    """Style sheet for the status banner's severity; the idle banner follows the palette."""
    if severity in SEVERITY_COLOURS:
        background, text = SEVERITY_COLOURS[severity]
    else:
        background = palette.color(QPalette.ColorRole.AlternateBase).name()
        text = palette.color(QPalette.ColorRole.WindowText).name()
    return f"background-color: {background}; color: {text}; border-radius: 6px; padding: 10px 14px;"


def demo_style() -> str:
    background, text = DEMO_COLOURS
    return (
        f"background-color: {background}; color: {text}; font-weight: bold; "
        "border-radius: 4px; padding: 6px 12px;"
    )


def accent(palette: QPalette) -> str:
    """A green for money figures that stays readable on the current palette."""
    return "#7ee2a8" if is_dark(palette) else "#1b7a3d"


def muted(palette: QPalette) -> str:
    return palette.color(QPalette.ColorRole.PlaceholderText).name()


def toggle_style(palette: QPalette) -> str:
    """A checkable button whose on/off state reads at a glance on either palette."""
    on_background, on_text = SEVERITY_COLOURS["info"]
    off_border = palette.color(QPalette.ColorRole.Mid).name()
    return (
        f"QPushButton {{ border: 1px solid {off_border}; border-radius: 4px; padding: 4px 10px; }}"
        f"QPushButton:checked {{ background-color: {on_background}; color: {on_text};"
        f" border-color: {on_background}; }}"
        "QPushButton:disabled { color: palette(mid); }"
    )
