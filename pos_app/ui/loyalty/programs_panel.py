"""The customer's stamp cards, usable coupons and (manager only) server-side history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.loyalty_programs import CardGame, Coupon, GameProgress, stamp_row
from pos_app.core.shop_models import Transaction
from pos_app.ui.common import theme
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.common.labels import ElidedLabel
from pos_app.ui.loyalty.messages import Notice

MAX_STAMPS_PER_SALE = 9
HISTORY_ROWS = 10
# A stamp card longer than this shows as figures: a row of 200 stamps would not fit.
MAX_STAMP_GLYPHS = 20
_NOTICE_COLOURS = {"success": ("#1b7a3d", "#ffffff")}


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class LoyaltyProgramsPanel(QFrame):
    """Stamp cards with their progress as stamps, the stamps this sale gives, the customer's
    usable coupons and, with the manager view unlocked, the card's last transactions.

    A view: the loyalty hookup feeds it and acts on its signals.

    Signals:
        stampChoiceChanged(): the game or the number of stamps for this sale changed.
        couponChosen(object): the cashier asked to redeem this `Coupon` from the list.
    """

    stampChoiceChanged = Signal()
    couponChosen = Signal(object)

    def __init__(
        self, formatter: Formatter, locale: str = "en", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loyaltyProgramsPanel")
        self._fmt = formatter
        self._locale = locale
        self._games: list[CardGame] = []
        self._coupons: list[Coupon] = []
        self._choice_locked = False
        self._stamps_available = True
        self._history: list[Transaction] | None = None
        self._build()
        self.retranslate()
        self.clear()

    def retranslate(self) -> None:
        """Every text in the till's current language (at start and on a language change)."""
        self.stamp_count.setSpecialValueText(self.tr("none"))
        self.stamp_count.setAccessibleName(self.tr("Stamps with this sale"))
        self.stamp_count.setToolTip(self.tr("Stamps with this sale (F7); none: no stamp"))
        self.coupons_caption.setText(self.tr("Coupons"))
        self.redeem_button.setText(self.tr("Redeem (F8)"))
        self.history_caption.setText(self.tr("Last transactions, every till and web shop"))
        columns = (self.tr("Date"), self.tr("Type"), self.tr("Points"), self.tr("Amount"))
        self.history.setHorizontalHeaderLabels([*columns, self.tr("Shop")])
        self._draw_games()
        if self._history is not None:
            self.show_history(self._history)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            # Stamp-card names come in both languages: follow the till's new one.
            lithuanian = QLocale().language() == QLocale.Language.Lithuanian
            self._locale = "lt" if lithuanian else "en"
            self.show_games(self._games)
            self.retranslate()

    # -- building ----------------------------------------------------------------------------

    def _caption(self, text: str) -> QLabel:
        widget = _plain(QLabel(text, self))
        theme.set_font(widget, theme.SMALL_PT)
        widget.setStyleSheet(f"color: {theme.muted(self.palette())};")
        return widget

    def _build(self) -> None:
        self.notice = _plain(QLabel(self))
        self.notice.setObjectName("loyaltyNotice")
        self.notice.setWordWrap(True)
        theme.set_font(self.notice, theme.BODY_PT, bold=True)

        # One line per stamp card; the first also holds this sale's stamps ("+1", F7).
        self._games_box = QGridLayout()
        self._games_box.setHorizontalSpacing(10)
        self._games_box.setContentsMargins(0, 0, 0, 0)
        self._game_rows: list[tuple[QLabel, QLabel, QLabel]] = []

        self.stamp_count = QSpinBox(self)
        self.stamp_count.setObjectName("stampCountInput")
        self.stamp_count.setRange(0, MAX_STAMPS_PER_SALE)
        self.stamp_count.setPrefix("+")
        self.stamp_count.setMinimumHeight(36)
        theme.set_font(self.stamp_count, theme.BODY_PT, bold=True)
        self.stamp_count.valueChanged.connect(self._choice_changed)
        self.game_choice = QComboBox(self)
        self.game_choice.setObjectName("stampGameChoice")
        self.game_choice.currentIndexChanged.connect(self._choice_changed)
        choice = QHBoxLayout()
        choice.setContentsMargins(0, 0, 0, 0)
        choice.addWidget(self.stamp_count)
        choice.addWidget(self.game_choice)
        self._games_box.addLayout(choice, 0, 3)
        self._games_box.setColumnStretch(4, 1)  # spare width stays at the end of the line

        # One row: a list box of the usable coupons and the key that redeems the one chosen.
        self.coupons_caption = self._caption("")
        self.coupon_list = QComboBox(self)
        self.coupon_list.setObjectName("couponList")
        self.coupon_list.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.coupon_list.setMinimumContentsLength(12)
        self.coupon_list.currentIndexChanged.connect(lambda _row: self._update_redeem())
        self.redeem_button = QPushButton(self)
        self.redeem_button.setObjectName("redeemCouponButton")
        self.redeem_button.setAutoDefault(False)
        self.redeem_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.redeem_button.clicked.connect(self.choose_coupon)

        self.history_caption = self._caption("")
        self.history = QTableWidget(0, 5, self)
        self.history.setObjectName("historyTable")
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # Five rows in view, the rest scroll; three on a short till screen (1024x768).
        self.history.setMaximumHeight(150 if theme.density(self) >= 1 else 100)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.notice)
        layout.addLayout(self._games_box)
        coupons = QHBoxLayout()
        coupons.addWidget(self.coupons_caption)
        coupons.addWidget(self.coupon_list, 1)
        coupons.addWidget(self.redeem_button)
        layout.addLayout(coupons)
        layout.addWidget(self.history_caption)
        layout.addWidget(self.history)

    def set_top_widget(self, widget: QWidget) -> None:
        """A widget above everything else (the reward coupon of a completed stamp card)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, widget)

    # -- what the hookup reads ---------------------------------------------------------------

    @property
    def games(self) -> list[CardGame]:
        return list(self._games)

    def set_stamps_available(self, available: bool) -> None:
        """False: this till cannot give stamps now (no journal); progress is still shown."""
        self._stamps_available = available
        self.show_games(self._games)

    def chosen_game(self) -> CardGame | None:
        """The game this sale's stamps go to (None when there is none to give)."""
        takers = self._takers()
        if not takers:
            return None
        index = self.game_choice.currentIndex()
        return takers[index] if 0 <= index < len(takers) else takers[0]

    def stamps_to_give(self) -> int:
        return self.stamp_count.value() if self.chosen_game() is not None else 0

    def selected_coupon(self) -> Coupon | None:
        row = self.coupon_list.currentIndex()
        return self._coupons[row] if 0 <= row < len(self._coupons) else None

    # -- what the hookup shows ---------------------------------------------------------------

    def clear(self) -> None:
        """No customer: nothing from the last one stays on screen."""
        self.show_notice(None)
        self.show_games([], reset_choice=True)
        self.show_coupons([])
        self.show_history(None)

    def show_notice(self, notice: Notice | None) -> None:
        self.notice.setVisible(notice is not None)
        if notice is None:
            self.notice.clear()
            self.notice.setProperty("kind", "none")
            return
        self.notice.setText(notice.text)
        self.notice.setProperty("kind", notice.kind)
        if notice.severity in _NOTICE_COLOURS:
            background, text = _NOTICE_COLOURS[notice.severity]
            self.notice.setStyleSheet(
                f"background-color: {background}; color: {text}; border-radius: 6px;"
                " padding: 8px 12px;"
            )
        else:
            self.notice.setStyleSheet(theme.banner_style(notice.severity, self.palette()))

    def show_games(self, games: Sequence[CardGame], *, reset_choice: bool = False) -> None:
        """The card's stamp games; `reset_choice` puts the stamps for this sale back to one."""
        chosen = self.chosen_game()
        self._games = [g for g in games if g.is_stamp_card]
        takers = self._takers()
        self.game_choice.blockSignals(True)
        self.game_choice.clear()
        for game in takers:
            self.game_choice.addItem(game.name.text(self._locale) or f"#{game.id}")
        if chosen is not None and not reset_choice:
            ids = [g.id for g in takers]
            if chosen.id in ids:
                self.game_choice.setCurrentIndex(ids.index(chosen.id))
        self.game_choice.blockSignals(False)
        if reset_choice:
            self.stamp_count.blockSignals(True)
            self.stamp_count.setValue(1 if takers else 0)
            self.stamp_count.blockSignals(False)
        self.game_choice.setVisible(len(takers) > 1)
        self.stamp_count.setVisible(bool(takers))
        self._update_enabled()
        self._draw_games()

    def apply_progress(self, game_id: int, current: int, completed: bool) -> None:
        """One card's new progress, as the server's answer to its stamps said."""
        updated = []
        for game in self._games:
            if game.id == game_id:
                progress = GameProgress(current_step=current, completed=completed)
                status = "completed" if completed else game.status
                game = game.model_copy(update={"user_progress": progress, "status": status})
            updated.append(game)
        self.show_games(updated)

    def show_coupons(self, coupons: Sequence[Coupon]) -> None:
        now = datetime.now(UTC)
        self._coupons = [c for c in coupons if c.usable and not c.expired(now)]
        self.coupon_list.clear()
        for index, coupon in enumerate(self._coupons):
            self.coupon_list.addItem(self._coupon_line(coupon))
            self.coupon_list.setItemData(
                index, coupon.offer.description.text(self._locale), Qt.ItemDataRole.ToolTipRole
            )
        if self._coupons:
            self.coupon_list.setCurrentIndex(0)
        shown = bool(self._coupons)
        for widget in (self.coupons_caption, self.coupon_list, self.redeem_button):
            widget.setVisible(shown)
        self._update_redeem()

    def show_history(self, transactions: Sequence[Transaction] | None) -> None:
        """The last transactions (newest first), or None to hide the table."""
        self._history = list(transactions) if transactions is not None else None
        self.history_caption.setVisible(transactions is not None)
        self.history.setVisible(transactions is not None)
        rows = list(transactions or [])[:HISTORY_ROWS]
        self.history.setRowCount(len(rows))
        for row, entry in enumerate(rows):
            moment = entry.transaction_date or entry.created_at
            cells = (
                self._fmt.local_datetime(moment) if moment is not None else "—",
                self._type_text(entry.type),
                f"{entry.points:+d}" if entry.points else "0",
                self._fmt.money(entry.amount) if entry.amount is not None else "—",
                (entry.shop.name if entry.shop is not None else None) or self.tr("web shop"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.history.setItem(row, column, item)

    def set_choice_locked(self, locked: bool) -> None:
        """While the sale is being sent or is done, its stamps may not change."""
        self._choice_locked = locked
        self._update_enabled()

    def focus_stamp_count(self) -> None:
        if self.stamp_count.isVisible() and self.stamp_count.isEnabled():
            self.stamp_count.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.stamp_count.selectAll()

    def choose_coupon(self) -> None:
        coupon = self.selected_coupon()
        if coupon is not None and self.redeem_button.isEnabled():
            self.couponChosen.emit(coupon)

    # -- drawing -----------------------------------------------------------------------------

    def _takers(self) -> list[CardGame]:
        if not self._stamps_available:
            return []
        return [g for g in self._games if g.takes_stamps]

    def _type_text(self, kind: str | None) -> str:
        """The documented transaction types in the till's language; others as the server says."""
        known = {
            "purchase": self.tr("purchase"),
            "refund": self.tr("refund"),
            "redemption": self.tr("points redeemed"),
            "bonus": self.tr("bonus"),
            "adjustment": self.tr("adjustment"),
        }
        return known.get((kind or "").lower(), kind or "—")

    def _coupon_line(self, coupon: Coupon) -> str:
        title = coupon.offer.title.text(self._locale) or coupon.code
        parts = [title]
        if coupon.expiry_time is not None:
            until = self._fmt.local_date(coupon.expiry_time)
            parts.append(self.tr("until %1").replace("%1", until))
        parts.append(coupon.code)
        return " · ".join(parts)

    def _choice_changed(self) -> None:
        self._draw_games()
        self.stampChoiceChanged.emit()

    def _update_enabled(self) -> None:
        self.stamp_count.setEnabled(not self._choice_locked)
        self.game_choice.setEnabled(not self._choice_locked)

    def _update_redeem(self) -> None:
        self.redeem_button.setEnabled(self.selected_coupon() is not None)

    def _draw_games(self) -> None:
        while len(self._game_rows) < len(self._games):
            name: QLabel = ElidedLabel("", self)  # a partner's game name can be any length
            stamps, count = (_plain(QLabel(self)) for _ in range(2))
            name.setObjectName("stampGameName")
            stamps.setObjectName("stampProgressLabel")
            count.setObjectName("stampCountLabel")
            theme.set_font(name, theme.BODY_PT)
            theme.set_font(stamps, theme.BIG_PT - 2, bold=True)
            stamps.setStyleSheet(f"color: {theme.accent(self.palette())};")
            theme.set_font(count, theme.BODY_PT)
            row = len(self._game_rows)
            self._games_box.addWidget(name, row, 0)
            self._games_box.addWidget(stamps, row, 1)
            self._games_box.addWidget(count, row, 2)
            self._game_rows.append((name, stamps, count))
        chosen = self.chosen_game()
        adding = self.stamp_count.value() if not self._choice_locked else 0
        for index, (name, stamps, count) in enumerate(self._game_rows):
            shown = index < len(self._games)
            for widget in (name, stamps, count):
                widget.setVisible(shown)
            if not shown:
                continue
            game = self._games[index]
            add = adding if chosen is not None and game.id == chosen.id else 0
            title = game.name.text(self._locale) or f"#{game.id}"
            name.setText(title)
            # A usual name in full; a long one is cut at a sensible width, never widens the till.
            name.setMinimumWidth(min(name.fontMetrics().horizontalAdvance(title) + 6, 180))
            if game.required <= MAX_STAMP_GLYPHS:
                stamps.setText(stamp_row(game.current, game.required, add))
            else:
                stamps.setText(f"● {game.current} / {game.required}" + (f" +{add}" if add else ""))
            stamps.setAccessibleName(
                self.tr("%1 of %2 stamps").replace("%1", str(game.current)).replace(
                    "%2", str(game.required)
                )
            )
            if game.completed:
                count.setText(self.tr("complete"))
            else:
                count.setText(f"{game.current}/{game.required}")
