"""Reporting periods: a month, a quarter, a year, or everything since the centre was founded.

Pure: no Django import. A period is a closed range of days; every figure says which of its
dates must fall in it (docs/reporting.md).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

FOUNDED_ON = dt.date(2015, 1, 1)  # the centre opened in 2015; "since founding" starts here


class PeriodKind:
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    SINCE_FOUNDING = "since_founding"
    ALL = (MONTH, QUARTER, YEAR, SINCE_FOUNDING)


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date  # inclusive

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = dt.date(year, month, 1)
        return cls(PeriodKind.MONTH, first, _next_month(first) - dt.timedelta(days=1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValueError("quarter must be 1 to 4")
        first = dt.date(year, 3 * (quarter - 1) + 1, 1)
        last = _next_month(_next_month(_next_month(first))) - dt.timedelta(days=1)
        return cls(PeriodKind.QUARTER, first, last)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def since_founding(cls, until: dt.date) -> Period:
        return cls(PeriodKind.SINCE_FOUNDING, FOUNDED_ON, until)

    @property
    def code(self) -> str:
        """The period as written in a URL or on the command line: 2025, 2025-Q2, 2025-03, all."""
        if self.kind == PeriodKind.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        return "all"

    def previous(self) -> Period | None:
        """The period of the same kind just before; none before the founding."""
        if self.kind == PeriodKind.MONTH:
            before = self.start - dt.timedelta(days=1)
            return Period.month(before.year, before.month)
        if self.kind == PeriodKind.QUARTER:
            before = self.start - dt.timedelta(days=1)
            return Period.quarter(before.year, (before.month - 1) // 3 + 1)
        if self.kind == PeriodKind.YEAR:
            return Period.year(self.start.year - 1)
        return None

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _next_month(first: dt.date) -> dt.date:
    return dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)


_CODE = re.compile(r"^(?P<year>\d{4})(?:-(?:Q(?P<quarter>[1-4])|(?P<month>0[1-9]|1[0-2])))?$")


def parse_period(code: str, *, today: dt.date) -> Period:
    """`2025`, `2025-Q2`, `2025-03` or `all` (since founding, until today). ValueError else."""
    code = (code or "").strip()
    if code == "all":
        return Period.since_founding(today)
    match = _CODE.match(code)
    if not match or not FOUNDED_ON.year <= int(match["year"]) <= today.year + 1:
        raise ValueError(code)
    year = int(match["year"])
    if match["quarter"]:
        return Period.quarter(year, int(match["quarter"]))
    if match["month"]:
        return Period.month(year, int(match["month"]))
    return Period.year(year)


def years_until(today: dt.date) -> list[Period]:
    """Every calendar year from the founding to this one, oldest first."""
    return [Period.year(year) for year in range(FOUNDED_ON.year, today.year + 1)]
