"""A course provider's staff: their own courses and consented participants, nothing else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wegweiser.core.models import AuditEntry
from wegweiser.courses.models import Course, CourseLocation
from wegweiser.courses.tests.factories import (
    CourseFactory,
    CourseLocationFactory,
    EnrolmentFactory,
)
from wegweiser.people.services import consent_withdraw
from wegweiser.people.tests.factories import ConsentFactory


@pytest.fixture
def foreign_course(other_provider, town):
    location = CourseLocationFactory(provider=other_provider, municipality=town)
    return CourseFactory(
        location=location,
        title="Berufssprachkurs B2 Nord",
        kind="job_b2",
        entry_level="B1",
        target_level="B2",
        units=400,
    )


@pytest.mark.django_db
def test_provider_catalogue_lists_only_its_own_courses(
    client, provider_user, caseworker, course, foreign_course
):
    client.force_login(provider_user)
    html = client.get(reverse("courses:catalogue")).content.decode()
    assert course.title in html and foreign_course.title not in html
    client.force_login(caseworker)
    html = client.get(reverse("courses:catalogue")).content.decode()
    assert course.title in html and foreign_course.title in html


@pytest.mark.django_db
def test_provider_cannot_reach_another_providers_course_or_participant(
    client, provider_user, foreign_course, person
):
    ConsentFactory(person=person, recipient=foreign_course.provider)
    enrolment = EnrolmentFactory(person=person, course=foreign_course, status="attending")
    client.force_login(provider_user)
    for url in (
        reverse("courses:detail", args=[foreign_course.pk]),
        reverse("courses:edit", args=[foreign_course.pk]),
        reverse("courses:attendance", args=[enrolment.pk]),
        reverse("courses:exam", args=[enrolment.pk]),
        reverse("api:get_course", args=[foreign_course.pk]),
        reverse("api:list_participants", args=[foreign_course.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("courses:person", args=[person.pk])).status_code == 403
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 403
    assert client.get(reverse("api:get_person_courses", args=[person.pk])).status_code == 404


def participants(client, course) -> str:
    html = client.get(reverse("courses:detail", args=[course.pk])).content.decode()
    return html.split('id="h-participants"', 1)[1]


@pytest.mark.django_db
def test_provider_sees_a_participant_from_acceptance_and_while_consent_holds(
    client, provider_user, caseworker, person, course, referral_consent
):
    enrolment = EnrolmentFactory(person=person, course=course, status="offered")
    client.force_login(provider_user)
    assert "No participants to show." in participants(client, course)
    assert client.get(reverse("courses:attendance", args=[enrolment.pk])).status_code == 404

    client.force_login(caseworker)
    client.post(reverse("courses:enrolment_status", args=[enrolment.pk]), {"status": "accepted"})
    client.force_login(provider_user)
    assert person.family_name_latin in participants(client, course)
    listed = AuditEntry.objects.filter(actor=provider_user, action="list").latest("id")
    assert listed.object_ids == [enrolment.pk]

    consent_withdraw(actor=caseworker, consent=referral_consent, withdrawn_on=dt.date.today())
    assert "No participants to show." in participants(client, course)
    assert client.get(reverse("courses:attendance", args=[enrolment.pk])).status_code == 404


@pytest.mark.django_db
def test_provider_does_not_see_why_someone_interrupted(
    client, provider_user, caseworker, person, course, referral_consent
):
    EnrolmentFactory(person=person, course=course, status="interrupted", reason="parental_leave")
    client.force_login(provider_user)
    html = participants(client, course)
    assert "interrupted" in html and "parental leave" not in html
    client.force_login(caseworker)
    assert "maternity or parental leave" in participants(client, course)


@pytest.mark.django_db
def test_provider_cannot_change_an_enrolment_status(
    client, provider_user, person, course, referral_consent
):
    enrolment = EnrolmentFactory(person=person, course=course, status="attending")
    client.force_login(provider_user)
    response = client.post(
        reverse("courses:enrolment_status", args=[enrolment.pk]), {"status": "completed"}
    )
    assert response.status_code == 403
    enrolment.refresh_from_db()
    assert enrolment.status == "attending"


def course_post(location, **overrides):
    data = {
        "title": "Integrationskurs Abend",
        "kind": "integration_general",
        "location": location.pk,
        "starts_on": (dt.date.today() + dt.timedelta(days=20)).isoformat(),
        "ends_on": (dt.date.today() + dt.timedelta(days=320)).isoformat(),
        "time_of_day": "evening",
        "weekdays": ["1", "3"],
        "units": "700",
        "seats": "16",
        "childcare": "on",
        "entry_level": "",
        "target_level": "B1",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_provider_creates_courses_for_itself_only(
    client, provider_user, provider, other_provider, location
):
    client.force_login(provider_user)
    response = client.post(
        reverse("courses:create"), course_post(location, provider=other_provider.pk)
    )
    assert response.status_code == 302
    created = Course.objects.get(title="Integrationskurs Abend")
    assert created.provider == provider
    assert created.weekdays == "13"
    foreign = CourseLocationFactory(provider=other_provider)
    response = client.post(reverse("courses:create"), course_post(foreign, title="Fremd"))
    assert response.status_code == 422
    assert not Course.objects.filter(title="Fremd").exists()


@pytest.mark.django_db
def test_provider_adds_locations_for_itself(client, provider_user, provider, town):
    client.force_login(provider_user)
    client.post(
        reverse("courses:locations"),
        {"name": "Außenstelle Süd", "street": "Marktplatz 2", "municipality": town.pk},
    )
    assert CourseLocation.objects.get(name="Außenstelle Süd").provider == provider


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"units": "800"}, "A course of this type has at most 700 teaching units."),
        ({"seats": "0"}, "A course has at least one seat."),
        ({"entry_level": "B1", "target_level": "A2"}, "The target level must be above the entry"),
        ({"weekdays": []}, "This field is required."),
    ],
)
def test_bad_course_data_is_refused_at_the_field(
    client, provider_user, location, overrides, message
):
    client.force_login(provider_user)
    response = client.post(reverse("courses:create"), course_post(location, **overrides))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Course.objects.exists()


@pytest.mark.django_db
def test_seats_cannot_drop_below_those_taken(client, caseworker, course, location):
    EnrolmentFactory(course=course, status="enrolled")
    EnrolmentFactory(course=course, status="accepted")
    client.force_login(caseworker)
    response = client.post(
        reverse("courses:edit", args=[course.pk]),
        course_post(location, title=course.title, seats="1", provider=course.provider_id),
    )
    assert response.status_code == 422
    assert "2 seats are already taken" in response.content.decode()
    course.refresh_from_db()
    assert course.seats == 2
