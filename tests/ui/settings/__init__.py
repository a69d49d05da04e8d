"""Tests for pos_app/ui/settings."""
