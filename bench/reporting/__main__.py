"""Reporting benchmark: the dashboard's figures (all of them, as the annual report computes
them) and the ESF Plus indicators for one year and for all years, and the annual report PDF,
over synthetic persons with their histories, beside a straightforward ORM implementation of
key figures (the baseline) in the same run.

    uv run python -m bench.reporting --persons 100000                       # SQLite under /tmp
    WEGWEISER_DATABASE_URL=postgres://postgres@127.0.0.1:5432/reportout_bench \\
        uv run python -m bench.reporting --persons 100000                   # PostgreSQL

Without WEGWEISER_DATABASE_URL a fresh SQLite database under /tmp is used. The database is
migrated and filled first (timed separately: "generate"); `--reuse` measures a database that
was filled before. p50/p95 over `--repeat` runs; the baseline runs `--baseline-repeat` times
and must give the same numbers (`--baseline-repeat 0` leaves it out: at 1,000,000 persons it
takes minutes). The status periods are rebuilt (timed) and the dashboard's snapshots refreshed
(timed) before the dashboard and the annual report PDF are measured both ways: computed
directly and read from the snapshots, which must show the same.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np


def _setup(args: argparse.Namespace) -> str:
    if not os.environ.get("WEGWEISER_DATABASE_URL"):
        var = Path(args.var_dir or tempfile.mkdtemp(prefix="wegweiser-reporting-", dir="/tmp"))
        var.mkdir(parents=True, exist_ok=True)
        os.environ["WEGWEISER_VAR_DIR"] = str(var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)  # also on a reused database: later indexes
    return connection.vendor


def timed(fn: Callable[[], Any], repeat: int) -> tuple[dict[str, float], Any]:
    samples, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000)
    array = np.asarray(samples)
    return {
        "p50_ms": round(float(np.percentile(array, 50)), 1),
        "p95_ms": round(float(np.percentile(array, 95)), 1),
        "runs": repeat,
    }, result


def baseline_key_figures(organisation_id: int, year: int | None) -> dict[str, int]:
    """Four of the key figures (distinct persons, as the dashboard counts them), written the
    straightforward way: load the rows through the ORM and count in Python."""
    import datetime as dt

    from wegweiser.cases.models import Case
    from wegweiser.courses.models import Enrolment
    from wegweiser.jobs.models import Placement
    from wegweiser.reporting.figures import ENTERED

    start = dt.date(year or 2015, 1, 1)
    end = dt.date(year, 12, 31) if year else dt.date.today()
    persons: dict[str, set[int]] = {k: set() for k in BASELINE}
    for case in Case.objects.filter(person__organisation_id=organisation_id):
        if start <= case.opened_on <= end:
            persons["intakes"].add(case.person_id)
        closed = case.closed_on
        if case.status == Case.Status.CLOSED and closed is not None and start <= closed <= end:
            persons["closures"].add(case.person_id)
    for enrolment in Enrolment.objects.filter(
        person__organisation_id=organisation_id
    ).select_related("course"):
        if enrolment.status in ENTERED and start <= enrolment.course.starts_on <= end:
            persons["course_entries"].add(enrolment.person_id)
    for placement in Placement.objects.filter(person__organisation_id=organisation_id):
        if start <= placement.starts_on <= end:
            persons["placements"].add(placement.person_id)
    return {k: len(v) for k, v in persons.items()}


BASELINE = ("intakes", "closures", "course_entries", "placements")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--baseline-repeat", type=int, default=3)
    parser.add_argument("--pdf-repeat", type=int, default=3)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--reuse", action="store_true", help="measure the data already there")
    parser.add_argument("--var-dir", help="SQLite: the folder of the database (default: new)")
    parser.add_argument("--generate-only", action="store_true", help="fill the database, then stop")
    args = parser.parse_args()
    vendor = _setup(args)

    from django.db import connection
    from django.utils import timezone

    from wegweiser.accounts.models import User
    from wegweiser.reporting.annual import annual_figures
    from wegweiser.reporting.annual_pdf import render_annual_pdf
    from wegweiser.reporting.esf import esf_indicators

    from .data import generate, table_rows

    report: dict[str, Any] = {"database": vendor, "persons": args.persons}

    if not args.reuse:
        started = time.perf_counter()
        generate(args.persons, seed=args.seed, log=lambda line: print(line, file=sys.stderr))
        report["generate_s"] = round(time.perf_counter() - started, 1)
        if args.generate_only:
            print(json.dumps(report, indent=2))
            return
    with connection.cursor() as cursor:
        # The planner's statistics, as PostgreSQL's autovacuum keeps them; SQLite keeps none
        # by itself (a deployment runs ANALYZE or PRAGMA optimize, see docs/reporting.md).
        cursor.execute("ANALYZE")
    report["rows"] = dict(table_rows())
    report["events"] = sum(v for k, v in report["rows"].items() if k != "people_person")
    manager = User.objects.get(username="bench-manager")
    org_id, org = int(manager.organisation_id or 0), str(manager.organisation)

    def figures(year: int | None) -> Any:
        return annual_figures(organisation_id=org_id, organisation=org, year=year)

    def key_values(result: Any) -> dict[str, int]:
        return {f.key: f.cell for topic in result.topics for f in topic.figures}

    from wegweiser.reporting.figures import FIGURES, Scope, figure
    from wegweiser.reporting.periods import Period

    per_figure = {}
    for name in FIGURES:  # once each, to show where the time goes
        started = time.perf_counter()
        figure(name, Period.year(args.year), scope=Scope(organisation_id=org_id))
        per_figure[name] = round((time.perf_counter() - started) * 1000)
        print(f"  {name}: {per_figure[name]} ms", file=sys.stderr)
    report["per_figure_one_year_ms"] = per_figure
    from wegweiser.reporting.published import key_figures, published_trend

    def dashboard(year: int | None) -> Any:
        """What the dashboard page computes: the key figures of the period and of the one
        before, and the placements per year."""
        today = timezone.localdate()
        period = Period.year(year) if year else Period.since_founding(today)
        scope = Scope(organisation_id=org_id)
        return key_figures(period, scope=scope), published_trend(
            "placements", scope=scope, until=today
        )

    from wegweiser.cases.status_periods import status_periods_rebuild
    from wegweiser.reporting.snapshots import Snapshots, snapshots_refresh

    started = time.perf_counter()
    report["status_periods"] = status_periods_rebuild()
    report["status_periods_rebuild_s"] = round(time.perf_counter() - started, 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    def dashboard_from_snapshots(year: int | None) -> Any:
        """The dashboard page as it reads: the snapshots of the scope (one query), the key
        figures and the placements per year from them, published."""
        today = timezone.localdate()
        period = Period.year(year) if year else Period.since_founding(today)
        scope = Scope(organisation_id=org_id)
        snapshots = Snapshots(scope)
        return key_figures(period, scope=scope, snapshots=snapshots), published_trend(
            "placements", scope=scope, until=today, snapshots=snapshots
        )

    started = time.perf_counter()
    report["snapshots"] = snapshots_refresh(organisation_ids=[org_id])
    report["snapshot_refresh_s"] = round(time.perf_counter() - started, 1)
    print(f"  snapshots refreshed in {report['snapshot_refresh_s']} s", file=sys.stderr)

    for label, year in (("one_year", args.year), ("all_years", None)):
        report[f"dashboard_{label}"], direct = timed(partial(dashboard, year), args.repeat)
        print(f"  dashboard {label}: {report[f'dashboard_{label}']}", file=sys.stderr)
        report[f"dashboard_snapshot_{label}"], kept = timed(
            partial(dashboard_from_snapshots, year), args.repeat
        )
        assert kept == direct, (kept, direct)  # the snapshot shows what is computed directly
        print(f"  from snapshots: {report[f'dashboard_snapshot_{label}']}", file=sys.stderr)
        stats, result = timed(partial(figures, year), args.repeat)
        report[f"figures_{label}"] = stats
        if args.baseline_repeat:
            base, expected = timed(
                partial(baseline_key_figures, org_id, year), args.baseline_repeat
            )
            got = key_values(result)
            assert all(got[k] == expected[k] for k in BASELINE), (got, expected)
            report[f"baseline_{label}"] = base
            report[f"ratio_{label}"] = round(base["p50_ms"] / stats["p50_ms"], 1)
    esf_stats, _esf = timed(
        lambda: esf_indicators(organisation_id=org_id, organisation=org, year=args.year),
        args.repeat,
    )
    report["esf_one_year"] = esf_stats

    def annual_pdf(snapshots: bool) -> bytes:
        return render_annual_pdf(
            annual_figures(
                organisation_id=org_id, organisation=org, year=args.year, snapshots=snapshots
            ),
            esf_indicators(organisation_id=org_id, organisation=org, year=args.year),
            language="de",
            today=timezone.localdate(),
        )

    # The report as `wegweiser report annual` and the page make it: its figures read from the
    # snapshots refreshed above. The first report of a process also loads WeasyPrint and the
    # template engine (seconds on a loaded machine): measured apart from the reports after it.
    # Then the same report with every figure computed directly, as before the snapshots.
    report["annual_pdf_first"], _content = timed(partial(annual_pdf, True), 1)
    pdf_stats, content = timed(partial(annual_pdf, True), args.pdf_repeat)
    report["annual_pdf"] = {**pdf_stats, "bytes": len(content)}
    report["annual_pdf_direct"], _content = timed(partial(annual_pdf, False), args.pdf_repeat)
    kept = annual_figures(organisation_id=org_id, organisation=org, year=args.year, snapshots=True)
    assert kept.as_of is not None and kept.topics == figures(args.year).topics
    report["load_average"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
