"""Public import path of the redemption arithmetic, which lives in `pos_app.core.redemption`."""

from pos_app.core.redemption import *  # noqa: F403  (every public name, as it grows)
