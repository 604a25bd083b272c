"""The caseworker's busiest pages ask the database a fixed number of queries, whatever the size
of the file: the same ceiling holds on a small and on a large file, so a query per note, step,
title, consent or case (an N+1) fails here before it reaches a full register."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import connection
from django.urls import reverse

from wegweiser.appointments.models import Appointment
from wegweiser.cases.tests.factories import CaseFactory, NextStepFactory, NoteFactory
from wegweiser.core.models import AuditEntry
from wegweiser.courses.tests.factories import LevelRecordFactory
from wegweiser.jobs.tests.factories import ExperienceFactory
from wegweiser.partners.models import Referral
from wegweiser.people.tests.factories import ConsentFactory, ResidenceStatusFactory
from wegweiser.people.tests.rich_file import grow_every_kind

pytestmark = pytest.mark.django_db

# Queries per request, session, permissions and the audit entries included (on PostgreSQL; the
# audit chain lock is one statement more there than on SQLite).
CEILINGS = {
    "person": 38,  # every section from one selector, each list read once (people/page.py)
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


# The person page with a file of every kind (people/tests/rich_file.py): the queries it asks on
# SQLite, the same for a file of 1 and of 12 records of each kind. PostgreSQL asks one more: the
# audit chain's lock.
PERSON_PAGE_QUERIES = 38


@pytest.mark.parametrize("size", [1, 12])
def test_person_page_asks_the_same_queries_whatever_the_size_of_the_file(
    client, caseworker, case, size, django_assert_max_num_queries
):
    grow_every_kind(case, caseworker, size)
    person = case.person
    client.force_login(caseworker)
    assert client.get(reverse("cases:my")).status_code == 200
    last = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    lock = 1 if connection.vendor == "postgresql" else 0
    with django_assert_max_num_queries(PERSON_PAGE_QUERIES + lock):
        response = client.get(reverse("people:detail", args=[person.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    # Every section still shows every record of the file.
    assert html.count('id="document-') == size
    assert html.count('id="referral-') == size
    assert html.count('id="enrolment-') == size
    assert html.count('id="qualification-') == size
    assert html.count('id="procedure-') == size
    assert html.count("Spelling ") == size
    # The timeline (paged) holds every record of the file, each note with its next step.
    timeline = response.context["page"].timeline.paginator.object_list
    kinds = Counter(item.kind for item in timeline)
    for kind in ("note", "residence", "enrolment", "qualification", "proposal", "placement"):
        assert kinds[kind] == size, kind
    for kind in ("document", "plan_agreed", "plan_review", "letter", "referral"):
        assert kinds[kind] == size, kind
    assert kinds["appointment"] == 2 * size  # the coming and the past ones of the team
    assert all(len(item.steps) == 1 for item in timeline if item.kind == "note")
    plan = case.plans.get(version=size)
    assert response.context["page"].plan.plan == plan
    assert response.context["page"].plan.open_steps == 2
    # Another team's appointment with the person is not shown, nor counted in the list read.
    shown = response.context["page"].appointments
    assert all(a.team_id == case.team_id for a in shown.appointments)
    # Every read of personal data is recorded, as each section's selector records it.
    entries = AuditEntry.objects.filter(sequence__gt=last)
    reads = set(entries.filter(action="read").values_list("object_type", "purpose"))
    assert reads == {
        ("people.person", "person_view"),
        ("people.person", "person_courses"),
        ("people.person", "person_recognition"),
        ("cases.plan", "plan_view"),
    }
    lists = {e.purpose: sorted(e.object_ids) for e in entries.filter(action="list")}
    assert lists["person_documents"] == sorted(person.documents.values_list("pk", flat=True))
    assert lists["person_referrals"] == sorted(
        Referral.objects.filter(person=person).values_list("pk", flat=True)
    )
    assert lists["case_letters"] == sorted(case.letters.values_list("pk", flat=True))
    assert lists["person_page"] == sorted(
        Appointment.objects.filter(team=case.team, participants__person=person).values_list(
            "pk", flat=True
        )
    )
