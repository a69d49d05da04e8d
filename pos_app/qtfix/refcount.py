"""Work-around for PySide6 6.12 on CPython 3.11: pin None, True and False (imported first).

PySide6 6.12's abi3 wheels return None/True/False without taking a reference, as if they
were immortal (they are from CPython 3.12 on). On 3.11 every void call (`setText`,
`processEvents`, ...) and every `Signal.emit()` drops one reference, and after a few thousand
calls the interpreter aborts: "none_dealloc: deallocating None" / "bool_dealloc". Measured
here: 100 `QLabel.setText` calls lower `sys.getrefcount(None)` by 100.

The cure is what 3.12 does: give the three singletons a reference count no program can
exhaust. It touches no Qt, so importing this module is free.
"""

from __future__ import annotations

import ctypes
import sys

_PINNED_REFERENCES = 1 << 40


def pin_singletons() -> bool:
    """Make None, True and False effectively immortal; True when anything was done."""
    # sys.implementation, not the platform module (whose import costs ~1 ms at every start).
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every PyObject in a release build.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _PINNED_REFERENCES
    return True


PINNED = pin_singletons()
