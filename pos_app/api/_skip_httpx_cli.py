"""Keep httpx from importing its command-line client, which the till never uses.

httpx tries `from ._main import main` (click, pygments, rich) on import and falls back when
that fails; marking the module unavailable skips the attempt: ~20 ms and ~4 MiB at start-up.
"""

import sys

sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
