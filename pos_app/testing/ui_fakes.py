"""Test doubles for the till window: a card service with per-card answers and gates."""

from __future__ import annotations

import asyncio
from typing import Any

from pos_app.core.models import CardInfo


def make_card(card_number: str = "900-001-001", points: int = 1000, **overrides: Any) -> CardInfo:
    """A card like the staging demo cards (100 points per 1.00, 100..5000), with overrides."""
    data: dict[str, Any] = {
        "id": 101,
        "card_number": card_number,
        "card_name": "Kavos mėgėjo kortelė",
        "card_type": "partner_specific",
        "points": points,
        "is_active": True,
        "transactions_count": 45,
        "last_used_at": "2024-12-07T14:30:00Z",
        "redemption": {
            "enabled": True,
            "points_per_currency": 100,
            "currency_amount": "1.00",
            "min_points": 100,
            "max_points": 5000,
        },
        "user": {"id": 1, "name": "Jonas Jonaitis", "email": None, "phone": None},
        "partner": {"id": 45, "name": "Coffee Paradise", "logo": None},
        "created_at": "2024-01-15T10:00:00Z",
    }
    data.update(overrides)
    return CardInfo.model_validate(data)


class FakeCards:
    """Answers `card_info` from a dict; a card number with a gate waits until it is set.

    Exceptions in `answers` are raised once, then the next answer in `then` (if any) is used.
    """

    def __init__(self, *cards: CardInfo) -> None:
        self.answers: dict[str, CardInfo | Exception] = {c.card_number: c for c in cards}
        self.then: dict[str, CardInfo | Exception] = {}
        self.gates: dict[str, asyncio.Event] = {}
        self.calls: list[str | None] = []
        self.cancelled: list[str | None] = []

    async def card_info(
        self, *, card_number: str | None = None, card_id: int | None = None
    ) -> CardInfo:
        if card_id is not None:
            card_number = next(
                (k for k, v in self.answers.items() if isinstance(v, CardInfo) and v.id == card_id),
                f"id:{card_id}",
            )
        self.calls.append(card_number)
        key = card_number or ""
        gate = self.gates.get(key)
        try:
            if gate is not None:
                await gate.wait()
            else:
                await asyncio.sleep(0)
        except asyncio.CancelledError:
            self.cancelled.append(card_number)
            raise
        answer = self.answers.get(key)
        if key in self.then:
            self.answers[key] = self.then.pop(key)
        if answer is None:
            from pos_app.api import NotFoundError

            raise NotFoundError(status=404)
        if isinstance(answer, Exception):
            raise answer
        return answer
