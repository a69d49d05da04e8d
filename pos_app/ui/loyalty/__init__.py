"""Stamp cards, coupons and the manager's server-side history, at the till."""
