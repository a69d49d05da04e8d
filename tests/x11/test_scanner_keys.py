"""Keyboard-wedge scanners on a real X server: XTest key bursts into the real till, in four
keyboard layouts, from scanners programmed for US and for the host layout."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pos_app.sandbox.data import qr_uuid_for
from pos_app.testing.xserver import DEFAULT_SIZE, TillProcess
from tests.x11.conftest import UNLIMITED_SETTINGS, XServers

LAYOUTS = ["us", "lt", "de", "fr"]
CARD_A, CARD_B = "900-001-001", "900-002-001"
BADGE = "100000001"  # the demo's manager badge (no PIN or badge configured)
WATCHED = ("cardInput", "cardNumberLabel", "customerNameLabel", "orderTotalInput")


@pytest.fixture(scope="module")
def till(
    xservers: XServers,
    tmp_path_factory: pytest.TempPathFactory,
    unlimited_demo_args: tuple[str, ...],
) -> Iterator[TillProcess]:
    """One demo till for the module (a few starts keep the tier fast), on a sandbox without
    a rate limit: the module looks up some forty cards within seconds."""
    server = xservers.get(DEFAULT_SIZE)
    server.set_layout("us")
    home = tmp_path_factory.mktemp("till-home")
    till = TillProcess(server, unlimited_demo_args, home=home, settings=UNLIMITED_SETTINGS)
    try:
        till.wait_for_window()
        till.server.press("F2")  # wherever the focus starts, F2 is the card field
        till.wait_until(lambda s: _focus(s) == "cardInput")
        yield till
    finally:
        server.set_layout("us")
        till.close()


def _focus(state: dict[str, Any]) -> str | None:
    focus = state["focus"]
    return None if focus is None else str(focus["name"])


def _text(state: dict[str, Any], name: str) -> str:
    return str(state["widgets"][name]["text"] or "")


def _shows_card(card: str) -> Any:
    return lambda state: card in _text(state, "cardNumberLabel")


def _scan(till: TillProcess, card: str, programmed: str) -> None:
    if programmed == "us":
        till.server.scan_us(card, delay_ms=3)  # US key positions, whatever the layout
    else:
        till.server.type_text(card + "\n", delay_ms=3)  # the right characters in this layout


def _focus_field(till: TillProcess, key: str, name: str) -> dict[str, Any]:
    till.server.press(key)
    return till.wait_until(lambda s: _focus(s) == name, *WATCHED)


@pytest.mark.parametrize("programmed", ["us", "host"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_scan_lands_as_the_right_card_from_the_card_field_and_the_order_total(
    till: TillProcess, layout: str, programmed: str
) -> None:
    till.server.set_layout(layout)
    _focus_field(till, "F2", "cardInput")
    _scan(till, CARD_A, programmed)
    till.wait_until(_shows_card(CARD_A), *WATCHED)

    before = _focus_field(till, "F3", "orderTotalInput")
    _scan(till, CARD_B, programmed)
    after = till.wait_until(_shows_card(CARD_B), *WATCHED)
    assert _text(after, "orderTotalInput") == _text(before, "orderTotalInput")
    assert _text(after, "cardInput") == CARD_B


@pytest.mark.parametrize("programmed", ["us", "host"])
@pytest.mark.parametrize("layout", ["lt", "de", "fr"])
def test_a_qr_link_lands_as_its_card(till: TillProcess, layout: str, programmed: str) -> None:
    """A link is full of characters layouts move (":", "/", ".", letters a-f on AZERTY)."""
    till.server.set_layout(layout)
    _focus_field(till, "F2", "cardInput")
    for card in ("900-003-001", "900-004-001"):
        _scan(till, f"https://loyalty.lt/c/{qr_uuid_for(card)}", programmed)
        till.wait_until(_shows_card(card), *WATCHED)


def test_an_amount_typed_quickly_into_the_order_total_is_not_a_scan(till: TillProcess) -> None:
    _focus_field(till, "F2", "cardInput")
    _scan(till, CARD_A, "us")
    shown = till.wait_until(_shows_card(CARD_A), *WATCHED)
    _focus_field(till, "F3", "orderTotalInput")
    till.server.run(["xdotool", "key", "ctrl+a"])
    till.server.type_text("12.50", delay_ms=36)  # a quick cashier, 36 ms a key
    state = till.wait_until(
        lambda s: "12.50" in _text(s, "orderTotalInput"), *WATCHED, attrs=["vm.banner.kind"]
    )
    assert _text(state, "customerNameLabel") == _text(shown, "customerNameLabel")
    assert _text(state, "cardNumberLabel") == _text(shown, "cardNumberLabel")
    assert state["attrs"]["vm.banner.kind"] not in {"unreadable_scan", "busy", "not_found"}
    assert _focus(state) == "orderTotalInput"


def test_the_badge_typed_slowly_does_not_unlock_and_is_not_left_visible(
    till: TillProcess,
) -> None:
    _focus_field(till, "F2", "cardInput")
    locked = till.state(attrs=["lock.is_locked"])
    assert locked["attrs"]["lock.is_locked"] is True
    till.server.type_text(BADGE, delay_ms=150)  # a person, not a scanner
    till.server.press("Return")
    state = till.wait_until(
        lambda s: s["attrs"]["vm.banner.kind"] == "badge_typed",
        *WATCHED,
        attrs=["lock.is_locked", "vm.banner.kind"],
    )
    assert state["attrs"]["lock.is_locked"] is True
    assert BADGE not in _text(state, "cardInput")

    till.server.scan_us(BADGE, delay_ms=3)  # the badge scanned does unlock
    state = till.wait_until(lambda s: s["attrs"]["lock.is_locked"] is False, *WATCHED,
                            attrs=["lock.is_locked"])
    assert BADGE not in _text(state, "cardInput")


def test_a_scan_inside_a_dialog_is_not_looked_up_behind_it(till: TillProcess) -> None:
    """Settings open over the till: the burst is the dialog's, the customer behind stays."""
    _focus_field(till, "F2", "cardInput")
    _scan(till, CARD_A, "us")
    shown = till.wait_until(_shows_card(CARD_A), *WATCHED)
    till.server.press("ctrl+comma")
    till.wait_until(lambda s: "Settings" in (s["active"] or ""))
    till.server.scan_us(CARD_B, delay_ms=3)
    # Had the burst been looked up, the customer would be cleared at once; had its Enter
    # pressed Save, this Escape would reach the till and clear the customer.
    till.server.press("Escape")
    state = till.wait_until(lambda s: "Settings" not in " ".join(s["windows"]), *WATCHED)
    assert _text(state, "cardNumberLabel") == _text(shown, "cardNumberLabel")
    assert _text(state, "cardInput") == CARD_A
