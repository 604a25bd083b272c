"""Recognition fixtures: the caseworker's person with a qualification, and reference data."""

from __future__ import annotations

import pytest

from wegweiser.recognition.tests.factories import (
    AuthorityFactory,
    OccupationFactory,
    ProcedureFactory,
    QualificationFactory,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def person(case):
    return case.person


@pytest.fixture
def nurse():
    return OccupationFactory(
        preferred_label_en="nurse responsible for general care",
        preferred_label_de="Pflegefachkraft für allgemeine Pflege",
        regulated=True,
    )


@pytest.fixture
def cook():
    return OccupationFactory(preferred_label_en="cook", preferred_label_de="Koch/Köchin")


@pytest.fixture
def authority():
    return AuthorityFactory(name="Anerkennungsstelle Musterland")


@pytest.fixture
def qualification(person, nurse):
    return QualificationFactory(person=person, occupation=nurse)


@pytest.fixture
def procedure(person, qualification, nurse, authority):
    return ProcedureFactory(
        person=person,
        qualification=qualification,
        reference_occupation=nurse,
        regulated=True,
        authority=authority,
    )
