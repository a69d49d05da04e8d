"""The till window driven by real key events against the sandbox on loopback."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QSpinBox

from pos_app.sandbox import SandboxServer, qr_uuid_for
from pos_app.testing.window_helpers import (
    OFFSCREEN_NOISE,
    Tills,
    child,
    digits,
    label,
    slider,
    type_card,
    wait_for_card,
)
from pos_app.ui.common.messages import BannerKind
from pos_app.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def banner_kind(window: MainWindow) -> BannerKind:
    return window.banner.state.kind


def test_every_contract_widget_exists(till: MainWindow) -> None:
    for name in (
        "cardInput",
        "balanceLabel",
        "customerNameLabel",
        "cardNumberLabel",
        "maxDiscountLabel",
        "orderTotalInput",
        "redeemSlider",
        "discountLabel",
        "statusBanner",
        "lastUsedLabel",
        "transactionsCountLabel",
    ):
        assert till.findChild(object, name) is not None, name  # type: ignore[arg-type]


def test_typed_card_shows_the_customer(qtbot: Any, till: MainWindow) -> None:
    type_card(qtbot, till, "900-001-001")
    assert till.progress.isVisibleTo(till) or label(till, "cardNumberLabel") == "900-001-001"
    wait_for_card(qtbot, till, "900-001-001")
    assert label(till, "customerNameLabel") == "Jonas Jonaitis"
    assert label(till, "balanceLabel") == "1,000"
    assert label(till, "maxDiscountLabel") == "€10.00"
    assert label(till, "partnerLabel") == "Coffee Paradise"
    assert label(till, "cardNameLabel") == "Kavos mėgėjo kortelė"
    assert not till.progress.isVisibleTo(till)
    assert banner_kind(till) is BannerKind.NONE


def test_demo_marker_only_in_demo_mode(tills: Tills) -> None:
    demo = tills.open(demo=True)
    live = tills.open(demo=False)
    assert demo.demo_marker.isVisible()
    assert "DEMO" in demo.demo_marker.text()
    assert "DEMO" in demo.windowTitle()
    assert not live.demo_marker.isVisible()
    assert "DEMO" not in live.windowTitle()


def test_not_found_clears_the_old_card(qtbot: Any, till: MainWindow) -> None:
    type_card(qtbot, till, "900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    type_card(qtbot, till, "900-999-999")
    assert label(till, "balanceLabel") == "—"  # at once, before the answer
    qtbot.waitUntil(lambda: banner_kind(till) is BannerKind.NOT_FOUND)
    assert "900-999-999" in label(till, "statusBanner")
    assert label(till, "cardNumberLabel") == "—"
    assert label(till, "customerNameLabel") == "—"


def test_unreadable_scan_says_so(qtbot: Any, till: MainWindow) -> None:
    type_card(qtbot, till, "!!??")
    assert banner_kind(till) is BannerKind.UNREADABLE_SCAN
    assert label(till, "statusBanner") == (
        "That code isn't a loyalty card. Scan again or type the card number."
    )


def test_rejected_credentials_point_at_settings(qtbot: Any, tills: Tills) -> None:
    window = tills.open(api_secret="not-the-secret")
    type_card(qtbot, window, "900-001-001")
    qtbot.waitUntil(lambda: banner_kind(window) is BannerKind.AUTH)
    assert "check the API key in Settings" in label(window, "statusBanner")
    assert label(window, "balanceLabel") == "—"


def test_rate_limited_counts_down_and_retries_by_itself(
    qtbot: Any, till: MainWindow, sandbox: SandboxServer
) -> None:
    sandbox.faults.inject("rate_limit", path_contains="loyalty-cards")
    type_card(qtbot, till, "900-002-001")
    qtbot.waitUntil(lambda: banner_kind(till) is BannerKind.RATE_LIMITED)
    first = label(till, "statusBanner")
    assert "2 seconds" in first
    assert label(till, "balanceLabel") == "—"
    qtbot.waitUntil(lambda: "1 second…" in label(till, "statusBanner"), timeout=2500)
    wait_for_card(qtbot, till, "900-002-001", timeout=4000)
    assert label(till, "balanceLabel") == "2,500"
    assert banner_kind(till) is BannerKind.NONE


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_offline_then_f5_retries(qtbot: Any, till: MainWindow, sandbox: SandboxServer) -> None:
    sandbox.faults.inject("drop_before", path_contains="loyalty-cards")
    type_card(qtbot, till, "900-003-001")
    qtbot.waitUntil(lambda: banner_kind(till) is BannerKind.OFFLINE)
    assert child(till, QPushButton, "statusRetryButton").isVisible()
    qtbot.keyClick(till, Qt.Key.Key_F5)
    wait_for_card(qtbot, till, "900-003-001")
    assert label(till, "balanceLabel") == "500"


def test_unreachable_server_is_offline(qtbot: Any, tills: Tills) -> None:
    window = tills.open(api_url=f"http://127.0.0.1:{_closed_port()}")
    type_card(qtbot, window, "900-001-001")
    qtbot.waitUntil(lambda: banner_kind(window) is BannerKind.OFFLINE, timeout=8000)
    assert "Cannot reach" in label(window, "statusBanner")


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        ("server_error", BannerKind.SERVER),
        ("bad_gateway_html", BannerKind.SERVER),
        ("empty_503", BannerKind.SERVER),
        ("malformed_json", BannerKind.INVALID_RESPONSE),
        ("bad_envelope", BannerKind.INVALID_RESPONSE),
    ],
)
def test_server_trouble_and_unreadable_answers(
    qtbot: Any, till: MainWindow, sandbox: SandboxServer, fault: Any, kind: BannerKind
) -> None:
    type_card(qtbot, till, "900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    sandbox.faults.inject(fault, path_contains="loyalty-cards")
    type_card(qtbot, till, "900-002-001")
    qtbot.waitUntil(lambda: banner_kind(till) is kind)
    assert label(till, "cardNumberLabel") == "—"
    assert child(till, QPushButton, "statusRetryButton").isVisible()


def test_latest_scan_wins_over_a_slow_answer(
    qtbot: Any, till: MainWindow, sandbox: SandboxServer
) -> None:
    sandbox.faults.inject("slow", path_contains="900-001-001")
    type_card(qtbot, till, "900-001-001")
    qtbot.waitUntil(lambda: till.vm.busy)
    type_card(qtbot, till, "900-004-001")
    wait_for_card(qtbot, till, "900-004-001")
    assert label(till, "balanceLabel") == "10,000"
    sandbox.reset()  # wakes the slow answer; it must not replace the newer card
    qtbot.wait(100)  # a fixed wait: the dropped answer leaves no trace to wait for
    assert label(till, "cardNumberLabel") == "900-004-001"


def test_escape_clears_the_customer(qtbot: Any, till: MainWindow) -> None:
    type_card(qtbot, till, "900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    qtbot.keyClick(till.card_input, Qt.Key.Key_Escape)
    assert label(till, "balanceLabel") == "—"
    assert label(till, "lastUsedLabel") == "—"
    assert till.card_input.text() == ""
    assert till.card_input.hasFocus()


def test_f3_focuses_the_order_total(qtbot: Any, till: MainWindow) -> None:
    qtbot.keyClick(till, Qt.Key.Key_F3)
    assert child(till, QLineEdit, "orderTotalInput").hasFocus()
    qtbot.keyClick(till, Qt.Key.Key_F2)
    assert till.card_input.hasFocus()


def test_ctrl_comma_asks_for_settings(qtbot: Any, till: MainWindow) -> None:
    with qtbot.waitSignal(till.settingsRequested, timeout=1000):
        qtbot.keyClick(till, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)


def test_manager_labels_fill_while_locked(qtbot: Any, till: MainWindow) -> None:
    type_card(qtbot, till, "900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    assert till.lock.is_locked
    assert not child(till, type(till.manager_panel.last_used_label), "lastUsedLabel").isVisible()
    assert "ago" in label(till, "lastUsedLabel")
    assert digits(label(till, "transactionsCountLabel")) == "45"
    type_card(qtbot, till, "900-005-001")
    wait_for_card(qtbot, till, "900-005-001")
    assert label(till, "lastUsedLabel") == "never"
    assert label(till, "transactionsCountLabel") == "0"


def test_spin_and_slider_keep_in_step(qtbot: Any, till: MainWindow) -> None:
    type_card(qtbot, till, "900-002-001")
    wait_for_card(qtbot, till, "900-002-001")
    bar = slider(till)
    spin = child(till, QSpinBox, "redeemSpin")
    assert (bar.minimum(), bar.maximum()) == (100, 2500)
    assert bar.isEnabled()
    bar.setFocus()
    qtbot.keyClick(bar, Qt.Key.Key_End)
    assert spin.value() == 2500
    assert label(till, "discountLabel") == "€25.00"
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "700")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert bar.value() == 700
    assert label(till, "discountLabel") == "€7.00"


def test_enter_in_the_order_total_moves_on_to_the_points(qtbot: Any, till: MainWindow) -> None:
    type_card(qtbot, till, "900-001-001")
    wait_for_card(qtbot, till, "900-001-001")
    qtbot.keyClick(till, Qt.Key.Key_F3)
    field = child(till, QLineEdit, "orderTotalInput")
    qtbot.keyClicks(field, "4")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    spin = child(till, QSpinBox, "redeemSpin")
    assert spin.hasFocus()
    # Nothing redeemed until the cashier chooses: the spin box says 0, the slider rests low.
    assert spin.value() == 0
    assert slider(till).value() == slider(till).minimum() == 100
    assert label(till, "discountLabel") == "€0.00"
    assert till.vm.points == 0
    qtbot.keyClick(spin, Qt.Key.Key_Up)  # one step: the lowest amount
    assert spin.value() == slider(till).value() == 100
    qtbot.keyClick(spin, Qt.Key.Key_Up)  # and one more
    assert spin.value() == 200
    assert slider(till).value() == 200
    assert label(till, "discountLabel") == "€2.00"
    assert label(till, "amountDueLabel") == "€2.00"


def test_enter_in_the_order_total_without_a_card_goes_back_to_the_card(
    qtbot: Any, till: MainWindow
) -> None:
    qtbot.keyClick(till, Qt.Key.Key_F3)
    field = child(till, QLineEdit, "orderTotalInput")
    qtbot.keyClicks(field, "4")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert till.card_input.hasFocus()


def test_a_phone_qr_deep_link_finds_its_card(qtbot: Any, till: MainWindow) -> None:
    uuid = qr_uuid_for("900-002-001").upper()
    type_card(qtbot, till, f"]Q1loyaltylt://card?code={uuid}")
    wait_for_card(qtbot, till, "900-002-001")
    assert label(till, "balanceLabel") == "2,500"
