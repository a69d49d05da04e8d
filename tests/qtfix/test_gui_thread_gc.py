"""Cyclic garbage is collected on the GUI thread only, by the till's own timer."""

from __future__ import annotations

import gc
import threading
from typing import Any

from pos_app.qtfix.gui_thread_gc import MainThreadGarbageCollector


class _Cycle:
    def __init__(self, freed: list[str]) -> None:
        self.me = self
        self.freed = freed

    def __del__(self) -> None:
        self.freed.append(threading.current_thread().name)


def test_cycles_are_freed_on_the_gui_thread_never_on_a_worker(qtbot: Any) -> None:
    was_enabled = gc.isenabled()
    collector = MainThreadGarbageCollector(interval_ms=10)
    try:
        assert not gc.isenabled()
        freed: list[str] = []
        kept: list[list[int]] = []

        def worker() -> None:
            _Cycle(freed)
            # Plenty of live allocations on this thread: automatic collection would run here.
            kept.extend([i] for i in range(50_000))

        thread = threading.Thread(target=worker, name="camera-like-worker")
        thread.start()
        thread.join()
        assert freed == []
        kept.extend([i] for i in range(gc.get_threshold()[0] + 10))
        qtbot.waitUntil(lambda: freed != [], timeout=5000)
        assert freed == [threading.main_thread().name]
    finally:
        collector.stop()
    assert gc.isenabled() == was_enabled  # given back as it was
