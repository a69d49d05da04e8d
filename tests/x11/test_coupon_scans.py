"""Coupons scanned into the real till on a real X server: a scanner's Enter never redeems."""

from __future__ import annotations

from typing import Any

from pos_app.sandbox import ACTIVE_COUPON, USED_COUPON, SandboxServer
from pos_app.testing.xserver import TillProcess
from tests.x11.conftest import UNLIMITED_SETTINGS, TillFactory

DIALOG = ("couponNotice", "couponCodeInput", "couponRedeemButton")


def _text(state: dict[str, Any], name: str) -> str:
    widget = state["widgets"].get(name)
    return "" if widget is None or not widget["visible"] else str(widget["text"] or "")


def _notice(words: str) -> Any:
    return lambda state: words in _text(state, "couponNotice")


def _redeems(sandbox: SandboxServer) -> int:
    return sum(1 for e in sandbox.state.request_log if e.path.endswith("/coupons/redeem"))


def test_a_scanner_into_the_coupon_dialog_checks_and_never_redeems(
    start_till: TillFactory, unlimited_demo_args: tuple[str, ...], sandbox: SandboxServer
) -> None:
    till: TillProcess = start_till(args=unlimited_demo_args, settings=UNLIMITED_SETTINGS)
    till.server.press("F2")
    till.wait_until(lambda s: s["focus"] is not None and s["focus"]["name"] == "cardInput")

    till.server.scan_us(ACTIVE_COUPON)  # a US-programmed scanner: code, then Enter
    till.wait_until(_notice("Valid."), *DIALOG)
    assert _redeems(sandbox) == 0

    # A second coupon scanned while the dialog is in front: its Enter must not redeem the first.
    till.server.scan_us(USED_COUPON)
    state = till.wait_until(_notice("already been used"), *DIALOG)
    assert _text(state, "couponCodeInput") == USED_COUPON
    assert _redeems(sandbox) == 0
    assert sandbox.state.games.coupon(ACTIVE_COUPON)["status"] == "active"

    # The cashier's own Enter on a refused coupon does nothing either.
    till.server.press("Return")
    till.wait_until(_notice("already been used"), *DIALOG)
    assert _redeems(sandbox) == 0

    # Scanned again, then the one key: redeemed, once.
    till.server.scan_us(ACTIVE_COUPON)
    till.wait_until(_notice("Valid."), *DIALOG)
    till.server.press("Return")
    till.wait_until(_notice("Redeemed"), *DIALOG)
    assert _redeems(sandbox) == 1
    assert sandbox.state.games.coupon(ACTIVE_COUPON)["status"] == "used"
