"""Tests for pos_app/ui/checkout."""
