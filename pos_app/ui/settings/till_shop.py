"""The till's shop at run time: client.shop_id follows Settings; an only shop is adopted."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from pos_app.boot.golive import list_shops, pick_shop
from pos_app.config.settings import AppSettings, SettingsStore

_log = logging.getLogger(__name__)


class TillShop(QObject):
    """Keeps `client.shop_id` (what sales and QR sessions carry) in step with the settings.

    With no shop chosen, `adopt_only_shop()` asks the server once for the shops: when the
    partner has exactly one, it becomes this till's shop, is saved, and `adopted` says so.
    A demo till sells as the sandbox's demo shop.

    Signals:
        adopted(object): the AppSettings with the adopted shop, already saved.
    """

    adopted = Signal(object)

    def __init__(
        self,
        client: Any,
        settings: AppSettings,
        store: SettingsStore,
        *,
        demo: bool,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._store = store
        self._demo = demo
        self._settings = settings
        self._task: asyncio.Task[None] | None = None
        self.apply(settings)

    @property
    def task(self) -> asyncio.Task[None] | None:
        return self._task

    @property
    def client(self) -> Any:
        return self._client

    def apply(self, settings: AppSettings) -> None:
        """Settings were saved (or loaded): the client sells as their shop from now on."""
        self._settings = settings
        self._client.shop_id = settings.shop_id or self._fallback()

    def _fallback(self) -> int | None:
        if not self._demo:
            return None
        from pos_app.sandbox import DEMO_SHOP_ID  # seed data only, no server stack

        return int(DEMO_SHOP_ID)

    def adopt_only_shop(self) -> None:
        """With no shop chosen (and not in demo mode), adopt the partner's only shop, if so."""
        if self._settings.shop_id or self._demo:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._task = loop.create_task(self._adopt())

    async def _adopt(self) -> None:
        try:
            shops = await list_shops(self._client)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the till works without a shop; the next start asks again
            _log.warning("could not read the shops list to choose this till's shop: %r", exc)
            return
        only = pick_shop(shops, None)
        if only is None:
            _log.info("%d shops, none chosen for this till: choose it in Settings", len(shops))
            return
        if self._settings.shop_id:  # chosen in Settings meanwhile
            return
        chosen = dataclasses.replace(self._settings, shop_id=only.id, shop_name=only.name)
        try:
            self._store.save(chosen)
        except Exception:
            _log.exception("could not save the adopted shop")
        _log.info("this till sells as shop %d, the partner's only shop", only.id)
        self.apply(chosen)
        self.adopted.emit(chosen)

    async def aclose(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None


def attach_till_shop(
    window: Any,
    client: Any,
    settings: AppSettings,
    store: SettingsStore,
    *,
    demo: bool,
) -> TillShop:
    """A TillShop owned by `window`, closed with it, already asking for the only shop."""
    till_shop = TillShop(client, settings, store, demo=demo, parent=window)
    window.add_async_closer(till_shop.aclose)
    till_shop.adopt_only_shop()
    return till_shop
