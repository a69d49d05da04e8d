"""Where the sale stands, from the redemption state and the sale panel's state."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from pos_app.core.models import CardInfo
from pos_app.core.redemption import limits
from pos_app.ui.checkout.stage import SaleStage, stage_hint, stage_of
from pos_app.ui.checkout.view_model import RedemptionView


def _card(points: int = 1000) -> CardInfo:
    return CardInfo.model_validate(
        {
            "id": 1,
            "card_number": "900-001-001",
            "card_name": "Card",
            "card_type": "partner_specific",
            "points": points,
            "is_active": True,
            "transactions_count": 0,
            "last_used_at": datetime(2026, 1, 1, tzinfo=UTC).isoformat(),
            "redemption": {
                "enabled": True,
                "points_per_currency": "100",
                "currency_amount": "1.00",
                "min_points": 100,
                "max_points": 5000,
            },
            "user": {"id": 1, "name": "Jonas"},
            "partner": {"id": 1, "name": "Coffee"},
        }
    )


def _view(card: CardInfo | None, total: str | None, *, use: bool = False) -> RedemptionView:
    amount = None if total is None else Decimal(total)
    lim = None if card is None else limits(card, amount)
    return RedemptionView(card, amount, lim, 0, Decimal("0.00"), amount, None, use)


def test_each_stage() -> None:
    card = _card()
    assert stage_of(_view(None, None), sending=False, finished=False) is SaleStage.READY
    assert stage_of(_view(None, "4"), sending=False, finished=False) is SaleStage.NO_CUSTOMER
    assert stage_of(_view(card, None), sending=False, finished=False) is SaleStage.NEEDS_TOTAL
    assert stage_of(_view(card, "0"), sending=False, finished=False) is SaleStage.NEEDS_TOTAL
    choose = stage_of(_view(card, "4"), sending=False, finished=False)
    assert choose is SaleStage.CHOOSE_POINTS
    chosen = stage_of(_view(card, "4", use=True), sending=False, finished=False)
    assert chosen is SaleStage.CAN_COMPLETE
    poor = _card(points=10)  # below the minimum: nothing to choose
    assert stage_of(_view(poor, "4"), sending=False, finished=False) is SaleStage.CAN_COMPLETE
    assert stage_of(_view(card, "4"), sending=True, finished=False) is SaleStage.SENDING
    assert stage_of(_view(card, "4"), sending=False, finished=True) is SaleStage.FINISHED


def test_every_stage_has_its_own_words() -> None:
    texts = {stage: stage_hint(stage) for stage in SaleStage}
    assert len(set(texts.values())) == len(SaleStage)
    assert "Ready: scan" not in " ".join(t for s, t in texts.items() if s is not SaleStage.READY)
