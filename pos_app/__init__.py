"""Checkout till for the Loyalty.lt loyalty platform."""

__version__ = "0.1.0"
