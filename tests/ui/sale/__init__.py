"""Tests for pos_app/ui/sale."""
