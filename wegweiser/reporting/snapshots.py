"""Snapshots of the dashboard's and the annual report's figures, refreshed by a periodic task.

At a million persons each figure is a grouped count over millions of records, about a second
each; the dashboard needs seventeen of them (eight key figures for the period and the one
before, and the placements per year), the annual report all sixteen figures of its year. The
task `refresh_snapshots_task` (enqueued by `wegweiser report schedule`, which `wegweiser serve`
runs beside the task worker) computes them with the same `figure()` and `trend()` the pages
use, for every centre as a whole, and stores the raw, unsuppressed counts: every figure for
this year and the two years before (the years an annual report is made for), the key figures
since the founding. The dashboard and the annual report read them and say "figures as of
<time>"; suppression is applied when they are published, exactly as for counts computed on the
spot. Where no snapshot is kept (a team's scope, a quarter, a month, an older year, or none
younger than `WEGWEISER_REPORT_SNAPSHOT_MAX_AGE_SECONDS`) the figure is computed directly. A
test checks that a refreshed snapshot equals the direct computation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wegweiser.accounts.models import Organisation

from .figures import (
    FIGURES,
    Breakdown,
    FigureResult,
    Scope,
    TrendPoint,
    figure,
    figure_result,
    trend,
)
from .models import FigureSnapshot
from .periods import Period, PeriodKind

TRENDS = ("placements",)  # the trend on the dashboard
TREND_PREFIX = "trend:"


def snapshot_periods(today: dt.date) -> list[Period]:
    """What the dashboard is opened on: last year (its default) against the year before, this
    year against last year, and everything since the founding."""
    return [
        Period.year(today.year),
        Period.year(today.year - 1),
        Period.year(today.year - 2),
        Period.since_founding(today),
    ]


def snapshot_figures(period: Period) -> list[str]:
    """Every figure of a calendar year (what its annual report shows); the dashboard's key
    figures since the founding (no annual report is made for it, and it is the slowest)."""
    if period.kind == PeriodKind.YEAR:
        return list(FIGURES)
    from .published import KEY_FIGURES

    return list(dict.fromkeys(name for name, _category, _title in KEY_FIGURES))


def _counts(result: FigureResult) -> dict[str, Any]:
    return {
        "cells": [[g, c, n] for (g, c), n in sorted(result.cells.items())],
        "group_totals": result.group_totals,
        "category_totals": result.category_totals,
        "days_histogram": [list(pair) for pair in result.days_histogram]
        if result.definition.days is not None
        else None,
    }


def snapshots_refresh(
    *, today: dt.date | None = None, organisation_ids: list[int] | None = None
) -> int:
    """Compute the dashboard's figures of every centre again and replace its snapshots in one
    transaction (a reader sees the old set or the new one, never half). Returns the number of
    snapshots written."""
    today = today or timezone.localdate()
    if organisation_ids is None:
        organisation_ids = list(
            Organisation.objects.filter(kind=Organisation.Kind.CENTRE).values_list("pk", flat=True)
        )
    written = 0
    for organisation_id in organisation_ids:
        scope = Scope(organisation_id=organisation_id)
        computed_at = timezone.now()  # the records up to this moment are counted
        rows = [
            FigureSnapshot(
                organisation_id=organisation_id,
                name=name,
                period=period.code,
                breakdown=Breakdown.NONE,
                period_end=period.end,
                computed_at=computed_at,
                counts=_counts(figure(name, period, scope=scope)),
            )
            for period in snapshot_periods(today)
            for name in snapshot_figures(period)
        ]
        for name in TRENDS:
            points = trend(name, scope=scope, until=today)
            rows.append(
                FigureSnapshot(
                    organisation_id=organisation_id,
                    name=TREND_PREFIX + name,
                    period="all",
                    breakdown=Breakdown.NONE,
                    period_end=today,
                    computed_at=computed_at,
                    counts={
                        "points": [[p.year, p.total, p.cumulative, p.by_category] for p in points]
                    },
                )
            )
        with transaction.atomic():
            FigureSnapshot.objects.filter(organisation_id=organisation_id).delete()
            FigureSnapshot.objects.bulk_create(rows)
        written += len(rows)
    return written


class Snapshots:
    """The snapshots of one scope, read in one query: `figure()` and `trend()` answer from
    them where one is kept and compute directly otherwise; `as_of` is the time of the oldest
    snapshot used (None while everything was computed on the spot)."""

    def __init__(self, scope: Scope, *, now: dt.datetime | None = None) -> None:
        self.scope = scope
        self.as_of: dt.datetime | None = None
        self._rows: dict[tuple[str, str, str], FigureSnapshot] = {}
        if scope.team_ids is not None:
            return  # kept for whole centres only
        oldest = (now or timezone.now()) - dt.timedelta(
            seconds=settings.WEGWEISER_REPORT_SNAPSHOT_MAX_AGE_SECONDS
        )
        for row in FigureSnapshot.objects.filter(
            organisation_id=scope.organisation_id, computed_at__gte=oldest
        ):
            self._rows[(row.name, row.period, row.breakdown)] = row

    def _use(self, row: FigureSnapshot) -> None:
        if self.as_of is None or row.computed_at < self.as_of:
            self.as_of = row.computed_at

    def figure(self, name: str, period: Period, breakdown: str = Breakdown.NONE) -> FigureResult:
        row = self._rows.get((name, period.code, breakdown))
        if row is None or (
            period.kind != PeriodKind.SINCE_FOUNDING and row.period_end != period.end
        ):
            return figure(name, period, breakdown, scope=self.scope)
        self._use(row)
        counts = row.counts
        if period.kind == PeriodKind.SINCE_FOUNDING:
            period = Period.since_founding(row.period_end)
        histogram = counts.get("days_histogram")
        return figure_result(
            name,
            period,
            breakdown,
            cells={(g, c): int(n) for g, c, n in counts["cells"]},
            group_totals={g: int(n) for g, n in counts["group_totals"].items()},
            category_totals={c: int(n) for c, n in counts["category_totals"].items()},
            days_histogram=[(int(d), int(n)) for d, n in histogram]
            if histogram is not None
            else None,
        )

    def trend(self, name: str, *, until: dt.date) -> list[TrendPoint]:
        row = self._rows.get((TREND_PREFIX + name, "all", Breakdown.NONE))
        if row is None:
            return trend(name, scope=self.scope, until=until)
        self._use(row)
        return [
            TrendPoint(int(year), int(total), int(cumulative), dict(by_category))
            for year, total, cumulative, by_category in row.counts["points"]
        ]
