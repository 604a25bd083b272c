"""The waiting list and the seat assignment as caseworkers use them: propose, explain, confirm."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wegweiser.cases.tests.factories import CaseFactory
from wegweiser.core.models import AuditEntry
from wegweiser.courses.models import AssignmentRun, Enrolment, WaitingEntry
from wegweiser.courses.tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    EntitlementFactory,
    WaitingEntryFactory,
)


def waiting_person(team, municipality, days, name, obliged=False, **entry):
    case = CaseFactory(team=team, person__family_name_latin=name)
    kind = "integration_obliged" if obliged else "integration_entitled"
    EntitlementFactory(person=case.person, kind=kind)
    registered_on = dt.date.today() - dt.timedelta(days=days)
    WaitingEntryFactory(
        person=case.person, municipality=municipality, registered_on=registered_on, **entry
    )
    return case.person


@pytest.mark.django_db
def test_waiting_list_puts_the_obliged_and_long_waiting_first(
    client, caseworker, team, other_team, town
):
    waiting_person(team, town, 30, "Kurzwartend")
    waiting_person(team, town, 300, "Langwartend")
    waiting_person(team, town, 60, "Verpflichtet", obliged=True)
    waiting_person(other_team, town, 400, "Fremdteam")
    client.force_login(caseworker)
    html = client.get(reverse("courses:waiting_list")).content.decode().split("<tbody", 1)[1]
    assert "Fremdteam" not in html
    order = [html.index(n) for n in ("Langwartend", "Verpflichtet", "Kurzwartend")]
    assert order == sorted(order)  # 25 + 0, 5 + 15, 2.5 points


@pytest.mark.django_db
def test_the_longer_waiting_person_gets_the_last_seat_and_the_other_learns_why(
    client, caseworker, team, town, location
):
    course = CourseFactory(location=location, seats=1, title="Integrationskurs Mitte")
    winner = waiting_person(team, town, 200, "Hosseini")
    waiting = waiting_person(team, town, 20, "Karimi")
    client.force_login(caseworker)
    response = client.post(reverse("courses:assignment"))
    run = AssignmentRun.objects.get()
    assert response.url == reverse("courses:run", args=[run.pk])
    html = client.get(response.url).content.decode()
    placed = html.split("Proposed seats", 1)[1].split("Still waiting", 1)[0]
    still = html.split("Still waiting", 1)[1]
    assert "Hosseini" in placed and "Karimi" not in placed
    assert "Karimi" in still and "Integrationskurs Mitte (Gießen): full" in still
    assert run.gap == 0 and run.placed == 1
    assert not Enrolment.objects.exists()  # nothing is offered before confirmation

    client.post(reverse("courses:run_confirm", args=[run.pk]))
    enrolment = Enrolment.objects.get()
    assert (enrolment.person, enrolment.course, enrolment.status) == (winner, course, "offered")
    assert WaitingEntry.objects.get(person=winner).status == "offered"
    assert WaitingEntry.objects.get(person=waiting).status == "waiting"
    assert AuditEntry.objects.filter(
        action="confirm", object_type="courses.assignmentrun", object_id=str(run.pk)
    ).exists()


@pytest.mark.django_db
def test_a_person_who_cannot_take_any_course_is_told_which_rule_applies(
    client, caseworker, team, town, village, location
):
    CourseFactory(location=location, time_of_day="morning")
    waiting_person(team, village, 50, "Nachtschicht", work_times="morning")
    client.force_login(caseworker)
    client.post(reverse("courses:assignment"))
    html = client.get(reverse("courses:assignment"), follow=True).content.decode()
    still = html.split("Still waiting", 1)[1]
    assert "1 course ruled out: runs while the person works" in still


@pytest.mark.django_db
def test_confirming_offers_seats_only_to_the_persons_of_ones_own_teams(
    client, caseworker, other_caseworker, team, other_team, town, location
):
    CourseFactory(location=location, seats=5)
    mine = waiting_person(team, town, 100, "Eigene")
    theirs = waiting_person(other_team, town, 100, "Andere")
    client.force_login(caseworker)
    client.post(reverse("courses:assignment"))
    run = AssignmentRun.objects.get()
    html = client.get(reverse("courses:run", args=[run.pk])).content.decode()
    html = html.split("Proposal of", 1)[1]
    assert "Andere" not in html and "Persons of other teams: 1 placed, 0 still waiting." in html
    client.post(reverse("courses:run_confirm", args=[run.pk]))
    assert list(Enrolment.objects.values_list("person", flat=True)) == [mine.pk]
    client.force_login(other_caseworker)
    client.post(reverse("courses:run_confirm", args=[run.pk]))
    assert set(Enrolment.objects.values_list("person", flat=True)) == {mine.pk, theirs.pk}


@pytest.mark.django_db
def test_confirmation_is_refused_whole_when_a_seat_went_elsewhere_meanwhile(
    client, caseworker, team, town, location
):
    course = CourseFactory(location=location, seats=2)
    waiting_person(team, town, 100, "Erste")
    waiting_person(team, town, 90, "Zweite")
    client.force_login(caseworker)
    client.post(reverse("courses:assignment"))
    run = AssignmentRun.objects.get()
    EnrolmentFactory(course=course)  # a direct offer takes one of the two seats
    response = client.post(reverse("courses:run_confirm", args=[run.pk]), follow=True)
    assert "Things have changed since the proposal was computed" in response.content.decode()
    assert Enrolment.objects.count() == 1
    assert not WaitingEntry.objects.filter(status="offered").exists()


@pytest.mark.django_db
def test_a_new_proposal_replaces_the_old_one(client, caseworker, team, town, location):
    CourseFactory(location=location)
    waiting_person(team, town, 10, "Neu")
    client.force_login(caseworker)
    client.post(reverse("courses:assignment"))
    client.post(reverse("courses:assignment"))
    old, new = AssignmentRun.objects.order_by("id")
    assert (old.status, new.status) == ("superseded", "proposed")
    response = client.post(reverse("courses:run_confirm", args=[old.pk]), follow=True)
    assert "A newer proposal has replaced this one." in response.content.decode()
    assert not Enrolment.objects.exists()
