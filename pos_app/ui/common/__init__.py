"""Widgets and formatting shared by every screen."""
