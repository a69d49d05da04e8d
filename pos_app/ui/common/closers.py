"""What a window's parts hold until shutdown (HTTP client, camera, scanner), released once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

AsyncCloser = Callable[[], Awaitable[None]]

log = logging.getLogger(__name__)


class Closers:
    """Async clean-ups run once, the last added first; `first` runs before them all."""

    def __init__(self, first: Callable[[], None] | None = None) -> None:
        self._first = first
        self._closers: list[AsyncCloser] = []
        self._closing: asyncio.Task[None] | None = None

    def add(self, closer: AsyncCloser) -> None:
        self._closers.append(closer)

    def start(self) -> asyncio.Task[None] | None:
        """Start the clean-ups (idempotent); None when no event loop runs any more."""
        if self._closing is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:  # no loop any more: nothing can be awaited
                return None
            self._closing = loop.create_task(self._run())
        return self._closing

    async def wait(self) -> None:
        """Start the clean-ups if needed and wait for them."""
        task = self.start()
        if task is not None:
            await task

    async def _run(self) -> None:
        if self._first is not None:
            self._first()
        closers, self._closers = self._closers, []
        for closer in reversed(closers):
            try:
                await closer()
            except Exception:
                log.exception("closing a part of the window failed")


__all__ = ["AsyncCloser", "Closers"]
