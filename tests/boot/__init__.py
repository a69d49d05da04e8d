"""Tests for pos_app/boot."""
