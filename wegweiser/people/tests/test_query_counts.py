"""The caseworker's busiest pages ask the database a fixed number of queries, whatever the size
of the file: the same ceiling holds on a small and on a large file, so a query per note, step,
title, consent or case (an N+1) fails here before it reaches a full register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wegweiser.cases.tests.factories import CaseFactory, NextStepFactory, NoteFactory
from wegweiser.courses.tests.factories import LevelRecordFactory
from wegweiser.jobs.tests.factories import ExperienceFactory
from wegweiser.people.tests.factories import ConsentFactory, ResidenceStatusFactory

pytestmark = pytest.mark.django_db

# Queries per request, session, permissions and the audit entries included (on PostgreSQL; the
# audit chain lock is one statement more there than on SQLite).
CEILINGS = {
    "person": 46,  # with the referrals, documents and reference numbers panels
    "matching": 38,  # the occupation space's key read once, not four times
    "my_cases": 23,  # the user's team ids read once, for the scope of the dashboard's lists
    "name_search": 23,
    # The rate-limit counter of the test settings (the database cache) takes about eight of
    # them; the name keys are read in one query (five before), full records of 25 at most.
    "intake_search": 33,
    "workload": 10,
}


def grow(case, caseworker, size: int) -> None:
    """`size` of everything the person page lists, and `size` more cases of the caseworker."""
    person = case.person
    today = dt.date.today()
    for i in range(size):
        NoteFactory(case=case, author=caseworker)
        NextStepFactory(case=case, owner=caseworker, due_on=today + dt.timedelta(days=i))
        ResidenceStatusFactory(person=person, valid_from=dt.date(2020 + i % 5, 1, 1))
        ConsentFactory(person=person)
        LevelRecordFactory(person=person)
        ExperienceFactory(person=person)
        other = CaseFactory(team=case.team, caseworker=caseworker)
        NextStepFactory(case=other, owner=caseworker, due_on=today - dt.timedelta(days=i + 1))


@pytest.mark.parametrize("size", [1, 12])
def test_pages_ask_a_fixed_number_of_queries(
    client, caseworker, team_lead, case, size, django_assert_max_num_queries
):
    grow(case, caseworker, size)
    person = case.person
    client.force_login(caseworker)
    # The first request after login records the session's activity (once a minute, not
    # counted here); every page below is then read without a write to the session.
    assert client.get(reverse("cases:my")).status_code == 200
    pages = {
        "person": reverse("people:detail", args=[person.pk]),
        "matching": reverse("jobs:person", args=[person.pk]),
        "my_cases": reverse("cases:my"),
        "name_search": reverse("people:search") + f"?q={person.family_name_latin}",
        "intake_search": reverse("people:find")
        + f"?family_name_latin={person.family_name_latin}"
        + f"&given_names_latin={person.given_names_latin.split()[0]}",
    }
    for name, url in pages.items():
        with django_assert_max_num_queries(CEILINGS[name]):
            response = client.get(url)
        assert response.status_code == 200, name
    client.force_login(team_lead)
    client.get(reverse("cases:my"))
    with django_assert_max_num_queries(CEILINGS["workload"]):
        response = client.get(reverse("cases:workload"))
    assert response.status_code == 200
    # The page still shows what grew: the team lead sees the caseworker's open cases.
    row = next(r for r in response.context["rows"] if r["user"] == caseworker)
    assert row["open"] == size + 1
    assert row["overdue"] == size
