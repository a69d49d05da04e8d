"""Checkout till for the Loyalty.lt loyalty platform."""

# Before anything touches PySide6: its 6.12 wheels drop references to None/True/False on 3.11.
from pos_app.qtfix import refcount as _pyside_refcount  # noqa: F401

__version__ = "0.1.0"
