"""Plugs stamp cards, coupons and the manager's history into the till window and the sale."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_app.sale.stamps import StampJournal, StampService
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.loyalty.controller import LoyaltyApi, LoyaltyHookup, SaleLookup, ShopId
from pos_app.ui.loyalty.reward_panel import RewardView

if TYPE_CHECKING:
    from pos_app.ui.checkout.view_model import CheckoutViewModel
    from pos_app.ui.main_window import MainWindow
    from pos_app.ui.sale.panel import SalePanel

log = logging.getLogger(__name__)


def till_shop(client: Any, settings: Any, *, demo: bool) -> ShopId:
    """The till's shop, asked each time (Settings may change it): the client's, else the one
    chosen in Settings, else (demo mode) the sandbox's demo shop; None when none is chosen."""

    def shop() -> int | None:
        chosen = getattr(client, "shop_id", None) or getattr(settings, "shop_id", 0)
        if chosen:
            return int(chosen)
        if demo:
            from pos_app.sandbox import DEMO_SHOP_ID  # seed data only, no server stack

            return int(DEMO_SHOP_ID)
        return None

    return shop


def stamp_journal_next_to(sale_journal_path: Path | None) -> Path:
    """The stamp journal beside the sale journal, and like it one per server.

    `sales.sqlite3` (production) pairs with `stamps.sqlite3`, `sales-demo.sqlite3` with
    `stamps-demo.sqlite3`, and so on: a stamp left open in demo mode is never sent to the live
    server at the next start.
    """
    if sale_journal_path is None:
        from pos_app.sale.journal import default_journal_path

        sale_journal_path = default_journal_path()
    name = sale_journal_path.name
    paired = "stamps" + name[len("sales") :] if name.startswith("sales") else f"stamps-{name}"
    return sale_journal_path.with_name(paired)


def attach_loyalty(
    window: MainWindow,
    vm: CheckoutViewModel,
    api: LoyaltyApi,
    sale_panel: SalePanel,
    formatter: Formatter,
    *,
    shop_id: ShopId,
    locale: str = "en",
    sale_journal_path: Path | None = None,
    sale_lookup: SaleLookup | None = None,
) -> LoyaltyHookup:
    """Stamp cards, coupons and history in the window; stamps follow `sale_panel`'s sales.

    A stamp journal that cannot be opened leaves stamps off (said on screen), never the till.
    """
    stamps: StampService | None = None
    try:
        stamps = StampService(api, StampJournal(stamp_journal_next_to(sale_journal_path)))
    except Exception:
        log.exception("the stamp journal cannot be opened: stamps are off")
    hookup = LoyaltyHookup(
        window,
        vm,
        api,
        stamps,
        formatter,
        shop_id=shop_id,
        lock=window.lock,
        locale=locale,
        sale_lookup=sale_lookup,
    )
    hookup.attach_sale(sale_panel)
    if stamps is None:
        hookup.panel.set_stamps_available(False)
    return hookup


__all__ = ["LoyaltyHookup", "RewardView", "attach_loyalty", "stamp_journal_next_to", "till_shop"]
