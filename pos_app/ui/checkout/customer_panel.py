"""Who is paying: name, card, partner, the balance in big type and what it is worth."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from pos_app.core.redemption import max_discount
from pos_app.ui.common import theme
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.common.labels import ElidedLabel

if TYPE_CHECKING:
    from pos_app.core.models import CardInfo

_EMPTY = "—"


class CustomerPanel(QFrame):
    """Read-only view of the current card; `show_card(None)` blanks every field at once.

    No signals.
    """

    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._fmt = formatter
        self.formatter = formatter
        self._captions: list[QLabel] = []  # points, Card, Card name, Partner, Balance, Worth
        self._card: CardInfo | None = None

        def label(name: str, size: int, *, bold: bool = False, elided: bool = False) -> QLabel:
            # Server text as text, never rich text; what can be long is cut to fit with "…".
            widget = ElidedLabel(_EMPTY, self) if elided else QLabel(_EMPTY, self)
            widget.setTextFormat(Qt.TextFormat.PlainText)
            widget.setObjectName(name)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            theme.set_font(widget, size, bold=bold)
            return widget

        def caption(text: str) -> QLabel:
            widget = QLabel(text, self)
            self._captions.append(widget)
            theme.set_font(widget, theme.SMALL_PT)
            widget.setStyleSheet(f"color: {theme.muted(self.palette())};")
            return widget

        self.name_label = label("customerNameLabel", theme.NAME_PT, bold=True, elided=True)
        self.card_number_label = label("cardNumberLabel", theme.BIG_PT, elided=True)
        self.card_name_label = label("cardNameLabel", theme.BODY_PT, elided=True)
        self.partner_label = label("partnerLabel", theme.BODY_PT, elided=True)
        self.balance_label = label("balanceLabel", theme.BALANCE_PT, bold=True)
        self.balance_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.points_caption = caption(self.tr("points"))
        self.worth_label = label("maxDiscountLabel", theme.BIG_PT, bold=True)
        self.worth_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.worth_label.setStyleSheet(f"color: {theme.accent(self.palette())};")

        details = QGridLayout()
        details.setHorizontalSpacing(16)
        details.addWidget(caption(self.tr("Card")), 0, 0)
        details.addWidget(self.card_number_label, 0, 1)
        details.addWidget(caption(self.tr("Card name")), 1, 0)
        details.addWidget(self.card_name_label, 1, 1)
        details.addWidget(caption(self.tr("Partner")), 2, 0)
        details.addWidget(self.partner_label, 2, 1)
        details.setColumnStretch(1, 1)

        balance = QGridLayout()
        balance.addWidget(caption(self.tr("Balance")), 0, 0)
        balance.addWidget(self.balance_label, 0, 1)
        balance.addWidget(self.points_caption, 0, 2, Qt.AlignmentFlag.AlignBottom)
        balance.addWidget(caption(self.tr("Worth")), 1, 0)
        balance.addWidget(self.worth_label, 1, 1, 1, 2)
        balance.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        self._layout = layout
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(6)
        # The name in big type says who this is: no "Customer" caption (a 768 px screen is short).
        self.name_label.setAccessibleName(self.tr("Customer"))
        layout.addWidget(self.name_label)
        layout.addLayout(details)
        layout.addStretch(1)
        layout.addLayout(balance)

    def set_programs_widget(self, widget: QWidget) -> None:
        """Stamp cards, coupons and history (the loyalty hookup's panel) under the details."""
        self._layout.insertWidget(2, widget)

    def retranslate(self) -> None:
        """Captions in the current UI language, the card's figures in its formats."""
        texts = (
            self.tr("points"),
            self.tr("Card"),
            self.tr("Card name"),
            self.tr("Partner"),
            self.tr("Balance"),
            self.tr("Worth"),
        )
        for widget, text in zip(self._captions, texts, strict=False):
            widget.setText(text)
        self.name_label.setAccessibleName(self.tr("Customer"))
        self.show_card(self._card)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_card(self, card: CardInfo | None) -> None:
        self._card = card
        if card is None:
            for widget in (
                self.name_label,
                self.card_number_label,
                self.card_name_label,
                self.partner_label,
                self.balance_label,
                self.worth_label,
            ):
                widget.setText(_EMPTY)
            return
        user_name = card.user.name if card.user is not None else None
        self.name_label.setText(user_name or self.tr("No customer name on this card"))
        self.card_number_label.setText(card.card_number)
        self.card_name_label.setText(card.card_name or _EMPTY)
        partner = card.partner.name if card.partner is not None else None
        self.partner_label.setText(partner or _EMPTY)
        self.worth_label.setText(self._fmt.money(max_discount(card)))
        # The balance last: it is what a cashier (and the scan benchmark) waits for.
        self.balance_label.setText(self._fmt.number(card.points))
