"""The real-X-server tier: Xvfb + openbox per screen size, the real till as a child process.

Every test here is marked `x11` and skipped, with the reason, when Xvfb, openbox, xdotool,
xwininfo, setxkbmap or libXtst is missing (`bash scripts/setup.sh` installs them as root).
The tests themselves run in-process on the offscreen platform like the rest of the suite;
only the till child sees the X server (DISPLAY, QT_QPA_PLATFORM=xcb).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pos_app.testing.xserver import (
    DEFAULT_SIZE,
    TillProcess,
    XServer,
    XServerUnavailable,
    missing_tools,
)

if TYPE_CHECKING:
    from pos_app.sandbox import SandboxServer

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.x11)


class XServers:
    """One X server per screen size, started on first use and kept for the session."""

    def __init__(self) -> None:
        self._servers: dict[str, XServer] = {}

    def get(self, size: str) -> XServer:
        missing = missing_tools()
        if missing:
            pytest.skip("the X server tier needs " + ", ".join(missing) + " (scripts/setup.sh)")
        server = self._servers.get(size)
        if server is None:
            server = XServer(size)
            try:
                server.start()
            except XServerUnavailable as exc:
                pytest.skip(f"no X server: {exc}")
            self._servers[size] = server
        return server

    def stop(self) -> None:
        for server in self._servers.values():
            server.stop()
        self._servers.clear()


@pytest.fixture(scope="session")
def xservers() -> Iterator[XServers]:
    servers = XServers()
    yield servers
    servers.stop()


@pytest.fixture
def xserver(request: pytest.FixtureRequest, xservers: XServers) -> XServer:
    """The X server of `request.param` ("1366x768"; default 1024x768), keyboard layout US.

    Choose the size with `@pytest.mark.parametrize("xserver", ["1920x1080"], indirect=True)`.
    """
    size = getattr(request, "param", DEFAULT_SIZE)
    server = xservers.get(size)
    server.set_layout("us")
    return server


TillFactory = Callable[..., TillProcess]
# The till's own request budget, as high as Settings allows.
UNLIMITED_SETTINGS = {"requests_per_minute": "10000"}


@pytest.fixture(scope="module")
def unlimited_demo_args(sandbox_server: SandboxServer) -> tuple[str, ...]:
    """pos-app flags for a demo till on this session's loopback sandbox, whose rate limit is
    off: for tests that look up more cards than the embedded sandbox allows in a minute (60
    requests, and each lookup may cost several). Pair with `UNLIMITED_SETTINGS`. The sandbox
    is reset once per module, so faults or sales left by earlier tests do not leak in."""
    sandbox_server.reset()
    return ("--demo", "--api-url", sandbox_server.base_url)


@pytest.fixture
def start_till(
    xserver: XServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TillFactory]:
    """Start the real till (`--demo` by default) on `xserver`; every till is closed afterwards.

    `start_till(args=("--demo", "--locale", "lt"), env={...}, settings={...})` returns a
    `TillProcess` whose window is shown and focused; `settings` are saved before it starts.
    """
    started: list[TillProcess] = []

    def start(
        args: Sequence[str] = ("--demo",),
        env: dict[str, str] | None = None,
        settings: dict[str, str] | None = None,
    ) -> TillProcess:
        home = tmp_path_factory.mktemp("till-home")
        till = TillProcess(xserver, args, home=home, env=env, settings=settings)
        started.append(till)
        till.wait_for_window()
        return till

    yield start
    for till in started:
        till.close()
