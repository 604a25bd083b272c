"""Offers, answers, attendance and exams, and what happens with bad input: a message at the
field, nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wegweiser.core.models import AuditEntry
from wegweiser.courses.models import AttendanceRecord, Enrolment, ExamResult, WaitingEntry
from wegweiser.courses.tests.conftest import HTMX
from wegweiser.courses.tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    LevelRecordFactory,
    WaitingEntryFactory,
)
from wegweiser.people.tests.factories import PersonFactory


def offer(client, person, course):
    return client.post(
        reverse("courses:person_section", args=[person.pk, "offer"]), {"course": course.pk}, **HTMX
    )


def this_month() -> str:
    return dt.date.today().replace(day=1).isoformat()


@pytest.mark.django_db
def test_offer_takes_a_seat_that_the_catalogue_shows_as_taken(client, caseworker, person, course):
    client.force_login(caseworker)
    response = offer(client, person, course)
    assert response.status_code == 200
    assert 'data-enrolment-status="offered"' in response.content.decode()
    detail = client.get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert "1 of 2 free" in detail


@pytest.mark.django_db
def test_offer_in_a_fully_booked_course_is_refused_at_the_field(
    client, caseworker, person, location
):
    full = CourseFactory(location=location, seats=1)
    EnrolmentFactory(course=full, person=PersonFactory(given_names_latin="Mariam"))
    client.force_login(caseworker)
    response = offer(client, person, full)
    assert response.status_code == 422
    html = response.content.decode()
    assert "The course is fully booked: its 1 seats are taken." in html
    assert 'id="id_course_error"' in html
    assert not Enrolment.objects.filter(person=person).exists()


@pytest.mark.django_db
def test_offer_without_a_valid_entitlement_is_refused(client, caseworker, case, course):
    client.force_login(caseworker)
    response = offer(client, case.person, course)
    assert response.status_code == 422
    assert "has no entitlement for integration course (IntV)" in response.content.decode()
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_offer_below_the_entry_level_is_refused(client, caseworker, person, location):
    LevelRecordFactory(person=person, level="A1", assessed_on=dt.date.today())
    advanced = CourseFactory(location=location, entry_level="A2")
    client.force_login(caseworker)
    response = offer(client, person, advanced)
    assert response.status_code == 422
    assert "The course starts at A2" in response.content.decode()
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_accepting_needs_a_consent_for_the_referral_to_the_provider(
    client, caseworker, person, course
):
    enrolment = EnrolmentFactory(person=person, course=course)
    client.force_login(caseworker)
    response = client.post(
        reverse("courses:enrolment_status", args=[enrolment.pk]), {"status": "accepted"}
    )
    assert response.status_code == 422
    assert "Record the person&#x27;s consent" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.OFFERED


@pytest.mark.django_db
def test_accepting_places_the_person_and_names_the_consent_in_the_audit_log(
    client, caseworker, person, course, referral_consent, town
):
    entry = WaitingEntryFactory(person=person, municipality=town)
    client.force_login(caseworker)
    offer(client, person, course)
    enrolment = Enrolment.objects.get(person=person)
    assert enrolment.waiting_entry == entry
    client.post(reverse("courses:enrolment_status", args=[enrolment.pk]), {"status": "accepted"})
    enrolment.refresh_from_db()
    entry.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACCEPTED
    assert entry.status == WaitingEntry.Status.PLACED
    shared = AuditEntry.objects.get(action="confirm", object_id=str(enrolment.pk))
    assert f"consent {referral_consent.pk}" in shared.purpose
    assert shared.person_id == person.pk


@pytest.mark.django_db
def test_declining_puts_the_person_back_on_the_waiting_list_with_their_date(
    client, caseworker, person, course, town
):
    since = dt.date.today() - dt.timedelta(days=200)
    entry = WaitingEntryFactory(person=person, municipality=town, registered_on=since)
    client.force_login(caseworker)
    offer(client, person, course)
    entry.refresh_from_db()
    assert entry.status == WaitingEntry.Status.OFFERED
    enrolment = Enrolment.objects.get(person=person)
    client.post(
        reverse("courses:enrolment_status", args=[enrolment.pk]),
        {"status": "declined", "reason": "schedule"},
    )
    entry.refresh_from_db()
    assert entry.status == WaitingEntry.Status.WAITING
    assert entry.registered_on == since
    assert "2 of 2 free" in client.get(reverse("courses:detail", args=[course.pk])).content.decode()


@pytest.mark.django_db
def test_dropping_out_needs_a_reason(client, caseworker, person, course):
    enrolment = EnrolmentFactory(person=person, course=course, status="attending")
    client.force_login(caseworker)
    response = client.post(
        reverse("courses:enrolment_status", args=[enrolment.pk]), {"status": "dropped_out"}
    )
    assert response.status_code == 422
    assert "Give the reason." in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == "attending"


@pytest.mark.django_db
def test_provider_records_attendance_and_the_caseworker_sees_it(
    client, caseworker, provider_user, person, location, referral_consent
):
    running = CourseFactory(
        location=location,
        starts_on=dt.date.today() - dt.timedelta(days=40),
        ends_on=dt.date.today() + dt.timedelta(days=200),
    )
    enrolment = EnrolmentFactory(person=person, course=running, status="enrolled")
    client.force_login(provider_user)
    response = client.post(
        reverse("courses:attendance", args=[enrolment.pk]),
        {"month": this_month(), "percent": "85.5"},
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ATTENDING
    client.force_login(caseworker)
    html = client.get(reverse("courses:person", args=[person.pk])).content.decode()
    assert "85.5 %" in html


@pytest.mark.django_db
def test_attendance_above_100_percent_is_refused_at_the_field(
    client, provider_user, person, location, referral_consent
):
    running = CourseFactory(location=location, starts_on=dt.date.today() - dt.timedelta(days=40))
    enrolment = EnrolmentFactory(person=person, course=running, status="attending")
    client.force_login(provider_user)
    response = client.post(
        reverse("courses:attendance", args=[enrolment.pk]),
        {"month": this_month(), "percent": "120"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Attendance cannot be more than 100 %." in html
    assert 'id="id_percent_error"' in html
    assert not AttendanceRecord.objects.exists()


@pytest.mark.django_db
def test_attendance_again_for_a_month_corrects_it(client, caseworker, person, location):
    running = CourseFactory(location=location, starts_on=dt.date.today() - dt.timedelta(days=40))
    enrolment = EnrolmentFactory(person=person, course=running, status="attending")
    client.force_login(caseworker)
    url = reverse("courses:attendance", args=[enrolment.pk])
    client.post(url, {"month": this_month(), "percent": "60"})
    client.post(url, {"month": this_month(), "percent": "70"})
    assert [r.percent for r in enrolment.attendance.all()] == [70]


@pytest.mark.django_db
def test_attendance_before_the_start_is_refused(client, caseworker, person, course):
    enrolment = EnrolmentFactory(person=person, course=course, status="accepted")
    client.force_login(caseworker)
    response = client.post(reverse("courses:attendance", args=[enrolment.pk]), {"percent": "50"})
    assert response.status_code == 422
    assert not AttendanceRecord.objects.exists()


def exam_post(client, enrolment, **data):
    values = {"exam": "dtz", "taken_on": dt.date.today().isoformat(), "level_reached": ""}
    values.update(data)
    return client.post(reverse("courses:exam", args=[enrolment.pk]), values)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"exam": "lid", "points": "34"}, "Enter between 0 and 33 points."),
        ({"exam": "lid", "points": "-1"}, "Points cannot be negative."),
        ({"exam": "lid"}, "Enter the points of 33 questions answered correctly."),
        ({"exam": "dtz", "level_reached": "C1"}, "This exam certifies only A2, B1."),
        ({"exam": "dtz", "level_reached": "B1", "points": "40"}, "This exam has no points"),
        ({"exam": "goethe", "level_reached": "B1", "points": "101"}, "between 0 and 100 points"),
    ],
)
def test_exam_results_out_of_range_are_refused_at_the_field(
    client, provider_user, person, course, referral_consent, data, message
):
    enrolment = EnrolmentFactory(person=person, course=course, status="attending")
    client.force_login(provider_user)
    response = exam_post(client, enrolment, **data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not ExamResult.objects.exists()


@pytest.mark.django_db
def test_exams_give_the_certificate_and_a_tested_level(client, caseworker, person, course):
    enrolment = EnrolmentFactory(person=person, course=course, status="attending")
    client.force_login(caseworker)
    exam_post(client, enrolment, exam="dtz", level_reached="B1")
    exam_post(client, enrolment, exam="lid", points="16")
    html = client.get(reverse("courses:person", args=[person.pk])).content.decode()
    assert "Integration course certificate" in html
    assert "Naturalisation test passed" not in html
    assert 'data-level="B1"' in html
    history = html.split("German level history", 1)[1]
    assert "B1" in history and "tested" in history
    exam_post(client, enrolment, exam="lid", points="17")
    html = client.get(reverse("courses:person", args=[person.pk])).content.decode()
    assert "Naturalisation test passed" in html


@pytest.mark.django_db
def test_german_history_joins_the_orientation_and_later_tests(client, caseworker, person):
    LevelRecordFactory(person=person, level="B1", assessed_on=dt.date.today())
    client.force_login(caseworker)
    html = client.get(reverse("courses:person", args=[person.pk])).content.decode()
    history = html.split("German level history", 1)[1].split("</ul>", 1)[0]
    assert "initial orientation (self-assessed)" in history  # A2 from the intake
    assert "placement test: <bdi>Einstufungstest</bdi>" in history
    assert 'data-level="B1"' in html


@pytest.mark.django_db
def test_second_open_waiting_entry_is_refused(client, caseworker, person, town):
    WaitingEntryFactory(person=person, municipality=town)
    client.force_login(caseworker)
    response = client.post(
        reverse("courses:person_section", args=[person.pk, "waiting"]),
        {
            "kind": "job_b2",
            "municipality": town.pk,
            "registered_on": dt.date.today().isoformat(),
            "childcare": "none",
        },
        **HTMX,
    )
    assert response.status_code == 422
    assert "already waiting for: General integration course" in response.content.decode()
    assert WaitingEntry.objects.filter(person=person).count() == 1


@pytest.mark.django_db
def test_waiting_entry_with_work_times_is_saved_and_shown(client, caseworker, person, town):
    client.force_login(caseworker)
    response = client.post(
        reverse("courses:person_section", args=[person.pk, "waiting"]),
        {
            "kind": "integration_general",
            "municipality": town.pk,
            "registered_on": dt.date.today().isoformat(),
            "childcare": "arranged",
            "work_times": ["morning"],
        },
        **HTMX,
    )
    assert response.status_code == 200
    entry = WaitingEntry.objects.get(person=person)
    assert entry.blocked_times == frozenset({"morning"})
    assert "works: mornings" in response.content.decode()


@pytest.mark.django_db
def test_colleague_of_another_team_cannot_offer_a_seat(client, other_caseworker, person, course):
    client.force_login(other_caseworker)
    assert offer(client, person, course).status_code == 404
    assert not Enrolment.objects.exists()
