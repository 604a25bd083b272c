"""What every export (CSV, XLSX) does to its cells: no cell may run as a formula.

Spreadsheet programs treat text starting with = + - @ as a formula, and a leading tab or
carriage return can hide such a start from a naive check (OWASP "CSV injection"). Such text
gets a leading apostrophe, which spreadsheets show as text and do not display."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")


def spreadsheet_safe(cell: T) -> T:
    """The cell itself, or for text that a spreadsheet would run, the text behind an apostrophe."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell  # type: ignore[return-value]
    return cell


def safe_row(cells: Iterable[T]) -> list[T]:
    return [spreadsheet_safe(cell) for cell in cells]
