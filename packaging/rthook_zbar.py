"""PyInstaller runtime hook: let pyzbar find the zbar library bundled next to the executable."""

import ctypes.util
import os
import sys

if getattr(sys, "frozen", False):
    _base = getattr(sys, "_MEIPASS", os.path.dirname(sys.executable))
    _lib = os.path.join(_base, "libzbar.so.0")
    if os.path.exists(_lib):
        _find = ctypes.util.find_library

        def _find_library(name: str) -> "str | None":
            return _lib if name == "zbar" else _find(name)

        ctypes.util.find_library = _find_library
