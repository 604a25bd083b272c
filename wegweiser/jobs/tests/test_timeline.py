"""The person page's timeline shows what happened across the apps (courses, qualifications,
proposals, placements), and a note saved inline updates the open next steps at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wegweiser.courses.tests.factories import CourseFactory, EnrolmentFactory
from wegweiser.jobs import services
from wegweiser.recognition.tests.factories import QualificationFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _timeline(html: str) -> str:
    return html.split('id="timeline"', 1)[1].split("</section>", 1)[0]


def test_timeline_lists_enrolments_qualifications_proposals_and_placements(
    client, caseworker, case, person, vacancy, consent, warehouse
):
    EnrolmentFactory(person=person, course=CourseFactory(title="Integrationskurs Lich"))
    QualificationFactory(person=person, title_german="Bachelor Bauingenieurwesen")
    proposal = services.proposal_create(actor=caseworker, person=person, vacancy=vacancy)
    placement = services.placement_create(
        actor=caseworker,
        person=person,
        employer=vacancy.employer,
        occupation=warehouse,
        starts_on=dt.date.today(),
        contract="permanent",
        hours="full_time",
    )
    client.force_login(caseworker)
    timeline = _timeline(client.get(reverse("people:detail", args=[person.pk])).content.decode())
    assert "Integrationskurs Lich" in timeline
    assert "Bachelor Bauingenieurwesen" in timeline
    assert reverse("jobs:proposal", args=[proposal.pk]) in timeline
    assert vacancy.title in timeline
    assert reverse("jobs:placement", args=[placement.pk]) in timeline


def test_saved_note_updates_the_open_next_steps_out_of_band(client, caseworker, case):
    client.force_login(caseworker)
    page = client.get(reverse("people:detail", args=[case.person_id])).content.decode()
    assert 'id="open-steps"' in page and "No open next steps." in page
    response = client.post(
        reverse("cases:note_create", args=[case.pk]),
        {
            "date": dt.date.today().isoformat(),
            "channel": "phone",
            "summary": "Unterlagen besprochen.",
            "step_description": "Zeugnis übersetzen lassen",
            "step_due_on": (dt.date.today() + dt.timedelta(days=7)).isoformat(),
            "step_owner": caseworker.pk,
        },
        **HTMX,
    )
    html = response.content.decode()
    steps = html.split('id="open-steps"', 1)[1]
    assert 'hx-swap-oob="true"' in steps.split(">", 1)[0]
    assert "Zeugnis übersetzen lassen" in steps
    assert "No open next steps." not in steps
