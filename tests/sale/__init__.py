"""Tests for pos_app/sale."""
