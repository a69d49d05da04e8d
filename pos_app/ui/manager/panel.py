"""The manager view: card history behind a PIN or badge; its labels stay current while locked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.common import theme
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.manager.lock import ManagerLock
from pos_app.ui.manager.unlock_widget import UnlockWidget

if TYPE_CHECKING:
    from pos_app.core.models import CardInfo

_EMPTY = "—"


class ManagerPanel(QFrame):
    """The lock's `UnlockWidget` while locked, else the card's details; follows `lock`.

    No signals of its own; the lock's `lockedChanged` drives it.
    """

    def __init__(
        self, formatter: Formatter, lock: ManagerLock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("managerPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._fmt = formatter
        self._lock = lock
        theme.set_font(self, theme.BODY_PT)  # the unlock widget inherits it
        self.unlock_widget = UnlockWidget(lock, self)

        title = QLabel(self.tr("Manager"), self)
        self._title = title
        self._row_captions: list[QLabel] = []
        self._card: CardInfo | None = None
        theme.set_font(title, theme.BODY_PT, bold=True)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("managerStateLabel")
        theme.set_font(self.state_label, theme.SMALL_PT)
        self.lock_button = QPushButton(self.tr("Lock"), self)
        self.lock_button.setObjectName("managerLockButton")
        self.lock_button.setAutoDefault(False)
        self.lock_button.clicked.connect(lock.lock)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.unlock_widget)
        self.pages.addWidget(self._details_page())

        header = QHBoxLayout()
        header.addWidget(title)
        header.addWidget(self.state_label, 1)
        header.addWidget(self.lock_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        layout.addLayout(header)
        layout.addWidget(self.pages)
        lock.lockedChanged.connect(self._show_locked)
        lock.watch(self)  # input in this panel counts as manager activity for the idle lock
        self._show_locked(lock.is_locked)

    def _details_page(self) -> QWidget:
        page = QWidget(self)
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)

        def row(place: tuple[int, int], caption: str, name: str, span: int = 1) -> QLabel:
            line, column = place
            caption_label = QLabel(caption, page)
            self._row_captions.append(caption_label)
            grid.addWidget(caption_label, line, column)
            value = QLabel(_EMPTY, page)
            value.setObjectName(name)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(value, line, column + 1, 1, span)
            return value

        # Three short lines, not four: a 768 px till screen has the history above this too.
        self.last_used_label = row((0, 0), self.tr("Last used"), "lastUsedLabel", span=3)
        self.transactions_label = row((1, 0), self.tr("Transactions"), "transactionsCountLabel")
        self.card_id_label = row((1, 2), self.tr("Card id"), "cardIdLabel")
        self.created_label = row((2, 0), self.tr("Created"), "cardCreatedLabel")
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setVerticalSpacing(2)
        return page

    def _show_locked(self, locked: bool) -> None:
        # The stack is as tall as the page it shows, not its tallest one (a till screen is short).
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            if page is None:
                continue
            shown = index == (0 if locked else 1)
            policy = QSizePolicy.Policy.Preferred if shown else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.pages.setCurrentIndex(0 if locked else 1)
        self.pages.updateGeometry()
        self.lock_button.setVisible(not locked)
        self.state_label.setText(self.tr("locked") if locked else self.tr("unlocked"))

    def retranslate(self) -> None:
        """Fixed texts in the current UI language; the details in its formats."""
        self._title.setText(self.tr("Manager"))
        self.lock_button.setText(self.tr("Lock"))
        texts = (
            self.tr("Last used"),
            self.tr("Transactions"),
            self.tr("Card id"),
            self.tr("Created"),
        )
        for widget, text in zip(self._row_captions, texts, strict=False):
            widget.setText(text)
        self._show_locked(self._lock.is_locked)
        self.show_card(self._card)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_card(self, card: CardInfo | None) -> None:
        """Fill the details on every lookup, locked or not, so unlocking shows them at once."""
        self._card = card
        if card is None:
            for label in (
                self.last_used_label,
                self.transactions_label,
                self.card_id_label,
                self.created_label,
            ):
                label.setText(_EMPTY)
            return
        if card.last_used_at is None:
            self.last_used_label.setText(self.tr("never"))
        else:
            self.last_used_label.setText(
                f"{self._fmt.local_datetime(card.last_used_at)} "
                f"({self._fmt.relative(card.last_used_at)})"
            )
        self.transactions_label.setText(self._fmt.number(card.transactions_count))
        self.card_id_label.setText(str(card.id))
        created = card.created_at
        self.created_label.setText(_EMPTY if created is None else self._fmt.local_date(created))
