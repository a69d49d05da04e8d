"""The API models' public import path (kept stable); they live in `pos_app.core.models`
(cards, sales, QR sessions, shops, history) and `pos_app.core.loyalty_programs` (stamp
games, coupons)."""

from pos_app.core.loyalty_programs import *  # noqa: F403  (stamp games and coupons)
from pos_app.core.models import *  # noqa: F403  (every public name, as it grows)
