"""The till's colours stay readable on light and dark palettes (WCAG contrast >= 4.5:1)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette

from pos_app.ui.common import theme

MIN_CONTRAST = 4.5


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palette(window: str, text: str) -> QPalette:
    result = QPalette()
    result.setColor(QPalette.ColorRole.Window, QColor(window))
    result.setColor(QPalette.ColorRole.WindowText, QColor(text))
    result.setColor(QPalette.ColorRole.AlternateBase, QColor(window))
    return result


LIGHT = palette("#efefef", "#000000")
DARK = palette("#1f2023", "#e8eaed")


@pytest.mark.parametrize("severity", sorted(theme.SEVERITY_COLOURS))
def test_banner_text_is_readable(severity: str) -> None:
    background, text = theme.SEVERITY_COLOURS[severity]
    assert contrast(background, text) >= MIN_CONTRAST


def test_demo_marker_is_readable() -> None:
    background, text = theme.DEMO_COLOURS
    assert contrast(background, text) >= MIN_CONTRAST


@pytest.mark.parametrize(("name", "pal"), [("light", LIGHT), ("dark", DARK)])
def test_money_green_is_readable_on_both_palettes(qapp: Any, name: str, pal: QPalette) -> None:
    window = pal.color(QPalette.ColorRole.Window).name()
    assert theme.is_dark(pal) == (name == "dark")
    assert contrast(theme.accent(pal), window) >= MIN_CONTRAST
