"""The totals of a figure are derived from its one grouped query where a person is in one
category; these tests count every total again the direct way (distinct persons per group,
per category and overall, from the figure's own records) for every figure and breakdown, on
a fixture where persons are in two categories, two groups' worth of records and several
periods."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from wegweiser.accounts.tests.factories import UserFactory
from wegweiser.cases.models import Case, CaseStatusChange
from wegweiser.core.audit import acting_as
from wegweiser.courses.models import CourseKind, Enrolment, Exam, ExamResult
from wegweiser.courses.tests.factories import CourseFactory, EnrolmentFactory
from wegweiser.reporting import regions
from wegweiser.reporting.figures import (
    FIGURES,
    UNKNOWN,
    Breakdown,
    Scope,
    _group_expression,
    _person_id,
    _scoped,
    figure,
)
from wegweiser.reporting.periods import Period

from .test_figures import _case, _place

pytestmark = pytest.mark.django_db

PERIODS = (Period.year(2025), Period.since_founding(dt.date(2026, 6, 30)))


def _direct(name, period, breakdown, scope):
    """Distinct persons per cell, group, category and overall, counted in Python from the
    figure's records: no totals derived from other totals."""
    definition = FIGURES[name]
    rows = _scoped(definition.rows(period), definition, scope).annotate(
        _g=_group_expression(
            breakdown, person=definition.person, case=definition.case, on=period.end
        ),
        _c=definition.category(period),
    )
    keys = {code for code, _label in definition.categories}
    cells, groups, categories, everyone = (
        defaultdict(set),
        defaultdict(set),
        defaultdict(set),
        set(),
    )
    for person, g, c in rows.values_list(_person_id(definition), "_g", "_c"):
        if str(c) not in keys:
            continue
        g = "" if g is None else str(g)
        g = regions.region_of(g) if breakdown == Breakdown.REGION else (g or UNKNOWN)
        cells[(g, str(c))].add(person)
        groups[g].add(person)
        categories[str(c)].add(person)
        everyone.add(person)
    count = lambda sets: {k: len(v) for k, v in sets.items()}  # noqa: E731
    return count(cells), count(groups), count(categories), len(everyone)


@pytest.fixture
def histories(team, other_team):
    """Persons in two programmes, with two exams, two placements, cases in every status,
    a case reopened after its closing, in two teams and with and without attributes."""
    cases = []
    for i, (sex, nationality, born) in enumerate(
        [
            ("f", "SY", dt.date(1990, 5, 1)),
            ("m", "DE,SY", dt.date(2001, 2, 28)),
            ("m", "UA", None),
            ("f", "IQ", dt.date(1960, 1, 1)),
            ("d", "", dt.date(2010, 7, 1)),
            ("f", "AF", dt.date(1985, 3, 3)),
        ]
    ):
        status = (Case.Status.ACTIVE, Case.Status.INTAKE, Case.Status.CLOSED)[i % 3]
        closed = status == Case.Status.CLOSED
        cases.append(
            _case(
                team if i % 2 else other_team,
                person={"sex": sex, "nationalities": nationality, "date_of_birth": born},
                status=status,
                closing_reason=Case.ClosingReason.MOVED_AWAY if closed else "",
                opened_on=dt.date(2023 + i % 3, 1 + i, 10),
                closed_on=dt.date(2025, 6, 1 + i) if closed else None,
            )
        )
    with acting_as(None):
        at = dt.datetime(2025, 3, 1, 10, tzinfo=dt.UTC)
        for case in cases:
            CaseStatusChange.objects.create(
                case=case, from_status="intake", to_status="active", changed_at=at
            )
    integration = CourseFactory(starts_on=dt.date(2025, 2, 1), ends_on=dt.date(2025, 9, 1))
    job = CourseFactory(
        kind=CourseKind.JOB_B2, starts_on=dt.date(2025, 10, 1), ends_on=dt.date(2026, 3, 1)
    )
    recorder = UserFactory()
    for i, case in enumerate(cases[:5]):
        EnrolmentFactory(
            person=case.person,
            course=integration,
            status=(Enrolment.Status.COMPLETED, Enrolment.Status.DROPPED_OUT)[i % 2],
            status_changed_on=dt.date(2025, 9, 1),
        )
        if i < 3:  # in a second programme the same year
            EnrolmentFactory(person=case.person, course=job, status=Enrolment.Status.ATTENDING)
        with acting_as(None):
            for level, day in (
                ("A2", dt.date(2025, 9, 10)),
                ("B1" if i < 2 else "", dt.date(2025, 12, 1)),
            ):
                ExamResult.objects.create(
                    person=case.person,
                    exam=Exam.DTZ,
                    taken_on=day,
                    level_reached=level,
                    recorded_by=recorder,
                )
    for i, case in enumerate(cases):
        _place(case, dt.date(2025, 1 + i, 1), employed_at={6: True})
        if i < 3:
            _place(case, dt.date(2025, 8, 1), ended_on=dt.date(2025, 9, 1))
    return Scope(organisation_id=team.organisation_id)


def _nonzero(counts):
    return {key: n for key, n in counts.items() if n}


@pytest.mark.parametrize("breakdown", Breakdown.ALL)
def test_every_total_equals_the_direct_count_of_distinct_persons(histories, breakdown):
    for name in FIGURES:
        for period in PERIODS:
            result = figure(name, period, breakdown, scope=histories)
            cells, groups, categories, total = _direct(name, period, breakdown, histories)
            context = (name, period.code, breakdown)
            # (a count of nobody may be there as a zero or not at all)
            assert _nonzero(result.cells) == cells, context
            assert _nonzero(result.group_totals) == groups, context
            assert _nonzero(result.category_totals) == categories, context
            assert result.total == total, context


def test_a_person_in_two_programmes_is_one_person_in_the_totals(histories):
    entries = figure("course_entries", Period.year(2025), Breakdown.SEX, scope=histories)
    # Five persons entered the integration course, three of them a job course as well.
    assert entries.category_totals == {"integration": 5, "job": 3}
    assert entries.total == 5
    assert sum(entries.group_totals.values()) == 5
    sustained = figure("sustained_6", Period.year(2025), scope=histories)
    # Six placements still employed at six months, three more ended within a month.
    assert sustained.category_totals == {"sustained": 6, "not_sustained": 3}
    assert sustained.total == 6
