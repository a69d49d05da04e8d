"""Tests for pos_app/core."""
