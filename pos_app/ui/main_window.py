"""The till window: card input, status banner, customer, redemption and manager panels."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos_app.scanner import InvalidScan, parse_scan
from pos_app.ui.checkout.customer_panel import CustomerPanel
from pos_app.ui.checkout.redemption_panel import RedemptionPanel
from pos_app.ui.checkout.sale_keys import SaleKeys
from pos_app.ui.checkout.stage import SaleStage
from pos_app.ui.checkout.view_model import CheckoutViewModel
from pos_app.ui.common import placement, theme
from pos_app.ui.common.closers import AsyncCloser, Closers
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.common.icon import app_icon
from pos_app.ui.common.messages import BannerKind, BannerState
from pos_app.ui.common.status_banner import StatusBanner
from pos_app.ui.manager.lock import ManagerLock
from pos_app.ui.manager.panel import ManagerPanel

if TYPE_CHECKING:
    from pos_app.ui.sale.panel import SalePanel


class MainWindow(SaleKeys, QMainWindow):
    """Lays out the panels, owns the shortcuts and forwards the cashier's input to the vm.

    The panels sit in a scroll area: whatever a server sends, the window never grows past the
    screen; on a till screen (1024x768 and up) everything fits without scrolling.

    Signals:
        settingsRequested(): Ctrl+, or the Settings button.
        qrRequested(): F4 or the QR card button (show a QR code for the customer's phone).
        reportRequested(): the Sales today button.
    """

    settingsRequested = Signal()
    qrRequested = Signal()
    reportRequested = Signal()

    def __init__(
        self,
        vm: CheckoutViewModel,
        formatter: Formatter,
        lock: ManagerLock,
        *,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.vm = vm
        self.lock = lock
        self.demo = demo
        self._closers = Closers(first=vm.clear)
        self.sale_panel: SalePanel | None = None
        icon = app_icon()
        self.setWindowIcon(icon)
        if QGuiApplication.windowIcon().isNull():  # dialogs and the customer display too
            QGuiApplication.setWindowIcon(icon)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("centralScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take it
        central = QWidget(self.scroll_area)
        central.setObjectName("centralArea")
        self.scroll_area.setWidget(central)
        self.setCentralWidget(self.scroll_area)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(12, 8, 12, 6)
        outer.setSpacing(6)

        self.demo_marker = QLabel(central)
        self.demo_marker.setObjectName("demoMarker")
        self.demo_marker.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_marker.setStyleSheet(theme.demo_style())
        self.demo_marker.setWordWrap(True)
        theme.set_font(self.demo_marker, theme.BODY_PT, bold=True)
        self.demo_marker.setVisible(demo)
        outer.addWidget(self.demo_marker)

        outer.addLayout(self._card_row(central))
        # A thin busy stripe under the card row. Hidden, it keeps its space: showing it must not
        # move the panels (a relayout and full repaint on the scan's critical path).
        self.progress = QFrame(central)
        self.progress.setObjectName("lookupProgress")
        self.progress.setFixedHeight(4)
        self.progress.setStyleSheet(f"background-color: {theme.SEVERITY_COLOURS['busy'][0]};")
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(policy)
        self.progress.setVisible(False)
        outer.addWidget(self.progress)

        self.banner = StatusBanner(central)
        self.banner.retryRequested.connect(vm.retry)
        outer.addWidget(self.banner)
        self._stage = SaleStage.READY

        self.customer_panel = CustomerPanel(formatter, central)
        self.redemption_panel = RedemptionPanel(vm, formatter, central)
        self.manager_panel = ManagerPanel(formatter, lock, central)
        self.sale_area = QFrame(central)
        self.sale_area.setObjectName("saleArea")
        self._sale_layout = QVBoxLayout(self.sale_area)
        self._sale_layout.setContentsMargins(0, 0, 0, 0)
        # Two columns: who (the customer, with stamp cards and coupons) and what (redemption
        # over the sale). When a sale's result shows it takes the redemption panel's place
        # (same numbers, the server's). The manager's panel sits under the customer while
        # locked (one short line) and under the sale once unlocked, when the customer's side
        # also lists the card's history: a whole sale fits a 1024x768 till screen either way.
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.customer_panel, 1)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.redemption_panel)
        right.addWidget(self.sale_area, 1)
        self._columns = (left, right)
        lock.lockedChanged.connect(self._place_manager_panel)
        self._place_manager_panel(lock.is_locked)
        columns = QHBoxLayout()
        columns.setSpacing(10)
        columns.addLayout(left, 5)
        columns.addLayout(right, 6)
        outer.addLayout(columns, 1)

        self.shortcut_hint = QLabel(central)
        self.shortcut_hint.setObjectName("shortcutHint")
        self.shortcut_hint.setWordWrap(True)
        theme.set_font(self.shortcut_hint, theme.SMALL_PT)
        self.shortcut_hint.setStyleSheet(f"color: {theme.muted(self.palette())};")
        # The keys, and the manager's and the set-up buttons, out of the cashier's way.
        bottom = QHBoxLayout()
        bottom.addWidget(self.shortcut_hint, 1)
        for button in (self.report_button, self.settings_button):
            button.setMinimumHeight(32)
            theme.set_font(button, theme.SMALL_PT + 1)
            bottom.addWidget(button)
        outer.addLayout(bottom)

        self.camera_dock = QDockWidget(self)
        self.camera_dock.setObjectName("cameraDock")
        self.camera_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.camera_dock)
        self.camera_dock.hide()

        self._shortcuts()
        vm.cardChanged.connect(self.customer_panel.show_card)
        vm.cardChanged.connect(self.manager_panel.show_card)
        vm.bannerChanged.connect(self.banner.show_state)
        vm.busyChanged.connect(self.progress.setVisible)
        vm.redemptionChanged.connect(self._update_stage)
        self.redemption_panel.orderTotalCommitted.connect(self._order_total_entered)
        self.customer_panel.show_card(vm.card)
        self.manager_panel.show_card(vm.card)
        self.banner.show_state(vm.banner)
        self.retranslate()
        self.resize(1024, 700)

    def retranslate(self) -> None:
        """Every fixed text in the current UI language (at start and on a language change)."""
        # The product's name, the same in every language: support and tools find it by it.
        title = "Loyalty.lt till"
        if self.demo:
            title = f"{title} — DEMO"
        # Qt on X11 and Wayland appends the application's display name to a window title that
        # does not end with it ("… — DEMO — Loyalty.lt till"): make them one and the same.
        QGuiApplication.setApplicationDisplayName(title)
        self.setWindowTitle(title)
        self.demo_marker.setText(self.tr("DEMO — practice sandbox, no real customers or points"))
        self._card_caption.setText(self.tr("Card (F2)"))
        self.card_input.setPlaceholderText(self.tr("Scan or type a card number, then Enter"))
        self.card_input.setAccessibleName(self.tr("Card number"))
        self.lookup_button.setText(self.tr("Look up"))
        self.qr_button.setText(self.tr("QR card (F4)"))
        self.report_button.setText(self.tr("Sales today"))
        self.settings_button.setText(self.tr("Settings"))
        self.shortcut_hint.setText(
            self.tr(
                "F2 card  ·  F3 order total  ·  F4 QR card  ·  F5 retry  ·  F6 camera  ·  "
                "Ctrl+Enter or F12 complete the sale  ·  Esc clear / new sale  ·  Ctrl+, settings"
            )
        )
        self.show_camera_status(self._camera_status if hasattr(self, "_camera_status") else "")
        self.set_report_allowed(self.report_button.isEnabled())  # its tooltip, re-said
        self._update_stage()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _place_manager_panel(self, locked: bool) -> None:
        left, right = self._columns
        wanted, other = (left, right) if locked else (right, left)
        if wanted.indexOf(self.manager_panel) < 0:
            other.removeWidget(self.manager_panel)
            wanted.addWidget(self.manager_panel)

    def _card_row(self, parent: QWidget) -> QHBoxLayout:
        caption = QLabel(parent)
        self._card_caption = caption
        theme.set_font(caption, theme.BODY_PT)
        self.card_input = QLineEdit(parent)
        self.card_input.setObjectName("cardInput")
        self.card_input.setClearButtonEnabled(True)
        self.card_input.setMinimumHeight(44)
        self.card_input.setMinimumWidth(160)
        theme.set_font(self.card_input, theme.BIG_PT)
        self.card_input.returnPressed.connect(self._submit_typed)
        self.lookup_button = self._side_button("lookupButton", parent)
        self.lookup_button.clicked.connect(self._submit_typed)
        self.qr_button = self._side_button("qrButton", parent)
        self.qr_button.clicked.connect(self.qrRequested)
        self.report_button = self._side_button("reportButton", parent)
        self.report_button.clicked.connect(self.reportRequested)
        self.settings_button = self._side_button("settingsButton", parent)
        self.settings_button.clicked.connect(self.settingsRequested)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.card_input, 1)
        row.addWidget(self.lookup_button)
        row.addWidget(self.qr_button)
        return row

    def _side_button(self, name: str, parent: QWidget) -> QPushButton:
        button = QPushButton(parent)
        button.setObjectName(name)
        button.setMinimumHeight(44)
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # shortcuts are the keyboard path
        theme.set_font(button, theme.BODY_PT)
        return button

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WindowShortcut
        bindings: list[tuple[QKeySequence | str, Callable[[], None]]] = [
            (QKeySequence(Qt.Key.Key_F2), self.f2_pressed),
            (QKeySequence(Qt.Key.Key_F3), self.f3_pressed),
            (QKeySequence(Qt.Key.Key_F4), self.qrRequested.emit),
            (QKeySequence(Qt.Key.Key_F5), self.vm.retry),
            (QKeySequence(Qt.Key.Key_F6), self.toggle_camera),
            (QKeySequence(Qt.Key.Key_Escape), self.escape_pressed),
            (QKeySequence("Ctrl+,"), self.settingsRequested.emit),
            # Complete the sale from anywhere in the window (main and keypad Enter).
            (QKeySequence("Ctrl+Return"), self.complete_sale),
            (QKeySequence("Ctrl+Enter"), self.complete_sale),
            (QKeySequence(Qt.Key.Key_F12), self.complete_sale),
        ]
        self._shortcut_objects: list[QShortcut] = []
        for sequence, slot in bindings:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
            self._shortcut_objects.append(shortcut)

    # --- cashier actions ----------------------------------------------------------------
    def _submit_typed(self) -> None:
        text = self.card_input.text()
        if text.strip():
            self._next_sale_before_scan(text)
            # A badge number is never left on show (typed, it asks for the PIN instead).
            self.card_input.setText("" if self.lock.is_badge(text) else text)
            self.vm.submit_scan(text, "keyboard")
            self.card_input.selectAll()

    def submit_scan(self, text: str, source: str) -> None:
        """A scan from the wedge or the camera: shown in the card input, then looked up."""
        self._next_sale_before_scan(text)
        try:
            shown = parse_scan(text).value  # what was printed, even if the layout mangled it
        except InvalidScan:
            shown = text.strip()
        # The manager badge is a key, not a card: it never shows in the card field.
        self.card_input.setText("" if self.lock.is_badge(text) else shown)
        self.vm.submit_scan(text, source)

    def _order_total_entered(self) -> None:
        """Enter in the order total: on to the points when the card can redeem, else the card."""
        spin = self.redemption_panel.spin
        if spin.isEnabled():
            spin.setFocus(Qt.FocusReason.TabFocusReason)
            spin.selectAll()
        else:
            self.focus_card_input()

    def submit_wedge_scan(self, text: str) -> None:
        self.submit_scan(text, "wedge")

    def submit_camera_scan(self, text: str) -> None:
        self.submit_scan(text, "camera")

    def focus_card_input(self) -> None:
        self.card_input.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.card_input.selectAll()

    def focus_order_total(self) -> None:
        field = self.redemption_panel.order_total_input
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    def clear_customer(self) -> None:
        self.vm.clear()
        self.card_input.clear()
        self.focus_card_input()

    def toggle_camera(self) -> None:
        """F6: show or hide the camera side area (the panel's own button starts/stops it)."""
        if self.camera_dock.widget() is not None:
            self.camera_dock.setVisible(not self.camera_dock.isVisible())

    def show_camera_status(self, text: str) -> None:
        """A camera notice goes on the side area's title, never over a lookup's outcome."""
        self._camera_status = text
        title = self.tr("Camera")
        self.camera_dock.setWindowTitle(f"{title} — {text}" if text else title)
        if self.banner.state.kind is BannerKind.NONE and text:
            self.banner.show_state(BannerState(BannerKind.INFO, "info", text))

    def start_new_sale(self) -> None:
        """After a sale: forget the customer and the order total, ready for the next scan."""
        self.vm.clear()
        self.redemption_panel.order_total_input.clear()
        self.card_input.clear()
        self.focus_card_input()

    def show_unexpected_error(self, text: str) -> None:
        """For start-up's exception hooks: say it in the banner, never in a modal box."""
        self.banner.show_state(BannerState(BannerKind.UNEXPECTED, "error", text, can_retry=True))

    # --- places other parts plug into -----------------------------------------------------
    def set_camera_widget(self, widget: QWidget, *, visible: bool = True) -> None:
        """Put the camera preview in the collapsible side area."""
        self.camera_dock.setWidget(widget)
        self.camera_dock.setVisible(visible)

    def show_sale_result(self, shown: bool) -> None:
        """The sale's confirmed result replaces the (frozen) redemption panel, and back."""
        self.redemption_panel.setVisible(not shown)

    def set_sale_widget(self, widget: SalePanel) -> None:
        """Put the sale completion panel under the redemption panel; the sale keys drive it."""
        self._sale_layout.addWidget(widget)
        self.sale_panel = widget
        self.vm.busyChanged.connect(widget.set_lookup_busy)
        widget.set_lookup_busy(self.vm.busy)
        widget.busyChanged.connect(self._update_stage)
        widget.saleFinished.connect(self._update_stage)
        widget.newSaleRequested.connect(self._update_stage)
        self._update_stage()

    # --- placement on the screen ----------------------------------------------------------
    def place_on_screen(self, remembered: QSize | None = None, *, fullscreen: bool = False) -> None:
        """Before the first show: maximised on a till screen, a remembered size, or full screen."""
        placement.place(self, remembered=remembered, fullscreen=fullscreen)

    def size_to_remember(self) -> QSize | None:
        """The size the cashier left the window at; None when maximised or full screen."""
        return placement.chosen_size(self)

    def set_redemption_frozen(self, frozen: bool) -> None:
        """While a sale is being sent, its order total and points cannot change."""
        self.redemption_panel.set_frozen(frozen)

    def show_banner(self, state: BannerState) -> None:
        """Show a notice from outside the view-model (a dialog's failure, a restart hint)."""
        self.banner.show_state(state)

    def show_card_number(self, text: str) -> None:
        """Put a card number in the card field (what a QR Card Scan phone shared).

        That is a new customer: after a sale it starts the next sale first.
        """
        if self.sale_finished:
            self.new_sale()
        self.card_input.setText(text)

    def set_report_allowed(self, allowed: bool) -> None:
        """Today's sales are for the manager: the button says why when it is disabled."""
        self.report_button.setEnabled(allowed)
        self.report_button.setToolTip(
            "" if allowed else self.tr("Unlock the manager view to see today's sales")
        )

    def add_async_closer(self, closer: AsyncCloser) -> None:
        """Something to await on shutdown (the HTTP client, the camera)."""
        self._closers.add(closer)

    async def aclose(self) -> None:
        """Release what the window's parts hold; call before the event loop closes.

        Closing the window starts the same work; awaiting this waits for it either way.
        """
        await self._closers.wait()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.vm.clear()
        # The wedge filter, the camera and the HTTP client go with the window, even when
        # nobody awaits aclose() (e.g. a test that only closes it).
        self._closers.start()
        super().closeEvent(event)


__all__ = ["MainWindow"]
