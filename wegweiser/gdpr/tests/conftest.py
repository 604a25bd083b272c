"""A person with a full file (names in Arabic and Cyrillic script, residence, consents, a job
proposal, a course, a note) and, in the same team, a second person who must never show up in
the first one's report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from wegweiser.accounts.tests.factories import OrganisationFactory
from wegweiser.cases.tests.factories import CaseFactory, NoteFactory
from wegweiser.core.audit import acting_as, audit_read
from wegweiser.courses.models import Enrolment
from wegweiser.courses.tests.factories import EnrolmentFactory
from wegweiser.jobs.services import proposal_create
from wegweiser.jobs.tests.factories import EmployerFactory, ExperienceFactory, VacancyFactory
from wegweiser.people.models import Consent, NameSpelling, ResidenceStatus
from wegweiser.people.tests.factories import (
    ConsentFactory,
    ResidenceStatusFactory,
    duplicate_pair,
)

STRANGER = "Quirinius Zwetschgenbaum"


@pytest.fixture
def employer():
    return EmployerFactory(organisation__name="Lagerhaus Lahn GmbH")


@pytest.fixture
def subject(case, caseworker, employer):
    person = case.person
    person.given_names_latin, person.family_name_latin = "Ahmad", "Al-Hassan"
    person.given_names_original, person.family_name_original = "أحمد", "الحسن"
    person.original_script = "Arab"
    with transaction.atomic(), acting_as(None):
        person.save()
        NameSpelling.objects.create(
            person=person,
            given_names="Ахмад",
            family_name="Аль-Хасан",
            script="Cyrl",
            source=NameSpelling.Source.PASSPORT,
        )
    ResidenceStatusFactory(
        person=person,
        title=ResidenceStatus.Title.PROTECTION,
        valid_until=dt.date.today() + dt.timedelta(days=500),
    )
    ConsentFactory(
        person=person,
        recipient=OrganisationFactory(name="Sprachschule Mittelhessen"),
        recorded_by=caseworker,
    )
    ConsentFactory(
        person=person,
        purpose=Consent.Purpose.JOB_PLACEMENT,
        recipient=employer.organisation,
        scope="Profil für Vermittlungsvorschlag",
        given_on=dt.date.today() - dt.timedelta(days=3),
        recorded_by=caseworker,
    )
    vacancy = VacancyFactory(employer=employer, title="Lagerhelfer Frühschicht")
    ExperienceFactory(person=person, occupation=vacancy.occupation)
    proposal_create(actor=caseworker, person=person, vacancy=vacancy)
    EnrolmentFactory(
        person=person,
        course__location__provider__name="Volkshochschule Gießen",
        status=Enrolment.Status.ACCEPTED,
    )
    NoteFactory(case=case, author=caseworker, summary="Kam mit Unterlagen zur Anerkennung.")
    return person


@pytest.fixture
def stranger(team, caseworker, colleague, subject):
    """Same team, same caseworker; a possible duplicate of the subject judged different."""
    given, family = STRANGER.split()
    case = CaseFactory(
        team=team,
        caseworker=caseworker,
        person__given_names_latin=given,
        person__family_name_latin=family,
    )
    person = case.person
    ResidenceStatusFactory(person=person, note="Zwetschgenbaum-Vermerk")
    ConsentFactory(
        person=person,
        recipient=OrganisationFactory(name="Beratungsstelle Zwetschgenbaum"),
        recorded_by=caseworker,
    )
    NoteFactory(case=case, author=caseworker, summary="Zwetschgenbaum war heute da.")
    duplicate_pair(subject, person, status="different")
    audit_read(actor=colleague, obj=person, purpose="person_view")
    return person
