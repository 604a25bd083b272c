"""The dashboard's snapshots: a refresh stores what the direct computation gives, the page says
how old its figures are, shows new records after the next refresh, and computes directly where
no snapshot is kept (a team's scope, a quarter)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time

from wegweiser.letters.tests import pdfcheck
from wegweiser.reporting.annual import annual_figures, annual_for_user
from wegweiser.reporting.figures import FIGURES, figure, trend
from wegweiser.reporting.models import FigureSnapshot
from wegweiser.reporting.published import KEY_FIGURES
from wegweiser.reporting.snapshots import (
    TRENDS,
    Snapshots,
    snapshot_figures,
    snapshot_periods,
    snapshots_refresh,
)
from wegweiser.reporting.tasks import refresh_snapshots_task
from wegweiser.reporting.tests.test_dashboard import _intakes, _key
from wegweiser.reporting.tests.test_figure_totals import histories  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)


def _table(result):
    return (
        result.groups,
        result.categories,
        result.cells,
        result.group_totals,
        result.category_totals,
        result.total,
        result.median_days,
        result.days_histogram,
    )


@freeze_time("2026-06-01 08:00")
def test_a_refreshed_snapshot_equals_the_direct_computation(histories):  # noqa: F811
    scope = histories
    periods = snapshot_periods(TODAY)
    assert snapshots_refresh() == sum(len(snapshot_figures(p)) for p in periods) + len(TRENDS)
    # every figure of the years an annual report is made for, the key figures since founding
    assert all(set(snapshot_figures(p)) == set(FIGURES) for p in periods[:3])
    assert set(snapshot_figures(periods[3])) == {name for name, _c, _t in KEY_FIGURES}
    snapshots = Snapshots(scope)
    for period in periods:
        for name in snapshot_figures(period):
            direct = figure(name, period, scope=scope)
            assert _table(snapshots.figure(name, period)) == _table(direct), (name, period)
    last_year = snapshot_periods(TODAY)[1]
    assert all(figure(name, last_year, scope=scope).total for name in ("intakes", "placements"))
    for name in TRENDS:
        assert snapshots.trend(name, until=TODAY) == trend(name, scope=scope, until=TODAY)
    assert snapshots.as_of is not None


@freeze_time("2026-06-01 08:00")
def test_dashboard_reads_the_snapshot_says_when_and_counts_new_records_after_a_refresh(
    client, manager, team
):
    _intakes(team, 6)
    client.force_login(manager)
    page = client.get(reverse("reporting:dashboard"), {"period": "2025"})
    assert _key(page, "intakes").now == 6
    assert page.context["as_of"] is None  # no snapshot yet: computed directly
    assert 'id="figures-as-of"' not in page.content.decode()

    refresh_snapshots_task.enqueue()  # the periodic job (run at once under the tests)
    _intakes(team, 3)  # recorded after the refresh
    page = client.get(reverse("reporting:dashboard"), {"period": "2025"})
    assert _key(page, "intakes").now == 6  # as of the refresh
    assert 'id="figures-as-of"' in page.content.decode()
    assert page.context["as_of"] == dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)

    snapshots_refresh()
    page = client.get(reverse("reporting:dashboard"), {"period": "2025"})
    assert _key(page, "intakes").now == 9


@freeze_time("2026-06-01 08:00")
def test_without_a_snapshot_the_dashboard_computes_directly(client, caseworker, manager, team):
    _intakes(team, 6)
    snapshots_refresh()
    _intakes(team, 3)
    client.force_login(caseworker)  # a team's scope: no snapshots kept for it
    page = client.get(reverse("reporting:dashboard"), {"period": "2025"})
    assert _key(page, "intakes").now == 9
    assert page.context["as_of"] is None
    client.force_login(manager)  # a quarter: not kept either
    page = client.get(reverse("reporting:dashboard"), {"period": "2025-Q1"})
    assert _key(page, "intakes").now == 9


@freeze_time("2026-06-01 08:00")
def test_an_old_snapshot_is_not_shown(client, manager, team, settings):
    _intakes(team, 6)
    snapshots_refresh()
    _intakes(team, 3)
    FigureSnapshot.objects.update(computed_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
    settings.WEGWEISER_REPORT_SNAPSHOT_MAX_AGE_SECONDS = 86400
    client.force_login(manager)
    page = client.get(reverse("reporting:dashboard"), {"period": "2025"})
    assert _key(page, "intakes").now == 9
    assert page.context["as_of"] is None


def _annual_intakes(figures):
    return next(f.cell for t in figures.topics for f in t.figures if f.key == "intakes")


@freeze_time("2026-06-01 08:00")
def test_annual_report_reads_the_snapshots_says_when_and_equals_the_direct_one(
    manager,
    team,
    histories,  # noqa: F811
    tmp_path,
):
    _intakes(team, 6)
    direct = annual_figures(
        organisation_id=team.organisation_id, organisation="x", year=2025, snapshots=False
    )
    assert annual_for_user(user=manager, year=2025).as_of is None  # no snapshot yet

    snapshots_refresh()
    kept = annual_for_user(user=manager, year=2025)
    assert kept.as_of == dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)
    assert (kept.topics, kept.year) == (direct.topics, direct.year)  # every table, every cell

    _intakes(team, 3)  # recorded after the refresh: in the next report after the next refresh
    assert _annual_intakes(annual_for_user(user=manager, year=2025)) == _annual_intakes(direct)
    snapshots_refresh()
    assert _annual_intakes(annual_for_user(user=manager, year=2025)) == (
        _annual_intakes(direct) + 3
    )

    output = tmp_path / "report.pdf"
    call_command(
        "report", "annual", "--year", "2025", "--language", "en",
        "--output", str(output), "--user", manager.username,
    )  # fmt: skip
    text = " ".join(pdfcheck.text(output.read_bytes()).split())
    assert "Figures as of 06/01/2026 10 a.m." in text, text[:300]  # the refresh, Berlin time
