"""Benchmark of occupation coding: `uv run python -m bench.occupations --help`."""
