"""The customer-facing window: shop, first name, balance, discount, total, QR code, thanks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFontMetrics, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from pos_app.ui.common import theme
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.customer_display.model import CustomerDisplayModel, DisplayState

SHOP_PT = 28
HEADLINE_PT = 44
FIGURE_PT = 36


def _tr(text: str) -> str:
    return QCoreApplication.translate("CustomerDisplay", text)


class _QrLabel(QLabel):
    """A label that draws its QR code again whenever the layout gives it a new size."""

    def __init__(self, parent: QWidget, redraw: Callable[[], None]) -> None:
        super().__init__(parent)
        self._redraw = redraw

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A platform that activates every window it shows: hand the keyboard back to the till.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            till = self.parentWidget()
            if till is not None and till.isVisible():
                till.activateWindow()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._redraw()


class CustomerDisplay(QWidget):
    """A top-level window for the screen that faces the customer (`customerDisplay`).

    It shows only what `CustomerDisplayModel` decides, in big type and as plain text. It
    never takes the keyboard focus from the till.

    No signals.
    """

    def __init__(
        self, model: CustomerDisplayModel, formatter: Formatter, parent: QWidget | None = None
    ) -> None:
        # Never the keyboard's window: the cashier types and scans into the till.
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("customerDisplay")
        self.setWindowTitle(_tr("Loyalty.lt — for the customer"))
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._fmt = formatter
        self._model = model
        self.shop_label = self._label("displayShopLabel", SHOP_PT, bold=True)
        self.headline_label = self._label("displayHeadline", HEADLINE_PT, bold=True)
        self.balance_label = self._label("displayBalance", FIGURE_PT)
        self.discount_label = self._label("displayDiscount", FIGURE_PT)
        self.to_pay_label = self._label("displayToPay", HEADLINE_PT, bold=True)
        self.qr_label = self._label("displayQr", FIGURE_PT, _QrLabel(self, self._render_qr))
        self.qr_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(24)
        layout.addWidget(self.shop_label)
        layout.addStretch(1)
        layout.addWidget(self.headline_label)
        layout.addWidget(self.balance_label)
        layout.addWidget(self.discount_label)
        layout.addWidget(self.to_pay_label)
        layout.addWidget(self.qr_label, 4)
        layout.addStretch(1)
        self._full_texts: dict[QLabel, str] = {}
        self._qr_text = ""
        model.changed.connect(self.show_state)
        self.show_state(model.state)
        self.resize(800, 600)

    def _label(
        self, name: str, point_size: int, label: QLabel | None = None, *, bold: bool = False
    ) -> QLabel:
        label = label if label is not None else QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        theme.set_font(label, point_size, bold=bold)
        return label

    # --- what is shown -------------------------------------------------------------------
    def show_state(self, state: DisplayState) -> None:
        """Show `state`, hiding every line that does not belong to it."""
        fmt = self._fmt
        self._set(self.shop_label, state.shop_name)
        headline = balance = discount = to_pay = ""
        self._qr_text = state.qr_text if state.kind == "qr" else ""
        if state.kind == "idle":
            headline = _tr("Welcome")
        elif state.kind == "customer":
            if state.first_name:
                headline = _tr("Hello, %1!").replace("%1", state.first_name)
            else:
                headline = _tr("Hello!")
            if state.points is not None:
                balance = _tr("%1 points").replace("%1", fmt.number(state.points))
                if state.worth is not None and state.worth > 0:
                    worth = _tr("worth %1").replace("%1", fmt.money(state.worth))
                    balance = f"{balance} · {worth}"
            if state.discount is not None:
                discount = _tr("Discount: %1").replace("%1", fmt.money(-state.discount))
            if state.to_pay is not None:
                to_pay = _tr("To pay: %1").replace("%1", fmt.money(state.to_pay))
        elif state.kind == "qr":
            headline = _tr("Scan this code with the Loyalty.lt app")
        else:  # thanks
            if state.new_balance is not None:
                headline = _tr("Thank you — new balance %1").replace(
                    "%1", fmt.number(state.new_balance)
                )
            else:
                headline = _tr("Thank you")
            if state.reward_product or state.reward_code:
                balance = _tr("Stamp card complete! Your reward: %1").replace(
                    "%1", state.reward_product or "🎉"
                )
                to_pay = state.reward_code
        for label, text in (
            (self.headline_label, headline),
            (self.balance_label, balance),
            (self.discount_label, discount),
            (self.to_pay_label, to_pay),
        ):
            self._set(label, text)
        self.qr_label.setVisible(bool(self._qr_text))
        self._render_qr()

    def _set(self, label: QLabel, text: str) -> None:
        """Plain text, elided to the label's width; the whole text stays in `fullText`."""
        self._full_texts[label] = text
        label.setProperty("fullText", text)
        label.setVisible(bool(text))
        self._elide(label)

    def _elide(self, label: QLabel) -> None:
        text = self._full_texts.get(label, "")
        width = max(label.width(), self.width() - 96, 100)
        metrics = QFontMetrics(label.font())
        label.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, width))

    def _render_qr(self) -> None:
        if not getattr(self, "_qr_text", ""):
            self.qr_label.clear()
            return
        from pos_app.ui.checkout.qr_dialog import qr_image

        side = max(min(self.qr_label.width(), self.qr_label.height()), 240)
        self.qr_label.setPixmap(QPixmap.fromImage(qr_image(self._qr_text, side)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A platform that activates every window it shows: hand the keyboard back to the till.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            till = self.parentWidget()
            if till is not None and till.isVisible():
                till.activateWindow()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for label in self._full_texts:
            self._elide(label)
