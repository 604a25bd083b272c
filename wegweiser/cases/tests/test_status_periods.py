"""The cases' status periods, which the reports read, stay what the status changes say: kept
in the same transaction as each change, equal to a rebuild from the changes, and the open
cases by status come out the same from both and from the changes themselves."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from wegweiser.cases.models import Case, CaseStatusChange, CaseStatusPeriod
from wegweiser.cases.services import case_change_status, case_open
from wegweiser.cases.status_periods import status_periods_rebuild
from wegweiser.core.audit import acting_as
from wegweiser.core.models import AuditEntry
from wegweiser.people.tests.factories import PersonFactory
from wegweiser.reporting.figures import Scope, figure
from wegweiser.reporting.periods import Period

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def _at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def histories(team, caseworker):
    """Two cases moved through the services on given moments: opened, active, placed (on New
    Year's night, after midnight in the centre's time zone but before it in UTC), closed,
    reopened and closed again; the other opened and left in intake."""
    steps = [
        (_at(2024, 3, 1), None, ""),
        (_at(2024, 4, 1), Case.Status.ACTIVE, ""),
        (_at(2024, 12, 31, 23, 30), Case.Status.PLACED, ""),
        (_at(2025, 6, 1), Case.Status.CLOSED, Case.ClosingReason.MOVED_AWAY),
        (_at(2025, 9, 1), Case.Status.ACTIVE, ""),
        (_at(2026, 2, 1), Case.Status.CLOSED, Case.ClosingReason.SUSTAINED_EMPLOYMENT),
    ]
    first = second = None
    for moment, status, reason in steps:
        with freeze_time(moment):
            if status is None:
                person = PersonFactory(organisation=team.organisation)
                first = case_open(actor=caseworker, person=person, team=team)
            else:
                assert first is not None
                first = case_change_status(
                    actor=caseworker, case=first, status=status, closing_reason=reason
                )
    with freeze_time(_at(2024, 5, 2)):
        person = PersonFactory(organisation=team.organisation)
        second = case_open(actor=caseworker, person=person, team=team)
    return first, second


def _periods() -> list[tuple[int, str, dt.datetime | None, dt.datetime | None]]:
    return sorted(
        CaseStatusPeriod.objects.values_list("case_id", "status", "valid_from", "valid_to"),
        key=lambda row: (row[0], row[2] or _at(1900, 1, 1)),
    )


def _open_by_status_from_the_changes(period: Period) -> Counter[str]:
    """The figure counted by hand from the status changes: each case's last change before
    the first moment after the period, for the cases open on its last day."""
    after = dt.datetime.combine(
        period.end + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_current_timezone()
    )
    counts: Counter[str] = Counter()
    for case in Case.objects.all():
        if case.opened_on > period.end or (case.closed_on and case.closed_on <= period.end):
            continue
        changes = sorted(case.status_changes.all(), key=lambda c: (c.changed_at, c.pk))
        before = [c for c in changes if c.changed_at < after]
        status = before[-1].to_status if before else (changes[0].from_status if changes else "")
        if status and status != Case.Status.CLOSED:
            counts[status] += 1
    return counts


def _open_by_status(period: Period, scope: Scope) -> Counter[str]:
    result = figure("active_cases", period, scope=scope)
    return Counter({c: n for (_g, c), n in result.cells.items() if n})


def test_kept_periods_equal_a_rebuild_from_the_changes(histories):
    first, second = histories
    kept = _periods()
    assert [row[1:] for row in kept if row[0] == first.pk] == [
        ("intake", _at(2024, 3, 1), _at(2024, 4, 1)),
        ("active", _at(2024, 4, 1), _at(2024, 12, 31, 23, 30)),
        ("placed", _at(2024, 12, 31, 23, 30), _at(2025, 6, 1)),
        ("closed", _at(2025, 6, 1), _at(2025, 9, 1)),
        ("active", _at(2025, 9, 1), _at(2026, 2, 1)),
        ("closed", _at(2026, 2, 1), None),
    ]
    assert [row[1:] for row in kept if row[0] == second.pk] == [("intake", _at(2024, 5, 2), None)]
    assert status_periods_rebuild() == len(kept)
    assert _periods() == kept


def test_open_cases_by_status_are_the_same_from_the_periods_and_the_changes(histories, team):
    scope = Scope(organisation_id=team.organisation_id)
    expected = {
        # placed after midnight in the centre's time zone: still active on 31 December
        2024: {"active": 1, "intake": 1},
        2025: {"active": 1, "intake": 1},  # closed in June, reopened in September
        2026: {"intake": 1},  # closed again in February
    }
    for year, counts in expected.items():
        period = Period.year(year)
        assert _open_by_status_from_the_changes(period) == Counter(counts)
        assert _open_by_status(period, scope) == Counter(counts)
    status_periods_rebuild()
    for year, counts in expected.items():
        assert _open_by_status(Period.year(year), scope) == Counter(counts)


def test_a_change_written_directly_and_a_case_without_changes_are_kept_too(team, caseworker):
    """Records saved through the ORM outside the services (imports, fixes by hand) keep the
    periods as well: a case without changes holds its present status throughout."""
    with freeze_time(_at(2024, 2, 1)):
        person = PersonFactory(organisation=team.organisation)
        case = case_open(actor=caseworker, person=person, team=team)
    person = PersonFactory(organisation=team.organisation)
    with acting_as(None):
        CaseStatusChange.objects.create(
            case=case, from_status="intake", to_status="active", changed_at=_at(2024, 6, 1)
        )
        bare = Case.objects.create(
            person=person, team=team, status=Case.Status.ACTIVE, opened_on=dt.date(2024, 1, 5)
        )
    kept = _periods()
    assert [row[1:] for row in kept if row[0] == bare.pk] == [("active", None, None)]
    status_periods_rebuild()
    assert _periods() == kept
    scope = Scope(organisation_id=team.organisation_id)
    assert _open_by_status(Period.year(2024), scope) == Counter({"active": 2})


def test_rebuild_command_repairs_the_periods_and_is_audited(histories, team):
    kept = _periods()
    CaseStatusPeriod.objects.all().delete()
    scope = Scope(organisation_id=team.organisation_id)
    assert _open_by_status(Period.year(2025), scope) == Counter()  # nothing to read
    call_command("report", "rebuild")
    assert _periods() == kept
    assert _open_by_status(Period.year(2025), scope) == Counter({"active": 1, "intake": 1})
    assert AuditEntry.objects.filter(
        object_type="cases.casestatusperiod", purpose="report_rebuild_cli"
    ).exists()
