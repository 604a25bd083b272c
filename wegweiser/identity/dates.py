"""Dates of birth with their precision, and how two of them agree.

Rules: a placeholder date (registered as 1 January because the day is unknown) agrees on the
year only; day and month swapped is a near match; a year off by one is weaker; a missing
date is neutral. A 1 January date counts as a placeholder even when nobody flagged it,
because registers do not always flag it: a real 1 January birthday then only loses
evidence, while an unflagged placeholder never looks like an exact agreement.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

__all__ = ["BirthDate", "DateLevel", "DatePrecision", "compare_birth_dates", "parse_date"]


class DatePrecision(enum.StrEnum):
    EXACT = "exact"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A date of birth as registered: the people model's date, precision and placeholder flag."""

    value: dt.date | None
    precision: DatePrecision = DatePrecision.EXACT
    placeholder: bool = False

    @property
    def known(self) -> bool:
        return self.value is not None and self.precision != DatePrecision.UNKNOWN

    @property
    def is_placeholder(self) -> bool:
        if self.placeholder:
            return True
        value = self.value
        return (
            self.precision == DatePrecision.EXACT
            and value is not None
            and (value.month, value.day) == (1, 1)
        )

    @property
    def full(self) -> bool:
        """A real day, month and year."""
        return self.known and self.precision == DatePrecision.EXACT and not self.is_placeholder

    @property
    def has_month(self) -> bool:
        return self.known and not self.is_placeholder and self.precision != DatePrecision.YEAR

    def display(self) -> str:
        """As a caseworker reads it: 05.03.1990, 03.1990, 1990 or 01.01.1990 (placeholder)."""
        if self.value is None or not self.known:
            return "unknown"
        value = self.value
        if self.is_placeholder:
            return f"{value:%d.%m.%Y} (placeholder)"
        if self.precision == DatePrecision.YEAR:
            return f"{value.year}"
        if self.precision == DatePrecision.MONTH:
            return f"{value:%m.%Y}"
        return f"{value:%d.%m.%Y}"


class DateLevel(enum.StrEnum):
    """How two dates of birth agree; the values are the explanation codes after ``dob.``."""

    EXACT = "exact"
    DAY_MONTH_SWAPPED = "day_month_swapped"
    YEAR_OFF_BY_ONE = "year_off_by_one"
    ONE_PART_DIFFERS = "one_part_differs"
    SAME_MONTH = "same_month"
    PLACEHOLDER_SAME_YEAR = "placeholder_same_year"
    SAME_YEAR = "same_year"
    NEAR_YEAR = "near_year"
    DIFFERENT = "different"
    MISSING = "missing"


def compare_birth_dates(a: BirthDate | None, b: BirthDate | None) -> DateLevel:
    """How two dates of birth agree, by the rules in the module docstring."""
    if a is None or b is None or not a.known or not b.known:
        return DateLevel.MISSING
    x, y = a.value, b.value
    if x is None or y is None:
        return DateLevel.MISSING
    years_apart = abs(x.year - y.year)
    if a.full and b.full:
        if x == y:
            return DateLevel.EXACT
        if x.year == y.year and (x.day, x.month) == (y.month, y.day):
            return DateLevel.DAY_MONTH_SWAPPED
        if years_apart == 1 and (x.month, x.day) == (y.month, y.day):
            return DateLevel.YEAR_OFF_BY_ONE
        same_parts = (x.year == y.year) + (x.month == y.month) + (x.day == y.day)
        if same_parts == 2:
            return DateLevel.ONE_PART_DIFFERS
        return DateLevel.DIFFERENT
    if a.has_month and b.has_month and (x.year, x.month) == (y.year, y.month):
        return DateLevel.SAME_MONTH
    if x.year == y.year:
        if a.is_placeholder or b.is_placeholder:
            return DateLevel.PLACEHOLDER_SAME_YEAR
        if a.has_month and b.has_month:
            return DateLevel.DIFFERENT  # same year, but both say a different month
        return DateLevel.SAME_YEAR
    if years_apart == 1:
        return DateLevel.NEAR_YEAR
    return DateLevel.DIFFERENT


_DATE_PATTERNS = (
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), ("day", "month", "year")),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?"), ("year", "month", "day")),
)


def parse_date(text: str) -> dt.date | None:
    """A date written DD.MM.YYYY or YYYY-MM-DD (also with a spreadsheet's 00:00:00).

    None for an empty cell; ValueError for text that is not such a date, so that a caller can
    tell a missing date from a wrong one. The one date reader of every import.
    """
    text = text.strip()
    if not text:
        return None
    for pattern, order in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            return dt.date(parts["year"], parts["month"], parts["day"])
    raise ValueError(f"not a date: {text!r}")
