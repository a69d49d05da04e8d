"""Writing short MJPG .avi clips at test time, for the video-file camera source."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np


def write_video(
    path: Path, frames: Sequence[np.ndarray[Any, Any]], fps: float = 25.0, repeat: int = 1
) -> Path:
    """Write `frames` (BGR, all one size), each `repeat` times, as MJPG; returns `path`."""
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, (width, height))
    assert writer.isOpened(), "MJPG writer unavailable"
    try:
        for frame in frames:
            for _ in range(repeat):
                writer.write(frame)
    finally:
        writer.release()
    return path
