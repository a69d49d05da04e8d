"""Which checkout events sound: a good tone for a card that arrived, another for a refusal."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from pos_app.sound.player import SoundPlayer, Tone

_REFUSAL_SEVERITIES = frozenset({"warning", "error"})


class CheckoutSounds(QObject):
    """Plays `Tone.GOOD_SCAN` when a scanned card comes on screen and `Tone.REFUSED` when
    the banner turns to a warning or an error (an unreadable or unknown card, a server or
    network problem). A countdown of the same banner (rate limit) does not sound again, and
    the card refreshed after a sale is not a new scan.

    No signals.
    """

    def __init__(self, player: SoundPlayer, vm: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self._had_card = vm.card is not None
        self._banner_kind: object = getattr(vm.banner, "kind", None)
        vm.cardChanged.connect(self._card_changed)
        vm.bannerChanged.connect(self._banner_changed)

    def _card_changed(self, card: object) -> None:
        if card is not None and not self._had_card:
            self.player.play(Tone.GOOD_SCAN)
        self._had_card = card is not None

    def _banner_changed(self, banner: Any) -> None:
        kind = getattr(banner, "kind", None)
        repeated = kind == self._banner_kind and getattr(banner, "retry_in", None) is not None
        self._banner_kind = kind
        if getattr(banner, "severity", "") in _REFUSAL_SEVERITIES and not repeated:
            self.player.play(Tone.REFUSED)


def attach_sound(window: Any, vm: Any, *, enabled: bool, volume: int) -> SoundPlayer:
    """A player for the till `window`, sounding the view-model's events; stopped on close."""
    player = SoundPlayer(enabled=enabled, volume=volume)
    CheckoutSounds(player, vm, parent=window)

    async def close() -> None:
        player.close(timeout=0.5)

    window.add_async_closer(close)
    return player
