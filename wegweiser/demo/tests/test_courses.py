import datetime as dt

import pytest

from wegweiser.accounts.models import User
from wegweiser.courses.models import Course, WaitingEntry
from wegweiser.demo.courses import ensure_demo_courses
from wegweiser.demo.generator import generate

TODAY = dt.date(2026, 11, 30)


@pytest.mark.django_db
def test_demo_courses_give_the_provider_courses_and_a_waiting_list():
    generate(persons=150, seed=4, today=TODAY)
    assert ensure_demo_courses(seed=4, today=TODAY, waiting=40)
    provider = User.objects.get(username="provider")
    assert provider.role == User.Role.COURSE_PROVIDER
    assert Course.objects.filter(provider=provider.organisation).exists()
    assert Course.objects.filter(starts_on__gt=TODAY).count() >= 8
    assert WaitingEntry.objects.count() > 10
    assert not ensure_demo_courses(seed=4, today=TODAY)  # a second run changes nothing


@pytest.mark.django_db
def test_demo_provider_sees_its_running_course_with_participants(client):
    from django.urls import reverse

    from wegweiser.courses.models import Enrolment

    generate(persons=150, seed=4, today=TODAY)
    ensure_demo_courses(seed=4, today=TODAY, waiting=40)
    provider = User.objects.get(username="provider")
    # The course of the plan that started six weeks ago (the history's courses started before).
    running = Course.objects.get(
        provider=provider.organisation, starts_on=TODAY - dt.timedelta(weeks=6)
    )
    attending = Enrolment.objects.filter(course=running, status=Enrolment.Status.ATTENDING)
    assert attending.count() >= 10
    assert all(e.attendance.exists() for e in attending)

    client.force_login(provider)
    detail = client.get(reverse("courses:detail", args=[running.pk])).content.decode()
    assert attending.first().person.family_name_latin in detail
