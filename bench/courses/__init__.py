"""Seat assignment benchmark: the exact assignment against first-come-first-served."""
