"""What an installation can get wrong before the till starts: a non-headless OpenCV wheel."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

_NON_HEADLESS_OPENCV = ("opencv-python", "opencv-contrib-python")


def installed_distribution(name: str, paths: Sequence[str] | None = None) -> bool:
    """Whether a distribution's .dist-info sits on sys.path; far cheaper than importlib.metadata."""
    prefix = name.replace("-", "_").lower() + "-"
    for entry in sys.path if paths is None else paths:
        try:
            with os.scandir(entry or ".") as names:
                for item in names:
                    lowered = item.name.lower()
                    if lowered.startswith(prefix) and lowered.endswith(".dist-info"):
                        return True
        except OSError:  # a zip, a missing folder, no permission
            continue
    return False


def opencv_conflict(paths: Sequence[str] | None = None) -> str | None:
    """Why the till cannot start beside a non-headless OpenCV wheel, or None.

    Such a wheel brings its own Qt and points the whole process's Qt plugin path at it.
    """
    for name in _NON_HEADLESS_OPENCV:
        if not installed_distribution(name, paths):
            continue
        return (
            f"pos-app: the package {name} is installed; it ships its own Qt and breaks this "
            f"till's window. Remove it and keep opencv-python-headless: "
            f"pip uninstall -y {name} && pip install --force-reinstall opencv-python-headless"
        )
    return None


