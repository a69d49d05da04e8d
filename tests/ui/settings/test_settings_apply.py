"""What a saved Settings change does to the running till (the Settings hook in pos_app.app)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pos_app.app.settings_hook import SettingsHook
from pos_app.config.settings import AppSettings, hash_pin
from pos_app.sandbox import MANAGER_BADGE
from pos_app.testing.window_helpers import OFFSCREEN_NOISE, Tills
from pos_app.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def hook_of(till: MainWindow) -> SettingsHook:
    (hook,) = [c for c in till.children() if isinstance(c, SettingsHook)]
    return hook


def test_a_demo_keeps_the_staging_manager_badge_after_any_settings_save(tills: Tills) -> None:
    till = tills.open(demo=True)
    assert till.lock.is_badge(MANAGER_BADGE)
    hook = hook_of(till)
    hook.apply(replace(hook.settings, manager_idle_lock_s=600))  # a save that leaves both unset
    assert till.lock.is_badge(MANAGER_BADGE)


def test_a_configured_pin_replaces_the_demo_badge(tills: Tills) -> None:
    till = tills.open(demo=True)
    hook = hook_of(till)
    hook.apply(replace(hook.settings, manager_pin_hash=hash_pin("4711")))
    assert not till.lock.is_badge(MANAGER_BADGE)


def test_a_live_till_never_gets_the_demo_badge(tills: Tills) -> None:
    till = tills.open(demo=False, settings=AppSettings())
    assert not till.lock.is_badge(MANAGER_BADGE)
    hook = hook_of(till)
    hook.apply(replace(hook.settings, manager_idle_lock_s=600))
    assert not till.lock.is_badge(MANAGER_BADGE)
