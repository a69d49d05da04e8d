"""Work-around: PySide6 reads the whole source of every module imported after it, for good.

Importing PySide6 replaces `__import__`; after each import, its `__feature__` support asks
"does this module use PySide6?" by calling `inspect.getsource(module)`, which leaves every
line of every such module in `linecache` until exit. For the till that was 11 MiB of peak
memory and ~40 ms of start-up (measured here with tracemalloc and the smoke test), spent on
httpx, pydantic, anyio and the till's own modules.

`install()` swaps that check for one that answers the same question (is the text "PySide6"
in the module's source file?) by reading the file's bytes, keeping nothing. Modules without
a source file (built-ins, extensions, a frozen build's archive) answer False, as before.
The till selects no `__feature__`, so nothing else depends on the answer. If a PySide6
version no longer has the hook, `install()` does nothing.
"""

from __future__ import annotations

import sys
from types import ModuleType

_FEATURE_MODULES = ("shibokensupport.feature", "PySide6.support.feature")


def module_uses_pyside(module: ModuleType) -> bool:
    """Whether the module's source file mentions PySide6, without caching its lines."""
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None)
    if not isinstance(origin, str) or not origin.endswith(".py"):
        return False
    try:
        with open(origin, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def install() -> bool:
    """Replace PySide6's source scan (call after importing PySide6); True when replaced."""
    replaced = False
    for name in _FEATURE_MODULES:
        feature = sys.modules.get(name)
        if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
            feature._mod_uses_pyside = module_uses_pyside  # type: ignore[attr-defined]
            replaced = True
    return replaced
