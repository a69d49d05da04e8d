"""Fakes and helpers shared by the tests, the benchmarks and the scripts."""
