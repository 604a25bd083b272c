"""The dashboard pages its open cases and due next steps (25 each, paged on their own), keeps
the other parameters when paging, reads only the page it shows, and still names every
residence title running out."""

from __future__ import annotations

import datetime as dt
from typing import Any

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


def test_a_caseload_beyond_the_cap_is_counted_as_more_than(
    client, caseworker, many_cases, monkeypatch
):
    from wegweiser.cases import selectors

    # 30 open cases and 30 due steps against a cap of 27: counting stops after 28 rows, and
    # the page says "more than 27" instead of a number it did not count.
    monkeypatch.setattr(selectors, "DASHBOARD_COUNT_CAP", 27)
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    with CaptureQueriesContext(connection) as queries:
        first = client.get(reverse("cases:my")).content.decode()
    assert "More than 27 open cases" in first
    assert "30 open cases" not in first
    assert "Next steps due (more than 27)" in first
    assert _rows(first) == 25
    assert "Page 1 of more than 2" in first
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert counts and all("LIMIT 28" in sql for sql in counts if "cases_nextstep" in sql)
    second = client.get(reverse("cases:my"), {"page": 2}).content.decode()
    assert _rows(second) == 2  # the cap's 27, of which 25 are on the first page

    monkeypatch.setattr(selectors, "DASHBOARD_COUNT_CAP", 30)  # exactly at the cap: counted
    html = client.get(reverse("cases:my")).content.decode()
    assert "30 open cases" in html and "Next steps due (30)" in html and "Page 1 of 2" in html


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


# Queries of my cases on SQLite for a caseworker with records of every kind its panels show
# (PostgreSQL asks one more: the audit chain's lock): session, user, second factor, the team
# ids, the open cases (count, page), the due steps (count, page), the expiring titles (ids, the
# page's titles), the plan reviews (count, page), overdue recognition decisions, follow-ups,
# unanswered referrals, appointments (one list and their participants), the audit chain's head
# and its insert, and the test transaction's four savepoint statements.
MY_CASES_QUERIES = 23


def _every_kind(team, caseworker, size: int) -> None:
    """`size` open cases of the caseworker, each with one record of every kind the dashboard
    lists: a due next step, an expiring residence title, a plan review due, an overdue
    recognition decision, a follow-up due, an unanswered referral, an appointment tomorrow and
    one missed."""
    from django.db import transaction

    from wegweiser.appointments.models import Appointment
    from wegweiser.appointments.tests.factories import AppointmentFactory, in_days
    from wegweiser.cases.models import Plan
    from wegweiser.core.audit import acting_as
    from wegweiser.jobs.models import FollowUp, Placement
    from wegweiser.jobs.tests.factories import EmployerFactory
    from wegweiser.partners.models import Referral
    from wegweiser.partners.tests.factories import PartnerFactory
    from wegweiser.recognition.tests.factories import OccupationFactory, ProcedureFactory

    today = dt.date.today()
    employer: Any = EmployerFactory()
    occupation: Any = OccupationFactory()
    partner: Any = PartnerFactory()
    for i in range(size):
        case: Any = CaseFactory(team=team, caseworker=caseworker, status="active")
        person = case.person
        NextStepFactory(case=case, owner=caseworker, due_on=today - dt.timedelta(days=1))
        ResidenceStatusFactory(
            person=person,
            valid_from=dt.date(2024, 1, 1),
            valid_until=today + dt.timedelta(days=10 + i),
        )
        ProcedureFactory(
            person=person,
            application_submitted_on=today - dt.timedelta(days=200),
            documents_complete_on=today - dt.timedelta(days=200),
        )
        AppointmentFactory(case=case, starts_at=in_days(1, hour=8 + i % 10))
        AppointmentFactory(case=case, starts_at=in_days(-2), outcome=Appointment.Outcome.MISSED)
        with transaction.atomic(), acting_as(None):
            Plan.objects.create(
                case=case,
                version=1,
                status=Plan.Status.AGREED,
                integration_goal="Arbeit",
                agreed_on=today - dt.timedelta(days=200),
                review_due_on=today - dt.timedelta(days=1),
                created_by=caseworker,
            )
            placement = Placement.objects.create(
                person=person,
                employer=employer,
                occupation=occupation,
                starts_on=today - dt.timedelta(days=40),
                contract="permanent",
                hours="full_time",
                recorded_by=caseworker,
            )
            FollowUp.objects.create(placement=placement, month=1, due_on=today)
            Referral.objects.create(
                person=person,
                partner=partner,
                purpose="counselling",
                legal_basis="§ 16a SGB II",
                status=Referral.Status.SENT,
                drafted_on=today - dt.timedelta(days=30),
                sent_on=today - dt.timedelta(days=30),
                created_by=caseworker,
            )


@pytest.mark.parametrize("size", [2, 30])
def test_my_cases_asks_the_same_queries_whatever_the_caseload(
    client, caseworker, team, size, django_assert_max_num_queries
):
    _every_kind(team, caseworker, size)
    client.force_login(caseworker)
    client.get(reverse("cases:my"))  # the session's activity is recorded on the first request
    lock = 1 if connection.vendor == "postgresql" else 0
    with django_assert_max_num_queries(MY_CASES_QUERIES + lock):
        response = client.get(reverse("cases:my"))
    html = response.content.decode()
    # Every panel lists what grew (25 a page for the paged ones), so a query per row shows.
    shown = min(size, 25)
    assert f"{size} open cases" in html and _rows(html) == shown
    attention = html.split('id="h-attention"', 1)[1].split('id="h-appointments-today"', 1)[0]
    expiring = attention.split("Residence titles expiring", 1)[1].split("</ul>", 1)[0]
    assert expiring.count("<li>") == shown
    steps = attention.split('id="steps-due"', 1)[1].split("</ul>", 1)[0]
    assert f"Next steps due ({size})" in attention and steps.count("<li>") == shown
    reviews = attention.split('id="plan-reviews-due"', 1)[1].split("</ul>", 1)[0]
    assert reviews.count("<li>") == shown
    for panel in ("recognition", "follow", "referrals-unanswered"):
        assert panel in attention
    assert attention.count(reverse("partners:referral", args=[0]).rsplit("0", 1)[0]) >= size
    appointments = html.split('id="h-appointments-today"', 1)[1].split("</section>", 1)[0]
    assert appointments.count("/appointments/") >= 2 * size
