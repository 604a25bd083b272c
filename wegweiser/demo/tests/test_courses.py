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
