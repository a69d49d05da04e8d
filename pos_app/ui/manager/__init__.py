"""The manager view: lock, panel, unlock widget."""
