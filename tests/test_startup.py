"""Start-up glue: a demo sandbox that fails to start is told in the window, not hidden."""

from __future__ import annotations

import asyncio
from typing import Any

from pos_app.cli import Connection
from pos_app.startup import _watch_sandbox
from tests.helpers import run_async


class _FailingSandbox:
    ready = False

    def __init__(self) -> None:
        self.asked = 0

    def failure(self) -> str | None:
        self.asked += 1
        return None if self.asked < 3 else "the demo sandbox could not start: OSError: boom"


class _Window:
    def __init__(self) -> None:
        self.notices: list[str] = []

    def show_unexpected_error(self, text: str) -> None:
        self.notices.append(text)


def test_a_failed_demo_sandbox_is_told_in_the_window(
    qtbot: Any, qasync_loop: asyncio.AbstractEventLoop
) -> None:
    window = _Window()
    connection = Connection("http://127.0.0.1:9", "k", "s", True, _FailingSandbox())  # type: ignore[arg-type]

    async def watch() -> None:
        task = _watch_sandbox(connection, window)  # type: ignore[arg-type]
        assert task is not None
        await task

    run_async(qasync_loop, qtbot, watch())
    assert window.notices == [
        "Demo mode is unavailable: the demo sandbox could not start: OSError: boom."
    ]


def test_live_mode_has_nothing_to_watch() -> None:
    connection = Connection("https://api.loyalty.lt", "k", "s", False)
    assert _watch_sandbox(connection, _Window()) is None  # type: ignore[arg-type]
