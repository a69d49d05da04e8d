"""The customer display on a real X server with two monitors: it opens on the second one."""

from __future__ import annotations

import shutil
import time
from typing import Any

import pytest

from pos_app.testing.xserver import XServer
from tests.x11.conftest import TillFactory

# One 2390x768 screen, split by RandR into the cashier's 1366x768 and a 1024x600 to its right.
pytestmark = pytest.mark.parametrize("xserver", ["2390x768"], indirect=True)


def _two_monitors(server: XServer) -> None:
    if shutil.which("xrandr") is None:
        pytest.skip("needs xrandr (x11-xserver-utils) to give the X server two monitors")
    for args in (
        ["--setmonitor", "TILL", "1366/361x768/203+0+0", "none"],
        ["--setmonitor", "FACING", "1024/271x600/159+1366+0", "none"],
        ["--delmonitor", "screen"],
    ):
        server.run(["xrandr", *args], check=False)
    if "FACING" not in server.run(["xrandr", "--listmonitors"]).stdout:
        pytest.skip("this X server does not take RandR monitors")


def _wait(condition: Any, timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        time.sleep(0.1)


def test_the_customer_display_fills_the_second_monitor_and_the_till_keeps_the_keyboard(
    xserver: XServer, start_till: TillFactory
) -> None:
    _two_monitors(xserver)
    till = start_till()  # "auto", the default: a second monitor is there, so it opens
    display = xserver.wait_for_window("for the customer")
    shown = xserver.geometry(display)
    assert (shown.x, shown.y, shown.width, shown.height) == (1366, 0, 1024, 600)
    assert till.window is not None
    cashier = xserver.geometry(till.window, frame=True)
    assert cashier.x + cashier.width <= 1366  # the till stays on its own monitor
    assert xserver.active_window() == till.window

    xserver.scan_us("900-004-001")

    def greeted() -> bool:
        widgets = till.state("displayHeadline", "cardNumberLabel")["widgets"]
        return str(widgets["displayHeadline"]["text"]).startswith("Hello")

    _wait(greeted)
    assert xserver.active_window() == till.window  # the scan went to the till, not the display
