"""The demo's years before today: the courses and recognition procedures give the reports
figures in every year, the one before today's included."""

import datetime as dt

import pytest

from wegweiser.accounts.models import Organisation
from wegweiser.cases.models import Case
from wegweiser.courses.models import Enrolment, ExamResult, LevelRecord
from wegweiser.demo.courses import ensure_demo_courses
from wegweiser.demo.generator import generate
from wegweiser.demo.recognition import ensure_demo_recognition
from wegweiser.recognition.models import RecognitionProcedure
from wegweiser.reporting.figures import Scope, figure, trend
from wegweiser.reporting.periods import Period

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def demo(db):
    generate(persons=400, seed=7, today=TODAY)
    ensure_demo_courses(seed=7, today=TODAY, waiting=20)
    created = ensure_demo_recognition(seed=7, today=TODAY)
    centre = Organisation.objects.get(pk=Case.objects.values("person__organisation")[:1])
    return Scope(organisation_id=centre.pk), created


def test_last_years_report_counts_course_entries_exams_and_recognition_decisions(demo):
    scope, created = demo
    year = Period.year(2025)
    values = {
        name: figure(name, year, scope=scope).total
        for name in (
            "course_entries",
            "course_exits",
            "dtz_results",
            "lid_results",
            "levels_gained",
            "waiting_time",
            "recognition_started",
            "recognition_decided",
            "recognition_duration",
        )
    }
    assert values["course_entries"] > 0
    assert values["recognition_decided"] > 0
    assert all(n > 0 for n in values.values()), values
    assert created == RecognitionProcedure.objects.count() > 0
    assert not ensure_demo_recognition(seed=7, today=TODAY)  # a second run changes nothing


def test_course_entries_and_decisions_run_through_the_years(demo):
    scope, _created = demo
    entries = {p.year: p.total for p in trend("course_entries", scope=scope, until=TODAY)}
    decided = {p.year: p.total for p in trend("recognition_decided", scope=scope, until=TODAY)}
    first = Case.objects.order_by("opened_on").values_list("opened_on", flat=True)[0].year
    assert all(entries[y] > 0 for y in range(first, TODAY.year + 1)), entries
    assert sum(1 for y in range(first + 1, TODAY.year + 1) if decided[y] > 0) >= 7, decided


def test_the_history_is_coherent_with_the_cases(demo):
    """Nobody enters a past course before their case was opened or after it was closed, a
    course that has not ended has nobody who completed it, and every exam follows its
    course."""
    history = Enrolment.objects.filter(course__starts_on__lte=TODAY - dt.timedelta(weeks=8))
    assert history.count() > 100
    for enrolment in history.select_related("course", "person__case"):
        case = enrolment.person.case
        assert case.opened_on <= enrolment.offered_on <= enrolment.course.starts_on
        assert case.closed_on is None or case.closed_on > enrolment.course.starts_on
        if enrolment.course.ends_on >= TODAY:
            assert enrolment.status != Enrolment.Status.COMPLETED
    for result in ExamResult.objects.select_related("enrolment__course"):
        assert result.enrolment.course.ends_on < result.taken_on <= TODAY
    assert LevelRecord.objects.filter(exam_result__isnull=False).exists()
    for procedure in RecognitionProcedure.objects.all():
        procedure.full_clean()
        assert procedure.counselling_on is not None
        assert procedure.counselling_on <= TODAY
