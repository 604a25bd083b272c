"""A course provider finds the courses it runs: by default the catalogue shows its running
and coming courses, and a filter shows the running ones only; case work keeps seeing the
courses still to start."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wegweiser.courses.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def courses(location):
    return {
        "running": CourseFactory(
            location=location,
            title="Läuft gerade",
            starts_on=TODAY - dt.timedelta(days=30),
            ends_on=TODAY + dt.timedelta(days=100),
        ),
        "upcoming": CourseFactory(
            location=location,
            title="Beginnt bald",
            starts_on=TODAY + dt.timedelta(days=10),
            ends_on=TODAY + dt.timedelta(days=200),
        ),
        "ended": CourseFactory(
            location=location,
            title="Schon vorbei",
            starts_on=TODAY - dt.timedelta(days=300),
            ends_on=TODAY - dt.timedelta(days=10),
        ),
    }


def test_provider_sees_its_running_course_by_default(client, provider_user, courses):
    client.force_login(provider_user)
    page = client.get(reverse("courses:catalogue")).content.decode()
    assert "Läuft gerade" in page and "Beginnt bald" in page
    assert "Schon vorbei" not in page


def test_running_filter_shows_only_running_courses(client, provider_user, courses):
    client.force_login(provider_user)
    page = client.get(reverse("courses:catalogue"), {"period": "running"}).content.decode()
    assert "Läuft gerade" in page
    assert "Beginnt bald" not in page and "Schon vorbei" not in page
    assert "?period=running" in page  # the navigation link


def test_caseworker_still_sees_courses_to_start_by_default(client, caseworker, courses):
    client.force_login(caseworker)
    page = client.get(reverse("courses:catalogue")).content.decode()
    assert "Beginnt bald" in page
    assert "Läuft gerade" not in page


def test_other_providers_running_course_stays_hidden(
    client, other_provider_user, provider_user, courses
):
    client.force_login(other_provider_user)
    page = client.get(reverse("courses:catalogue"), {"period": "running"}).content.decode()
    assert "Läuft gerade" not in page
