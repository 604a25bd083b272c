"""Labour-market fixtures: two employers with a staff login each, occupations with skills, a
vacancy, and the caseworker's person with a work permission and coded experience."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from wegweiser.accounts.models import User
from wegweiser.accounts.tests.factories import UserFactory
from wegweiser.core.audit import acting_as
from wegweiser.core.tests.factories import MunicipalityFactory
from wegweiser.occupations.models import OccupationSkill, Skill
from wegweiser.people.models import Consent
from wegweiser.people.tests.factories import ConsentFactory, ResidenceStatusFactory
from wegweiser.recognition.tests.factories import OccupationFactory

from .factories import EmployerFactory, ExperienceFactory, VacancyFactory


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"


def _skills(occupation, names):
    for name in names:
        skill, _ = Skill.objects.get_or_create(
            concept_uri=f"http://data.europa.eu/esco/skill/{name}", defaults={"label": name}
        )
        OccupationSkill.objects.create(
            occupation=occupation, skill=skill, relation=OccupationSkill.Relation.ESSENTIAL
        )


@pytest.fixture
def warehouse():
    occupation = OccupationFactory(
        preferred_label_en="warehouse worker",
        preferred_label_de="Lagerarbeiter/Lagerarbeiterin",
        isco_code="9333",
        kldb_code="51312",
    )
    _skills(occupation, ["stack goods", "forklift", "inventory"])
    return occupation


@pytest.fixture
def picker():
    occupation = OccupationFactory(
        preferred_label_en="order picker",
        preferred_label_de="Kommissionierer/Kommissioniererin",
        isco_code="9334",
        kldb_code="51312",
    )
    _skills(occupation, ["stack goods", "inventory", "scanner"])
    return occupation


@pytest.fixture
def nurse():
    occupation = OccupationFactory(
        preferred_label_en="nurse responsible for general care",
        preferred_label_de="Pflegefachkraft",
        isco_code="2221",
        kldb_code="81302",
        regulated=True,
    )
    _skills(occupation, ["care", "medication"])
    return occupation


@pytest.fixture
def giessen():
    return MunicipalityFactory(name="Gießen", latitude=50.5841, longitude=8.6784)


@pytest.fixture
def employer(giessen):
    return EmployerFactory(municipality=giessen)


@pytest.fixture
def other_employer(giessen):
    return EmployerFactory(municipality=giessen)


@pytest.fixture
def employer_user(employer):
    return UserFactory(username="hr", role=User.Role.EMPLOYER, organisation=employer.organisation)


@pytest.fixture
def other_employer_user(other_employer):
    return UserFactory(
        username="hr2", role=User.Role.EMPLOYER, organisation=other_employer.organisation
    )


@pytest.fixture
def vacancy(employer, warehouse, caseworker):
    return VacancyFactory(employer=employer, occupation=warehouse, created_by=caseworker)


@pytest.fixture
def person(case, giessen, warehouse):
    person = case.person
    person.municipality = giessen
    with transaction.atomic(), acting_as(None):
        person.save()
    ResidenceStatusFactory(person=person, valid_until=dt.date.today() + dt.timedelta(days=700))
    ExperienceFactory(person=person, occupation=warehouse)
    return person


@pytest.fixture
def consent(person, employer, caseworker):
    return ConsentFactory(
        person=person,
        purpose=Consent.Purpose.JOB_PLACEMENT,
        recipient=employer.organisation,
        scope="Profil für Vermittlungsvorschlag",
        given_on=dt.date.today() - dt.timedelta(days=3),
        recorded_by=caseworker,
    )
