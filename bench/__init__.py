"""Benchmarks and their data generators (not run by the tests)."""
