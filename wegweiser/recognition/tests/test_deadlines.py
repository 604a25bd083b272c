"""The statutory decision period (§6 Abs. 3 BQFG) and the warnings built on it, in frozen time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from freezegun import freeze_time

from wegweiser.core.models import AuditEntry
from wegweiser.recognition.models import RecognitionProcedure, add_months
from wegweiser.recognition.selectors import overdue_procedures
from wegweiser.recognition.tests.factories import ProcedureFactory

D = dt.date


def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert add_months(D(2025, 3, 15), 3) == D(2025, 6, 15)
    assert add_months(D(2025, 11, 30), 3) == D(2026, 2, 28)
    assert add_months(D(2024, 11, 30), 3) == D(2025, 2, 28)
    assert add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)


def test_period_runs_three_months_from_the_later_of_submission_and_complete_documents():
    procedure = RecognitionProcedure(
        application_submitted_on=D(2025, 1, 10), documents_complete_on=D(2025, 2, 3)
    )
    assert procedure.period_starts_on == D(2025, 2, 3)
    assert procedure.decision_due_on == D(2025, 5, 3)


def test_no_period_runs_before_the_application_or_while_requested_documents_are_missing():
    assert RecognitionProcedure(documents_complete_on=D(2025, 1, 1)).decision_due_on is None
    waiting = RecognitionProcedure(
        application_submitted_on=D(2025, 1, 10),
        documents_complete_on=D(2025, 1, 10),
        documents_requested_on=D(2025, 2, 1),
    )
    assert waiting.decision_due_on is None
    waiting.documents_supplied_on = D(2025, 3, 5)
    assert waiting.decision_due_on == D(2025, 6, 5)


def test_an_extension_replaces_the_statutory_date():
    procedure = RecognitionProcedure(
        application_submitted_on=D(2025, 1, 10),
        documents_complete_on=D(2025, 1, 10),
        extended_until=D(2025, 6, 10),
    )
    assert procedure.statutory_due_on == D(2025, 4, 10)
    assert procedure.decision_due_on == D(2025, 6, 10)


@freeze_time("2025-04-01")
def test_near_and_overdue_follow_the_calendar():
    procedure = RecognitionProcedure(
        application_submitted_on=D(2025, 1, 10), documents_complete_on=D(2025, 1, 10)
    )  # due 10 April
    assert procedure.days_to_decision() == 9
    assert procedure.decision_near() and not procedure.is_overdue()
    assert procedure.is_overdue(D(2025, 4, 11))
    assert not procedure.decision_near(D(2025, 3, 1))
    procedure.decision_on, procedure.outcome = D(2025, 3, 30), "full"
    assert procedure.days_to_decision() is None and not procedure.is_overdue(D(2025, 5, 1))


def render(template: str, user, **context):
    request = RequestFactory().get("/")
    request.user = user
    return Template(template).render(Context({"request": request, "csrf_token": "x", **context}))


@pytest.mark.django_db
def test_my_cases_warns_of_overdue_decisions_of_own_cases_only(
    caseworker, colleague, person, other_team_case
):
    with freeze_time("2025-01-15"):
        overdue = ProcedureFactory(
            person=person,
            application_submitted_on=D(2025, 1, 10),
            documents_complete_on=D(2025, 1, 10),
            counselling_on=D(2025, 1, 2),
        )
        ProcedureFactory(
            person=other_team_case.person,
            application_submitted_on=D(2025, 1, 10),
            documents_complete_on=D(2025, 1, 10),
            counselling_on=D(2025, 1, 2),
        )
    with freeze_time("2025-04-10"):  # the last day of the period: not yet overdue
        assert overdue_procedures(user=caseworker) == []
    with freeze_time("2025-04-11"):
        assert overdue_procedures(user=caseworker) == [overdue]
        html = render("{% load recognition_tags %}{% recognition_overdue_panel %}", caseworker)
        assert 'id="recognition-overdue"' in html and "Pflegefachfrau" in html
        entry = AuditEntry.objects.filter(purpose="recognition_overdue").latest("pk")
        assert entry.object_ids == [overdue.pk]
        # the colleague in the same team is not the assigned caseworker
        assert (
            render("{% load recognition_tags %}{% recognition_overdue_panel %}", colleague).strip()
            == ""
        )


@pytest.mark.django_db
def test_person_panel_warns_when_a_decision_is_near(caseworker, person):
    with freeze_time("2025-01-15"):
        ProcedureFactory(
            person=person,
            application_submitted_on=D(2025, 1, 10),
            documents_complete_on=D(2025, 1, 10),
            counselling_on=D(2025, 1, 2),
        )
    template = "{% load recognition_tags %}{% person_recognition_panel person %}"
    with freeze_time("2025-03-01"):
        html = render(template, caseworker, person=person)
        assert 'data-deadline="near"' not in html and "is due on" not in html
    with freeze_time("2025-04-01"):
        html = render(template, caseworker, person=person)
        assert 'data-deadline="near"' in html and "is due on" in html
    with freeze_time("2025-04-20"):
        html = render(template, caseworker, person=person)
        assert 'data-deadline="overdue"' in html and "was due on" in html
