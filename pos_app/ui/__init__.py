"""Widgets and view-models of the till window."""
