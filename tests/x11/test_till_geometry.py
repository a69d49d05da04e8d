"""The till on real till screens: maximised, one title, every control whole through a sale."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from pos_app.testing.xserver import Geometry, TillProcess, XServer
from tests.x11.conftest import UNLIMITED_SETTINGS, TillFactory

CARD, NEXT_CARD = "900-002-001", "900-003-001"
ALWAYS = (
    "cardInput",
    "lookupButton",
    "qrButton",
    "reportButton",
    "settingsButton",
    "shortcutHint",
    "demoMarker",
)
DURING = (
    "customerNameLabel",
    "cardNumberLabel",
    "balanceLabel",
    "maxDiscountLabel",
    "orderTotalInput",
    "redeemSlider",
    "redeemSpin",
    "usePointsToggle",
    "presetLowestButton",
    "presetHighestButton",
    "presetCoverButton",
    "discountLabel",
    "amountDueLabel",
    "completeSaleButton",
)
AFTER = (
    "customerNameLabel",
    "balanceLabel",
    "saleResultPanel",
    "pointsRedeemedLabel",
    "discountAppliedLabel",
    "amountToPayLabel",
    "pointsAwardedLabel",
    "newBalanceLabel",
    "newSaleButton",
)
MANAGER = ("lastUsedLabel", "transactionsCountLabel", "cardIdLabel", "historyTable")
BADGE = "100000001"  # the demo's manager badge
TITLE = "Loyalty.lt till — DEMO"  # in every language


def _widgets(state: dict[str, Any]) -> dict[str, Any]:
    return dict(state["widgets"])


def _assert_whole(till: TillProcess, names: Sequence[str], where: str, shots: Path) -> None:
    state = till.state(*names)
    cut = [n for n in names if not _widgets(state).get(n, {}).get("whole")]
    if cut:
        shot = till.server.screenshot(shots / f"{where}.png")
        details = {n: _widgets(state).get(n) for n in cut}
        pytest.fail(f"{where}: not wholly on screen: {details} (screenshot {shot})")


def _focus(state: dict[str, Any]) -> str | None:
    return None if state["focus"] is None else str(state["focus"]["name"])


def _text(till: TillProcess, name: str) -> str:
    return till.text(name) or ""


def _wait_ready(till: TillProcess) -> None:
    """The sale side is attached right after the first paint: wait for Complete sale."""
    till.wait_until(lambda s: "completeSaleButton" in _widgets(s), "completeSaleButton")


def _fits(server: XServer, frame: Geometry) -> bool:
    width, height = server.size
    return frame.x >= 0 and frame.y >= 0 and frame.right <= width and frame.bottom <= height


@pytest.mark.parametrize(
    ("xserver", "locale", "manager"),
    [
        ("1024x768", "en", False),
        ("1024x768", "lt", False),
        ("1024x768", "lt", True),
        ("1366x768", "en", False),
        ("1366x768", "lt", False),
        ("1920x1080", "en", False),
    ],
    indirect=["xserver"],
)
def test_a_whole_keyboard_sale_fits_the_screen(
    xserver: XServer,
    start_till: TillFactory,
    unlimited_demo_args: tuple[str, ...],
    locale: str,
    manager: bool,
    sandbox_server: Any,
    tmp_path: Path,
) -> None:
    """`manager`: the manager's view is unlocked too (the card's history, its details)."""
    sandbox_server.state.update_card(CARD, points=2500)  # each run here redeems 500 of them
    till = start_till(args=(*unlimited_demo_args, "--locale", locale), settings=UNLIMITED_SETTINGS)
    assert till.window is not None
    # One title, the window manager's too (Qt appends the display name when they differ).
    name = xserver.run(["xdotool", "getwindowname", str(till.window)]).stdout.strip()
    assert name == TITLE
    frame = xserver.geometry(till.window, frame=True)
    client = xserver.geometry(till.window)
    width, height = xserver.size
    assert _fits(xserver, frame), f"{frame} on a {width}x{height} screen"
    assert client.width == width  # maximised: the whole width, down to the bottom edge
    assert client.bottom == height
    where = f"{width}x{height}-{locale}" + ("-manager" if manager else "")
    _wait_ready(till)
    during, after = DURING, AFTER
    if manager:
        xserver.scan_us(BADGE)  # the demo's manager badge
        till.wait_until(lambda s: s["attrs"]["lock.is_locked"] is False, attrs=("lock.is_locked",))
        during = (*DURING, *MANAGER)
        after = (*AFTER, *MANAGER)
    _assert_whole(till, ALWAYS, f"{where}-start", tmp_path)

    # scan -> order total -> choose points -> Ctrl+Enter, all by keyboard.
    xserver.press("F2")
    till.wait_until(lambda s: _focus(s) == "cardInput")
    xserver.scan_us(CARD)
    till.wait_until(
        lambda s: CARD in (_widgets(s)["cardNumberLabel"]["text"] or ""), "cardNumberLabel"
    )
    xserver.press("F3")
    till.wait_until(lambda s: _focus(s) == "orderTotalInput")
    xserver.type_slowly("7.35", delay_ms=120)
    xserver.press("Return")  # on to the points
    till.wait_until(lambda s: _focus(s) == "redeemSpin")
    _assert_whole(till, (*ALWAYS, *during), f"{where}-choosing", tmp_path)
    assert _text(till, "discountLabel") in ("€0.00", "0,00\u00a0€")  # none until chosen
    xserver.type_slowly("500", delay_ms=120)
    xserver.press("Return")
    till.wait_until(
        lambda s: _widgets(s)["discountLabel"]["text"] in ("€5.00", "5,00\u00a0€"), "discountLabel"
    )
    xserver.press("ctrl+Return")
    till.wait_until(
        lambda s: _widgets(s)["saleResultPanel"]["visible"], "saleResultPanel", timeout_s=20
    )
    till.wait_until(
        lambda s: _widgets(s)["newBalanceLabel"]["text"] not in ("", "—"), "newBalanceLabel"
    )
    assert _text(till, "pointsRedeemedLabel") == "500"
    _assert_whole(till, (*ALWAYS, *after), f"{where}-result", tmp_path)
    # The window never grew.
    assert xserver.geometry(till.window) == client

    # The next customer's scan starts the next sale: the result and the order total go.
    xserver.scan_us(NEXT_CARD)
    state = till.wait_until(
        lambda s: NEXT_CARD in (_widgets(s)["cardNumberLabel"]["text"] or ""),
        "cardNumberLabel",
        "saleResultPanel",
        "orderTotalInput",
        "redeemSpin",
    )
    assert not _widgets(state)["saleResultPanel"]["visible"]
    assert _widgets(state)["orderTotalInput"]["text"] == ""
    assert _widgets(state)["orderTotalInput"]["visible"]
    _assert_whole(till, (*ALWAYS, *during), f"{where}-next", tmp_path)
    assert xserver.geometry(till.window) == client


@pytest.mark.parametrize("xserver", ["1024x768"], indirect=True)
def test_a_10000_character_name_does_not_widen_the_window(
    xserver: XServer, start_till: TillFactory, sandbox_server: Any, tmp_path: Path
) -> None:
    card = sandbox_server.state.card(NEXT_CARD)
    user = dict(card["user"], name="W" * 10_000)
    sandbox_server.state.update_card(NEXT_CARD, user=user)
    try:
        till = start_till(args=("--demo", "--api-url", sandbox_server.base_url))
        assert till.window is not None
        client = xserver.geometry(till.window)
        _wait_ready(till)
        xserver.scan_us(NEXT_CARD)
        till.wait_until(
            lambda s: NEXT_CARD in (_widgets(s)["cardNumberLabel"]["text"] or ""), "cardNumberLabel"
        )
        _assert_whole(till, (*ALWAYS, *DURING), "long-name", tmp_path)
        state = till.state("customerNameLabel")
        assert _widgets(state)["customerNameLabel"]["tooltip"]  # the whole name on hover
        assert xserver.geometry(till.window) == client
    finally:
        sandbox_server.state.update_card(NEXT_CARD, user=card["user"])


@pytest.mark.parametrize(
    ("xserver", "scale"), [("1920x1080", "1.5"), ("1920x1080", "2")], indirect=["xserver"]
)
def test_high_dpi_scale_factors_fit_the_screen(
    xserver: XServer,
    start_till: TillFactory,
    unlimited_demo_args: tuple[str, ...],
    scale: str,
    tmp_path: Path,
) -> None:
    """1.5 leaves 1280x720 logical pixels: everything fits. 2 leaves 960x540: the window
    still fits the screen and the sale's controls are whole; the key line may scroll."""
    till = start_till(
        args=unlimited_demo_args, env={"QT_SCALE_FACTOR": scale}, settings=UNLIMITED_SETTINGS
    )
    assert till.window is not None
    frame = xserver.geometry(till.window, frame=True)
    assert _fits(xserver, frame), f"{frame} at QT_SCALE_FACTOR={scale}"
    _wait_ready(till)
    xserver.scan_us(CARD)
    till.wait_until(
        lambda s: CARD in (_widgets(s)["cardNumberLabel"]["text"] or ""), "cardNumberLabel"
    )
    wanted = (*ALWAYS, *DURING) if scale == "1.5" else ("cardInput", *DURING)
    _assert_whole(till, wanted, f"scale-{scale}", tmp_path)
    assert _fits(xserver, xserver.geometry(till.window, frame=True))


