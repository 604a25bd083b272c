"""A case with everything each kind of letter needs: an appointment in a room, an agreed
plan, a course place offered and a recorded follow-up after a placement."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from wegweiser.letters.tests.factories import LetterheadFactory


@pytest.fixture
def letter_case(case: Any, caseworker: Any) -> Any:
    from wegweiser.appointments.tests.factories import AppointmentFactory, RoomFactory, in_days
    from wegweiser.cases import services as case_services
    from wegweiser.core.audit import acting_as
    from wegweiser.courses.tests.factories import EnrolmentFactory
    from wegweiser.jobs import services as job_services
    from wegweiser.jobs.tests.factories import VacancyFactory

    person = case.person
    with acting_as(None):
        from django.db import transaction

        with transaction.atomic():
            person.given_names_latin, person.family_name_latin = "Amina", "Haddad"
            person.street, person.postal_code = "Bahnhofstraße 5", "35390"
            person.save(
                update_fields=["given_names_latin", "family_name_latin", "street", "postal_code"]
            )
    LetterheadFactory(organisation=case.team.organisation)
    room = RoomFactory(organisation=case.team.organisation, name="Raum 2.14")
    AppointmentFactory(
        case=case,
        place="room",
        room=room,
        starts_at=in_days(3, hour=10),
        ends_at=in_days(3, hour=11),
    )
    today = timezone.localdate()
    plan = case_services.plan_create(
        actor=caseworker, case=case, integration_goal="Eine Arbeit als Pflegehelferin finden."
    )
    goal = case_services.plan_goal_add(
        actor=caseworker, plan=plan, area="language", description="Deutsch B1 erreichen"
    )
    case_services.plan_step_add(
        actor=caseworker,
        goal=goal,
        description="Integrationskurs besuchen",
        who="person",
        due_on=today + dt.timedelta(days=60),
    )
    case_services.plan_agree(actor=caseworker, plan=plan, agreed_on=today, person_present=True)
    EnrolmentFactory(person=person)
    vacancy: Any = VacancyFactory(created_by=caseworker)
    employer = vacancy.employer
    placement = job_services.placement_create(
        actor=caseworker,
        person=person,
        employer=employer,
        occupation=vacancy.occupation,
        starts_on=today - dt.timedelta(days=40),
        contract="permanent",
        hours="full_time",
    )
    job_services.follow_up_record(
        actor=caseworker,
        follow_up=placement.follow_ups.order_by("month")[0],
        contacted_on=today - dt.timedelta(days=2),
        still_employed=True,
    )
    case.refresh_from_db()
    return case
