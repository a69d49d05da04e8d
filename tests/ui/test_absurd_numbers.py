"""Numbers no real card can have: the unreadable-answer banner, never a half-drawn customer."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton

from pos_app.sandbox import SandboxServer
from pos_app.testing.window_helpers import (
    OFFSCREEN_NOISE,
    Tills,
    child,
    label,
    type_card,
    wait_for_card,
)
from pos_app.ui.common.messages import BannerKind
from pos_app.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def till(tills: Tills) -> MainWindow:
    return tills.open()


@pytest.mark.parametrize("points", [10**29, 2**63, -1])
def test_an_absurd_balance_shows_the_unreadable_banner_and_no_customer(
    qtbot: Any, till: MainWindow, sandbox: SandboxServer, points: int
) -> None:
    type_card(qtbot, till, "900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    sandbox.state.update_card("900-002-001", points=points)
    type_card(qtbot, till, "900-002-001")
    qtbot.waitUntil(lambda: till.banner.state.kind is BannerKind.INVALID_RESPONSE)
    assert label(till, "cardNumberLabel") == "—"
    assert label(till, "balanceLabel") == "—"
    assert label(till, "customerNameLabel") in ("", "—")
    assert not child(till, QPushButton, "completeSaleButton").isEnabled()
