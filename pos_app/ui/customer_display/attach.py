"""Which screen the customer display goes on, and its hookup to the checkout's signals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from pos_app.ui.customer_display.model import CustomerDisplayModel

if TYPE_CHECKING:
    from pos_app.ui.common.formatting import Formatter
    from pos_app.ui.customer_display.window import CustomerDisplay

AUTO = "auto"
OFF = "off"
BESIDE_THE_TILL = ""  # a plain window on the cashier's own screen


def choose_screen(
    setting: str, screens: Sequence[str], cashier_screen: str, *, forced: bool
) -> str | None:
    """The name of the screen the display fills, `BESIDE_THE_TILL`, or None for no display.

    `setting` is Settings' choice: "auto" (a second screen when there is one), "off", or a
    screen's name (used when that screen is connected; otherwise as "auto"). `forced` (the
    `--customer-display` flag) turns it on even when off or when there is only one screen.
    """
    choice = setting.strip()
    if choice == OFF and not forced:
        return None
    others = [name for name in screens if name != cashier_screen]
    if choice not in (AUTO, OFF, "") and choice in screens:
        return choice if choice != cashier_screen else BESIDE_THE_TILL
    if others:
        return others[0]
    return BESIDE_THE_TILL if forced else None


def place(display: QWidget, screen: QScreen | None) -> None:
    """Show `display` full screen on `screen`, or as a window where it is (None)."""
    if screen is None:
        display.show()
        return
    display.setGeometry(screen.geometry())
    # Not showFullScreen(): it also asks to activate the window, and this one never takes the
    # keyboard from the till.
    display.setWindowState(display.windowState() | Qt.WindowState.WindowFullScreen)
    display.show()
    handle = display.windowHandle()
    if handle is not None and handle.screen() is not screen:
        handle.setScreen(screen)
        display.setGeometry(screen.geometry())


def open_customer_display(
    till: QWidget,
    model: CustomerDisplayModel,
    formatter: Formatter,
    *,
    setting: str = AUTO,
    forced: bool = False,
) -> CustomerDisplay | None:
    """The customer display, shown on its screen; None when it stays off."""
    screens = QGuiApplication.screens()
    cashier = till.screen() if till.screen() is not None else QGuiApplication.primaryScreen()
    chosen = choose_screen(
        setting,
        [s.name() for s in screens],
        cashier.name() if cashier is not None else "",
        forced=forced,
    )
    if chosen is None:
        return None
    from pos_app.ui.customer_display.window import CustomerDisplay

    display = CustomerDisplay(model, formatter, till)
    target = next((s for s in screens if s.name() == chosen), None) if chosen else None
    place(display, target)
    _CloseWithTill(till, display)
    return display


class _CloseWithTill(QObject):
    """Closes the customer display when the till window closes (it would stay up otherwise,
    being a window of its own). No signals."""

    def __init__(self, till: QWidget, display: QWidget) -> None:
        super().__init__(display)
        self._till = till
        self._display = display
        till.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            # After the till has handled it: a close it refused keeps both open.
            QTimer.singleShot(0, self._follow)
        return False

    def _follow(self) -> None:
        if not self._till.isVisible():
            self._display.close()


def attach_customer_display(
    till: QWidget,
    vm: Any,
    formatter: Formatter,
    *,
    setting: str = AUTO,
    forced: bool = False,
    shop_name: str = "",
) -> CustomerDisplayModel | None:
    """The display's model fed from the checkout; its window opens once the till is shown.

    None when the display stays off (one screen and not forced, or Settings say off). The
    window is opened a moment after the till's own so the till keeps the keyboard focus.
    """
    screens = [s.name() for s in QGuiApplication.screens()]
    primary = QGuiApplication.primaryScreen()
    if choose_screen(setting, screens, primary.name() if primary else "", forced=forced) is None:
        return None
    model = CustomerDisplayModel(shop_name, parent=till)
    follow_checkout(model, vm)

    def open_when_shown() -> None:
        if till.isVisible():
            open_customer_display(till, model, formatter, setting=setting, forced=forced)
        else:
            QTimer.singleShot(50, open_when_shown)

    QTimer.singleShot(0, open_when_shown)
    return model


def follow_checkout(model: CustomerDisplayModel, vm: Any) -> None:
    """Feed `model` from the checkout view-model's card and redemption signals."""
    vm.cardChanged.connect(model.show_card)
    vm.redemptionChanged.connect(model.show_view)
    model.show_card(vm.card)
    model.show_view(vm.view)


def follow_sale(model: CustomerDisplayModel, sale_panel: Any) -> None:
    """Thank the customer when the sale panel's sale is confirmed."""
    sale_panel.saleConfirmed.connect(model.sale_confirmed)


def follow_qr_dialog(model: CustomerDisplayModel, dialog: Any) -> None:
    """Show each QR Card Scan code the dialog shows; back to the checkout when it closes."""

    def shown(_session_id: str) -> None:
        session = getattr(dialog, "session", None)
        text = getattr(session, "qr_code", "") if session is not None else ""
        if isinstance(text, str) and text:
            model.show_qr(text)

    dialog.sessionShown.connect(shown)
    dialog.finished.connect(model.end_qr)
