"""Small test helpers shared across the suite."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run_async(loop: asyncio.AbstractEventLoop, qtbot: Any, coro: Any, timeout: float = 10.0) -> Any:
    """Run `coro` on the qasync loop while pumping Qt, and return its result."""
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=int(timeout * 1000))
    return task.result()


def run_fresh(coro: Coroutine[Any, Any, T]) -> T:
    """Run `coro` to completion in a fresh event loop on a thread of its own; its result.

    Once a test has used the session's qasync loop, the GUI thread counts as running a loop
    and `asyncio.run()` refuses there, whatever order the tests run in.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
