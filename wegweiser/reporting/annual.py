"""The annual report's figures for one organisation and one calendar year: counts only.

The figures are the dashboard's (`reporting.figures`, each defined once and counted in the
database); this module arranges them for the report (key figures, a table per figure by
topic), publishes them through `reporting.published` and says who may read them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise

from wegweiser.accounts.models import User
from wegweiser.core.audit import audit_event
from wegweiser.core.models import AuditEntry

from .figures import FIGURES, TOPICS, FigureResult, Scope, figure
from .periods import Period
from .published import Cell, published_cell, published_column

MANAGEMENT = "management"  # the role that may read and export the centre's reports
FIRST_YEAR = 2015  # the centre opened in 2015


def may_report(user: User) -> bool:
    """The centre's management (and nobody else) reads and exports the annual report."""
    return bool(user.is_active and user.role == MANAGEMENT and user.organisation_id)


@dataclass(frozen=True)
class Row:
    label: str | Promise
    value: int


@dataclass(frozen=True)
class Table:
    key: str
    title: str | Promise
    rows: list[Row]
    total: int  # distinct persons: a person in two categories is one person in the total
    with_total: bool = True

    def cells(self) -> list[Cell]:
        """The published cells: small cells suppressed, the total kept."""
        return published_column([row.value for row in self.rows], with_total=self.with_total)

    def published_rows(self) -> list[tuple[str, Cell]]:
        return [(str(r.label), c) for r, c in zip(self.rows, self.cells(), strict=True)]

    def published_total(self) -> Cell:
        return published_cell(self.total)

    def bars(self) -> list[tuple[str, Cell, int]]:
        """(label, cell, width in percent of the largest published row) for the charts; a
        suppressed row has no bar."""
        shown = [
            r.value for r, c in zip(self.rows, self.cells(), strict=True) if isinstance(c, int)
        ]
        top = max(shown, default=0) or 1
        return [
            (label, cell, round(100 * cell / top) if isinstance(cell, int) else 0)
            for label, cell in self.published_rows()
        ]


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str | Promise
    value: int

    @property
    def cell(self) -> Cell:
        return published_cell(self.value)


@dataclass
class Topic:
    key: str
    title: str | Promise
    figures: list[KeyFigure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class AnnualFigures:
    year: int | None  # None: all years
    organisation: str
    topics: list[Topic]

    @property
    def key_figures(self) -> list[KeyFigure]:
        return [topic.figures[0] for topic in self.topics if topic.figures]


KEY_FIGURES = (
    "intakes",
    "active_cases",
    "closures",
    "course_entries",
    "recognition_decided",
    "placements",
    "sustained_6",
)


def definitions() -> list[tuple[str | Promise, str | Promise]]:
    """Each figure's title and what it counts, as the dashboard defines them."""
    return [(d.title, d.definition) for d in FIGURES.values()]


def _table(result: FigureResult) -> Table:
    counts = result.category_totals
    return Table(
        result.definition.name,
        result.definition.title,
        [Row(label, counts.get(code, 0)) for code, label in result.categories],
        total=result.total,
    )


def annual_figures(
    *, organisation_id: int, organisation: str, year: int | None, today: dt.date | None = None
) -> AnnualFigures:
    """Every figure of the dashboard for the calendar year (None: since the founding), by
    topic: the key figures first, a table for each figure with more than one category."""
    until = today or dt.date.today()
    period = Period.year(year) if year is not None else Period.since_founding(until)
    scope = Scope(organisation_id=organisation_id)
    results = {name: figure(name, period, scope=scope) for name in FIGURES}
    topics = []
    for key, title in TOPICS:
        names = [name for name, d in FIGURES.items() if d.topic == key]
        if not names:
            continue
        topics.append(
            Topic(
                key,
                title,
                figures=[
                    KeyFigure(name, FIGURES[name].title, results[name].total)
                    for name in KEY_FIGURES
                    if name in names
                ],
                tables=[
                    _table(results[name]) for name in names if len(results[name].categories) > 1
                ],
            )
        )
    return AnnualFigures(year=year, organisation=organisation, topics=topics)


def report_years(*, today: dt.date) -> list[int]:
    """The years a report can be made for, newest first."""
    return list(range(today.year, FIRST_YEAR - 1, -1))


def annual_for_user(*, user: User, year: int) -> AnnualFigures:
    """The annual figures of the user's organisation; PermissionDenied for anyone but the
    management. The caller writes the audit entry for what it hands out (`audit_report`)."""
    if not may_report(user):
        raise PermissionDenied
    organisation = user.organisation
    assert organisation is not None
    return annual_figures(
        organisation_id=organisation.pk, organisation=organisation.name, year=year
    )


def audit_report(
    *, user: User, report: str, year: int, fmt: str, language: str, purpose: str
) -> None:
    """One export entry per report handed out, from the page or the command line alike."""
    audit_event(
        actor=user,
        action=AuditEntry.Action.EXPORT,
        object_type=f"reporting.{report}",
        object_id=year,
        fields=[fmt, language] if language else [fmt],
        purpose=purpose,
    )
