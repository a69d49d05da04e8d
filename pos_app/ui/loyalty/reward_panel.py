"""A completed stamp card's reward coupon, in big type, until the next customer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from pos_app.ui.common import theme
from pos_app.ui.common.formatting import Formatter

REWARD_CODE_PT = 30


@dataclass(frozen=True, slots=True)
class RewardView:
    """What a completed game gave: the coupon code (empty when its answer was lost), the
    product, its expiry and the game's name."""

    code: str
    product: str
    expires_at: datetime | None
    game: str


class RewardPanel(QFrame):
    """Shows the reward coupon a sale's stamp just earned; hidden otherwise. No signals."""

    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rewardCouponPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#rewardCouponPanel { background-color: #1b7a3d; border-radius: 8px; }"
            " QLabel { color: #ffffff; }"
        )
        self._fmt = formatter
        self.view: RewardView | None = None

        def label(name: str, size: int, bold: bool = False) -> QLabel:
            widget = QLabel(self)
            widget.setObjectName(name)
            widget.setTextFormat(Qt.TextFormat.PlainText)
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setWordWrap(True)
            theme.set_font(widget, size, bold=bold)
            return widget

        self.headline = label("rewardHeadline", theme.BODY_PT, True)
        self.code_label = label("rewardCodeLabel", REWARD_CODE_PT, True)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = label("rewardDetails", theme.BODY_PT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(0)
        layout.addWidget(self.headline)
        layout.addWidget(self.code_label)
        layout.addWidget(self.details)
        self.setVisible(False)

    def show_reward(self, view: RewardView) -> None:
        self.view = view
        product = view.product or view.game
        self.headline.setText(
            self.tr("Stamp card complete! Reward: %1").replace("%1", product)
            if product
            else self.tr("Stamp card complete!")
        )
        if view.code:
            self.code_label.setText(view.code)
            until = (
                self.tr("Coupon valid until %1").replace(
                    "%1", self._fmt.local_date(view.expires_at)
                )
                if view.expires_at is not None
                else self.tr("Coupon issued")
            )
            self.details.setText(until)
        else:
            self.code_label.setText("🎉")
            self.details.setText(self.tr("The reward coupon is in the customer's coupons."))
        self.setVisible(True)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self.view is not None:
            self.show_reward(self.view)

    def clear(self) -> None:
        self.view = None
        self.setVisible(False)
