"""What the customer-facing screen shows, decided from the checkout's signals (no widgets)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from pos_app.core.models import CardInfo

DisplayKind = Literal["idle", "customer", "qr", "thanks"]

# A first name longer than this is cut (the label elides further to fit).
FIRST_NAME_MAX = 40
THANKS_SECONDS = 8.0


@dataclass(frozen=True, slots=True)
class DisplayState:
    """One screenful for the customer. Only the fields of its `kind` are meaningful.

    customer: `first_name` ("" when the card has none), `points`, `worth` (what the whole
    balance is worth), `discount` (being applied now; None when no points are used) and
    `to_pay` (None until the cashier entered the order total). qr: `qr_text`, the code to
    scan. thanks: `new_balance` as the server confirmed it (None when it did not say), and
    `reward_product`/`reward_code` when the sale's stamp completed a stamp card.
    """

    kind: DisplayKind
    shop_name: str
    first_name: str = ""
    points: int | None = None
    worth: Decimal | None = None
    discount: Decimal | None = None
    to_pay: Decimal | None = None
    qr_text: str = ""
    new_balance: int | None = None
    reward_product: str = ""
    reward_code: str = ""


def first_name(card: CardInfo | None) -> str:
    """The first word of the card holder's name, or "" (no user, no name)."""
    user = card.user if card is not None else None
    name = (user.name or "") if user is not None else ""
    words = "".join(ch if ch.isprintable() else " " for ch in name).split()
    return words[0][:FIRST_NAME_MAX] if words else ""


class CustomerDisplayModel(QObject):
    """Turns the checkout's signals into `DisplayState`s for the customer's screen.

    Feed it: `show_card` (the view-model's cardChanged), `show_view` (redemptionChanged),
    `show_qr` / `end_qr` (a QR Card Scan code shown / the dialog gone), and `sale_confirmed`
    (a confirmed sale's outcome). After a sale it thanks the customer with the new balance,
    then returns to idle after `thanks_s`; updates about the customer who just paid never
    bring them back on screen, only a different card or a new sale does.

    Signals:
        changed(object): the new `DisplayState`.
    """

    changed = Signal(object)

    def __init__(
        self,
        shop_name: str = "",
        *,
        thanks_s: float = THANKS_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shop_name = shop_name.strip()
        self._partner_name = ""
        self._card: CardInfo | None = None
        self._view_card_id: int | None = None
        self._discount: Decimal | None = None
        self._to_pay: Decimal | None = None
        self._qr_text = ""
        self._paid_card_id: int | None = None  # the customer just thanked: not shown again
        self._thanks: DisplayState | None = None
        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.setInterval(int(thanks_s * 1000))
        self._thanks_timer.timeout.connect(self._thanks_over)
        self._state = DisplayState("idle", self.shop_name)

    @property
    def state(self) -> DisplayState:
        return self._state

    @property
    def shop_name(self) -> str:
        """The shop's name as configured, else the loyalty partner's name, else Loyalty.lt."""
        return self._shop_name or self._partner_name or "Loyalty.lt"

    def set_thanks_seconds(self, seconds: float) -> None:
        """How long the thanks stays before the idle screen (for the next thanks)."""
        self._thanks_timer.setInterval(int(seconds * 1000))

    def set_shop_name(self, name: str) -> None:
        self._shop_name = name.strip()
        self._publish()

    # --- slots ---------------------------------------------------------------------------
    def show_card(self, card: CardInfo | None) -> None:
        """The checkout's current card changed (None: cleared, a new sale)."""
        if card is None:
            self._card = None
            self._paid_card_id = None
            self._reset_order()
        else:
            if card.partner is not None and card.partner.name:
                self._partner_name = card.partner.name.strip()[:80]
            if card.id == self._paid_card_id:
                return  # the refreshed card of the customer who just paid
            if self._card is None or self._card.id != card.id:
                self._reset_order()
            self._card = card
            self._paid_card_id = None
            self._end_thanks()
        self._publish()

    def show_view(self, view: Any) -> None:
        """A `RedemptionView` from the view-model: the discount and what is left to pay."""
        card = getattr(view, "card", None)
        if card is None or self._card is None or card.id != self._card.id:
            return
        points = int(getattr(view, "points", 0) or 0)
        discount = getattr(view, "discount", None)
        self._discount = discount if points > 0 and isinstance(discount, Decimal) else None
        due = getattr(view, "amount_due", None)
        self._to_pay = due if isinstance(due, Decimal) else None
        self._publish()

    def show_qr(self, text: str) -> None:
        """A QR Card Scan code is on the cashier's screen: show it to the customer too."""
        self._qr_text = text
        self._end_thanks()
        self._publish()

    def end_qr(self) -> None:
        """The QR Card Scan is over (the card arrived, or the dialog was closed)."""
        self._qr_text = ""
        self._publish()

    def sale_confirmed(self, outcome: Any) -> None:
        """A `SaleOutcome` the server confirmed: thank the customer with their new balance."""
        record = getattr(outcome, "record", None)
        balance = getattr(record, "points_balance", None)
        request = getattr(record, "request", None)
        card_id = getattr(request, "card_id", None)
        self.show_thanks(balance if isinstance(balance, int) else None, card_id=card_id)

    def show_thanks(self, new_balance: int | None, *, card_id: int | None = None) -> None:
        """Thank the customer; the screen goes back to idle after `thanks_s`."""
        paid = card_id if card_id is not None else (self._card.id if self._card else None)
        self._paid_card_id = paid
        self._card = None
        self._reset_order()
        self._qr_text = ""
        self._thanks = DisplayState("thanks", self.shop_name, new_balance=new_balance)
        self._thanks_timer.start()
        self._publish()

    def show_reward(self, reward: Any) -> None:
        """A completed stamp card's reward (a `RewardView`: `product`, `code`) joins the thanks."""
        product = str(getattr(reward, "product", "") or getattr(reward, "game", ""))[:80]
        code = str(getattr(reward, "code", ""))[:64]
        base = self._thanks or DisplayState("thanks", self.shop_name)
        self._thanks = replace(base, reward_product=product, reward_code=code)
        self._card = None
        self._qr_text = ""
        self._thanks_timer.start()  # the reward stays as long as a thanks
        self._publish()

    # --- internals -----------------------------------------------------------------------
    def _thanks_over(self) -> None:
        self._thanks = None
        self._publish()

    def _end_thanks(self) -> None:
        self._thanks_timer.stop()
        self._thanks = None

    def _reset_order(self) -> None:
        self._discount = None
        self._to_pay = None

    def _compute(self) -> DisplayState:
        if self._qr_text:
            return DisplayState("qr", self.shop_name, qr_text=self._qr_text)
        if self._thanks is not None:
            return self._thanks
        card = self._card
        if card is None:
            return DisplayState("idle", self.shop_name)
        from pos_app.core.redemption import max_discount

        return DisplayState(
            "customer",
            self.shop_name,
            first_name=first_name(card),
            points=card.points,
            worth=max_discount(card),
            discount=self._discount,
            to_pay=self._to_pay,
        )

    def _publish(self) -> None:
        state = self._compute()
        if state != self._state:
            self._state = state
            self.changed.emit(state)
