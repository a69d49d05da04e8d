"""The one place that imports OpenCV, so the V4L2 read timeout is set before cv2 reads it.

`import cv2` costs ~0.3 s and ~50 MiB, and a stalled V4L2 `read()` blocks for
`OPENCV_VIDEOIO_V4L_SELECT_TIMEOUT` milliseconds, read once at import. Everything in
the scanner package that needs cv2 calls `load_cv2()` when the camera is first opened.
"""

from __future__ import annotations

import os
from types import ModuleType

# Long enough for a slow USB camera's first frame, short enough for the watchdog to act.
V4L_SELECT_TIMEOUT_MS = "2500"


def load_cv2() -> ModuleType:
    """Import cv2 (once; later calls are a dict lookup) with our capture settings in place."""
    os.environ.setdefault("OPENCV_VIDEOIO_V4L_SELECT_TIMEOUT", V4L_SELECT_TIMEOUT_MS)
    # MSMF opens some webcams only after a multi-second hardware-transform probe.
    os.environ.setdefault("OPENCV_VIDEOIO_MSMF_ENABLE_HW_TRANSFORMS", "0")
    # Retrying a missing camera makes OpenCV warn on stderr each time; the panel says it calmly.
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
    import cv2

    return cv2
