"""Shared fixtures: offscreen Qt, one qasync loop for the session, the sandbox on loopback."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "0")
# No test may read or write the developer's real OS keyring: keyring's own "fail" backend makes
# KeyringSecretStore() behave as on a headless machine (tests pass in-memory backends instead).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

import asyncio
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pos_app.sandbox import SandboxServer


@pytest.fixture(scope="session", autouse=True)
def gui_thread_gc(qapp: Any) -> Iterator[None]:
    """As in the till: cyclic garbage is collected on the GUI thread only (qtfix.gui_thread_gc).

    Otherwise a camera or sandbox thread can free a Qt object left over from an earlier test,
    and Qt's "Timers cannot be stopped from another thread" fails whichever test is running.
    """
    from pos_app.qtfix.gui_thread_gc import MainThreadGarbageCollector

    collector = MainThreadGarbageCollector(interval_ms=200)
    yield
    collector.stop()


@pytest.fixture(scope="session")
def qasync_loop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    """One qasync loop for the whole session; never stopped: its stop() quits the
    QApplication, after which every nested Qt event loop (qtbot.wait) returns at once."""
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    asyncio.set_event_loop(None)


@pytest.fixture(scope="session")
def sandbox_server() -> Iterator[SandboxServer]:
    """One embedded sandbox on a free loopback port, rate limit off, for the session."""
    from pos_app.sandbox import SandboxServer

    server = SandboxServer(rate_limit=0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def sandbox(sandbox_server: SandboxServer) -> SandboxServer:
    """The session's sandbox, with its data and faults reset before each test."""
    sandbox_server.reset()
    return sandbox_server
