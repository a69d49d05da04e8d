"""PySide6 6.12 on CPython 3.11 drops None/True references per call: pos_app pins them."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

import pos_app.qtfix.refcount as fix


class _Pinger(QObject):
    ping = Signal(object)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="immortal singletons from 3.12 on")
def test_singletons_are_pinned(qapp: Any) -> None:
    assert fix.PINNED
    assert sys.getrefcount(None) > 1 << 39
    assert sys.getrefcount(True) > 1 << 39
    assert sys.getrefcount(False) > 1 << 39


def test_many_void_calls_and_emits_do_not_abort(qapp: Any) -> None:
    label = QLabel()
    pinger = _Pinger()
    seen: list[object] = []
    pinger.ping.connect(seen.append)
    for i in range(30_000):  # more than the unpinned reference count of None here
        label.setText(str(i % 7))
        pinger.ping.emit(None)
    assert len(seen) == 30_000
    assert label.text() == str(29_999 % 7)
