"""The API client, loaded after the window's first paint; calls made meanwhile wait for it."""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

# What the network stack is.
NETWORK_MODULES = ("pos_app.api.client",)
# After the first paint, so the cashier sees the till first; a scan cannot come sooner anyway.
LOAD_DELAY_MS = 100
# If the window is never painted (hidden, minimised), load anyway after this long.
FALLBACK_MS = 3000


class DeferredClient:
    """Stands in for `LoyaltyClient` until the network stack (httpx, the client) has loaded.

    Every method call is an awaitable that waits for the real client, then calls it: a scan
    that arrives before loading finished is kept and answered, not lost. Once loaded, every
    attribute is the real client's. Before that, `locale` is the one given, attributes set
    (like `shop_id`) are kept and handed to the real client, and other plain attributes are
    not available yet.

    Loading starts `LOAD_DELAY_MS` after the first paint of the widgets given to
    `load_after_paint`, after `FALLBACK_MS` at the latest, or at the first call when no widget
    was given.
    """

    def __init__(
        self,
        build: Callable[[], Any],
        *,
        locale: str,
        modules: Sequence[str] = NETWORK_MODULES,
        on_loaded: Callable[[], object] | None = None,
    ) -> None:
        self._build = build
        self._locale = locale
        self._modules = tuple(modules)
        self._on_loaded = on_loaded
        self._real: Any = None
        self._loading: asyncio.Future[Any] | None = None
        self._armed = False
        self._closed = False
        self._watcher: _PaintWatch | None = None
        self._pending: dict[str, Any] = {"shop_id": None}  # set before loading, applied after
        self._started = asyncio.Event()

    @property
    def loaded(self) -> bool:
        return self._real is not None

    def load_after_paint(self, widgets: Sequence[QWidget]) -> None:
        """Start loading shortly after the first of `widgets` is painted."""
        if not widgets or self._armed:
            return
        self._armed = True
        self._watcher = after_first_paint(widgets, self._start_loading)

    def _start_loading(self) -> None:
        if self._loading is not None or self._closed:
            return
        loop = asyncio.get_event_loop()
        self._loading = loop.create_future()
        self._started.set()
        done = self._loading

        def work() -> None:
            try:
                for name in self._modules:
                    importlib.import_module(name)
            except Exception as exc:  # said to every waiting call; the till shows it
                self._finish(done, exc)
            else:
                self._finish(done, None)

        # On the GUI thread, on the next pass of the loop: importing on a worker thread while
        # the GUI thread imports the sale side (both reach pydantic) could meet a module that
        # the other thread has only half initialised. A scan typed meanwhile waits in the
        # window system's queue, with its own time stamps, and is read as a scan after.
        loop.call_soon(work)

    def _finish(self, done: asyncio.Future[Any], problem: BaseException | None) -> None:
        if done.done():
            return
        if problem is not None:
            log.error("could not load the network stack: %r", problem)
            done.set_exception(problem)
            return
        try:
            real = self._build()
            for name, value in self._pending.items():
                if name != "shop_id" or value is not None:
                    setattr(real, name, value)
            self._real = real
        except Exception as exc:
            log.exception("could not build the API client")
            done.set_exception(exc)
            return
        log.info("network stack loaded")
        done.set_result(self._real)
        if self._on_loaded is not None:
            self._on_loaded()

    async def wait_loaded(self) -> Any:
        """The real client, loading it now if nothing else will."""
        if self._real is not None:
            return self._real
        if self._loading is None and not self._armed:
            self._start_loading()
        await self._started.wait()  # armed: the paint (or the fallback) starts it
        assert self._loading is not None
        return await asyncio.shield(self._loading)

    def __getattr__(self, name: str) -> Any:
        real = self.__dict__.get("_real")
        if real is not None:
            return getattr(real, name)
        if name.startswith("_"):
            raise AttributeError(name)
        if name == "locale":
            return self._pending.get("locale", self._locale)
        if name in self._pending:
            return self._pending[name]

        async def call(*args: Any, **kwargs: Any) -> Any:
            client = await self.wait_loaded()
            method: Callable[..., Awaitable[Any]] = getattr(client, name)
            return await method(*args, **kwargs)

        return call

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        elif self._real is not None:
            setattr(self._real, name, value)
        else:
            self._pending[name] = value  # e.g. the till's shop, chosen before loading finished

    async def aclose(self) -> None:
        """Close the real client if it was built; a load still running is left to end."""
        self._closed = True
        if self._watcher is not None:
            self._watcher.stop()
        if self._loading is None:  # never loaded: calls still waiting end as cancelled
            self._loading = asyncio.get_running_loop().create_future()
            self._loading.cancel()
            self._started.set()
        if self._real is not None:
            await self._real.aclose()


def after_first_paint(
    widgets: Sequence[QWidget],
    start: Callable[[], None],
    *,
    delay_ms: int = LOAD_DELAY_MS,
    fallback_ms: int = FALLBACK_MS,
) -> _PaintWatch:
    """Call `start` once, `delay_ms` after the first paint of any of `widgets` (or after
    `fallback_ms` if none is painted); `stop()` on the result cancels it."""
    return _PaintWatch(widgets, start, delay_ms, fallback_ms)


class _PaintWatch(QObject):
    """Calls `start` `delay_ms` after the first paint of any of `widgets`. No signals."""

    def __init__(
        self,
        widgets: Sequence[QWidget],
        start: Callable[[], None],
        delay_ms: int = LOAD_DELAY_MS,
        fallback_ms: int = FALLBACK_MS,
    ) -> None:
        super().__init__(widgets[0])
        self._widgets = list(widgets)
        self._start = start
        self._delay_ms = delay_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._fire)
        self._fallback.start(fallback_ms)
        for widget in self._widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._timer.isActive():
            self._timer.start(self._delay_ms)
            self._unwatch()
        return False

    def _fire(self) -> None:
        self.stop()
        self._start()

    def stop(self) -> None:
        self._timer.stop()
        self._fallback.stop()
        self._unwatch()

    def _unwatch(self) -> None:
        for widget in self._widgets:
            widget.removeEventFilter(self)
        self._widgets = []
