"""A scripted camera source: plug, unplug and stall it from the test while it is being read."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from pos_app.scanner.camera import CameraSource


class ScriptedCamera(CameraSource):
    """Cycles through `frames` at `fps`; `unplug()`, `stall()` and `replug()` change its mind."""

    def __init__(self, frames: Sequence[np.ndarray[Any, Any]], fps: float = 30.0) -> None:
        self.description = "scripted"
        self._frames = list(frames)
        self._interval = 1.0 / fps
        self._i = 0
        self.plugged = threading.Event()
        self.plugged.set()
        self.stalled = threading.Event()
        self.is_open = False
        self.opens = 0
        self.releases = 0
        self.reads = 0

    def unplug(self) -> None:
        self.plugged.clear()

    def replug(self) -> None:
        self.stalled.clear()
        self.plugged.set()

    def stall(self) -> None:
        self.stalled.set()

    def open(self) -> bool:
        self.opens += 1
        self.is_open = self.plugged.is_set()
        return self.is_open

    def read(self) -> np.ndarray[Any, Any] | None:
        self.reads += 1
        time.sleep(self._interval)
        while self.stalled.is_set() and self.is_open:
            time.sleep(0.02)  # a frozen driver: read() neither returns a frame nor fails
        if not self.plugged.is_set() or not self.is_open:
            return None
        frame = self._frames[self._i % len(self._frames)]
        self._i += 1
        return frame

    def release(self) -> None:
        self.releases += 1
        self.is_open = False
