"""Tests for pos_app/ui/manager."""
