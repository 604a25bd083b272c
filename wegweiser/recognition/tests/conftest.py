"""Recognition fixtures: the caseworker's person with a qualification, and reference data."""

from __future__ import annotations

import pytest

from wegweiser.recognition.tests.factories import (
    AuthorityFactory,
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
def authority():
    return AuthorityFactory(name="Anerkennungsstelle Musterland")


@pytest.fixture
def qualification(person):
    return QualificationFactory(person=person)


@pytest.fixture
def procedure(person, qualification, authority):
    return ProcedureFactory(
        person=person,
        qualification=qualification,
        regulated=True,
        authority=authority,
    )
