"""The X server tier itself: a server per size, the real till as a child, a scan via XTest."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_app.testing.xserver import SCREEN_SIZES, XServer
from tests.x11.conftest import TillFactory


@pytest.mark.parametrize("xserver", SCREEN_SIZES, indirect=True)
def test_each_screen_size_has_its_server_and_a_window_manager(xserver: XServer) -> None:
    width, height = xserver.size
    root = xserver.run(["xwininfo", "-root"]).stdout
    assert f"Width: {width}" in root
    assert f"Height: {height}" in root
    wm = xserver.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"]).stdout
    assert "window id" in wm  # openbox runs: windows get focus


def test_the_real_till_shows_focused_and_takes_a_scan(
    xserver: XServer, start_till: TillFactory, tmp_path: Path
) -> None:
    till = start_till()
    assert till.window is not None
    assert xserver.active_window() == till.window
    geometry = xserver.geometry(till.window)
    assert geometry.width > 0
    assert geometry.height > 0
    till.wait_until(lambda s: s["focus"] is not None and s["focus"]["name"] == "cardInput")

    xserver.scan_us("900-001-001", delay_ms=3)  # a US-programmed scanner under the US layout
    state = till.wait_until(
        lambda s: "900-001-001" in (s["widgets"]["cardNumberLabel"]["text"] or ""),
        "cardNumberLabel",
        "customerNameLabel",
    )
    assert state["widgets"]["customerNameLabel"]["text"]

    shot = xserver.screenshot(tmp_path / "till.png", till.window)
    assert shot.stat().st_size > 1000
