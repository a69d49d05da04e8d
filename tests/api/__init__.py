"""Tests of pos_app.api."""
