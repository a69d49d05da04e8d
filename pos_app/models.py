"""The API models' public import path (kept stable); they live in `pos_app.core.models`."""

from pos_app.core.models import *  # noqa: F403  (every public name, as it grows)
