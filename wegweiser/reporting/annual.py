"""The annual report's figures for one organisation and one calendar year: counts only.

The figures are the dashboard's (`reporting.figures`, each defined once and counted in the
database); this module arranges them for the report (key figures, a table per figure by
topic), published as the dashboard publishes them (`reporting.published`, small cells and
what would give them away hidden as `*`), and says who may read them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise

from wegweiser.accounts.models import User
from wegweiser.core.audit import audit_event
from wegweiser.core.models import AuditEntry

from .figures import ALL, FIGURES, TOPICS, Scope, figure
from .periods import Period
from .published import HIDDEN, KEY_FIGURES, PublishedFigure, publish
from .snapshots import Snapshots

MANAGEMENT = User.Role.MANAGEMENT  # the role that may read and export the annual report
FIRST_YEAR = 2015  # the centre opened in 2015


def may_report(user: User) -> bool:
    """The centre's management (and nobody else) reads and exports the annual report."""
    return bool(user.is_active and user.role == MANAGEMENT and user.organisation_id)


Cell = int | str


def _cell(value: int | None) -> Cell:
    return HIDDEN if value is None else value


@dataclass(frozen=True)
class Table:
    """One figure by its categories, as published (hidden numbers are `*`)."""

    key: str
    title: str | Promise
    rows: list[tuple[str, Cell]]
    total: Cell

    def bars(self) -> list[tuple[str, Cell, int]]:
        """(label, cell, width in percent of the largest shown number) for the charts; a
        hidden number has no bar."""
        top = max((c for _l, c in self.rows if isinstance(c, int)), default=0) or 1
        return [
            (label, cell, round(100 * cell / top) if isinstance(cell, int) else 0)
            for label, cell in self.rows
        ]


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str | Promise
    cell: Cell


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
    as_of: dt.datetime | None = None  # read from snapshots taken then; None: computed now


def definitions() -> list[tuple[str | Promise, str | Promise]]:
    """Each figure's title and what it counts, as the dashboard defines them."""
    return [(d.title, d.definition) for d in FIGURES.values()]


def _table(published: PublishedFigure) -> Table:
    return Table(
        published.name,
        published.title,
        [
            (label, _cell(n))
            for label, n in zip(published.categories, published.totals, strict=True)
        ],
        _cell(published.total),
    )


def annual_figures(
    *,
    organisation_id: int,
    organisation: str,
    year: int | None,
    today: dt.date | None = None,
    snapshots: bool = False,
) -> AnnualFigures:
    """Every figure of the dashboard for the calendar year (None: since the founding), as the
    dashboard publishes it, by topic: the dashboard's key figures first, then a table for each
    figure with more than one category. With `snapshots`, each figure is read from the kept
    snapshot where there is one (`reporting.snapshots`) and computed directly otherwise."""
    until = today or dt.date.today()
    period = Period.year(year) if year is not None else Period.since_founding(until)
    scope = Scope(organisation_id=organisation_id)
    kept = Snapshots(scope) if snapshots else None
    results = {
        name: kept.figure(name, period) if kept else figure(name, period, scope=scope)
        for name in FIGURES
    }
    published = {name: publish(result) for name, result in results.items()}
    topics = []
    for key, title in TOPICS:
        names = [name for name, d in FIGURES.items() if d.topic == key]
        if not names:
            continue
        keys = []
        for name, category, label in KEY_FIGURES:
            if name not in names:
                continue
            if category == ALL:
                value = published[name].total
            else:
                codes = [code for code, _label in results[name].categories]
                value = published[name].totals[codes.index(category)]
            keys.append(KeyFigure(name, str(label), _cell(value)))
        tables = [_table(published[name]) for name in names if not published[name].plain]
        topics.append(Topic(key, title, figures=keys, tables=tables))
    return AnnualFigures(
        year=year, organisation=organisation, topics=topics, as_of=kept.as_of if kept else None
    )


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
        organisation_id=organisation.pk, organisation=organisation.name, year=year, snapshots=True
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
