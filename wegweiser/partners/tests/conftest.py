"""Partner fixtures: the migration counselling with a consent of the caseworker's person, and
a login of its staff."""

from __future__ import annotations

import pytest

from wegweiser.accounts.tests.factories import UserFactory
from wegweiser.people.models import Consent
from wegweiser.people.tests.factories import ConsentFactory

from .factories import PartnerFactory


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def person(case):
    return case.person


@pytest.fixture
def partner():
    return PartnerFactory()


@pytest.fixture
def other_partner():
    return PartnerFactory()


@pytest.fixture
def consent(person, partner, caseworker):
    return ConsentFactory(
        person=person,
        purpose=Consent.Purpose.COUNSELLING,
        recipient=partner.organisation,
        recorded_by=caseworker,
    )


@pytest.fixture
def partner_staff(partner):
    return UserFactory(username="mbe", role="partner", organisation=partner.organisation)


@pytest.fixture
def other_partner_staff(other_partner):
    return UserFactory(
        username="other-mbe", role="partner", organisation=other_partner.organisation
    )
