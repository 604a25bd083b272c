"""The subject access report reads like a letter: structured values (what the seat assignment
considered) as labelled, translated text, and every time in the local time zone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from wegweiser.core.audit import acting_as
from wegweiser.courses.models import AssignmentRun, Proposal, WaitingEntry
from wegweiser.courses.tests.factories import CourseFactory, WaitingEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def considered(subject, caseworker):
    course = CourseFactory(title="Integrationskurs Gießen-Nord", starts_on=dt.date(2027, 3, 1))
    entry: WaitingEntry = WaitingEntryFactory(person=subject)
    with transaction.atomic(), acting_as(None):
        run = AssignmentRun.objects.create(
            organisation=subject.organisation,
            created_by=caseworker,
            waiting=1,
            seats=1,
            placed=1,
            fcfs_placed=1,
            objective=125.08,
            fcfs_objective=125.08,
            gap=0.0,
            solve_seconds=0.1,
        )
        Proposal.objects.create(
            run=run,
            waiting_entry=entry,
            person=subject,
            course=course,
            points=125.08,
            breakdown={"placement": 100.0, "distance": 10.5, "distance_km": 19.8},
            options=[
                {"course": course.pk, "points": 125.08, "needed": 164.77, "distance_km": 19.8},
                {"reason": "zu weit entfernt", "count": 2},
            ],
            confirmed_at=dt.datetime(2026, 11, 30, 23, 3, tzinfo=dt.UTC),
        )
    return course


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", ["Kurs: Integrationskurs Gießen-Nord (01.03.2027)", "Entfernung in km: 19,8"]),
        ("ar", ["المسافة بالكيلومتر: 19.8"]),
        ("uk", ["Відстань у км: 19,8"]),  # noqa: RUF001
    ],
)
def test_structured_values_read_as_labelled_text(
    client, caseworker, subject, considered, language, expected
):
    client.force_login(caseworker)
    client.cookies["django_language"] = language
    page = client.get(reverse("gdpr:subject_access", args=[subject.pk])).content.decode()
    html = page.split("<main", 1)[1]
    for text in expected:
        assert text in html
    assert "distance_km" not in html and '"course"' not in html and "[{" not in html


def test_times_are_local_everywhere_in_the_report(client, caseworker, subject, considered):
    client.force_login(caseworker)
    client.cookies["django_language"] = "de"
    html = client.get(reverse("gdpr:subject_access", args=[subject.pk])).content.decode()
    assert "01.12.2026 00:03" in html  # 23:03 UTC is 00:03 the next day in Berlin
    assert "30.11.2026 23:03" not in html
