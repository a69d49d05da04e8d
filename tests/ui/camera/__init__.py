"""Tests for pos_app/ui/camera."""
