"""Server text is text: every label of the till and its dialogs, after a hostile card and a sale."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from pos_app.sandbox import MANAGER_BADGE, SandboxServer
from pos_app.testing.window_helpers import OFFSCREEN_NOISE, Tills, child, label, wait_for_card

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

HOSTILE = (
    "<h1 style='color:red;font-size:120px'>REFUND</h1>"
    "<img src=file:///etc/passwd><a href=x>x</a>"
)
PIECES = ("<h1", "<img", "<a href", "REFUND")


def _hostile_card(sandbox: SandboxServer, number: str) -> None:
    card = sandbox.state.card(number)
    user = dict(card["user"], name=HOSTILE, email=f"{HOSTILE}@example.com")
    partner = dict(card["partner"], name=HOSTILE)
    sandbox.state.update_card(number, card_name=HOSTILE, user=user, partner=partner)


def _every_label() -> list[QLabel]:
    labels: list[QLabel] = []
    for top in QApplication.topLevelWidgets():
        if isinstance(top, QLabel):
            labels.append(top)
        labels.extend(top.findChildren(QLabel))
    return labels


def _every_widget() -> list[QWidget]:
    widgets: list[QWidget] = []
    for top in QApplication.topLevelWidgets():
        widgets.append(top)
        widgets.extend(top.findChildren(QWidget))
    return widgets


def _assert_nothing_rendered_as_rich_text() -> int:
    """Every label showing any of the hostile text shows it as plain text; returns how many."""
    showing = 0
    for widget in _every_label():
        text = widget.text()
        name = widget.objectName() or type(widget.parent()).__name__
        if any(piece in text for piece in PIECES):
            showing += 1
            assert widget.textFormat() is Qt.TextFormat.PlainText, f"{name} renders {text[:40]!r}"
        elif widget.textFormat() is not Qt.TextFormat.PlainText:
            # Text the till wrote itself may be AutoText, but none of it may look like markup.
            assert not QtGui.mightBeRichText(text), f"{name} is rich text: {text[:60]!r}"
    for widget in _every_widget():
        tip = widget.toolTip()
        assert "<h1" not in tip, f"{widget.objectName()} tooltip renders {tip[:60]!r}"
        assert "<img" not in tip, f"{widget.objectName()} tooltip renders {tip[:60]!r}"
    return showing


def test_a_hostile_card_is_shown_as_text_everywhere(
    qtbot: Any, tills: Tills, sandbox: SandboxServer
) -> None:
    _hostile_card(sandbox, "900-001-001")
    till = tills.open()
    assert till.lock.unlock_with_badge(MANAGER_BADGE)  # the manager's view shows more of it
    till.submit_wedge_scan("900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    assert label(till, "customerNameLabel") == HOSTILE  # the whole text, as text
    assert _assert_nothing_rendered_as_rich_text() >= 3  # name, card name, partner at least
    name = child(till, QLabel, "customerNameLabel")
    assert name.height() < 80  # not a 120 px heading
    till.redemption_panel.order_total_input.setText("4")
    till.complete_sale()
    result = child(till, QWidget, "saleResultPanel")
    qtbot.waitUntil(result.isVisible, timeout=10_000)
    # Every dialog the till can open, with the hostile customer still known to it.
    till.settingsRequested.emit()
    till.qrRequested.emit()
    till.reportRequested.emit()
    qtbot.waitUntil(lambda: len(QApplication.topLevelWidgets()) >= 4)
    _assert_nothing_rendered_as_rich_text()
    for top in QApplication.topLevelWidgets():
        if top is not till and top.isVisible() and top.parent() is till:
            top.close()


def test_a_10000_character_name_never_widens_the_window(
    qtbot: Any, tills: Tills, sandbox: SandboxServer
) -> None:
    card = sandbox.state.card("900-002-001")
    long_name = "W" * 10_000
    sandbox.state.update_card(
        "900-002-001", user=dict(card["user"], name=long_name), card_name="N" * 10_000
    )
    till = tills.open()
    width = till.width()
    inner = till.scroll_area.widget()
    assert inner is not None
    till.submit_wedge_scan("900-002-001")
    wait_for_card(qtbot, till, "900-002-001")
    name = child(till, QLabel, "customerNameLabel")
    assert name.text() == long_name
    assert name.toolTip()  # the whole name, for the cashier who hovers
    assert inner.minimumSizeHint().width() < 1024
    assert till.width() == width
    assert not till.scroll_area.horizontalScrollBar().isVisible()
    child(till, QPushButton, "completeSaleButton")  # still there, still in reach
    # The next card: the window is as it was.
    till.submit_wedge_scan("900-003-001")
    wait_for_card(qtbot, till, "900-003-001")
    assert till.width() == width
    assert inner.minimumSizeHint().width() < 1024


def test_a_very_long_server_message_keeps_the_sale_panel_short(qtbot: Any, tills: Tills) -> None:
    from pos_app.ui.sale.messages import SaleBanner

    till = tills.open()
    panel = till.sale_panel
    assert panel is not None
    message = "Refused: " + "because " * 2_000
    panel.show_notice(SaleBanner("warning", message))
    banner = child(till, QLabel, "saleBanner")
    assert len(banner.text()) < 400
    assert banner.text().endswith("…")
    assert "because because" in banner.toolTip()
    assert banner.textFormat() is Qt.TextFormat.PlainText
    qtbot.waitUntil(lambda: banner.height() < 400)
    assert child(till, QPushButton, "completeSaleButton").isVisible()
