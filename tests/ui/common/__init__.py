"""Tests for pos_app/ui/common."""
