"""Tests of the till's tones."""
