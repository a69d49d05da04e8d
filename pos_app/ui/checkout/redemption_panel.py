"""The order total and how many points to redeem: slider, spin box and presets kept in step."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.checkout.view_model import CheckoutViewModel, RedemptionView
from pos_app.ui.common import messages, theme
from pos_app.ui.common.formatting import Formatter

# Up to 999 999.99 with either decimal mark; spaces allowed for grouping.
_AMOUNT = QRegularExpression(r"^\s*[0-9 \x{00a0}\x{202f}]{0,9}([.,][0-9]{0,2})?\s*$")


class RedemptionPanel(QFrame):
    """Binds the redemption widgets to a `CheckoutViewModel` in both directions.

    Signals:
        orderTotalCommitted(): Enter was pressed in the order total field.
    """

    orderTotalCommitted = Signal()

    def __init__(
        self, vm: CheckoutViewModel, formatter: Formatter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("redemptionPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._vm = vm
        self._fmt = formatter
        self._frozen = False
        self._sent_view: RedemptionView | None = None

        self.order_total_input = QLineEdit(self)
        self.order_total_input.setObjectName("orderTotalInput")
        self.order_total_input.setValidator(QRegularExpressionValidator(_AMOUNT, self))
        self.order_total_input.setPlaceholderText(self._fmt.decimal(Decimal("0.00")))
        self.order_total_input.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.order_total_input.setAccessibleName(self.tr("Order total"))
        theme.set_font(self.order_total_input, theme.BIG_PT, bold=True)
        self.order_total_input.textChanged.connect(self._order_text_changed)
        self.order_total_input.returnPressed.connect(self.orderTotalCommitted)

        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("redeemSlider")
        self.slider.setMinimumHeight(36)
        self.slider.setAccessibleName(self.tr("Points to redeem"))
        self.slider.valueChanged.connect(self._slider_moved)
        self.spin = QSpinBox(self)
        self.spin.setObjectName("redeemSpin")
        self.spin.setKeyboardTracking(False)
        self.spin.setGroupSeparatorShown(True)
        self.spin.setMinimumWidth(130)
        self.spin.setAccessibleName(self.tr("Points to redeem"))
        theme.set_font(self.spin, theme.BIG_PT)
        self.spin.valueChanged.connect(self._points_chosen)

        # Checked: this sale redeems the slider's points; the customer may keep them instead.
        self.use_button = self._preset(self.tr("&Use points"), "usePointsToggle", None)
        self.use_button.setCheckable(True)
        self.use_button.setChecked(True)
        self.use_button.setStyleSheet(theme.toggle_style(self.palette()))
        self.use_button.toggled.connect(vm.set_use_points)
        self.lowest_button = self._preset(
            self.tr("&Lowest"), "presetLowestButton", vm.choose_lowest
        )
        self.highest_button = self._preset(
            self.tr("&Highest"), "presetHighestButton", vm.choose_highest
        )
        self.cover_button = self._preset(
            self.tr("C&over the order"), "presetCoverButton", vm.choose_cover
        )

        self.discount_label = self._value_label("discountLabel", theme.NAME_PT)
        self.discount_label.setStyleSheet(f"color: {theme.accent(self.palette())};")
        self.amount_due_label = self._value_label("amountDueLabel", theme.NAME_PT)
        self.limit_label = QLabel(self)
        self.limit_label.setObjectName("redemptionLimitLabel")
        self.limit_label.setWordWrap(True)
        theme.set_font(self.limit_label, theme.BODY_PT)

        total_row = QHBoxLayout()
        total_row.addWidget(self._caption(self.tr("Order total (F3)")))
        total_row.addStretch(1)
        total_row.addWidget(self.order_total_input)
        points_row = QHBoxLayout()
        points_row.addWidget(self.slider, 1)
        points_row.addWidget(self.spin)
        presets = QHBoxLayout()
        for button in (
            self.use_button,
            self.lowest_button,
            self.highest_button,
            self.cover_button,
        ):
            presets.addWidget(button)
        figures = QGridLayout()
        figures.addWidget(self._caption(self.tr("Discount")), 0, 0)
        figures.addWidget(self.discount_label, 0, 1)
        figures.addWidget(self._caption(self.tr("Left to pay")), 1, 0)
        figures.addWidget(self.amount_due_label, 1, 1)
        figures.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addLayout(total_row)
        layout.addWidget(self._caption(self.tr("Points to redeem")))
        layout.addLayout(points_row)
        layout.addLayout(presets)
        layout.addWidget(self.limit_label)
        layout.addLayout(figures)

        vm.redemptionChanged.connect(self.show_view)
        self.show_view(vm.view)

    def _caption(self, text: str) -> QLabel:
        widget = QLabel(text, self)
        theme.set_font(widget, theme.BODY_PT)
        return widget

    def _value_label(self, name: str, size: int) -> QLabel:
        widget = QLabel(self)
        widget.setObjectName(name)
        widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        theme.set_font(widget, size, bold=True)
        return widget

    def _preset(self, text: str, name: str, slot: Callable[[], None] | None) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setMinimumHeight(40)
        button.setAutoDefault(False)
        theme.set_font(button, theme.BODY_PT)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    def _order_text_changed(self, text: str) -> None:
        self._vm.set_order_total(self._fmt.parse_money(text))

    def _slider_moved(self, value: int) -> None:
        if self.slider.isEnabled():
            self._points_chosen(value)

    def _points_chosen(self, value: int) -> None:
        self._vm.set_points(value)
        # A snapped value may equal the old state (no signal): show the real choice anyway.
        self.show_view(self._vm.view)

    def show_view(self, view: RedemptionView) -> None:
        """Put the view-model's state on screen without echoing it back as a change.

        While frozen the panel keeps showing what the sale was sent with: the balance refresh
        after a sale recomputes the view-model's numbers, and two different amounts to pay on
        one screen is how a cashier charges the wrong one.
        """
        if self._sent_view is not None:
            view = self._sent_view
        lim = view.limits
        possible = lim is not None and lim.possible
        lowest = lim.min_points if lim is not None and possible else 0
        cap = lim.max_points if lim is not None and possible else 0
        editable = possible and view.use_points and not self._frozen
        for widget in (self.slider, self.spin):
            widget.blockSignals(True)
            widget.setRange(lowest, cap)
            widget.setValue(max(view.points, lowest))
            widget.setEnabled(editable)
            widget.blockSignals(False)
        self.slider.setPageStep(max(1, (cap - lowest) // 10))
        self.spin.setSingleStep(max(1, lowest))
        self.use_button.blockSignals(True)
        self.use_button.setChecked(view.use_points)
        self.use_button.blockSignals(False)
        presets = possible and not self._frozen
        self.use_button.setEnabled(presets)
        self.lowest_button.setEnabled(presets)
        self.highest_button.setEnabled(presets)
        self.cover_button.setEnabled(presets and view.cover_points is not None)
        self.order_total_input.setReadOnly(self._frozen)
        self.discount_label.setText(self._fmt.money(view.discount))
        due = view.amount_due
        self.amount_due_label.setText("—" if due is None else self._fmt.money(due))
        min_points = 0
        if view.card is not None and view.card.redemption is not None:
            min_points = max(view.card.redemption.min_points, 1)
        line = messages.limit_line(
            view.card, lim, self._fmt.number(cap), self._fmt.number(min_points)
        )
        if possible and not view.use_points:
            line = messages.keeping_points()
        self.limit_label.setText(line)

    def set_frozen(self, frozen: bool) -> None:
        """While a sale is being sent or was sent, its total and points may not change."""
        self._frozen = frozen
        self._sent_view = self._vm.view if frozen else None
        self.show_view(self._vm.view)
