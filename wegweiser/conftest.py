"""Shared fixtures: a centre with two teams, one user per role, and a case in each team."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import get_resolver

from wegweiser.accounts.models import User
from wegweiser.accounts.tests.factories import OrganisationFactory, TeamFactory, UserFactory
from wegweiser.cases.tests.factories import CaseFactory, OrientationFactory
from wegweiser.core.triggers import install_audit_triggers, remove_audit_triggers
from wegweiser.jobs import tables as matching_tables


@pytest.fixture(autouse=True, scope="session")
def _urls_loaded():
    """The URLs (and with them the API's schemas) are loaded once before any test runs: loaded
    first inside a test under `freeze_time`, the schemas would meet freezegun's stand-in for
    `datetime` and fail, so a test's result would depend on which test ran first."""
    get_resolver().url_patterns  # noqa: B018 - imports the URL configuration


@pytest.fixture(autouse=True)
def _fresh_caches(request):
    """Rate-limit counters live in the cache (a database table) and the matching tables in
    the process; every test starts with none. Only database tests can reach the cache."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None or "live_server" in request.fixturenames:
        committing = "live_server" in request.fixturenames or bool(
            marker and marker.kwargs.get("transaction")
        )
        request.getfixturevalue("transactional_db" if committing else "db")
        cache.clear()
    matching_tables.clear()
    yield


@pytest.fixture(autouse=True)
def _append_only_audit_log(request):
    """Every database test runs with the append-only triggers in place. Tests that commit
    (live server, transaction=True) must let the test database be emptied afterwards, so
    their triggers are removed at teardown and re-installed before the next test."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "live_server" not in request.fixturenames:
        yield
        return
    committing = "live_server" in request.fixturenames or bool(
        marker and marker.kwargs.get("transaction")
    )
    request.getfixturevalue("transactional_db" if committing else "db")
    install_audit_triggers(connection)
    yield
    if committing:
        remove_audit_triggers(connection)


@pytest.fixture
def centre():
    return OrganisationFactory()


@pytest.fixture
def team(centre):
    return TeamFactory(organisation=centre, name="Team Nord")


@pytest.fixture
def other_team(centre):
    return TeamFactory(organisation=centre, name="Team Süd")


@pytest.fixture
def caseworker(team):
    return UserFactory(username="cw", role=User.Role.CASEWORKER, teams=[team])


@pytest.fixture
def colleague(team):
    return UserFactory(username="colleague", role=User.Role.CASEWORKER, teams=[team])


@pytest.fixture
def other_caseworker(other_team):
    return UserFactory(username="other", role=User.Role.CASEWORKER, teams=[other_team])


@pytest.fixture
def team_lead(team):
    return UserFactory(username="lead", role=User.Role.TEAM_LEAD, teams=[team])


@pytest.fixture
def administrator(centre):
    return UserFactory(username="admin", role=User.Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def auditor(centre):
    return UserFactory(username="auditor", role=User.Role.AUDITOR)


@pytest.fixture
def case(team, caseworker):
    case = CaseFactory(team=team, caseworker=caseworker)
    OrientationFactory(case=case)
    return case


@pytest.fixture
def other_team_case(other_team, other_caseworker):
    return CaseFactory(team=other_team, caseworker=other_caseworker)
