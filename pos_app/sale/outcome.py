"""A sale's outcome, the retry policy, and the two calls a sale needs from the API."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from pos_app.api.errors import ApiError
from pos_app.core.models import CardInfo, TransactionResult
from pos_app.core.shop_models import Page, Transaction
from pos_app.sale.journal import JournalError, SaleRecord, SaleRequest, SaleState


class SaleApi(Protocol):
    """The two calls a sale needs; `pos_app.api.LoyaltyClient` provides them."""

    async def create_transaction(
        self,
        *,
        order_id: str,
        order_total: Decimal,
        loyalty_card_id: int | None = None,
        user_id: int | None = None,
        points_redeemed: int = 0,
        points_discount_amount: Decimal = Decimal("0"),
        currency: str = "EUR",
        description: str | None = None,
    ) -> TransactionResult: ...

    async def card_info(
        self,
        *,
        card_number: str | None = None,
        card_id: int | None = None,
        user_id: int | None = None,
    ) -> CardInfo: ...


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard one `complete()` tries before handing the sale back to the cashier."""

    attempts: int = 4
    delays: Sequence[float] = (0.5, 1.0, 2.0)
    max_rate_limit_wait: float = 10.0

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        if not self.delays:
            return 0.0
        return self.delays[min(attempt, len(self.delays)) - 1]


@dataclass(frozen=True, slots=True)
class SaleOutcome:
    """What happened to one sale, from the journal row and the server's answer only.

    `error` is the last API error (None on success). `card` is the card fetched after a 409
    (its real balance). `reachable` is False when the loyalty service could not be reached
    at all, which blocks redemption until it answers again. `journaled_request_used` is True
    when the journal already held this order id with other numbers and those were sent.

    `held` is True when this sale was NOT sent because the same card had earlier sales the
    cashier must hear about first; `earlier` holds what became of those (settled now, at
    start-up, or still open). `journal_problem` is set when the journal could not store the
    sale (then nothing was sent) or could not store the server's answer (the sale stays
    'sending' in the journal and is settled at the next start).
    """

    record: SaleRecord
    error: ApiError | None = None
    card: CardInfo | None = None
    reachable: bool = True
    journaled_request_used: bool = False
    earlier: tuple[SaleOutcome, ...] = ()
    held: bool = False
    journal_problem: JournalError | None = None

    @property
    def state(self) -> SaleState:
        return self.record.state

    @property
    def confirmed(self) -> bool:
        """True only when the server confirmed the sale (or there was no customer)."""
        return self.record.state.done and not self.held


# Sales whose fate the cashier cannot know: on the wire when the till stopped, answered with
# no answer, or (rate limited) not sent yet. A new sale for the same card waits for them. An
# earn-only sale kept offline is not among them: it redeems nothing and goes out by itself.
FATE_UNKNOWN = frozenset({SaleState.SENDING, SaleState.UNCERTAIN, SaleState.PENDING})

CustomerKey = tuple[str, int]


def customer_keys(request: SaleRequest) -> frozenset[CustomerKey]:
    """What identifies the sale's customer: its card id and its user id, when known."""
    keys: set[CustomerKey] = set()
    if request.card_id is not None:
        keys.add(("card", request.card_id))
    if request.user_id is not None:
        keys.add(("user", request.user_id))
    return frozenset(keys)


class TransactionLister(Protocol):
    """The partner transactions list (`LoyaltyClient.transactions`), when the API has it."""

    async def __call__(
        self,
        *,
        loyalty_card_id: int | None = None,
        user_id: int | None = None,
        page: int = 1,
    ) -> Page[Transaction]: ...
