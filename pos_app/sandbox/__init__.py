"""A faithful Loyalty.lt Shop API stand-in over real HTTP, for demo mode and tests.

Imports Starlette and uvicorn: the till imports this package only in demo mode.
"""

from __future__ import annotations

from pos_app.sandbox.data import (
    CASHIER_BADGE,
    DEMO_API_KEY,
    DEMO_API_SECRET,
    DEMO_CARD_NUMBERS,
    DEMO_QR_UUIDS,
    MANAGER_BADGE,
    STAFF_BADGES,
    STAGING_DEMO_CARDS,
    qr_uuid_for,
)
from pos_app.sandbox.faults import FAULT_KINDS, FaultKind, Faults
from pos_app.sandbox.messages import SandboxError
from pos_app.sandbox.server import SandboxServer
from pos_app.sandbox.state import LoggedRequest, SandboxState

__all__ = [
    "CASHIER_BADGE",
    "DEMO_API_KEY",
    "DEMO_API_SECRET",
    "DEMO_CARD_NUMBERS",
    "DEMO_QR_UUIDS",
    "FAULT_KINDS",
    "MANAGER_BADGE",
    "STAFF_BADGES",
    "STAGING_DEMO_CARDS",
    "FaultKind",
    "Faults",
    "LoggedRequest",
    "SandboxError",
    "SandboxServer",
    "SandboxState",
    "qr_uuid_for",
]
