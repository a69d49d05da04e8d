"""The tone player: never blocks the caller, honours volume and the off switch, stays silent
without a sound device; and which checkout events sound."""

from __future__ import annotations

import array
import logging
import threading
import time
from typing import Any

import pytest

from pos_app.sound import AudioUnavailable, SoundPlayer, Tone
from pos_app.sound.hookup import CheckoutSounds
from pos_app.sound.player import Pcm, load_tone, scaled
from pos_app.testing.ui_fakes import FakeCards, make_card
from pos_app.ui.checkout.view_model import CheckoutViewModel


class FakeOutput:
    """Records what it was asked to play; can block, or have no device."""

    def __init__(self, *, unavailable: bool = False) -> None:
        self.unavailable = unavailable
        self.played: list[Pcm] = []
        self.gate = threading.Event()
        self.gate.set()
        self.calls = 0

    def play(self, pcm: Pcm) -> None:
        self.calls += 1
        if self.unavailable:
            raise AudioUnavailable("no device")
        self.gate.wait(5)
        self.played.append(pcm)


def _pcm(*samples: int) -> Pcm:
    return Pcm(array.array("h", samples).tobytes(), 16000, 1)


def test_the_tones_are_tiny_short_and_different() -> None:
    good, refused = load_tone(Tone.GOOD_SCAN), load_tone(Tone.REFUSED)
    for pcm in (good, refused):
        assert pcm.channels == 1
        assert 0.03 < pcm.seconds < 0.5
        assert len(pcm.frames) < 16_000
    assert good.seconds < refused.seconds
    assert good.frames != refused.frames


def test_volume_scales_the_samples() -> None:
    pcm = _pcm(1000, -1000, 32767, -32768)
    assert array.array("h", scaled(pcm, 50).frames).tolist() == [500, -500, 16383, -16384]
    assert set(array.array("h", scaled(pcm, 0).frames)) == {0}
    assert scaled(pcm, 100).frames == pcm.frames
    assert scaled(pcm, 250).frames == pcm.frames  # clamped


def test_play_returns_at_once_while_the_device_plays() -> None:
    output = FakeOutput()
    output.gate.clear()  # the "device" takes as long as we like
    player = SoundPlayer(output=output, load=lambda _tone: _pcm(100, 200))
    t0 = time.perf_counter()
    player.play(Tone.GOOD_SCAN)
    assert time.perf_counter() - t0 < 0.05
    deadline = time.monotonic() + 5
    while output.calls == 0 and time.monotonic() < deadline:  # the worker is now playing
        time.sleep(0.001)
    t0 = time.perf_counter()
    for _ in range(20):  # a burst: one waits, the rest are dropped
        player.play(Tone.GOOD_SCAN)
    assert time.perf_counter() - t0 < 0.05
    output.gate.set()
    assert player.wait_idle()
    assert player.played == [Tone.GOOD_SCAN, Tone.GOOD_SCAN]
    player.close()


def test_off_or_volume_zero_plays_nothing() -> None:
    output = FakeOutput()
    player = SoundPlayer(enabled=False, output=output, load=lambda _tone: _pcm(1))
    player.play(Tone.REFUSED)
    player.configure(True, 0)
    player.play(Tone.REFUSED)
    assert not player.enabled
    assert output.calls == 0
    player.configure(True, 30)
    player.play(Tone.REFUSED)
    assert player.wait_idle()
    assert array.array("h", output.played[0].frames).tolist() == [0]  # 1 * 0.3 rounds down
    player.close()


def test_no_device_is_silent_and_tried_again_later(caplog: Any) -> None:
    now = [0.0]
    output = FakeOutput(unavailable=True)
    player = SoundPlayer(
        output=output, load=lambda _tone: _pcm(1), retry_after_s=60, clock=lambda: now[0]
    )
    with caplog.at_level(logging.INFO, logger="pos_app.sound.player"):
        for _ in range(3):
            player.play(Tone.GOOD_SCAN)
            assert player.wait_idle()
    assert output.calls == 1  # not retried at every scan
    assert [r.levelno for r in caplog.records] == [logging.INFO]
    now[0] = 61.0
    output.unavailable = False
    player.play(Tone.GOOD_SCAN)
    assert player.wait_idle()
    assert player.played == [Tone.GOOD_SCAN]
    player.close()


def test_the_real_output_never_raises_or_warns(caplog: Any) -> None:
    """On this machine there may be no sound device at all: silence, and no error."""
    player = SoundPlayer(volume=5)
    with caplog.at_level(logging.WARNING):
        player.play(Tone.GOOD_SCAN)
        assert player.wait_idle(10)
    assert caplog.records == []
    player.close()


@pytest.mark.usefixtures("qasync_loop")
def test_checkout_sounds(qtbot: Any) -> None:
    output = FakeOutput()
    player = SoundPlayer(output=output, load=lambda _tone: _pcm(1))
    cards = FakeCards(make_card("900-001-001", 1000))
    vm = CheckoutViewModel(cards)
    CheckoutSounds(player, vm, parent=vm)

    def heard(expected: list[Tone]) -> None:
        qtbot.waitUntil(lambda: player.played == expected)

    vm.submit_scan("900-001-001", "wedge")
    heard([Tone.GOOD_SCAN])
    vm.refresh()  # the same card again (as after a sale): no new beep
    qtbot.waitUntil(lambda: not vm.busy)
    vm.submit_scan("900-999-999", "wedge")  # unknown card
    heard([Tone.GOOD_SCAN, Tone.REFUSED])
    vm.submit_scan("hello", "wedge")  # unreadable
    heard([Tone.GOOD_SCAN, Tone.REFUSED, Tone.REFUSED])
    assert player.wait_idle()
    assert player.played == [Tone.GOOD_SCAN, Tone.REFUSED, Tone.REFUSED]
    player.close()
