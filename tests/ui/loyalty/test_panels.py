"""The loyalty panels on their own: server text stays text, history rows, live language."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QLabel

from pos_app.config.i18n import install_translator
from pos_app.core.loyalty_programs import CardGame, Coupon
from pos_app.core.shop_models import Transaction
from pos_app.ui.common.formatting import Formatter
from pos_app.ui.loyalty.programs_panel import LoyaltyProgramsPanel
from pos_app.ui.loyalty.reward_panel import RewardPanel, RewardView

HOSTILE = "<h1 style='color:red'>FREE</h1><img src=file:///etc/passwd>"


def game(**extra: Any) -> CardGame:
    data: dict[str, Any] = {
        "id": 1,
        "name": {"lt": "Kavos kortelė", "en": "Coffee card"},
        "game_type": "stamps",
        "status": "active",
        "stamps_required": 8,
        "user_progress": {"current_step": 3},
    }
    data.update(extra)
    return CardGame.model_validate(data)


@pytest.fixture
def panel(qtbot: Any) -> LoyaltyProgramsPanel:
    shown = LoyaltyProgramsPanel(Formatter(QLocale("en_GB")))
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_server_text_is_plain_text(panel: LoyaltyProgramsPanel) -> None:
    panel.show_games([game(name=HOSTILE)])
    coupon = Coupon.model_validate(
        {"id": 9, "code": "K12345678", "offer": {"title": HOSTILE, "description": HOSTILE}}
    )
    panel.show_coupons([coupon])
    labels = panel.findChildren(QLabel)
    assert any(HOSTILE in label.text() for label in labels)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert HOSTILE in panel.coupon_list.itemText(0)


def test_no_stamp_choice_without_a_running_card(panel: LoyaltyProgramsPanel) -> None:
    panel.show_games([game(status="completed", user_progress={"current_step": 8})])
    assert panel.chosen_game() is None
    assert panel.stamps_to_give() == 0
    assert not panel.stamp_count.isVisibleTo(panel)
    panel.show_games([game(), game(id=2, name="Tea card")], reset_choice=True)
    assert panel.game_choice.isVisibleTo(panel)  # two cards: the cashier picks which
    panel.game_choice.setCurrentIndex(1)
    chosen = panel.chosen_game()
    assert chosen is not None
    assert chosen.id == 2


def test_history_rows(panel: LoyaltyProgramsPanel) -> None:
    rows = [
        Transaction.model_validate(
            {
                "id": n,
                "type": "purchase",
                "points": 25 - n,
                "amount": "12.50",
                "shop": {"id": 1, "name": "Vilnius"} if n % 2 else None,
                "transaction_date": datetime(2026, 11, n + 1, 10, tzinfo=UTC).isoformat(),
            }
        )
        for n in range(12)
    ]
    panel.show_history(rows)
    assert panel.history.rowCount() == 10
    item = panel.history.item(0, 2)
    assert item is not None
    assert item.text() == "+25"
    kind = panel.history.item(0, 1)
    assert kind is not None
    assert kind.text() == "purchase"
    shop = panel.history.item(0, 4)
    assert shop is not None
    assert shop.text() == "web shop"
    panel.show_history(None)
    assert not panel.history.isVisibleTo(panel)


def test_reward_panel(qtbot: Any) -> None:
    reward = RewardPanel(Formatter(QLocale("en_GB")))
    qtbot.addWidget(reward)
    reward.show_reward(
        RewardView("K4820000001", "Cappuccino", datetime(2026, 12, 31, tzinfo=UTC), "Coffee")
    )
    assert not reward.isHidden()
    assert reward.code_label.text() == "K4820000001"
    assert "Cappuccino" in reward.headline.text()
    reward.clear()
    assert reward.isHidden()


def test_live_language_change(qtbot: Any, qapp: QApplication) -> None:
    panel = LoyaltyProgramsPanel(Formatter(QLocale("en_GB")))
    qtbot.addWidget(panel)
    panel.show_games([game()])
    name = panel.findChild(QLabel, "stampGameName")
    assert name is not None
    assert name.text() == "Coffee card"
    previous = QLocale()
    translator = install_translator(qapp, "lt")
    assert translator is not None
    try:
        qtbot.waitUntil(lambda: panel.redeem_button.text() == "Panaudoti (F8)")
        assert panel.stamp_count.specialValueText() == "nė vieno"
        assert name.text() == "Kavos kortelė"
    finally:
        translator.uninstall()  # type: ignore[attr-defined]
        QLocale.setDefault(previous)


def test_a_very_long_game_name_never_widens_the_panel(panel: LoyaltyProgramsPanel) -> None:
    panel.show_games([game(name="Coffee " * 2000)])
    name = panel.findChild(QLabel, "stampGameName")
    assert name is not None
    assert name.sizeHint().width() < 600
    assert panel.sizeHint().width() < 900


def test_a_long_stamp_card_shows_figures(panel: LoyaltyProgramsPanel) -> None:
    panel.show_games(
        [game(stamps_required=200, user_progress={"current_step": 12})], reset_choice=True
    )
    label = panel.findChild(QLabel, "stampProgressLabel")
    assert label is not None
    assert label.text() == "● 12 / 200 +1"
