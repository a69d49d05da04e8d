"""Tests for pos_app/qtfix."""
