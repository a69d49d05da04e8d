"""Small test helpers shared across the suite."""

from __future__ import annotations

import asyncio
from typing import Any


def run_async(loop: asyncio.AbstractEventLoop, qtbot: Any, coro: Any, timeout: float = 10.0) -> Any:
    """Run `coro` on the qasync loop while pumping Qt, and return its result."""
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=int(timeout * 1000))
    return task.result()
