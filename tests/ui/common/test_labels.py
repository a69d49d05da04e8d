"""ElidedLabel: server text as plain text on one line, cut with "…", the whole text in a tooltip."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QLabel

from pos_app.ui.common import theme
from pos_app.ui.common.labels import ElidedLabel, plain_tooltip

HOSTILE = "<h1>REFUND</h1><img src=file:///etc/passwd><a href=x>x</a>"


def test_text_is_kept_whole_and_plain(qtbot: Any) -> None:
    label = ElidedLabel(HOSTILE)
    qtbot.addWidget(label)
    label.setTextFormat(Qt.TextFormat.RichText)  # asked for rich text: still plain
    assert label.text() == HOSTILE
    assert label.textFormat() is Qt.TextFormat.PlainText


def test_a_long_text_asks_for_little_width_and_tooltips_the_whole(qtbot: Any) -> None:
    label = ElidedLabel("W" * 10_000)
    qtbot.addWidget(label)
    plain = QLabel("W" * 10_000)
    qtbot.addWidget(plain)
    assert plain.sizeHint().width() > 50_000  # what a QLabel would ask the window for
    assert label.sizeHint().width() < 600
    assert label.minimumSizeHint().width() < 200
    label.resize(300, label.sizeHint().height())
    label.show()
    qtbot.waitExposed(label)
    assert label.is_elided()
    assert "WWW" in label.toolTip()
    label.setText("Jonas")
    assert not label.is_elided()
    assert label.toolTip() == ""


def test_tooltips_show_markup_literally() -> None:
    tip = plain_tooltip(HOSTILE)
    assert "<h1>" not in tip
    assert "&lt;h1&gt;REFUND" in tip
    assert QtGui.mightBeRichText(tip)  # rich text whose only markup is ours
    assert len(plain_tooltip("x" * 10_000)) < 1_000


def test_line_breaks_show_as_spaces(qtbot: Any) -> None:
    label = ElidedLabel("Jonas\n\nJonaitis")
    qtbot.addWidget(label)
    assert label.shown_text() == "Jonas Jonaitis"
    assert label.text() == "Jonas\n\nJonaitis"


def test_fonts_shrink_on_short_screens(qtbot: Any) -> None:
    assert theme.density_for_height(1061) == 1.0  # 1920x1080 less a title bar
    assert theme.density_for_height(900) == 1.0
    assert theme.density_for_height(749) == theme.COMPACT  # 1024x768 and 1366x768
    assert theme.density_for_height(707) == theme.COMPACT  # 1920x1080 at QT_SCALE_FACTOR 1.5
    assert theme.density_for_height(531) == theme.TINY  # ... at 2
    label = QLabel("x")
    qtbot.addWidget(label)
    size = theme.font(label, 40).pointSizeF()
    assert abs(size - 40 * theme.density(label)) < 0.01
    assert theme.font(label, 1).pointSizeF() == theme.MIN_PT
