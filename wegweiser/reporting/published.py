"""Figures as they are published: suppressed, labelled, the period against the one before.

Reads only (through `figures`); pages and exports render what this module returns, so a
number hidden on the page is hidden in every download too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .figures import (
    ALL,
    FIGURES,
    Breakdown,
    FigureResult,
    Scope,
    caseload,
    figure,
    time_to_first_job,
    trend,
)
from .periods import Period
from .snapshots import Snapshots
from .suppression import SMALL_CELL, SuppressedTable, suppress

HIDDEN = "*"


def hidden_note() -> str:
    """The legend of the `*` mark, in the language of the request."""
    return gettext(
        "* hidden to protect persons: fewer than %(n)s persons, or a number from which such a "
        "cell could be worked out."
    ) % {"n": SMALL_CELL}


@dataclass
class PublishedRow:
    label: str
    cells: list[int | None]
    total: int | None


@dataclass
class PublishedFigure:
    name: str
    title: str
    definition: str
    period: Period
    breakdown: str
    categories: list[str]
    rows: list[PublishedRow]
    totals: list[int | None]
    total: int | None
    median_days: int | None = None
    hidden: int = 0

    @property
    def plain(self) -> bool:
        """One column: the categories add nothing to show."""
        return len(self.categories) == 1


def publish(result: FigureResult) -> PublishedFigure:
    table: SuppressedTable = suppress(
        result.matrix(),
        [result.group_totals.get(key, 0) for key, _label in result.groups],
        [result.category_totals.get(key, 0) for key, _label in result.categories],
        result.total,
    )
    rows = [
        PublishedRow(
            label=label,
            cells=[table.cell(i, j) for j in range(table.columns)],
            total=table.row_total(i),
        )
        for i, (_key, label) in enumerate(result.groups)
    ]
    median = result.median_days if result.total >= SMALL_CELL else None
    return PublishedFigure(
        name=result.definition.name,
        title=str(result.definition.title),
        definition=str(result.definition.definition),
        period=result.period,
        breakdown=result.breakdown,
        categories=[label for _key, label in result.categories],
        rows=rows,
        totals=[table.column_total(j) for j in range(table.columns)],
        total=table.total,
        median_days=median,
        hidden=len(table.hidden),
    )


def published_figure(
    name: str, period: Period, breakdown: str = Breakdown.NONE, *, scope: Scope
) -> PublishedFigure:
    return publish(figure(name, period, breakdown, scope=scope))


# ---------------------------------------------------------------------------------------------
# The dashboard: key figures of a period against the one before


@dataclass(frozen=True)
class KeyFigure:
    name: str
    title: str
    definition: str
    category: str  # the column shown, ALL for the total
    now: int | None
    before: int | None

    @property
    def change(self) -> int | None:
        if self.now is None or self.before is None:
            return None
        return self.now - self.before


KEY_FIGURES: tuple[tuple[str, str, object], ...] = (
    # (figure, category or ALL for the total, title on the dashboard)
    ("intakes", ALL, _("Intakes")),
    ("active_cases", ALL, _("Open cases at the end of the period")),
    ("closures", ALL, _("Closures")),
    ("course_entries", ALL, _("Course entries")),
    ("dtz_results", "b1", _("DTZ passed at B1")),
    ("recognition_decided", ALL, _("Recognition decisions")),
    ("placements", ALL, _("Placements")),
    ("sustained_6", "sustained", _("Still employed after 6 months")),
)


def _key_value(
    name: str, category: str, period: Period, scope: Scope, snapshots: Snapshots | None
) -> int | None:
    result = snapshots.figure(name, period) if snapshots else figure(name, period, scope=scope)
    published = publish(result)
    if category == ALL:
        return published.total
    index = [key for key, _label in result.categories].index(category)
    return published.totals[index]


def key_figures(
    period: Period, *, scope: Scope, snapshots: Snapshots | None = None
) -> list[KeyFigure]:
    """The key figures of the period and the one before; from `snapshots` where they keep
    them (the dashboard), else computed directly."""
    previous = period.previous()
    figures = []
    for name, category, title in KEY_FIGURES:
        figures.append(
            KeyFigure(
                name=name,
                title=str(title),
                definition=str(FIGURES[name].definition),
                category=category,
                now=_key_value(name, category, period, scope, snapshots),
                before=(
                    _key_value(name, category, previous, scope, snapshots) if previous else None
                ),
            )
        )
    return figures


# ---------------------------------------------------------------------------------------------
# Trends and curves, suppressed


@dataclass(frozen=True)
class PublishedYear:
    year: int
    total: int | None
    cumulative: int | None


def published_trend(
    name: str, *, scope: Scope, until: dt.date, snapshots: Snapshots | None = None
) -> list[PublishedYear]:
    """Totals per year, each hidden below five; the running total is published only where
    every year up to it is (else a hidden year follows from two running totals)."""
    points = (
        snapshots.trend(name, until=until) if snapshots else trend(name, scope=scope, until=until)
    )
    years = []
    for point in points:
        total = point.total if point.total == 0 or point.total >= SMALL_CELL else None
        years.append(PublishedYear(point.year, total, point.cumulative))
    published = []
    running_ok = True
    for year in years:
        running_ok = running_ok and year.total is not None
        cumulative = year.cumulative if running_ok else None
        published.append(PublishedYear(year.year, year.total, cumulative))
    return published


@dataclass
class PublishedCurve:
    label: str
    persons: int
    placed: int
    median_days: int | None
    at_months: list[float | None]  # share in work after each of MONTHS
    points: list[tuple[float, float]] = field(default_factory=list)  # (months, share in work)


CURVE_MONTHS = (3, 6, 12, 24)
DAYS_PER_MONTH = 30.4375
MIN_CURVE_PERSONS = 10  # a curve of fewer persons shows single persons' steps: not published


def published_time_to_job(
    period: Period, breakdown: str, *, scope: Scope, today: dt.date
) -> tuple[list[PublishedCurve], int]:
    """Kaplan-Meier curves of the share in work by months since intake; groups with fewer
    than ten persons are left out (their steps would show single persons). Returns the
    curves and how many groups were left out."""
    curves = []
    left_out = 0
    for curve in time_to_first_job(period, breakdown, scope=scope, today=today):
        if curve.persons < MIN_CURVE_PERSONS:
            left_out += 1
            continue
        points = [(step.time / DAYS_PER_MONTH, 1 - step.survival) for step in curve.steps]
        at_months = []
        for months in CURVE_MONTHS:
            days = months * DAYS_PER_MONTH
            observed = [step for step in curve.steps if step.time <= days]
            still_followed = any(step.time >= days for step in curve.steps)
            at_months.append(
                (1 - observed[-1].survival if observed else 0.0) if still_followed else None
            )
        curves.append(
            PublishedCurve(
                label=curve.group_label,
                persons=curve.persons,
                placed=curve.placed,
                median_days=curve.median_days,
                at_months=at_months,
                points=points,
            )
        )
    return curves, left_out


@dataclass
class PublishedCaseload:
    team: str
    open_cases: int | None
    caseworkers: int
    per_caseworker: float | None


def published_caseload(period: Period, *, scope: Scope) -> list[PublishedCaseload]:
    rows = caseload(period, scope=scope)
    if not rows:
        return []
    table = suppress([[row.open_cases] for row in rows])
    published = []
    for index, row in enumerate(rows):
        cases = table.cell(index, 0)
        published.append(
            PublishedCaseload(
                team=row.group_label,
                open_cases=cases,
                caseworkers=row.caseworkers,
                per_caseworker=(
                    round(row.per_caseworker, 1)
                    if cases is not None and row.per_caseworker
                    else None
                ),
            )
        )
    return published
