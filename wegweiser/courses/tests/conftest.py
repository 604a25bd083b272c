"""Course fixtures: a provider with a location and a course, its staff, and another provider."""

from __future__ import annotations

import pytest

from wegweiser.accounts.models import User
from wegweiser.accounts.tests.factories import UserFactory
from wegweiser.core.tests.factories import MunicipalityFactory
from wegweiser.courses.tests.factories import (
    CourseFactory,
    CourseLocationFactory,
    EntitlementFactory,
    ProviderFactory,
)
from wegweiser.people.tests.factories import ConsentFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def town():
    return MunicipalityFactory(name="Gießen", latitude=50.584, longitude=8.678)


@pytest.fixture
def village():
    return MunicipalityFactory(name="Grünberg", latitude=50.594, longitude=8.958)  # ~20 km


@pytest.fixture
def provider():
    return ProviderFactory(name="Sprachschule Mitte")


@pytest.fixture
def other_provider():
    return ProviderFactory(name="Volkshochschule Nord")


@pytest.fixture
def provider_user(provider):
    return UserFactory(username="teacher", role=User.Role.COURSE_PROVIDER, organisation=provider)


@pytest.fixture
def other_provider_user(other_provider):
    return UserFactory(
        username="other_teacher", role=User.Role.COURSE_PROVIDER, organisation=other_provider
    )


@pytest.fixture
def location(provider, town):
    return CourseLocationFactory(provider=provider, municipality=town, name="Lernzentrum Mitte")


@pytest.fixture
def course(location):
    return CourseFactory(location=location, title="Integrationskurs Vormittag", seats=2)


@pytest.fixture
def person(case, town):
    """The caseworker's person, entitled to an integration course."""
    person = case.person
    EntitlementFactory(person=person)
    return person


@pytest.fixture
def referral_consent(person, provider):
    return ConsentFactory(person=person, recipient=provider)
