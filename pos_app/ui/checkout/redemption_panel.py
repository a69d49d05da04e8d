"""The order total and how many points to redeem: slider, spin box and presets kept in step."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QEvent, QRegularExpression, Qt, Signal
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
        theme.set_font(self.order_total_input, theme.BIG_PT, bold=True)
        self.order_total_input.textChanged.connect(self._order_text_changed)
        self.order_total_input.returnPressed.connect(self.orderTotalCommitted)

        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("redeemSlider")
        self.slider.setMinimumHeight(36)
        self.slider.valueChanged.connect(self._slider_moved)
        # Taking hold of the handle is choosing points, even where it already rests.
        self.slider.sliderPressed.connect(self._slider_pressed)
        self.spin = QSpinBox(self)
        self.spin.setObjectName("redeemSpin")
        self.spin.setKeyboardTracking(False)
        self.spin.setGroupSeparatorShown(True)
        self.spin.setMinimumWidth(130)
        theme.set_font(self.spin, theme.BIG_PT)
        self.spin.valueChanged.connect(self._points_chosen)

        # Checked: this sale redeems the slider's points. Unchecked until the cashier chooses.
        self.use_button = self._preset("", "usePointsToggle", None)
        self.use_button.setCheckable(True)
        self.use_button.setChecked(False)
        self.use_button.setStyleSheet(theme.toggle_style(self.palette()))
        self.use_button.toggled.connect(vm.set_use_points)
        self.lowest_button = self._preset("", "presetLowestButton", vm.choose_lowest)
        self.highest_button = self._preset("", "presetHighestButton", vm.choose_highest)
        self.cover_button = self._preset("", "presetCoverButton", vm.choose_cover)

        self.discount_label = self._value_label("discountLabel", theme.NAME_PT)
        self.discount_label.setStyleSheet(f"color: {theme.accent(self.palette())};")
        self.amount_due_label = self._value_label("amountDueLabel", theme.NAME_PT)
        self.limit_label = QLabel(self)
        self.limit_label.setObjectName("redemptionLimitLabel")
        self.limit_label.setTextFormat(Qt.TextFormat.PlainText)
        self.limit_label.setWordWrap(True)
        theme.set_font(self.limit_label, theme.BODY_PT)

        self._total_caption = self._caption("")
        self._points_caption = self._caption("")
        self._discount_caption = self._caption("")
        self._due_caption = self._caption("")
        total_row = QHBoxLayout()
        total_row.addWidget(self._total_caption)
        total_row.addStretch(1)
        total_row.addWidget(self.order_total_input)
        points_row = QHBoxLayout()
        points_row.addWidget(self._points_caption)
        points_row.addWidget(self.slider, 1)
        points_row.addWidget(self.spin)
        # Two by two: four buttons in a row are wider than half a 1024 px screen in Lithuanian.
        presets = QGridLayout()
        presets.setSpacing(6)
        presets.addWidget(self.use_button, 0, 0)
        presets.addWidget(self.cover_button, 0, 1)
        presets.addWidget(self.lowest_button, 1, 0)
        presets.addWidget(self.highest_button, 1, 1)
        figures = QGridLayout()
        figures.addWidget(self._discount_caption, 0, 0)
        figures.addWidget(self.discount_label, 0, 1)
        figures.addWidget(self._due_caption, 1, 0)
        figures.addWidget(self.amount_due_label, 1, 1)
        figures.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addLayout(total_row)
        layout.addLayout(points_row)
        layout.addLayout(presets)
        layout.addWidget(self.limit_label)
        layout.addLayout(figures)

        self.retranslate()
        vm.redemptionChanged.connect(self.show_view)
        self.show_view(vm.view)

    def retranslate(self) -> None:
        """Every fixed text in the current UI language (at start and on a language change)."""
        self.order_total_input.setAccessibleName(self.tr("Order total"))
        self.slider.setAccessibleName(self.tr("Points to redeem"))
        self.spin.setAccessibleName(self.tr("Points to redeem"))
        self.use_button.setText(self.tr("&Use points"))
        self.lowest_button.setText(self.tr("&Lowest"))
        self.highest_button.setText(self.tr("&Highest"))
        self.cover_button.setText(self.tr("C&over the order"))
        self._total_caption.setText(self.tr("Order total (F3)"))
        self._points_caption.setText(self.tr("Points"))
        self._discount_caption.setText(self.tr("Discount"))
        self._due_caption.setText(self.tr("Left to pay"))
        self.order_total_input.setPlaceholderText(self._fmt.decimal(Decimal("0.00")))
        self.show_view(self._vm.view)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

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
        button.setMinimumHeight(34)
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

    def _slider_pressed(self) -> None:
        if self.slider.isEnabled() and not self._vm.view.use_points:
            self._points_chosen(self.slider.value())

    def _points_chosen(self, value: int) -> None:
        if value <= 0:  # 0 in the spin box: the customer keeps the points
            self._vm.set_use_points(False)
        else:
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
        # Choosing an amount is how the cashier redeems, so both stay usable while the
        # customer keeps the points: the slider rests on the lowest amount, the spin box on 0.
        editable = possible and not self._frozen
        chosen = view.points if view.use_points else 0
        self.slider.blockSignals(True)
        self.slider.setRange(lowest, cap)
        self.slider.setValue(max(chosen, lowest))
        self.slider.setEnabled(editable)
        self.slider.blockSignals(False)
        self.spin.blockSignals(True)
        self.spin.setRange(0, cap)
        self.spin.setValue(chosen)
        self.spin.setEnabled(editable)
        self.spin.blockSignals(False)
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
            line = f"{messages.keeping_points()} {line}"
        self.limit_label.setText(line)

    def set_frozen(self, frozen: bool) -> None:
        """While a sale is being sent or was sent, its total and points may not change."""
        self._frozen = frozen
        self._sent_view = self._vm.view if frozen else None
        self.show_view(self._vm.view)
