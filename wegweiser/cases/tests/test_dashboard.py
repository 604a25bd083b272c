"""The dashboard pages its open cases and due next steps (25 each, paged on their own), keeps
the other parameters when paging, reads only the page it shows, and still names every
residence title running out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wegweiser.cases.tests.factories import CaseFactory, NextStepFactory
from wegweiser.core.models import AuditEntry
from wegweiser.people.tests.factories import ResidenceStatusFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_cases(team, caseworker):
    cases = [CaseFactory(team=team, caseworker=caseworker) for _ in range(30)]
    for case in cases:
        NextStepFactory(case=case, owner=caseworker, due_on=dt.date.today() - dt.timedelta(days=1))
    return cases


def _rows(html: str) -> int:
    table = html.split('id="open-cases"', 1)[1].split("</table>", 1)[0]
    return table.count('<tr class="kern-table__row">') - 1  # the header row


def test_open_cases_and_due_steps_are_paged(client, caseworker, many_cases):
    client.force_login(caseworker)
    first = client.get(reverse("cases:my")).content.decode()
    assert "30 open cases" in first
    assert _rows(first) == 25
    steps = first.split('id="steps-due"', 1)[1].split("</div>", 1)[0]
    assert steps.count("<li>") == 25
    assert "Page 1 of 2" in first and "steps=2" in first and "page=2" in first

    second = client.get(reverse("cases:my"), {"page": 2, "steps": 2}).content.decode()
    assert _rows(second) == 5
    steps = second.split('id="steps-due"', 1)[1].split("</div>", 1)[0]
    assert steps.count("<li>") == 5
    assert "steps=2&amp;page=1" in second or "page=1" in second


def test_paging_one_list_keeps_the_others_page(client, caseworker, many_cases):
    client.force_login(caseworker)
    html = client.get(reverse("cases:my"), {"steps": 2}).content.decode()
    cases_pager = html.split('id="open-cases"', 1)[1]
    assert "steps=2&amp;page=2" in cases_pager


def test_only_the_shown_cases_are_logged(client, caseworker, team):
    for _ in range(30):
        CaseFactory(team=team, caseworker=caseworker)
    client.force_login(caseworker)
    client.get(reverse("cases:my"))
    entry = AuditEntry.objects.filter(purpose="my_cases").latest("id")
    assert len(entry.object_ids) == 25


def test_expiring_title_of_a_case_on_another_page_is_still_named(client, caseworker, many_cases):
    last = sorted(many_cases, key=lambda c: c.person.family_name_latin)[-1]
    ResidenceStatusFactory(
        person=last.person,
        valid_from=dt.date(2024, 1, 1),
        valid_until=dt.date.today() + dt.timedelta(days=10),
    )
    ResidenceStatusFactory(  # an older title of another person that ran out is superseded
        person=many_cases[0].person,
        valid_from=dt.date(2023, 1, 1),
        valid_until=dt.date.today() + dt.timedelta(days=10),
    )
    ResidenceStatusFactory(
        person=many_cases[0].person,
        valid_from=dt.date(2025, 1, 1),
        valid_until=dt.date.today() + dt.timedelta(days=400),
    )
    client.force_login(caseworker)
    html = client.get(reverse("cases:my")).content.decode()
    attention = html.split('id="h-attention"', 1)[1].split("</section>", 1)[0]
    assert last.person.family_name_latin in attention
    expiring = attention.split("Next steps due", 1)[0]
    assert many_cases[0].person.family_name_latin not in expiring


def test_expiring_titles_are_paged(client, caseworker, many_cases):
    for number, case in enumerate(many_cases):
        ResidenceStatusFactory(
            person=case.person,
            valid_from=dt.date(2024, 1, 1),
            valid_until=dt.date.today() + dt.timedelta(days=1 + number),
        )
    client.force_login(caseworker)
    html = client.get(reverse("cases:my")).content.decode()
    attention = html.split('id="h-attention"', 1)[1].split("</section>", 1)[0]
    expiring = attention.split("Next steps due", 1)[0]
    assert expiring.count("<li>") == 25
    assert "expiring=2" in expiring
    second = client.get(reverse("cases:my"), {"expiring": 2}).content.decode()
    expiring = second.split('id="h-attention"', 1)[1].split("Next steps due", 1)[0]
    assert expiring.count("<li>") == 5


def test_query_count_does_not_grow_with_the_cases(client, caseworker, team, many_cases):
    client.force_login(caseworker)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("cases:my"))
    for _ in range(30):
        CaseFactory(team=team, caseworker=caseworker)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("cases:my"))
    assert len(large) <= len(small) + 1


def test_the_api_pages_my_cases_and_audits_only_the_page(client, caseworker, team, monkeypatch):
    from wegweiser.cases import selectors

    monkeypatch.setattr(selectors, "API_PAGE_SIZE", 4)
    cases = [CaseFactory(team=team, caseworker=caseworker) for _ in range(6)]
    CaseFactory(team=team, caseworker=caseworker, status="closed", closing_reason="moved")
    client.force_login(caseworker)
    first = [c["id"] for c in client.get("/api/cases/mine").json()]
    second = [c["id"] for c in client.get("/api/cases/mine", {"page": 2}).json()]
    assert len(first) == 4 and len(second) == 2
    assert sorted(first + second) == sorted(c.pk for c in cases)  # the closed one is not mine
    listed = AuditEntry.objects.filter(
        actor=caseworker, action="list", purpose="my_cases"
    ).order_by("pk")
    assert [sorted(entry.object_ids) for entry in listed] == [sorted(first), sorted(second)]


def test_titles_and_steps_outside_the_users_open_cases_are_left_out(
    client, caseworker, team, other_team
):
    """Only the user's own open cases in their teams: not a closed case, not a case the user
    still holds in a team they are not (or no longer) in."""
    soon = dt.date.today() + dt.timedelta(days=10)
    # Names no other text of the page can contain (random names met the caseworker's own).
    own = CaseFactory(team=team, caseworker=caseworker, person__family_name_latin="Qownzyx")
    closed = CaseFactory(
        team=team,
        caseworker=caseworker,
        person__family_name_latin="Qclosedzyx",
        status="closed",
        closing_reason="moved",
        closed_on=dt.date.today(),
    )
    elsewhere = CaseFactory(
        team=other_team, caseworker=caseworker, person__family_name_latin="Qelsewherezyx"
    )
    for case in (own, closed, elsewhere):
        ResidenceStatusFactory(person=case.person, valid_until=soon)
        NextStepFactory(case=case, owner=caseworker, due_on=dt.date.today())
    client.force_login(caseworker)
    html = client.get(reverse("cases:my")).content.decode()
    attention = html.split('id="h-attention"', 1)[1].split("</section>", 1)[0]
    expiring, steps = attention.split("Next steps due", 1)
    assert own.person.family_name_latin in expiring
    assert own.person.family_name_latin in steps
    assert closed.person.family_name_latin not in expiring
    assert elsewhere.person.family_name_latin not in attention
