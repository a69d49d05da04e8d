"""Turning what a scanner, a camera or a cashier produced into a card identifier.

`parse_scan` is pure and cheap. `decode_frame` needs cv2/pyzbar, which cost ~0.4 s and ~50 MiB
to import, so it is loaded only on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pos_app.scanner.parse import InvalidScan, ScanCode, parse_scan

if TYPE_CHECKING:
    import numpy as np


def decode_frame(frame: np.ndarray[Any, Any]) -> list[str]:
    """Every code found in one BGR or grayscale camera frame (pyzbar, imported on first call)."""
    from pos_app.scanner.decode import decode_frame as _decode_frame

    return _decode_frame(frame)


__all__ = ["InvalidScan", "ScanCode", "decode_frame", "parse_scan"]
