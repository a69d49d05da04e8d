"""Fixtures for tests that open the real till window against the sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pos_app.sandbox import SandboxServer
from pos_app.testing.window_helpers import Tills
from pos_app.ui.main_window import MainWindow


@pytest.fixture
def tills(
    qtbot: Any, qasync_loop: asyncio.AbstractEventLoop, sandbox: SandboxServer, tmp_path: Path
) -> Iterator[Tills]:
    """Opens windows wired to the session's sandbox; closes them all after the test."""
    made = Tills(qtbot, qasync_loop, sandbox, tmp_path)
    yield made
    made.close_all()


@pytest.fixture
def till(tills: Tills) -> MainWindow:
    """One default till window on the sandbox, English, demo mode."""
    return tills.open()
