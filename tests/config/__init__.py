"""Tests for pos_app/config."""