@pytest.mark.parametrize("xserver", ["1366x768"], indirect=True)
def test_a_remembered_size_is_kept_within_the_screen(
    xserver: XServer, start_till: TillFactory
) -> None:
    small = start_till(settings={"window_width": "900", "window_height": "600"})
    assert small.window is not None
    client = xserver.geometry(small.window)
    assert (client.width, client.height) == (900, 600)  # the size the cashier left
    assert _fits(xserver, xserver.geometry(small.window, frame=True))
    small.close()
    huge = start_till(settings={"window_width": "5000", "window_height": "4000"})
    assert huge.window is not None
    frame = xserver.geometry(huge.window, frame=True)
    assert _fits(xserver, frame), f"{frame} on 1366x768"


@pytest.mark.parametrize("xserver", ["1024x768"], indirect=True)
def test_fullscreen_takes_the_whole_screen(
    xserver: XServer,
    start_till: TillFactory,
    unlimited_demo_args: tuple[str, ...],
    tmp_path: Path,
) -> None:
    till = start_till(args=(*unlimited_demo_args, "--fullscreen"), settings=UNLIMITED_SETTINGS)
    assert till.window is not None
    width, height = xserver.size
    till.wait_until(lambda s: "completeSaleButton" in _widgets(s), "completeSaleButton")
    frame = xserver.geometry(till.window, frame=True)
    assert (frame.x, frame.y, frame.width, frame.height) == (0, 0, width, height)  # no title bar
    _assert_whole(till, (*ALWAYS, "completeSaleButton"), "fullscreen", tmp_path)
