"""Tests of the customer-facing display."""
