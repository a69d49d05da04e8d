"""The coupon the customer shows: checked with Loyalty.lt, then redeemed with one key, once."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.api.errors import ApiError, NetworkError, ServerError
from pos_app.api.games_coupons import COUPON_ALREADY_USED
from pos_app.core.loyalty_programs import CouponCheck, CouponRedemption
from pos_app.scanner import InvalidScan, parse_scan
from pos_app.scanner.routing import mark_scan_field
from pos_app.ui.common import theme
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.common.labels import ElidedLabel
from pos_app.ui.loyalty import messages
from pos_app.ui.loyalty.messages import Notice

log = logging.getLogger(__name__)


class CouponApi(Protocol):
    """The two coupon calls of `pos_app.api.LoyaltyClient`."""

    async def verify_coupon(self, code: str, *, shop_id: int) -> CouponCheck: ...

    async def redeem_coupon(
        self,
        coupon_id: int,
        *,
        shop_id: int,
        selected_product_id: int | None = None,
        notes: str | None = None,
    ) -> CouponRedemption: ...


class CouponDialog(QDialog):
    """Shows one coupon: offer, reward, expiry and whose it is; Enter redeems, Esc dismisses.

    The Redeem key works once the server said the coupon is valid, and only once: a second
    press while the first is on its way does nothing, and after a lost answer the coupon is
    checked again instead of redeemed again.

    Signals:
        redeemed(object): the server's `CouponRedemption` (or None when only a re-check proved
            it) for the coupon shown.
    """

    redeemed = Signal(object)

    def __init__(
        self,
        api: CouponApi,
        formatter: Formatter,
        *,
        shop_id: int,
        locale: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("couponDialog")
        self._api = api
        self._fmt = formatter
        self._shop_id = shop_id
        self._locale = locale
        self._code = ""
        self._check: CouponCheck | None = None
        self._busy = False
        self._done = False
        self._task: asyncio.Task[None] | None = None
        self._build()

    def _value(self, name: str, size: int = theme.BODY_PT, bold: bool = False) -> QLabel:
        # Server text on one line, cut with "…" (whole text in the tooltip): any length fits.
        label = ElidedLabel("", self)
        label.setObjectName(name)
        theme.set_font(label, size, bold=bold)
        label.setMinimumHeight(label.fontMetrics().height() + 4)  # a row never squeezed
        return label

    def _build(self) -> None:
        self.notice = QLabel(self)  # the till's own sentences, wrapped
        self.notice.setObjectName("couponNotice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        theme.set_font(self.notice, theme.BODY_PT, bold=True)
        # The code field takes scans while the dialog is in front, so a scanner's Enter can
        # never land on Redeem: a new code is checked, never redeemed unseen.
        self.code_input = QLineEdit(self)
        self.code_input.setObjectName("couponCodeInput")
        self.code_input.setMinimumHeight(40)
        # Sets the dialog's width (its layout decides the minimum size): room for an offer's
        # title and whose coupon it is.
        self.code_input.setMinimumWidth(460)
        theme.set_font(self.code_input, theme.BIG_PT, bold=True)
        mark_scan_field(self.code_input)
        self.code_input.textChanged.connect(self._code_changed)
        self._setting_code = False
        self.title_label = self._value("couponTitleLabel", theme.BIG_PT, True)
        self.reward_label = self._value("couponRewardLabel")
        self.expiry_label = self._value("couponExpiryLabel")
        self.owner_label = self._value("couponOwnerLabel")
        self.product_choice = QComboBox(self)
        self.product_choice.setObjectName("couponProductChoice")
        # Only the code field ever has the focus: it takes scans, so a scanner's keys and its
        # Enter can never reach another widget (or Redeem). Up/Down choose the product.
        self.product_choice.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        form = QFormLayout()
        self._captions = [QLabel(self) for _ in range(6)]
        for caption in self._captions:
            caption.setTextFormat(Qt.TextFormat.PlainText)
        fields = (
            self.code_input,
            self.title_label,
            self.reward_label,
            self.expiry_label,
            self.owner_label,
            self.product_choice,
        )
        for caption, field in zip(self._captions, fields, strict=True):
            form.addRow(caption, field)
        self._product_row_label = self._captions[-1]

        self.redeem_button = QPushButton(self)
        self.redeem_button.setObjectName("couponRedeemButton")
        self.redeem_button.setMinimumHeight(52)
        theme.set_font(self.redeem_button, theme.BIG_PT, bold=True)
        self.redeem_button.setAutoDefault(False)
        self.redeem_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.redeem_button.clicked.connect(self.redeem)
        self.dismiss_button = QPushButton(self)
        self.dismiss_button.setObjectName("couponDismissButton")
        self.dismiss_button.setMinimumHeight(52)
        self.dismiss_button.setAutoDefault(False)
        self.dismiss_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dismiss_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.redeem_button, 2)
        buttons.addWidget(self.dismiss_button, 1)

        layout = QVBoxLayout(self)
        # Never smaller than what it shows: a three-line notice must not squeeze the rows.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        line = self.notice.fontMetrics().lineSpacing()
        self.notice.setMinimumHeight(3 * line + 20)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.setFocusProxy(self.code_input)
        self.retranslate()
        self._show_check(None)

    def retranslate(self) -> None:
        """Every fixed text in the till's current language (at start and on a change)."""
        self.setWindowTitle(self.tr("Coupon"))
        captions = (
            self.tr("Code"),
            self.tr("Offer"),
            self.tr("Reward"),
            self.tr("Valid until"),
            self.tr("Customer"),
            self.tr("Product"),
        )
        for label, text in zip(self._captions, captions, strict=True):
            label.setText(text)
        if self._done:
            self.redeem_button.setText(self.tr("Redeemed ✔"))
            self.dismiss_button.setText(self.tr("Close (Esc)"))
        else:
            self.redeem_button.setText(self.tr("Redeem (Enter)"))
            self.dismiss_button.setText(self.tr("Dismiss (Esc)"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # -- public ------------------------------------------------------------------------------

    @property
    def code(self) -> str:
        return self._code

    @property
    def busy(self) -> bool:
        return self._busy

    def check(self, code: str) -> None:
        """Verify `code` (a scan, or a coupon chosen from the customer's list)."""
        if self._busy and (code == self._code or self._check is not None):
            return  # the same code scanned twice, or a redemption on its way: it finishes first
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._code = code
        self._done = False
        self._setting_code = True
        self.code_input.setText(code)
        self._setting_code = False
        self.retranslate()
        self._show_check(None)
        self._set_busy(True)
        self._start(self._verify(code))

    def redeem(self) -> None:
        """The one key: redeem the coupon shown, once."""
        check = self._check
        if self._busy or self._done or check is None:
            return
        product: int | None = None
        if check.coupon.requires_product_selection or check.coupon.products:
            product = self.product_choice.currentData()
            if product is None:
                self._notify(messages.choose_product())
                return
        self._set_busy(True)  # now, not when the task first runs: a second press does nothing
        self._start(self._redeem(check, product))

    def _code_changed(self, text: str) -> None:
        """A scan filled the field (not the cashier typing): check the new code at once."""
        if self._setting_code or self.code_input.isModified():
            return
        code = _coupon_code(text)
        if code is not None and code != self._code:
            self.check(code)

    def _code_entered(self) -> None:
        """Enter: a new code in the field is checked; only the code shown is ever redeemed."""
        text = self.code_input.text()
        code = _coupon_code(text)
        if code is not None and code != self._code:
            self.check(code)
        elif code is None and text.strip() and text.strip().upper() != self._code:
            self._notify(messages.not_a_coupon())
        elif self._done:
            self.accept()
        else:
            self.redeem()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Here whether it was pressed in the code field (which passes Enter on) or not.
            self._code_entered()
            event.accept()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.product_choice.isVisible():
            step = -1 if key == Qt.Key.Key_Up else 1
            count = self.product_choice.count()
            index = self.product_choice.currentIndex()
            self.product_choice.setCurrentIndex(max(0, min(count - 1, index + step)))
            event.accept()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        if self._task is not None and not self._task.done():
            if self._busy and self._check is not None:
                return  # a redemption on its way is not walked away from
            self._task.cancel()
        super().done(result)

    # -- work --------------------------------------------------------------------------------

    def _start(self, work: Any) -> None:
        self._task = asyncio.ensure_future(work)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.redeem_button.setEnabled(not busy and not self._done and self._check is not None)
        self.dismiss_button.setEnabled(not busy or self._check is None)

    async def _verify(self, code: str) -> None:
        self._set_busy(True)
        self._notify(messages.checking_coupon(code))
        try:
            check = await self._api.verify_coupon(code, shop_id=self._shop_id)
        except ApiError as exc:
            self._notify(messages.coupon_error(exc, code))
            return
        except ValueError:
            self._notify(messages.coupon_error(ApiError(code="RESOURCE_NOT_FOUND"), code))
            return
        finally:
            self._set_busy(False)
        self._show_check(check)
        if check.coupon.products:
            self._notify(messages.choose_product())
        else:
            self._notify(messages.coupon_ready())

    async def _redeem(self, check: CouponCheck, product: int | None) -> None:
        self._set_busy(True)
        self._notify(messages.redeeming())
        try:
            result = await self._api.redeem_coupon(
                check.coupon.id, shop_id=self._shop_id, selected_product_id=product
            )
        except (NetworkError, ServerError) as exc:
            # The redemption may have landed: look, never redeem blindly again.
            log.warning("coupon %s: redeem answer lost (%r); checking", check.coupon.code, exc)
            await self._settle_lost_answer(check, exc)
            return
        except ApiError as exc:
            self._set_busy(False)
            self._notify(messages.coupon_error(exc, check.coupon.code))
            return
        self._finish(result)
        when = result.redeemed_at
        self._notify(messages.redeemed(self._fmt.local_datetime(when) if when else "—"))

    async def _settle_lost_answer(self, check: CouponCheck, first: ApiError) -> None:
        try:
            await self._api.verify_coupon(check.coupon.code, shop_id=self._shop_id)
        except ApiError as exc:
            if exc.code == COUPON_ALREADY_USED:
                self._finish(None)
                self._notify(messages.redeemed_after_check())
                return
            self._set_busy(False)
            self._done = True  # unknown: the cashier must not press Redeem again blindly
            self._set_busy(False)
            self._notify(messages.redeem_unknown())
            return
        self._set_busy(False)
        self._notify(messages.not_redeemed_after_check(messages.common_error(first)))

    def _finish(self, result: CouponRedemption | None) -> None:
        self._done = True
        self._set_busy(False)
        self.retranslate()
        self.redeemed.emit(result)

    # -- showing -----------------------------------------------------------------------------

    def _notify(self, notice: Notice) -> None:
        self.notice.setText(notice.text)
        self.notice.setProperty("kind", notice.kind)
        if notice.severity == "success":
            self.notice.setStyleSheet(
                "background-color: #1b7a3d; color: #ffffff; border-radius: 6px; padding: 10px;"
            )
        else:
            self.notice.setStyleSheet(theme.banner_style(notice.severity, self.palette()))

    def _show_check(self, check: CouponCheck | None) -> None:
        self._check = check
        self.product_choice.clear()
        if check is None:
            for label in (self.title_label, self.reward_label, self.expiry_label, self.owner_label):
                label.setText("—")
            self._set_product_row(False)
            self._set_busy(self._busy)
            return
        coupon = check.coupon
        offer = coupon.offer
        self.title_label.setText(offer.title.text(self._locale) or "—")
        reward = offer.reward_details.text(self._locale) or offer.description.text(self._locale)
        self.reward_label.setText(reward or "—")
        expiry = coupon.expiry_time
        self.expiry_label.setText(self._fmt.local_datetime(expiry) if expiry else self.tr("no end"))
        owner = check.owner_name or self.tr("unknown")
        if check.card is not None and check.card.card_number:
            owner = f"{owner} · {check.card.card_number}"
        self.owner_label.setText(owner)
        for product in coupon.products:
            self.product_choice.addItem(product.name or f"#{product.id}", product.id)
        self._set_product_row(bool(coupon.products))
        self._set_busy(self._busy)

    def _set_product_row(self, shown: bool) -> None:
        self.product_choice.setVisible(shown)
        if self._product_row_label is not None:
            self._product_row_label.setVisible(shown)


def _coupon_code(text: str) -> str | None:
    try:
        code = parse_scan(text)
    except InvalidScan:
        return None
    return code.value if code.kind == "coupon" else None
