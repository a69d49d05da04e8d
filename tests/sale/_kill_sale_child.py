"""Child process for the "till killed mid-sale" test: journal a sale, send it, never finish.

Run as `python tests/_kill_sale_child.py BASE_URL JOURNAL_PATH ORDER_ID`; the parent kills it
(SIGKILL) while the request waits on the sandbox's injected "slow" fault.
"""

from __future__ import annotations

import asyncio
import sys
from decimal import Decimal
from pathlib import Path

from pos_app.api import LoyaltyClient
from pos_app.sale.journal import SaleJournal, SaleRequest
from pos_app.sale.service import SaleService
from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET


def killed_sale(order_id: str) -> SaleRequest:
    """The sale the child sends: card 900-001-001, 500 points off 25.30."""
    return SaleRequest(
        order_id=order_id,
        order_total=Decimal("25.30"),
        card_id=1001,
        card_number="900-001-001",
        user_id=201,
        points_redeemed=500,
        discount=Decimal("5.00"),
        description="killed mid-sale",
    )


async def _main(base_url: str, journal_path: str, order_id: str) -> None:
    async with LoyaltyClient(base_url, DEMO_API_KEY, DEMO_API_SECRET) as client:
        with SaleJournal(Path(journal_path)) as journal:
            await SaleService(client, journal).complete(killed_sale(order_id))
    print("finished: the parent should have killed this process first", flush=True)


if __name__ == "__main__":
    asyncio.run(_main(*sys.argv[1:4]))
